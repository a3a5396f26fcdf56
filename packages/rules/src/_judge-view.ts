import type { JudgedView, Plan, ProgressReport, UnitDirectory } from '@duban/core';
import { createJudge, type Evaluation, type Judge } from './_judge.js';
import type { RuleSet } from './_schema.js';
import type { MilestoneFiling } from './_unit-facts.js';
import { buildJudgedView } from './_view.js';

/** What judging a ledger as of a date needs. */
export interface JudgeViewInput {
  plan: Plan;
  directory: UnitDirectory;
  /** Progress as the ledger lists it (oldest first, superseded entries left out); later reports are ignored. */
  progress: readonly ProgressReport[];
  asOf: string;
  ruleSet: RuleSet;
  /** A judge already built for `ruleSet`, to reuse. */
  judge?: Judge;
  /** 推进方案 filings the ledger holds: when given, plan milestones are judged from them (see EvaluateInput). */
  filings?: readonly MilestoneFiling[];
}

/** Judges a plan as of a date and builds its judged view: the one entry point for documents, the CLI and the web. */
export async function judgeView(input: JudgeViewInput): Promise<{ view: JudgedView; evaluation: Evaluation }> {
  const judge = input.judge ?? createJudge(input.ruleSet);
  // The ledger already leaves superseded entries out; a list that still holds them (a test, a plug-in kit) is read the same way.
  const superseded = new Set<number>();
  for (const r of input.progress) if (r.supersedes !== undefined) superseded.add(r.supersedes);
  const progress = input.progress.filter((r) => r.date <= input.asOf && !(r.id !== undefined && superseded.has(r.id)));
  const evaluation = await judge.evaluate({
    plan: input.plan,
    progress,
    asOf: input.asOf,
    ...(input.filings ? { filings: input.filings } : {}),
  });
  return {
    view: buildJudgedView({
      plan: input.plan,
      directory: input.directory,
      progress,
      ruleSet: input.ruleSet,
      evaluation,
    }),
    evaluation,
  };
}
