import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem, Role } from '@duban/core';
import { factsFor } from './_catalog.js';
import type { TaskFacts } from './_facts.js';
import { JsonDoc } from './_jsondoc.js';
import { createJudge } from './_judge.js';
import type { RuleSet } from './_schema.js';
import { categoryOfRole, type UnitRuleFacts } from './_scoring.js';
import type { UnitTaskFacts } from './_unit-facts.js';

/** One rule test case's outcome. */
export interface RuleTestResult {
  file: string;
  line: number;
  name: string;
  ok: boolean;
  expected: string;
  actual: string;
  /** The rule(s) that decided. */
  rules: string[];
}

/** Outcome of `rules test`. */
export interface RuleTestReport {
  passed: number;
  failed: number;
  results: RuleTestResult[];
  /** Malformed test files or cases (each also counts as failed). */
  errors: Problem[];
}

/**
 * Defaults every case starts from, so a case names only the facts it is about:
 * a task half-way through the year, on schedule, reported recently.
 */
export const DEFAULT_TASK_FACTS: Readonly<TaskFacts> = {
  task: 1,
  asOf: '2019-06-30',
  start: '2019-02-28',
  scheduleStart: '2019-01-01',
  deadline: '2019-12-31',
  deadlineText: '2019年12月31日',
  deadlinePhrase: '年底前',
  daysToDeadline: 184,
  daysOverdue: 0,
  daysSinceStart: 122,
  elapsedRatio: 49.6,
  progressRatio: 50,
  scheduleGap: -0.4,
  scheduleLead: 0.4,
  completed: false,
  state: 'in_progress',
  progressUnit: '市发改委',
  progressDate: '2019-06-20',
  progressSource: 'reporting',
  completedOn: null,
  daysEarly: 0,
  lastReportDate: '2019-06-20',
  lastReportAgeDays: 10,
  reportCount: 3,
};
/** Defaults for (unit, task) scoring cases, on top of the task defaults. */
export const DEFAULT_UNIT_TASK_FACTS: Readonly<Omit<UnitTaskFacts, 'task'>> = {
  unit: '市发改委',
  role: 'lead',
  category: 'lead',
  verdict: 'on_track',
  verdictRule: '正常推进',
  verdictCategory: '',
  convener: false,
  reportingDuty: true,
  unitReportCount: 3,
  unitLastReportAgeDays: 10,
};
/** Defaults for unit scoring cases. */
export const DEFAULT_UNIT_FACTS: Readonly<UnitRuleFacts> = {
  unit: '市发改委',
  asOf: '2019-06-30',
  taskCount: 5,
  leadTasks: 3,
  coTasks: 2,
  responsibleTasks: 0,
  completedTasks: 0,
  onTrackTasks: 5,
  atRiskTasks: 0,
  overdueTasks: 0,
  notDueTasks: 0,
  reportCount: 10,
  missingReports: 0,
  lateReports: 0,
  lateMilestoneText: '',
  daysSinceStart: 122,
};

interface Case {
  name?: unknown;
  facts?: unknown;
  expect?: { status?: unknown; points?: unknown; rule?: unknown };
  scope?: unknown;
}

/** Runs every `dir/*.json` test file against `ruleSet`: facts in, verdict or points out. */
export async function runRuleTests(ruleSet: RuleSet, dir: string): Promise<RuleTestReport> {
  const judge = createJudge(ruleSet, { memo: false });
  const report: RuleTestReport = { passed: 0, failed: 0, results: [], errors: [] };
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  if (!files.length)
    report.errors.push({
      code: 'DUBAN_RULES_TEST_NONE',
      message: 'no rule tests found (*.json)',
      where: { file: dir },
    });
  for (const f of files) {
    const file = join(dir, f);
    const doc = new JsonDoc(file, readFileSync(file, 'utf8'));
    if (doc.syntaxErrors.length) {
      report.errors.push(...doc.syntaxErrors);
      report.failed++;
      continue;
    }
    const root = doc.value as { cases?: unknown } | unknown[];
    const cases = Array.isArray(root) ? root : Array.isArray(root?.cases) ? root.cases : undefined;
    const base: (string | number)[] = Array.isArray(root) ? [] : ['cases'];
    if (!cases) {
      report.errors.push(
        doc.problem('DUBAN_RULES_TEST_SHAPE', [], 'a rule test file is an array of cases, or { "cases": [...] }'),
      );
      report.failed++;
      continue;
    }
    for (const [i, raw] of (cases as Case[]).entries()) {
      const path = [...base, i];
      const problem = checkCase(raw);
      if (problem) {
        report.errors.push(doc.problem('DUBAN_RULES_TEST_CASE', path, problem));
        report.failed++;
        continue;
      }
      const result = await runCase(judge, ruleSet, raw);
      const r: RuleTestResult = { file, line: doc.lineAt(path), name: String(raw.name), ...result };
      report.results.push(r);
      if (r.ok) report.passed++;
      else report.failed++;
    }
  }
  return report;
}

