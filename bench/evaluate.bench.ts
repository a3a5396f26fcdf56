// Evaluation speed: synthetic plans of 10,000 and 100,000 tasks with progress,
// judged and scored by the default rules (verdicts with explanations, unit scores
// with lines). The naive baseline builds a new json-rules-engine Engine per task
// (and per unit-task pair for scoring) and runs it, as a first implementation would.
// Peak RSS for 100k is measured in a child process (its own maxRSS), so the
// parent's 10k runs and baseline do not count.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plan, ProgressReport, Role, Task } from '@duban/core';
import { computeTaskFacts, createJudge, fillTemplate, loadRuleSet, parameterValues, type RuleSet } from '@duban/rules';
import { Engine } from 'json-rules-engine';
import { type BenchResult, round, timeMedian } from './_lib.js';

const here = dirname(fileURLToPath(import.meta.url));
// The repository root; the bundled child lives elsewhere and is told where it is.
const ROOT = process.env.DUBAN_BENCH_ROOT ?? join(here, '..');
const AS_OF = '2019-09-30';

function rules(): RuleSet {
  const r = loadRuleSet(join(ROOT, 'packages/rules/defaults'));
  if (!r.value) throw new Error(`default rules invalid: ${JSON.stringify(r.errors)}`);
  return r.value;
}

/**
 * A province-sized plan: n tasks over n/40 units, deadlines at month ends (as
 * notices have), one lead and 0–2 co units per task, monthly reports with
 * percentages in steps of 5 or indicator values; some units stop reporting.
 * Deterministic (fixed LCG seed).
 */
