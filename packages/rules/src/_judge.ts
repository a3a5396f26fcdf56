import type { Plan, ProgressReport, Status, UnitScore, Verdict } from '@duban/core';
import { walkConditions, valueFact } from './_conditions.js';
import { Decider, type RuleHit } from './_decider.js';
import { computeTaskFacts, reportsByTask, type TaskFacts } from './_facts.js';
import type { RuleDef, RuleSet } from './_schema.js';
import { scoreUnit } from './_scoring.js';
import { fillTemplate, placeholders } from './_template.js';
import { computeUnitFacts, type UnitFacts } from './_unit-facts.js';

/** The result of judging a plan as of a date. */
export interface Evaluation {
  asOf: string;
  /** One per task, in plan order. */
  verdicts: Verdict[];
  /** One per unit (groups nobody defines are not units), sorted by unit name. */
  scores: UnitScore[];
  counts: Record<Status, number>;
  taskFacts: Map<number, TaskFacts>;
  unitFacts: Map<string, UnitFacts>;
}

/** What to evaluate: a plan, its progress log and the as-of date. */
export interface EvaluateInput {
  plan: Plan;
  progress: ProgressReport[];
  asOf: string;
}

/** Judges tasks and scores units with one rule set; built once, reused for every evaluation. */
export interface Judge {
  readonly ruleSet: RuleSet;
  /** Verdicts, scores and counts as of `asOf`. */
  evaluate(input: EvaluateInput): Promise<Evaluation>;
  /** The verdict for one task's facts (used by rule tests). */
  decide(facts: Readonly<Record<string, unknown>>): Promise<Omit<Verdict, 'task'>>;
  /** Every status rule, highest priority first, each with its conditions as evaluated (a real engine run). */
  trace(facts: Readonly<Record<string, unknown>>): Promise<RuleHit[]>;
  /** The engines, for scoring rule tests. */
  readonly deciders: { status: Decider; task: Decider; unit: Decider };
}

/** Options for createJudge. */
export interface JudgeOptions {
  /** Memoise engine results per condition-outcome signature (default true; see Decider). */
  memo?: boolean;
}

/** The rule "(none)" decides when no status rule matches: on_track, as the README says. */
export const NO_RULE = '(none)';

/** Builds the judge: ONE json-rules-engine Engine per rule list, reused for every task. */
export function createJudge(ruleSet: RuleSet, options: JudgeOptions = {}): Judge {
  const deciders = {
    status: new Decider(ruleSet.status.rules, options),
    task: new Decider(ruleSet.scoring.taskRules, options),
    unit: new Decider(ruleSet.scoring.unitRules, options),
  };
  const factsOf = new Map(ruleSet.status.rules.map((r) => [r.name, factsUsedBy(r)]));

  async function decide(facts: Readonly<Record<string, unknown>>): Promise<Omit<Verdict, 'task'>> {
    const top = (await deciders.status.matches(facts, true, 1))[0];
    if (!top) return { status: 'on_track', rule: NO_RULE, reason: '未匹配任何判定规则，按正常推进处理', facts: {}, conditions: [] };
    const used: Record<string, unknown> = {};
    for (const f of factsOf.get(top.rule) ?? []) used[f] = facts[f];
    return { status: top.params.status as Status, rule: top.rule, reason: fillTemplate(String(top.params.reason ?? ''), facts), facts: used, conditions: top.conditions };
  }

  return {
    ruleSet,
    deciders,
    decide,
    trace: (facts) => deciders.status.trace(facts),
    async evaluate({ plan, progress, asOf }) {
      // Grouped once for both fact passes: at 10^5 tasks a second grouping is ~15 MB of garbage.
      const grouped = reportsByTask(progress, asOf);
      const taskFacts = computeTaskFacts(plan, progress, asOf, grouped);
      const verdicts: Verdict[] = [];
      const counts: Record<Status, number> = { completed: 0, on_track: 0, at_risk: 0, overdue: 0, not_due: 0 };
      const byTask = new Map<number, Status>();
      for (const task of plan.tasks) {
        const d = await decide(taskFacts.get(task.number) as unknown as Record<string, unknown>);
        const v: Verdict = { task: task.number, status: d.status, rule: d.rule, reason: d.reason, facts: d.facts, conditions: d.conditions };
        verdicts.push(v);
        counts[v.status]++;
        byTask.set(task.number, v.status);
      }
      const unitFacts = computeUnitFacts(plan, progress, asOf, byTask, grouped);
      const titles = new Map(plan.tasks.map((t) => [t.number, t.title]));
      const scores: UnitScore[] = [];
      const cfg = ruleSet.scoring;
      for (const unit of [...unitFacts.keys()].sort()) scores.push(await scoreUnit(cfg, deciders, unitFacts.get(unit)!, taskFacts, asOf, titles));
      return { asOf, verdicts, scores, counts, taskFacts, unitFacts };
    },
  };
}

/** The facts a rule reads, in its conditions and in its reason template: a verdict's compact explanation. */
export function factsUsedBy(rule: RuleDef): string[] {
  const out = new Set<string>();
  for (const l of walkConditions(rule.conditions, []).leaves) {
    out.add(l.fact);
    const ref = valueFact(l.value);
    if (ref) out.add(ref);
  }
  const reason = rule.event.params.reason;
  if (typeof reason === 'string') for (const p of placeholders(reason)) out.add(p);
  return [...out];
}