function checkCase(c: Case): string | undefined {
  if (typeof c !== 'object' || c === null) return 'a case is an object { "name", "facts", "expect" }';
  if (typeof c.name !== 'string') return 'a case needs "name"';
  if (typeof c.facts !== 'object' || c.facts === null || Array.isArray(c.facts))
    return 'a case needs "facts": an object of fact values';
  if (
    typeof c.expect !== 'object' ||
    c.expect === null ||
    (c.expect.status === undefined && c.expect.points === undefined)
  )
    return 'a case needs "expect": { "status": … } or { "points": … }';
  const scope = c.expect.status !== undefined ? 'status' : c.scope === 'unit' ? 'unitScore' : 'taskScore';
  const known = factsFor(scope);
  const bad = Object.keys(c.facts).filter((k) => !known.has(k));
  if (bad.length)
    return `unknown fact${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')} for a ${scope === 'status' ? 'status' : scope === 'unitScore' ? 'unit scoring' : 'task scoring'} case`;
  return undefined;
}

async function runCase(
  judge: ReturnType<typeof createJudge>,
  ruleSet: RuleSet,
  c: Case,
): Promise<Omit<RuleTestResult, 'file' | 'line' | 'name'>> {
  const given = c.facts as Record<string, unknown>;
  const wantRule = typeof c.expect?.rule === 'string' ? c.expect.rule : undefined;
  if (c.expect?.status !== undefined) {
    const v = await judge.decide({ ...DEFAULT_TASK_FACTS, ...given });
    const ok = v.status === c.expect.status && (wantRule === undefined || wantRule === v.rule);
    return {
      ok,
      expected: `${String(c.expect.status)}${wantRule ? ` (${wantRule})` : ''}`,
      actual: `${v.status} (${v.rule})`,
      rules: [v.rule],
    };
  }
  const unit = c.scope === 'unit';
  const facts: Record<string, unknown> = unit
    ? { ...DEFAULT_UNIT_FACTS, ...given }
    : { ...DEFAULT_TASK_FACTS, ...DEFAULT_UNIT_TASK_FACTS, ...given };
  const role = facts.role as Role | undefined;
  // The pair's own line follows its role unless the case says otherwise, as in a real scoring pass.
  if (!unit && given.category === undefined && role) facts.category = categoryOfRole(ruleSet.scoring, role) ?? '';
  const all = await (unit ? judge.deciders.unit : judge.deciders.task).matches(facts);
  // A rule charging a line that takes roles applies only to pairs holding one of them.
  const hits = unit
    ? all
    : all.filter((h) => {
        const p = h.params as { points: number; category?: string };
        const key = p.points > 0 ? ruleSet.scoring.bonus.key : (p.category ?? (facts.category as string));
        const roles = ruleSet.scoring.categories.find((k) => k.key === key)?.roles ?? [];
        return !roles.length || (role !== undefined && roles.includes(role));
      });
  let points = 0;
  for (const h of hits) {
    const p = h.params as { points: number; cap?: number };
    points += p.cap !== undefined ? Math.sign(p.points) * Math.min(Math.abs(p.points), p.cap) : p.points;
  }
  points = Math.round(points * 100) / 100;
  const ok = points === c.expect?.points && (wantRule === undefined || hits.some((h) => h.rule === wantRule));
  return {
    ok,
    expected: `${String(c.expect?.points)} points`,
    actual: `${points} points`,
    rules: hits.map((h) => h.rule),
  };
}
