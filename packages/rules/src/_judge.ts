import type { ConditionTrace, Plan, ProgressReport, Status, UnitScore, Verdict } from '@duban/core';
import { valueFact, walkConditions } from './_conditions.js';
import { Decider, type MemoHit, type RuleHit, traceOf } from './_decider.js';
import { computeTaskFacts, type TaskFacts } from './_facts.js';
import { indexReports, type TaskReports } from './_grouped.js';
import { parameterValues, resolveParameters } from './_parameters.js';
import type { RuleDef, RuleSet } from './_schema.js';
import { categoryOfRole, lineStandards, scoreUnit } from './_scoring.js';
import { fillTemplate, placeholders } from './_template.js';
import { type MilestoneFiling, type UnitFacts, unitFactsFrom } from './_unit-facts.js';

/** The result of judging a plan as of a date. */
export interface Evaluation {
  asOf: string;
  /** One per task, in plan order. Tasks with the same explanation share its (frozen) `facts` and `conditions`. */
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
  /** 推进方案 filings: when given, plan milestones are judged from them instead of from any progress report. */
  filings?: readonly MilestoneFiling[];
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
  const params = parameterValues(ruleSet);
  const statusRules = resolveParameters(ruleSet.status.rules, params);
  const deciders = {
    status: new Decider(statusRules, options),
    task: new Decider(resolveParameters(ruleSet.scoring.taskRules, params), options),
    unit: new Decider(resolveParameters(ruleSet.scoring.unitRules, params), options),
  };
  const factsOf = new Map(statusRules.map((r) => [r.name, factsUsedBy(r)]));
  const categoryOf = new Map(
    statusRules.map((r) => [r.name, typeof r.event.params.category === 'string' ? r.event.params.category : undefined]),
  );
  const standards = lineStandards(ruleSet.scoring, params);
  const factOptions = { scheduleBasis: ruleSet.status.schedule.basis, progressBasis: ruleSet.status.progress.basis };

  async function decide(facts: Readonly<Record<string, unknown>>): Promise<Omit<Verdict, 'task'>> {
    const top = (await deciders.status.matches(facts, true, 1))[0];
    if (!top) return { status: 'on_track', rule: NO_RULE, reason: NO_MATCH, facts: {}, conditions: [] };
    const used: Record<string, unknown> = {};
    for (const f of factsOf.get(top.rule) ?? []) used[f] = facts[f];
    const v: Omit<Verdict, 'task'> = {
      status: top.params.status as Status,
      rule: top.rule,
      reason: fillTemplate(String(top.params.reason ?? ''), facts),
      facts: used,
      conditions: top.conditions,
    };
    const category = categoryOf.get(top.rule);
    if (category) v.category = category;
    return v;
  }

  return {
    ruleSet,
    deciders,
    decide,
    trace: (facts) => deciders.status.trace(facts),
    async evaluate({ plan, progress, asOf, filings }) {
      // Grouped once, compactly, for both fact passes (no array per task).
      let grouped: TaskReports | undefined = indexReports(plan.tasks, progress, asOf);
      const taskFacts = computeTaskFacts(plan, progress, asOf, grouped, factOptions);
      // Sized up front: growing a 10^5-slot array by push leaves ~2 MB of old backing stores until the next full GC.
      const verdicts: Verdict[] = new Array<Verdict>(plan.tasks.length);
      const counts: Record<Status, number> = { completed: 0, on_track: 0, at_risk: 0, overdue: 0, not_due: 0 };
      const explained: Explanations = { byHit: new Map(), size: 0 };
      for (let ti = 0; ti < plan.tasks.length; ti++) {
        const number = plan.tasks[ti]!.number;
        const facts = taskFacts.get(number) as unknown as Record<string, unknown>;
        const hits = await deciders.status.cachedMatches(facts);
        const v: Verdict = hits
          ? verdictOf(number, hits[0], facts, explained)
          : { task: number, ...(await decide(facts)) };
        verdicts[ti] = v;
        counts[v.status]++;
      }
      const unitFacts = unitFactsFrom(
        plan,
        progress,
        asOf,
        (ti) => verdicts[ti]!,
        grouped,
        (role) => categoryOfRole(ruleSet.scoring, role),
        filings,
      );
      // A suspended async function keeps its locals: let the index (~4 MB of typed arrays) go before scoring.
      grouped = undefined;
      const scores: UnitScore[] = [];
      const cfg = ruleSet.scoring;
      const reasons = new Map<string, string>();
      for (const unit of [...unitFacts.keys()].sort())
        scores.push(await scoreUnit(cfg, deciders, unitFacts.get(unit)!, taskFacts, asOf, standards, reasons));
      return { asOf, verdicts, scores, counts, taskFacts, unitFacts };
    },
  };

  /**
   * A verdict from the memoised top match. Its reason, facts and conditions depend only
   * on the rule's trace and the values of the facts it uses, so tasks that agree on
   * those share one (frozen) explanation: at 10^5 tasks a copy per verdict was ~25 MB.
   */
  function verdictOf(
    task: number,
    top: MemoHit | undefined,
    facts: Record<string, unknown>,
    explained: Explanations,
  ): Verdict {
    if (!top) return { task, status: 'on_track', rule: NO_RULE, reason: NO_MATCH, facts: {}, conditions: [] };
    const names = factsOf.get(top.rule) ?? [];
    const key = valuesKey(names, facts);
    const byValues = explained.byHit.get(top);
    let e = key === undefined ? undefined : byValues?.get(key);
    if (!e) {
      const used: Record<string, unknown> = {};
      for (const f of names) used[f] = facts[f];
      e = {
        reason: fillTemplate(String(top.params.reason ?? ''), facts),
        facts: Object.freeze(used),
        conditions: Object.freeze(traceOf(top, facts).map((c) => Object.freeze(c))) as ConditionTrace[],
      };
      if (key !== undefined && explained.size < EXPLAINED_LIMIT) {
        if (byValues) byValues.set(key, e);
        else explained.byHit.set(top, new Map([[key, e]]));
        explained.size++;
      }
    }
    const v: Verdict = {
      task,
      status: top.params.status as Status,
      rule: top.rule,
      reason: e.reason,
      facts: e.facts,
      conditions: e.conditions,
    };
    const category = categoryOf.get(top.rule);
    if (category) v.category = category;
    return v;
  }
}

/** A verdict's explanation, shared by every task whose used facts have the same values. */
interface Explained {
  reason: string;
  facts: Record<string, unknown>;
  conditions: ConditionTrace[];
}

/** The explanations of one evaluation, by memoised match and then by used-fact values. */
interface Explanations {
  byHit: Map<MemoHit, Map<string, Explained>>;
  size: number;
}

const NO_MATCH = '未匹配任何判定规则，按正常推进处理';
// Distinct explanations stay in the thousands (ratios have one decimal); the cap bounds a pathological plan.
const EXPLAINED_LIMIT = 100_000;

/** A key for the values of `names` in `facts` (type-tagged, -0 kept apart), or undefined when one is not a primitive. */
function valuesKey(names: readonly string[], facts: Readonly<Record<string, unknown>>): string | undefined {
  let key = '';
  for (const f of names) {
    const v = facts[f];
    if (v !== null && typeof v === 'object') return undefined;
    key += (Object.is(v, -0) ? 'n-0' : typeof v === 'string' ? 's' + v : (typeof v)[0]! + String(v)) + '\u0000';
  }
  return key;
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
