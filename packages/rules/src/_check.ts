import { type Problem, Status } from '@duban/core';
import { factsFor, OPERATORS, type RuleScope } from './_catalog.js';
import { valueFact, walkConditions } from './_conditions.js';
import type { JsonDoc, JsonPath } from './_jsondoc.js';
import { placeholders } from './_template.js';

const OPERATOR_SET: ReadonlySet<string> = new Set(OPERATORS);

/**
 * Checks what zod cannot: fact and operator names, event params, template
 * placeholders, duplicate names and (for status rules) priority conflicts.
 * Works on the raw JSON so every problem is found, not just the first.
 */
export function checkRules(
  doc: JsonDoc,
  rules: unknown,
  at: JsonPath,
  scope: RuleScope,
  names: Map<string, JsonPath>,
  context: RuleContext = {},
): Problem[] {
  const out: Problem[] = [];
  if (!Array.isArray(rules)) return out;
  const facts = factsFor(scope);
  const parameters = context.parameters ?? new Set<string>();
  // Parameters unknown (status.json unreadable): any name may be one, so value references are not checked.
  const values: ReadonlySet<string> =
    context.parameters === undefined
      ? ({ has: () => true, [Symbol.iterator]: () => facts[Symbol.iterator]() } as unknown as ReadonlySet<string>)
      : new Set([...facts, ...parameters]);
  const byPriority = new Map<number, { name: string; path: JsonPath }>();
  rules.forEach((rule, i) => {
    if (typeof rule !== 'object' || rule === null) return;
    const r = rule as Record<string, unknown>;
    const path = [...at, i];
    const name = typeof r.name === 'string' ? r.name : `#${i + 1}`;
    if (typeof r.name === 'string') {
      const prev = names.get(r.name);
      if (prev)
        out.push(
          doc.problem(
            'DUBAN_RULES_DUPLICATE_NAME',
            [...path, 'name'],
            `duplicate rule name "${r.name}" (first used at line ${doc.lineAt(prev)}); verdicts and deductions name their rule, so names must be unique`,
          ),
        );
      else names.set(r.name, [...path, 'name']);
    }
    const walked = walkConditions(r.conditions, [...path, 'conditions']);
    for (const p of walked.problems) out.push(doc.problem('DUBAN_RULES_CONDITION', p.path, p.message));
    for (const leaf of walked.leaves) {
      if (parameters.has(leaf.fact))
        out.push(
          doc.problem(
            'DUBAN_RULES_PARAMETER_AS_FACT',
            [...leaf.path, 'fact'],
            `"${leaf.fact}" is a parameter (a number), not a fact: compare a fact with it, e.g. { "fact": "scheduleGap", "operator": "greaterThan", "value": { "fact": "${leaf.fact}" } }`,
          ),
        );
      else if (!facts.has(leaf.fact))
        out.push(
          doc.problem(
            'DUBAN_RULES_UNKNOWN_FACT',
            [...leaf.path, 'fact'],
            `unknown fact "${leaf.fact}"${suggest(leaf.fact, facts)}`,
          ),
        );
      if (!OPERATOR_SET.has(leaf.operator))
        out.push(
          doc.problem(
            'DUBAN_RULES_UNKNOWN_OPERATOR',
            [...leaf.path, 'operator'],
            `unknown operator "${leaf.operator}"; use one of ${OPERATORS.join(', ')}`,
          ),
        );
      const vf = valueFact(leaf.value);
      if (vf !== undefined && !values.has(vf))
        out.push(
          doc.problem(
            'DUBAN_RULES_UNKNOWN_FACT',
            [...leaf.path, 'value', 'fact'],
            `unknown fact or parameter "${vf}"${suggest(vf, values)}`,
          ),
        );
    }
    out.push(...checkEvent(doc, r.event, [...path, 'event'], scope, values, context));
    if (scope === 'status' && typeof r.priority === 'number') {
      const prev = byPriority.get(r.priority);
      if (prev) {
        out.push(
          doc.problem(
            'DUBAN_RULES_PRIORITY_CONFLICT',
            [...path, 'priority'],
            `rule "${name}" has the same priority ${r.priority} as rule "${prev.name}" (line ${doc.lineAt(prev.path)}); when both match, the verdict would depend on file order — give them different priorities (higher wins)`,
          ),
        );
      } else byPriority.set(r.priority, { name, path: [...path, 'priority'] });
    }
  });
  return out;
}

/** What rule checks need beyond the rules themselves: the parameter names and (for scoring rules) the categories. */
export interface RuleContext {
  parameters?: ReadonlySet<string>;
  /** Category keys of scoring.json (the bonus key included). */
  categories?: ReadonlySet<string>;
}

