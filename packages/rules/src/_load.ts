import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem, Validated } from '@duban/core';
import type { z } from 'zod';
import { TASK_FACTS } from './_catalog.js';
import { checkRules } from './_check.js';
import { JsonDoc, type JsonPath } from './_jsondoc.js';
import { type JsonRuleSet, type RuleSet, type ScoringFile, ScoringFileSchema, StatusFileSchema } from './_schema.js';
import { placeholders } from './_template.js';

/** Reads `dir/status.json` and `dir/scoring.json` and validates them; problems say `file:line $.path: message`. */
export function loadRuleSet(dir: string): Validated<RuleSet> {
  const read = (name: string) => {
    const file = join(dir, name);
    return { file, text: existsSync(file) ? readFileSync(file, 'utf8') : undefined };
  };
  return parseRuleSet(dir, read('status.json'), read('scoring.json'));
}

/** Validates a rule set given as text (loadRuleSet's core; also used by tests and benches). */
export function parseRuleSet(
  dir: string,
  status: { file: string; text: string | undefined },
  scoring: { file: string; text: string | undefined },
): Validated<RuleSet> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const s = parseFile(status.file, status.text, StatusFileSchema, errors);
  const c = parseFile(scoring.file, scoring.text, ScoringFileSchema, errors);
  // From the raw file, so a schema error elsewhere in status.json does not also fail every scoring rule naming a parameter.
  const rawParams = (s.doc?.value as { parameters?: unknown } | undefined)?.parameters;
  const parameters = new Set(typeof rawParams === 'object' && rawParams !== null ? Object.keys(rawParams) : []);
  if (s.doc) {
    const raw = s.doc.value as JsonRuleSet | undefined;
    errors.push(...checkRules(s.doc, raw?.rules, ['rules'], 'status', new Map(), { parameters }));
    if (s.value) {
      for (const name of placeholders(s.value.statement)) {
        if (!parameters.has(name))
          errors.push(
            s.doc.problem(
              'DUBAN_RULES_UNKNOWN_PLACEHOLDER',
              ['statement'],
              `statement uses {{${name}}}, which is not a parameter of this file (${[...parameters].join(', ') || 'none defined'})`,
            ),
          );
      }
      for (const name of parameters) {
        if (name in TASK_FACTS)
          errors.push(
            s.doc.problem(
              'DUBAN_RULES_PARAMETER_NAME',
              ['parameters', name],
              `parameter "${name}" has the name of a fact; choose another name`,
            ),
          );
      }
    }
    const rules = Array.isArray(raw?.rules) ? raw.rules : [];
    if (rules.length && !rules.some((r) => isCatchAll(r))) {
      warnings.push(
        s.doc.problem(
          'DUBAN_RULES_NO_FALLBACK',
          ['rules'],
          'no rule matches every task (conditions { "all": [] }); tasks no rule matches are judged on_track by rule "(none)"',
        ),
      );
    }
  }
  if (c.doc) {
    const raw = c.doc.value as JsonRuleSet | undefined;
    const names = new Map<string, JsonPath>();
    const categories = new Set([...(c.value?.categories.map((k) => k.key) ?? []), c.value?.bonus.key ?? 'bonus']);
    // When status.json could not be read, its parameters are unknown: names that may be parameters are not checked.
    const known = s.doc ? parameters : undefined;
    errors.push(
      ...checkRules(c.doc, raw?.taskRules, ['taskRules'], 'taskScore', names, { parameters: known, categories }),
    );
    errors.push(
      ...checkRules(c.doc, raw?.unitRules, ['unitRules'], 'unitScore', names, { parameters: known, categories }),
    );
    if (c.value) errors.push(...checkScoring(c.doc, c.value));
  }
  if (errors.length || !s.value || !c.value) return { value: undefined, warnings, errors };
  return { value: { dir, status: s.value, scoring: c.value }, warnings, errors };
}

function parseFile<S extends z.ZodType>(
  file: string,
  text: string | undefined,
  schema: S,
  errors: Problem[],
): { doc?: JsonDoc; value?: z.output<S> } {
  if (text === undefined) {
    errors.push({
      code: 'DUBAN_RULES_FILE_MISSING',
      message:
        'rule file not found; a rule set directory holds status.json and scoring.json (copy the default rules/ to start)',
      where: { file },
    });
    return {};
  }
  const doc = new JsonDoc(file, text);
  if (doc.syntaxErrors.length) {
    errors.push(...doc.syntaxErrors);
    return {};
  }
  const parsed = schema.safeParse(doc.value);
  if (parsed.success) return { doc, value: parsed.data };
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    if (keys.length)
      for (const k of keys) errors.push(doc.problem('DUBAN_RULES_SCHEMA', [...path, k], `unexpected key "${k}"`));
    else errors.push(doc.problem('DUBAN_RULES_SCHEMA', path, issue.message));
  }
  return { doc };
}

/** Checks of scoring.json that zod cannot make: the lines add up to the base, keys and roles are unique. */
function checkScoring(doc: JsonDoc, cfg: ScoringFile): Problem[] {
  const out: Problem[] = [];
  if (cfg.range.min > cfg.range.max)
    out.push(
      doc.problem('DUBAN_RULES_RANGE', ['range'], `range.min ${cfg.range.min} is above range.max ${cfg.range.max}`),
    );
  const sum = cfg.categories.reduce((a, k) => a + k.max, 0);
  if (Math.abs(sum - cfg.base) > 1e-9)
    out.push(
      doc.problem(
        'DUBAN_RULES_BASE',
        ['base'],
        `base ${cfg.base} is not the sum of the categories' max (${sum}); the base is what the lines are worth`,
      ),
    );
  const keys = new Set<string>();
  const roles = new Map<string, string>();
  cfg.categories.forEach((k, i) => {
    if (keys.has(k.key) || k.key === cfg.bonus.key)
      out.push(
        doc.problem(
          'DUBAN_RULES_CATEGORY_KEY',
          ['categories', i, 'key'],
          `category key "${k.key}" is used twice (the bonus line is "${cfg.bonus.key}")`,
        ),
      );
    keys.add(k.key);
    k.roles.forEach((r, j) => {
      const prev = roles.get(r);
      if (prev)
        out.push(
          doc.problem(
            'DUBAN_RULES_CATEGORY_ROLE',
            ['categories', i, 'roles', j],
            `role "${r}" already falls under category "${prev}"; a task row belongs to one line`,
          ),
        );
      else roles.set(r, k.key);
    });
  });
  cfg.ranking.grades.forEach((g, i) => {
    const prev = cfg.ranking.grades[i - 1];
    if (prev && g.min >= prev.min)
      out.push(
        doc.problem(
          'DUBAN_RULES_GRADES',
          ['ranking', 'grades', i, 'min'],
          `grades go from the highest min down: ${g.name} (${g.min}) is not below ${prev.name} (${prev.min})`,
        ),
      );
  });
  return out;
}

function isCatchAll(rule: unknown): boolean {
  const c = (rule as { conditions?: { all?: unknown } } | null)?.conditions;
  return Array.isArray(c?.all) && c.all.length === 0;
}