export function syntheticPlan(n: number): { plan: Plan; progress: ProgressReport[] } {
  let seed = 20190228;
  // mulberry32: small, deterministic, and uniform enough for `% k` (an LCG's low bits are not).
  const rnd = (k: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % k;
  };
  const unitCount = Math.max(20, Math.floor(n / 40));
  const units = Array.from({ length: unitCount }, (_, i) => `单位${i + 1}`);
  const ends = [
    '03-31',
    '04-30',
    '05-31',
    '06-30',
    '07-31',
    '08-31',
    '09-30',
    '10-31',
    '11-30',
    '12-31',
    '12-31',
    '12-31',
  ];
  const tasks: Task[] = [];
  const progress: ProgressReport[] = [];
  for (let i = 1; i <= n; i++) {
    const lead = units[rnd(unitCount)]!;
    const co = [units[rnd(unitCount)]!, units[rnd(unitCount)]!].slice(0, rnd(3)).filter((u) => u !== lead);
    const assignments = [
      { unit: lead, role: 'lead' as Role },
      ...[...new Set(co)].map((unit) => ({ unit, role: 'co' as Role })),
    ];
    const hasIndicator = rnd(3) === 0;
    const deadline = `2019-${ends[rnd(ends.length)]}`;
    tasks.push({
      number: i,
      section: 1 + (i % 6),
      text: `任务${i}`,
      title: `任务${i}`,
      source: { startLine: i, endLine: i },
      assignments,
      deadline: { phrase: null, date: deadline },
      indicators: hasIndicator
        ? [{ key: '1', text: '指标', metric: '指标', value: 100 + rnd(900), unit: '个', comparator: 'ge' }]
        : [],
    });
    const pace = 0.6 + rnd(70) / 100; // share of the schedule kept: some fast, most near pace, some slow
    const silentFrom = rnd(6) === 0 ? 3 + rnd(5) : 13; // one unit in six stops reporting
    const span = dayOf(deadline) - dayOf('2019-02-28');
    for (let m = 3; m <= 9 && m < silentFrom; m++) {
      const date = `2019-${String(m).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
      const pct = Math.min(100, Math.round((((dayOf(date) - dayOf('2019-02-28')) / span) * 100 * pace) / 5) * 5);
      const target = tasks[i - 1]!.indicators[0]?.value ?? 0;
      const state = pct >= 100 ? 'done' : 'in_progress';
      progress.push(
        hasIndicator
          ? {
              task: i,
              unit: lead,
              date,
              state,
              values: { '1': Math.round((target * pct) / 100) },
              progress: '',
              problems: '',
              nextSteps: '',
              evidence: NO_EVIDENCE,
            }
          : {
              task: i,
              unit: lead,
              date,
              state,
              percent: pct,
              values: NO_VALUES,
              progress: '',
              problems: '',
              nextSteps: '',
              evidence: NO_EVIDENCE,
            },
      );
    }
  }
  const plan: Plan = {
    issuer: '示例省人民政府',
    docNumber: null,
    title: '合成方案',
    date: '2019-02-28',
    year: 2019,
    headline: [],
    milestones: [{ key: '推进方案', text: '推进方案', deadline: { phrase: '3月8日', date: '2019-03-08' } }],
    sections: [],
    tasks,
    units,
    warnings: [],
    sourceDigest: 'synthetic',
  };
  return { plan, progress };
}

// Shared empties: the input should weigh what a ledger's rows weigh, not a copy of [] per report.
const NO_EVIDENCE: string[] = [];
const NO_VALUES: Record<string, number> = {};

function dayOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/** The naive way: a new Engine per task (and per unit-task pair), every rule run, explanation from the result. */
async function naive(rs: RuleSet, plan: Plan, progress: ProgressReport[]): Promise<number> {
  const facts = computeTaskFacts(plan, progress, AS_OF);
  // The rule set's parameters (tolerance, ahead margin …) as facts, the naive way; undefined facts
  // allowed as the real decider allows them (a rule over an unset fact is false, not an error).
  const params = parameterValues(rs);
  let decided = 0;
  for (const t of plan.tasks) {
    const f = facts.get(t.number)! as unknown as Record<string, unknown>;
    const engine = new Engine(
      rs.status.rules.map((r) => ({ ...r, conditions: structuredClone(r.conditions) as never })),
      { allowUndefinedFacts: true },
    );
    const res = await engine.run({ ...params, ...f });
    const top = [...res.results].sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0))[0];
    const reason = top ? fillTemplate(String(top.event?.params?.reason ?? ''), f) : '';
    for (const a of t.assignments) {
      const score = new Engine(
        rs.scoring.taskRules.map((r) => ({ ...r, conditions: structuredClone(r.conditions) as never })),
        { allowUndefinedFacts: true },
      );
      await score.run({
        ...params,
        ...f,
        verdictCategory: top?.event?.params?.category ?? '',
        unit: a.unit,
        role: a.role,
        roleWeight: 1,
        verdict: top?.event?.params?.status,
        convener: false,
        reportingDuty: a.role === 'lead',
        unitReportCount: f.reportCount,
        unitLastReportAgeDays: f.lastReportAgeDays,
      });
    }
    if (reason) decided++;
  }
  return decided;
}

async function child(n: number): Promise<void> {
  const { plan, progress } = syntheticPlan(n);
  // Collect the generator's garbage first (when --expose-gc is given): what should count is the
  // plan and progress held in memory, as after reading them from the ledger, plus the evaluation.
  (globalThis as { gc?: () => void }).gc?.();
  const inputRssMb = process.memoryUsage().rss / 1024 / 1024;
  const judge = createJudge(rules());
  const t0 = performance.now();
  const ev = await judge.evaluate({ plan, progress, asOf: AS_OF });
  const ms = performance.now() - t0;
  process.stdout.write(
    JSON.stringify({
      ms,
      verdicts: ev.verdicts.length,
      scores: ev.scores.length,
      inputRssMb,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
}

/**
 * Runs `child(n)` in a fresh plain-Node process: this file is bundled with esbuild
 * (packages stay external, so @duban/rules is the built dist the CLI uses) because
 * the tsx loader alone adds ~40 MB that a real `duban evaluate` never pays.
 */
async function runChild(n: number): Promise<{ ms: number; maxRssMb: number; inputRssMb: number }> {
  const { build } = await import('esbuild');
  const outfile = join(ROOT, 'node_modules/.cache/duban-bench/evaluate-child.mjs');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  const r = spawnSync(process.execPath, ['--expose-gc', outfile, '--child', String(n)], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, DUBAN_BENCH_ROOT: ROOT },
  });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; maxRssMb: number; inputRssMb: number };
}

export default async function bench(): Promise<BenchResult[]> {
  const rs = rules();
  const judge = createJudge(rs);
  const out: BenchResult[] = [];
  const small = syntheticPlan(10_000);
  const run = (d: ReturnType<typeof syntheticPlan>) => judge.evaluate({ ...d, asOf: AS_OF });
  const check = await run(small);
  if (check.verdicts.length !== 10_000 || !check.verdicts.every((v) => v.reason && v.conditions))
    throw new Error('evaluation incomplete');
  const ms10k = await timeMedian(() => run(small), 5, 1);
  const msNaive = await timeMedian(() => naive(rs, small.plan, small.progress), 3, 1);
  const rate10k = round(10_000 / (ms10k / 1000), 0);
  const naiveRate = round(10_000 / (msNaive / 1000), 0);
  out.push({
    name: 'evaluate.10k',
    value: rate10k,
    unit: 'tasks/s',
    baseline: naiveRate,
    ratio: round(rate10k / naiveRate),
    goal: '≥ 10000 tasks/s, ≥ 5× naive',
    pass: rate10k >= 10_000 && rate10k / naiveRate >= 5,
  });

  const big = syntheticPlan(100_000);
  const ms100k = await timeMedian(() => run(big), 3, 1);
  const rate100k = round(100_000 / (ms100k / 1000), 0);
  // Naive cost per task does not depend on plan size, so the 10k baseline rate stands for 100k too.
  out.push({
    name: 'evaluate.100k',
    value: rate100k,
    unit: 'tasks/s',
    baseline: naiveRate,
    ratio: round(rate100k / naiveRate),
    goal: '≥ 10000 tasks/s, ≥ 5× naive',
    pass: rate100k >= 10_000 && rate100k / naiveRate >= 5,
  });

  const measured = await runChild(100_000);
  out.push({
    name: 'evaluate.100k.rss',
    value: round(measured.maxRssMb, 0),
    unit: 'MB',
    goal: '< 400 MB',
    pass: measured.maxRssMb < 400,
  });
  // For reading the figure above: RSS with only the synthetic plan and its 6 monthly reports per task loaded.
  out.push({ name: 'evaluate.100k.rss.input', value: round(measured.inputRssMb, 0), unit: 'MB' });
  return out;
}

if (process.argv.includes('--child')) {
  const n = Number(process.argv[process.argv.indexOf('--child') + 1] ?? 100_000);
  await child(n);
}
