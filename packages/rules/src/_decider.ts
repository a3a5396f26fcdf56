import type { ConditionTrace } from '@duban/core';
import { Engine, type RuleResult } from 'json-rules-engine';
import { valueFact, walkConditions } from './_conditions.js';
import { type Evaluate, engineOperators, evaluator, type OperatorName } from './_operators.js';
import type { RuleDef } from './_schema.js';
import { placeholders } from './_template.js';

/** A rule that matched (or, in a full trace, did not), with its conditions as evaluated. */
export interface RuleHit {
  rule: string;
  priority: number;
  result: boolean;
  params: Record<string, unknown>;
  conditions: ConditionTrace[];
}

interface LeafKey {
  fact: string;
  operator: string;
  value: unknown;
  ref: string | undefined;
}
/** A memoised match: the rule and its conditions' outcomes, fact values left to refill per task. */
export interface MemoHit {
  rule: string;
  priority: number;
  params: Record<string, unknown>;
  conditions: (Omit<ConditionTrace, 'factValue'> & { evaluated: boolean })[];
}

const MEMO_LIMIT = 50_000;

/**
 * One json-rules-engine Engine for a list of rules, built once and reused.
 *
 * Speed: every distinct leaf condition is first evaluated with the engine's own
 * operator objects. Which rules match, and the shape of their trace, depend only
 * on those leaf outcomes (all/any/not are boolean combinations), so the engine's
 * result is memoised per outcome signature and only the fact values are refilled.
 * A new signature always goes through `engine.run`. `memo: false` disables this.
 */
export class Decider {
  /** Facts any rule reads: only these are handed to the engine as runtime facts. */
  readonly usedFacts: string[];
  /** Facts any rule reads or prints in its reason: all a caller needs to supply. */
  readonly neededFacts: string[];
  private readonly engine: Engine;
  private readonly leaves: LeafKey[];
  private readonly operators: Evaluate[];
  private readonly memo = new Map<number | string, MemoHit[]>();

  constructor(
    private readonly rules: readonly RuleDef[],
    private readonly options: { memo?: boolean } = {},
  ) {
    this.engine = new Engine(
      rules.map((r) => ({
        name: r.name,
        priority: r.priority,
        conditions: structuredClone(r.conditions) as never,
        event: structuredClone(r.event),
      })),
      { allowUndefinedFacts: true },
    );
    for (const op of engineOperators()) this.engine.addOperator(op);
    const seen = new Map<string, LeafKey>();
    const used = new Set<string>();
    for (const r of rules) {
      for (const l of walkConditions(r.conditions, []).leaves) {
        const ref = valueFact(l.value);
        used.add(l.fact);
        if (ref) used.add(ref);
        seen.set(JSON.stringify([l.fact, l.operator, l.value]), {
          fact: l.fact,
          operator: l.operator,
          value: l.value,
          ref,
        });
      }
    }
    this.leaves = [...seen.values()];
    this.usedFacts = [...used];
    const needed = new Set(used);
    for (const r of rules)
      if (typeof r.event.params.reason === 'string') for (const p of placeholders(r.event.params.reason)) needed.add(p);
    this.neededFacts = [...needed];
    // The same comparisons the engine was just given (public addOperator): memo and engine agree by construction.
    this.operators = this.leaves.map((l) => evaluator(l.operator as OperatorName));
  }

  /**
   * The rules that match `facts`, highest priority first. `trace: false` skips rebuilding
   * conditions (scoring needs none); `limit` stops after that many (a verdict needs one).
   */
  async matches(facts: Readonly<Record<string, unknown>>, trace = true, limit = Infinity): Promise<RuleHit[]> {
    if (this.options.memo === false) return (await this.trace(facts)).filter((h) => h.result).slice(0, limit);
    const cached = await this.memoised(facts);
    return (cached.length > limit ? cached.slice(0, limit) : cached).map((h) => ({
      rule: h.rule,
      priority: h.priority,
      result: true,
      params: h.params,
      conditions: !trace ? [] : traceOf(h, facts),
    }));
  }

  /**
   * The memoised matches (shared, read-only: no copy per call), highest priority first;
   * `undefined` when memoisation is off. Refill conditions with `traceOf`.
   */
  async cachedMatches(facts: Readonly<Record<string, unknown>>): Promise<readonly MemoHit[] | undefined> {
    return this.options.memo === false ? undefined : this.memoised(facts);
  }

  private async memoised(facts: Readonly<Record<string, unknown>>): Promise<MemoHit[]> {
    // A bit mask while it fits (no string garbage per task), else a string of 0/1.
    let sig: number | string = this.leaves.length <= 30 ? 0 : '';
    for (let i = 0; i < this.leaves.length; i++) {
      const l = this.leaves[i]!;
      const hit = this.operators[i]!(facts[l.fact], l.ref === undefined ? l.value : facts[l.ref]);
      sig = typeof sig === 'number' ? (hit ? sig | (1 << i) : sig) : sig + (hit ? '1' : '0');
    }
    let cached = this.memo.get(sig);
    if (!cached) {
      const hits = (await this.trace(facts)).filter((h) => h.result);
      cached = hits.map((h) => ({
        ...h,
        conditions: h.conditions.map(({ factValue, ...c }) => ({
          ...c,
          evaluated: factValue !== undefined || c.result,
        })),
      }));
      if (this.memo.size < MEMO_LIMIT) this.memo.set(sig, cached);
    }
    return cached;
  }

  /** Runs the engine for real and returns every rule, matched or not, highest priority first. */
  async trace(facts: Readonly<Record<string, unknown>>): Promise<RuleHit[]> {
    const runtime: Record<string, unknown> = {};
    for (const f of this.usedFacts) runtime[f] = facts[f];
    const res = await this.engine.run(runtime);
    const all = [...res.results, ...res.failureResults].map(toHit);
    const order = new Map(this.rules.map((r, i) => [r.name, i]));
    return all.sort((a, b) => b.priority - a.priority || (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0));
  }
}

/** A memoised match's conditions with `facts`' values filled in (only those the engine evaluated). */
export function traceOf(h: MemoHit, facts: Readonly<Record<string, unknown>>): ConditionTrace[] {
  return h.conditions.map((c) => ({
    fact: c.fact,
    operator: c.operator,
    value: c.value,
    factValue: c.evaluated ? facts[c.fact] : undefined,
    result: c.result,
  }));
}

function toHit(r: RuleResult): RuleHit {
  const conditions: ConditionTrace[] = [];
  flatten(r.conditions, conditions);
  return {
    rule: r.name,
    priority: r.priority ?? 1,
    result: r.result === true,
    params: (r.event?.params ?? {}) as Record<string, unknown>,
    conditions,
  };
}

function flatten(node: unknown, out: ConditionTrace[]): void {
  const n = node as {
    all?: unknown[];
    any?: unknown[];
    not?: unknown;
    fact?: string;
    operator?: string;
    value?: unknown;
    factResult?: unknown;
    result?: boolean;
  };
  if (Array.isArray(n.all)) for (const c of n.all) flatten(c, out);
  else if (Array.isArray(n.any)) for (const c of n.any) flatten(c, out);
  else if (n.not !== undefined) flatten(n.not, out);
  else if (typeof n.fact === 'string')
    out.push({
      fact: n.fact,
      operator: n.operator ?? '',
      value: n.value,
      factValue: n.factResult,
      result: n.result === true,
    });
}
