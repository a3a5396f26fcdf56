import { roleLabels, type ScoreItem, type ScoreLine, type UnitScore } from '@duban/core';
import type { Decider, RuleHit } from './_decider.js';
import type { TaskFacts } from './_facts.js';
import type { ScoringFile } from './_schema.js';
import { fillTemplate } from './_template.js';
import type { UnitFacts } from './_unit-facts.js';

/** The engines a scoring pass needs: one for (unit, task) rules, one for unit rules. */
export interface ScoreDeciders {
  task: Decider;
  unit: Decider;
}

// Points are kept in hundredths (integers) so that lines sum exactly to the total.
const C = 100;
const toPoints = (cents: number) => cents / C;
const REASON_LIMIT = 100_000;

/** A score-sheet line while it is computed: `max` and `score` in hundredths, turned into points in place at the end. */
type Line = ScoreLine;

/** The flat fact object unit rules see. */
export function unitRuleFacts(u: UnitFacts, asOf: string): Record<string, unknown> {
  const { pairs: _pairs, lateMilestones, ...rest } = u;
  return { ...rest, asOf, lateMilestoneText: lateMilestones.join('、') };
}

/**
 * Scores one unit: the base is split into a general line and one line per task
 * (by role weight); deductions come off the line they concern and never below 0;
 * bonuses fill the bonus line up to its cap; the total is the sum of the lines,
 * then kept inside the configured range. Items record the points actually applied,
 * so base + Σ items = total.
 */
export async function scoreUnit(cfg: ScoringFile, d: ScoreDeciders, u: UnitFacts, taskFacts: ReadonlyMap<number, TaskFacts>, asOf: string, titleOf: (task: number) => string | undefined, reasons = new Map<string, string>()): Promise<UnitScore> {
  const items: ScoreItem[] = [];
  const generalC = Math.round(cfg.general.max * C);
  const general: Line = { task: null, role: null, item: cfg.general.item, max: generalC, score: generalC };
  const weights = u.pairs.map((p) => cfg.roleWeights[p.role]);
  const shares = allocate(Math.round(cfg.base * C) - generalC, weights);
  const taskLines: Line[] = u.pairs.map((p, i) => ({ task: p.task, role: p.role, item: `${titleOf(p.task) ?? `任务${p.task}`}（${roleLabels[p.role]}）`, max: shares[i]!, score: shares[i]! }));
  const bonus: Line = { task: null, role: null, item: cfg.bonus.item, max: Math.round(cfg.bonus.cap * C), score: 0 };
  const ruleUsed = new Map<string, number>();

  const apply = (hit: RuleHit, facts: Record<string, unknown>, line: Line, weight: number, task: number | null, role: ScoreItem['role']) => {
    const p = hit.params as { points: number; reason: string; cap?: number; weighted?: boolean };
    const full = Math.round(p.points * (p.weighted === false ? 1 : weight) * C);
    let want = full;
    if (p.cap !== undefined) {
      const left = Math.max(0, Math.round(p.cap * C) - (ruleUsed.get(hit.rule) ?? 0));
      want = Math.sign(want) * Math.min(Math.abs(want), left);
    }
    const target = want > 0 ? bonus : line;
    const applied = want > 0 ? Math.min(want, target.max - target.score) : -Math.min(-want, target.score);
    target.score += applied;
    ruleUsed.set(hit.rule, (ruleUsed.get(hit.rule) ?? 0) + Math.abs(applied));
    // `facts` is this pair's own object, built for this call: no copy per item just to add `points`.
    facts.points = toPoints(Math.abs(applied));
    let reason = fillTemplate(p.reason, facts);
    if (applied !== full) reason += '（受分值上限限制）';
    // The same few sentences recur across 10^5 items: keep one copy of each.
    const known = reasons.get(reason);
    if (known !== undefined) reason = known;
    else if (reasons.size < REASON_LIMIT) reasons.set(reason, reason);
    items.push({ task, role, points: toPoints(applied), rule: hit.rule, reason });
  };

  const needed = d.task.neededFacts;
  for (const [i, pair] of u.pairs.entries()) {
    const tf = taskFacts.get(pair.task) as unknown as Record<string, unknown> | undefined;
    const pf = pair as unknown as Record<string, unknown>;
    // Only the facts the rules read or print: spreading ~25 facts per (unit, task) pair was the hot spot at 10^5 tasks.
    const facts: Record<string, unknown> = {};
    for (const k of needed) facts[k] = k === 'roleWeight' ? weights[i] : k in pf ? pf[k] : tf?.[k];
    for (const hit of await d.task.matches(facts, false)) apply(hit, facts, taskLines[i]!, weights[i]!, pair.task, pair.role);
  }
  const uf = unitRuleFacts(u, asOf);
  for (const hit of await d.unit.matches(uf, false)) apply(hit, uf, general, 1, null, null);

  const lines = [...(general.max > 0 ? [general] : []), ...taskLines, ...(bonus.max > 0 ? [bonus] : [])];
  clampTotal(cfg, lines, items);
  let totalC = 0;
  for (const l of lines) {
    totalC += l.score;
    l.max = toPoints(l.max);
    l.score = toPoints(l.score);
  }
  return { unit: u.unit, base: cfg.base, total: toPoints(totalC), items, lines };
}

/** Splits `totalC` hundredths by weight (largest remainder), so the shares sum exactly to it. */
export function allocate(totalC: number, weights: readonly number[]): number[] {
  if (!weights.length) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const s = sum > 0 ? sum : weights.length;
  const raw = w.map((x) => (totalC * x) / s);
  const out = raw.map(Math.floor);
  let left = totalC - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

/** Moves line scores (bonus first when too high) until the total is inside the range; records the move as an item. */
function clampTotal(cfg: ScoringFile, lines: Line[], items: ScoreItem[]): void {
  const total = lines.reduce((s, l) => s + l.score, 0);
  const lo = Math.round(cfg.range.min * C);
  const hi = Math.round(cfg.range.max * C);
  let delta = total > hi ? hi - total : total < lo ? lo - total : 0;
  if (!delta) return;
  const want = delta;
  const order = delta < 0 ? [...lines].reverse() : lines;
  for (const l of order) {
    if (!delta) break;
    const step = delta < 0 ? -Math.min(-delta, l.score) : Math.min(delta, l.max - l.score);
    l.score += step;
    delta -= step;
  }
  const moved = want - delta;
  if (moved) items.push({ task: null, role: null, points: toPoints(moved), rule: '(range)', reason: `总分按考核分值范围（${cfg.range.min}–${cfg.range.max}分）调整` });
}
