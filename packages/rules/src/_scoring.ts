import type { Role, ScoreItem, ScoreLine, UnitScore } from '@duban/core';
import type { Decider, RuleHit } from './_decider.js';
import type { TaskFacts } from './_facts.js';
import type { RuleDef, ScoringFile } from './_schema.js';
import { fillTemplate, printValue } from './_template.js';
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
const NO_ROWS: ScoreLine['rows'] = Object.freeze([]) as unknown as ScoreLine['rows'];

/** The flat facts a unit rule sees: the unit's facts with the evaluation date and its late milestones as text. */
export type UnitRuleFacts = Omit<UnitFacts, 'pairs' | 'lateMilestones'> & { asOf: string; lateMilestoneText: string };

/** The flat fact object unit rules see. */
export function unitRuleFacts(u: UnitFacts, asOf: string): UnitRuleFacts {
  const { pairs: _pairs, lateMilestones, ...rest } = u;
  return { ...rest, asOf, lateMilestoneText: lateMilestones.join('、') };
}

/** The category a (unit, task) pair falls under by its role, or undefined when no line takes that role. */
export function categoryOfRole(cfg: ScoringFile, role: Role): string | undefined {
  return cfg.categories.find((k) => k.roles.includes(role))?.key;
}

/**
 * The 评分标准 of every line, written from the rules that can charge it (their
 * `standard`, amount filled in), so each amount a sheet deducts or adds is stated
 * in its own line's standard. Made once per rule set.
 */
export function lineStandards(
  cfg: ScoringFile,
  parameters: Readonly<Record<string, number>> = {},
): Map<string, string> {
  const byKey = new Map<string, string[]>();
  const push = (key: string, text: string) => {
    const list = byKey.get(key) ?? [];
    if (!list.includes(text)) list.push(text);
    byKey.set(key, list);
  };
  const standardOf = (r: RuleDef) => {
    const p = r.event.params as { points: number; standard?: string };
    return fillTemplate(String(p.standard ?? ''), { ...parameters, points: Math.abs(p.points) }).replace(
      /[。；;，,\s]+$/u,
      '',
    );
  };
  for (const r of [...cfg.taskRules, ...cfg.unitRules]) {
    const p = r.event.params as { points: number; category?: string };
    const key = p.points > 0 ? cfg.bonus.key : p.category;
    if (key) push(key, standardOf(r));
    // A task rule without a category charges the line of the pair's role: every role line may see it.
    else for (const k of cfg.categories) if (k.roles.length) push(k.key, standardOf(r));
  }
  const out = new Map<string, string>();
  for (const k of cfg.categories) {
    const parts = byKey.get(k.key) ?? [];
    const text = parts.length ? `${parts.join('；')}；扣完为止。` : '无扣分事项的，得满分。';
    out.set(k.key, k.note ? `${text}${k.note}` : text);
  }
  const bonus = byKey.get(cfg.bonus.key) ?? [];
  out.set(cfg.bonus.key, bonus.length ? `${bonus.join('；')}；最多加${printValue(cfg.bonus.cap)}分。` : '不设加分。');
  return out;
}

/** A line while it is computed: max and score in hundredths, turned into points at the end. */
interface Line {
  key: string;
  item: string;
  max: number;
  score: number;
  bonus: boolean;
}

/**
 * Scores one unit (扣分制): every line starts at its 分值 (the bonus line at 0);
 * each matching rule takes its points off the line it charges — its `category`,
 * else the line of the pair's role — never below 0, and a bonus adds up to the
 * cap; rules whose category takes roles apply only to pairs holding such a role.
 * The total is the sum of the lines, kept inside the configured range. Items
 * record the points actually applied, so base + Σ items = total.
 */
