import type { RuleDef, RuleSet } from './_schema.js';
import { placeholders, printValue } from './_template.js';

/** The rule set's parameters as plain numbers (status.json `parameters`). */
export function parameterValues(ruleSet: Pick<RuleSet, 'status'>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(ruleSet.status.parameters)) out[name] = p.value;
  return out;
}

/**
 * The rules with every parameter written in: `{ "fact": "tolerance" }` values
 * become the number, `{{tolerance}}` in reasons and standards becomes its text.
 * Engines then see constants (no per-task parameter facts), and traces show the
 * threshold that applied.
 */
export function resolveParameters(rules: readonly RuleDef[], params: Readonly<Record<string, number>>): RuleDef[] {
  return rules.map((r) => ({
    ...r,
    conditions: substitute(r.conditions, params) as RuleDef['conditions'],
    event: {
      ...r.event,
      params: Object.fromEntries(
        Object.entries(r.event.params).map(([k, v]) => [
          k,
          typeof v === 'string' && (k === 'reason' || k === 'standard') ? fillParameters(v, params) : v,
        ]),
      ),
    },
  }));
}

/** Fills only the placeholders that name parameters; fact placeholders stay for later. */
export function fillParameters(template: string, params: Readonly<Record<string, number>>): string {
  if (!placeholders(template).some((p) => Object.hasOwn(params, p))) return template;
  return template.replace(/\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g, (m, name: string) =>
    Object.hasOwn(params, name) ? printValue(params[name]) : m,
  );
}

function substitute(node: unknown, params: Readonly<Record<string, number>>): unknown {
  if (Array.isArray(node)) return node.map((n) => substitute(n, params));
  if (typeof node !== 'object' || node === null) return node;
  const obj = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const ref =
      k === 'value' && typeof v === 'object' && v !== null && !Array.isArray(v)
        ? (v as { fact?: unknown }).fact
        : undefined;
    out[k] = typeof ref === 'string' && Object.hasOwn(params, ref) ? params[ref] : substitute(v, params);
  }
  return out;
}