function checkEvent(
  doc: JsonDoc,
  event: unknown,
  path: JsonPath,
  scope: RuleScope,
  facts: ReadonlySet<string>,
  context: RuleContext,
): Problem[] {
  const out: Problem[] = [];
  if (typeof event !== 'object' || event === null) return out; // zod reports the missing event
  const params = (event as { params?: unknown }).params;
  const p = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  const pp: JsonPath = [...path, 'params'];
  if (scope === 'status') {
    if (!Status.safeParse(p.status).success) {
      out.push(
        doc.problem(
          'DUBAN_RULES_EVENT_STATUS',
          p.status === undefined ? pp : [...pp, 'status'],
          p.status === undefined
            ? 'event has no "status"; a status rule must decide one of completed, on_track, at_risk, overdue, not_due'
            : `event status ${JSON.stringify(p.status)} is not one of completed, on_track, at_risk, overdue, not_due`,
        ),
      );
    }
  } else {
    if (typeof p.points !== 'number' || !Number.isFinite(p.points)) {
      out.push(
        doc.problem(
          'DUBAN_RULES_EVENT_POINTS',
          p.points === undefined ? pp : [...pp, 'points'],
          p.points === undefined
            ? 'event has no "points"; a scoring rule must give points (negative to deduct, positive for a bonus)'
            : `event points must be a number, got ${JSON.stringify(p.points)}`,
        ),
      );
    } else if (!Number.isInteger(p.points * 2))
      out.push(
        doc.problem(
          'DUBAN_RULES_EVENT_POINTS',
          [...pp, 'points'],
          `points ${p.points}: use whole or half points, so every amount on a score sheet reads as its 评分标准 says`,
        ),
      );
    if (p.cap !== undefined && (typeof p.cap !== 'number' || p.cap < 0))
      out.push(
        doc.problem(
          'DUBAN_RULES_EVENT_CAP',
          [...pp, 'cap'],
          '"cap" must be a number ≥ 0: the most points this rule can move per unit',
        ),
      );
    const categories = context.categories ?? new Set<string>();
    if (p.category === undefined) {
      if (scope === 'unitScore')
        out.push(
          doc.problem(
            'DUBAN_RULES_EVENT_CATEGORY',
            pp,
            `a unit rule needs "category": the score-sheet line it charges (${[...categories].join(', ')})`,
          ),
        );
    } else if (typeof p.category !== 'string' || !categories.has(p.category)) {
      out.push(
        doc.problem(
          'DUBAN_RULES_EVENT_CATEGORY',
          [...pp, 'category'],
          `category ${JSON.stringify(p.category)} is not a line of this scoring.json; use one of ${[...categories].join(', ')}`,
        ),
      );
    }
    if (typeof p.standard !== 'string' || !p.standard.trim()) {
      out.push(
        doc.problem(
          'DUBAN_RULES_EVENT_STANDARD',
          p.standard === undefined ? pp : [...pp, 'standard'],
          'event needs "standard": the 评分标准 wording for this rule, with its amount, e.g. "逾期未完成的，每项扣{{points}}分"',
        ),
      );
    } else if (typeof p.points === 'number') {
      const amount = String(Math.abs(p.points));
      const filled = p.standard.replace(/\{\{\s*points\s*\}\}/g, amount);
      if (!filled.includes(amount))
        out.push(
          doc.problem(
            'DUBAN_RULES_EVENT_STANDARD',
            [...pp, 'standard'],
            `the standard must state the amount (${amount}分): write {{points}} or the number in it`,
          ),
        );
      for (const name of placeholders(p.standard)) {
        if (name !== 'points' && context.parameters !== undefined && !context.parameters.has(name))
          out.push(
            doc.problem(
              'DUBAN_RULES_UNKNOWN_PLACEHOLDER',
              [...pp, 'standard'],
              `standard uses {{${name}}}; only {{points}} and parameters may appear in a standard`,
            ),
          );
      }
    }
  }
  if (
    scope === 'status' &&
    p.category !== undefined &&
    (typeof p.category !== 'string' || !/^[a-z][a-z0-9_-]*$/.test(p.category))
  ) {
    out.push(
      doc.problem(
        'DUBAN_RULES_EVENT_CATEGORY',
        [...pp, 'category'],
        'a status rule\'s "category" is a lower-case word documents know (ahead, unreported)',
      ),
    );
  }
  if (typeof p.reason !== 'string' || !p.reason.trim()) {
    out.push(
      doc.problem(
        'DUBAN_RULES_EVENT_REASON',
        p.reason === undefined ? pp : [...pp, 'reason'],
        'event needs "reason": a Chinese sentence template such as "进度{{progressRatio}}%，低于序时进度{{elapsedRatio}}%"',
      ),
    );
  } else {
    for (const name of placeholders(p.reason)) {
      if (!facts.has(name) && !(scope !== 'status' && name === 'points'))
        out.push(
          doc.problem(
            'DUBAN_RULES_UNKNOWN_PLACEHOLDER',
            [...pp, 'reason'],
            `reason uses {{${name}}}, which is not a fact${suggest(name, facts)}`,
          ),
        );
    }
  }
  return out;
}

/** ", did you mean "x"?" for a near miss, else a pointer to the fact table. */
function suggest(name: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best ? `; did you mean "${best}"?` : '; see the fact table in packages/rules/README.md';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