export async function scoreUnit(
  cfg: ScoringFile,
  d: ScoreDeciders,
  u: UnitFacts,
  taskFacts: ReadonlyMap<number, TaskFacts>,
  asOf: string,
  standards: ReadonlyMap<string, string>,
  reasons = new Map<string, string>(),
  extra: (pair: UnitFacts['pairs'][number]) => Record<string, unknown> = () => ({}),
): Promise<UnitScore> {
  const items: ScoreItem[] = [];
  const lines: Line[] = cfg.categories.map((k) => ({
    key: k.key,
    item: k.item,
    max: Math.round(k.max * C),
    score: Math.round(k.max * C),
    bonus: false,
  }));
  if (cfg.bonus.cap > 0)
    lines.push({ key: cfg.bonus.key, item: cfg.bonus.item, max: Math.round(cfg.bonus.cap * C), score: 0, bonus: true });
  const lineOf = new Map(lines.map((l) => [l.key, l]));
  const rolesOf = new Map(cfg.categories.map((k) => [k.key, k.roles as readonly Role[]]));
  const ruleUsed = new Map<string, number>();

  const apply = (
    hit: RuleHit,
    facts: Record<string, unknown>,
    roleKey: string | undefined,
    task: number | null,
    role: Role | null,
  ) => {
    const p = hit.params as { points: number; reason: string; cap?: number; category?: string };
    const key = p.points > 0 ? cfg.bonus.key : (p.category ?? roleKey);
    const target = key === undefined ? undefined : lineOf.get(key);
    if (!target) return;
    // A rule charging a role line applies only to pairs whose role that line takes.
    const roles = rolesOf.get(target.key);
    if (role && roles?.length && !roles.includes(role)) return;
    const full = Math.round(p.points * C);
    let want = full;
    if (p.cap !== undefined) {
      const left = Math.max(0, Math.round(p.cap * C) - (ruleUsed.get(hit.rule) ?? 0));
      want = Math.sign(want) * Math.min(Math.abs(want), left);
    }
    const applied = want > 0 ? Math.min(want, target.max - target.score) : -Math.min(-want, target.score);
    target.score += applied;
    ruleUsed.set(hit.rule, (ruleUsed.get(hit.rule) ?? 0) + Math.abs(applied));
    // `facts` is this pair's own object, built for this call: no copy per item just to add `points`.
    facts.points = toPoints(Math.abs(applied));
    let reason = fillTemplate(p.reason, facts);
    if (applied !== full) reason += applied === 0 ? '（该项分值已扣完，不再扣分）' : '（受该项分值限制）';
    // The same few sentences recur across 10^5 items: keep one copy of each.
    const known = reasons.get(reason);
    if (known !== undefined) reason = known;
    else if (reasons.size < REASON_LIMIT) reasons.set(reason, reason);
    items.push({ task, role, points: toPoints(applied), rule: hit.rule, reason, category: target.key });
  };

  const needed = d.task.neededFacts;
  for (const pair of u.pairs) {
    const tf = taskFacts.get(pair.task) as unknown as Record<string, unknown> | undefined;
    const pf = pair as unknown as Record<string, unknown>;
    const more = extra(pair);
    // Only the facts the rules read or print: spreading ~25 facts per (unit, task) pair was the hot spot at 10^5 tasks.
    const facts: Record<string, unknown> = {};
    for (const k of needed) facts[k] = k in pf ? pf[k] : k in more ? more[k] : tf?.[k];
    for (const hit of await d.task.matches(facts, false)) apply(hit, facts, pair.category, pair.task, pair.role);
  }
  const uf = unitRuleFacts(u, asOf);
  for (const hit of await d.unit.matches(uf, false)) apply(hit, uf, undefined, null, null);

  clampTotal(cfg, lines, items);
  let totalC = 0;
  const out: ScoreLine[] = lines.map((l) => {
    totalC += l.score;
    return {
      key: l.key,
      item: l.item,
      max: toPoints(l.max),
      score: toPoints(l.score),
      standard: standards.get(l.key) ?? '',
      bonus: l.bonus,
      rows: NO_ROWS,
    };
  });
  return { unit: u.unit, base: cfg.base, total: toPoints(totalC), items, lines: out };
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
  let moved: Line | undefined;
  for (const l of order) {
    if (!delta) break;
    const step = delta < 0 ? -Math.min(-delta, l.score) : Math.min(delta, l.max - l.score);
    l.score += step;
    delta -= step;
    if (step) moved ??= l;
  }
  const shift = want - delta;
  if (shift)
    items.push({
      task: null,
      role: null,
      points: toPoints(shift),
      rule: '(range)',
      reason: `总分按考核分值范围（${cfg.range.min}–${cfg.range.max}分）调整`,
      category: moved?.key ?? cfg.bonus.key,
    });
}
