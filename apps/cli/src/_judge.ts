import {
  answeringText,
  DubanError,
  ERRORS,
  type JudgedTask,
  type JudgedView,
  type Plan,
  type ProgressReport,
  statusLabels,
  type UnitDirectory,
} from '@duban/core';
import type { Evaluation, MilestoneFiling, RuleSet } from '@duban/rules';
import type { CliEnv } from './_env.js';

// Reading and judging the ledger, shared by evaluate, scores, rules explain/diff and report.
// It lives outside commands/ because a command is not a library (biome.jsonc boundary rules).

/** Checks a YYYY-MM-DD date given on the command line. */
export function parseAsOf(value: string | undefined, flag = '--as-of'): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (
    value === undefined ||
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(d.getTime()) ||
    d.toISOString().slice(0, 10) !== value
  ) {
    throw new DubanError('DUBAN_EVALUATE_DATE', `${flag} ${value ?? ''} is not a date`.trim(), {
      hint: `write ${flag} as YYYY-MM-DD, e.g. ${flag} 2019-06-30`,
    });
  }
  return value;
}

/** Loads and validates a rule set directory; throws one error listing every problem. */
export async function loadRulesOrThrow(dir: string): Promise<RuleSet> {
  const { loadRuleSet } = await import('@duban/rules');
  const r = loadRuleSet(dir);
  if (r.errors.length || !r.value) {
    throw new DubanError(
      'DUBAN_RULES_INVALID',
      `the rule set in ${dir} has ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}`,
      {
        where: { file: dir },
        problems: r.errors,
        hint: 'fix each line above; `duban rules check` re-validates without touching the ledger',
      },
    );
  }
  return r.value;
}

/**
 * Reads the current plan, the progress dated on/before `asOf` and the 推进方案 filings
 * (undefined while none is stored; see Workspace.milestoneFilings) from the ledger, read-only.
 */
export async function readLedger(
  env: CliEnv,
  asOf: string,
): Promise<{ plan: Plan; directory: UnitDirectory; progress: ProgressReport[]; filings?: MilestoneFiling[] }> {
  const { openWorkspace } = await import('@duban/store');
  const ws = openWorkspace(env.dbPath(), await env.ledgerOptions({ mustExist: true, readonly: true }));
  try {
    return ws.ledger.snapshot(() => {
      // One read transaction: an import committing between the reads must not mix plan, progress and filings.
      const current = ws.ledger.currentPlan();
      if (!current)
        throw new DubanError('DUBAN_EVALUATE_NO_PLAN', ERRORS.LedgerHasNoPlan.message(), {
          where: { file: env.dbPath() },
        });
      const filings = ws.milestoneFilings();
      return {
        plan: current.plan,
        directory: current.directory,
        progress: ws.ledger.listProgress({ asOf }),
        ...(filings ? { filings } : {}),
      };
    });
  } finally {
    ws.close();
  }
}

/** Judges the ledger as of a date and builds the judged view: what evaluate, scores and every document read. */
export async function judgeLedger(
  env: CliEnv,
  asOf: string,
  rulesDir: string | undefined,
): Promise<{ plan: Plan; progress: ProgressReport[]; evaluation: Evaluation; view: JudgedView; ruleSet: RuleSet }> {
  const ruleSet = await loadRulesOrThrow(rulesDir ?? env.config().rules);
  const { plan, directory, progress, filings } = await readLedger(env, asOf);
  const { judgeView } = await import('@duban/rules');
  // The web judges with the same filings: the CLI and the pages never disagree on a unit's 推进方案.
  const { view, evaluation } = await judgeView({
    plan,
    directory,
    progress,
    asOf,
    ruleSet,
    ...(filings ? { filings } : {}),
  });
  return { plan, progress, evaluation, view, ruleSet };
}

/** A task of the judged view as `evaluate --json` prints it: the same figure and reason every document quotes, and the facts the rules saw. */
export function taskJson(t: JudgedTask, facts: unknown) {
  return {
    task: t.task,
    title: t.title,
    status: t.verdict.status,
    label: t.verdict.label,
    rule: t.verdict.rule,
    reason: t.verdict.reason,
    category: t.verdict.category,
    figure: t.figure,
    elapsed: t.elapsed,
    gap: t.gap,
    deadline: t.deadline,
    lead: t.lead,
    co: t.co,
    responsible: t.responsible,
    noLead: t.noLead,
    byUnit: t.byUnit,
    indicators: t.indicators,
    facts,
  };
}

/** Loads rules and ledger and judges them as of a date: the common core of evaluate, scores and rules explain/diff. */
export async function evaluateLedger(
  env: CliEnv,
  asOf: string,
  rulesDir: string | undefined,
): Promise<{
  plan: Plan;
  progress: ProgressReport[];
  filings?: MilestoneFiling[];
  evaluation: Evaluation;
  ruleSet: RuleSet;
}> {
  const ruleSet = await loadRulesOrThrow(rulesDir ?? env.config().rules);
  const { plan, progress, filings } = await readLedger(env, asOf);
  const { createJudge } = await import('@duban/rules');
  const evaluation = await createJudge(ruleSet).evaluate({ plan, progress, asOf, ...(filings ? { filings } : {}) });
  return { plan, progress, ...(filings ? { filings } : {}), evaluation, ruleSet };
}

/** 已完成 3，正常推进 40，进度滞后 5，逾期未完成 2（共 50 项） */
export function countsLine(counts: Evaluation['counts']): string {
  const parts = (Object.keys(statusLabels) as (keyof typeof statusLabels)[])
    .filter((s) => s !== 'not_due' || counts.not_due > 0)
    .map((s) => `${statusLabels[s]} ${counts[s]}`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${parts.join('，')}（共 ${total} 项）`;
}

/** The units answering for a task as a table prints them: 牵头 units, else the 责任单位 marked （分工负责）. */
export function answerableText(t: Pick<JudgedTask, 'lead' | 'responsible' | 'noLead'>): string {
  return answeringText(t);
}
