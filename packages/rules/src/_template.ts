const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g;

/** The placeholder names a reason template uses: "进度{{progressRatio}}%" → ['progressRatio']. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Prints a fact for a sentence: 45, 45.5 (never 45.50 or 45.4999), 是/否 for booleans. */
export function printValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 10) / 10);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v === null || v === undefined) return '—';
  return String(v);
}

/**
 * Fills `{{name}}` placeholders from `values`. Plain substitution only: a template
 * cannot run code, and names were checked against the fact catalogue on load.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, unknown>>): string {
  // Own properties only: {{constructor}} must not reach Object.prototype.
  return template.replace(PLACEHOLDER, (_, name: string) =>
    printValue(Object.hasOwn(values, name) ? values[name] : undefined),
  );
}
