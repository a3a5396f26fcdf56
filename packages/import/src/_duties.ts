/**
 * Duty parentheses in a task's text — the one closing the task (…。（市发改委牵头，各县区政府负责）) and those
 * closing a sentence inside it — and the time clauses written in them (年内持续推进).
 */

import { splitList } from './_assign.js';
import { type DeadlineRules, scanDeadlines } from './_deadline.js';
import { hasLabels, hasRoleVerb, parseLabelled, parseRoleSentence, type RoleInfo } from './_roles.js';
import { looksLikeGroup, looksLikeUnit, type UnitIndex } from './_units.js';

/** What reading a duty needs: the plan year and deadline rules for its time clauses. */
export interface DutyContext {
  year: number;
  rules: DeadlineRules;
}

// Duties close a task in round or square brackets: （市发改委牵头） or [责任单位：老街办].
const PAIRS: Record<string, string> = { '）': '（', ']': '[', '］': '［', '】': '【', '〕': '〔' };

/** Offsets of the bracket pair closing `wide` (ignoring a final 。), or -1. */
export function trailingParen(wide: string): { open: number; close: number } {
  let close = wide.length - 1;
  while (close >= 0 && /[。\s；]/.test(wide[close]!)) close--;
  const opener = PAIRS[wide[close] ?? ''];
  if (!opener) return { open: -1, close: -1 };
  const closer = wide[close]!;
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (wide[i] === closer) depth++;
    else if (wide[i] === opener && --depth === 0) return { open: i, close };
  }
  return { open: -1, close: -1 };
}

// A clause of a duty parenthesis that is a time, not a unit: 年内持续推进, 2023年6月底前完成, 长期坚持.
const TIMELESS = /^(?:长期坚持|长期推进|持续推进|持续实施|常态化推进|长期)$/;

/** Moves time clauses out of a duty parenthesis (（国务院各部门分别负责，年内持续推进）) into `info.deadline`. */
export function takeTimeClauses(inner: string, info: RoleInfo, ctx: DutyContext): string {
  const kept: string[] = [];
  for (const clause of inner.split(/[，；]/)) {
    const c = clause.trim();
    if (c && !hasRoleVerb(c) && !hasLabels(c) && (TIMELESS.test(c) || scanDeadlines(c, ctx.year, ctx.rules).length > 0))
      info.deadline = c;
    else kept.push(clause);
  }
  return kept.join('，');
}

/** A parenthesis with no role word counts as a unit list only when every name is a known (or, without a directory, unit-like) name. */
export function isPlainUnitList(inner: string, index: UnitIndex): boolean {
  const names = splitList(inner);
  const known = (n: string) =>
    index.hasDirectory ? index.resolve(n).kind !== 'unknown' : looksLikeUnit(n) || looksLikeGroup(n);
  return names.length > 0 && names.every(known);
}

/**
 * Duty parentheses that close a sentence inside the text rather than at its end: each
 * follows 。 or ； and names roles; the text goes on after it. Read into `info` and cut out
 * of both copies (they stay the same length). A parenthesis after a word (…机制（企业直接
 * 向国家发展改革委申报）) explains that word and stays.
 */
export function takeInnerDuties(
  p: { raw: string; wide: string },
  info: RoleInfo,
  ctx: DutyContext,
): { raw: string; wide: string } | null {
  let { raw, wide } = p;
  let found = false;
  for (let open = wide.indexOf('（'); open > 0; open = wide.indexOf('（', open + 1)) {
    if (!/[。；]/.test(wide[open - 1]!)) continue;
    let depth = 0;
    let close = -1;
    for (let j = open; j < wide.length; j++) {
      if (wide[j] === '（') depth++;
      else if (wide[j] === '）' && --depth === 0) {
        close = j;
        break;
      }
    }
    if (close < 0 || /^[。；\s]*$/.test(wide.slice(close + 1))) continue;
    const inner = wide.slice(open + 1, close);
    if (hasLabels(inner)) parseLabelled(inner, info);
    else if (hasRoleVerb(inner)) parseRoleSentence(takeTimeClauses(inner, info, ctx), info);
    else continue;
    raw = raw.slice(0, open) + raw.slice(close + 1);
    wide = wide.slice(0, open) + wide.slice(close + 1);
    open--;
    found = true;
  }
  return found ? { raw, wide } : null;
}
