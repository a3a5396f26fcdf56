import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem, Validated } from '@duban/core';
import type { z } from 'zod';
import { checkRules } from './_check.js';
import { JsonDoc, type JsonPath } from './_jsondoc.js';
import { ScoringFileSchema, StatusFileSchema, type JsonRuleSet, type RuleSet } from './_schema.js';

/** Reads `dir/status.json` and `dir/scoring.json` and validates them; problems say `file:line $.path: message`. */
export function loadRuleSet(dir: string): Validated<RuleSet> {
  const read = (name: string) => {
    const file = join(dir, name);
    return { file, text: existsSync(file) ? readFileSync(file, 'utf8') : undefined };
  };
  return parseRuleSet(dir, read('status.json'), read('scoring.json'));
}

/** Validates a rule set given as text (loadRuleSet's core; also used by tests and benches). */
export function parseRuleSet(dir: string, status: { file: string; text: string | undefined }, scoring: { file: string; text: string | undefined }): Validated<RuleSet> {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const s = parseFile(status.file, status.text, StatusFileSchema, errors);
  const c = parseFile(scoring.file, scoring.text, ScoringFileSchema, errors);
  if (s.doc) {
    const raw = s.doc.value as JsonRuleSet | undefined;
    errors.push(...checkRules(s.doc, raw?.rules, ['rules'], 'status', new Map()));
    const rules = Array.isArray(raw?.rules) ? raw.rules : [];
    if (rules.length && !rules.some((r) => isCatchAll(r))) {
      warnings.push(s.doc.problem('DUBAN_RULES_NO_FALLBACK', ['rules'], 'no rule matches every task (conditions { "all": [] }); tasks no rule matches are judged on_track by rule "(none)"'));
    }
  }
  if (c.doc) {
    const raw = c.doc.value as JsonRuleSet | undefined;
    const names = new Map<string, JsonPath>();
    errors.push(...checkRules(c.doc, raw?.taskRules, ['taskRules'], 'taskScore', names));
    errors.push(...checkRules(c.doc, raw?.unitRules, ['unitRules'], 'unitScore', names));
    if (c.value) {
      if (c.value.range.min > c.value.range.max) errors.push(c.doc.problem('DUBAN_RULES_RANGE', ['range'], `range.min ${c.value.range.min} is above range.max ${c.value.range.max}`));
      if (c.value.general.max > c.value.base) errors.push(c.doc.problem('DUBAN_RULES_GENERAL', ['general', 'max'], `general.max ${c.value.general.max} is more than the base ${c.value.base} it is taken from`));
    }
  }
  if (errors.length || !s.value || !c.value) return { value: undefined, warnings, errors };
  return { value: { dir, status: s.value, scoring: c.value }, warnings, errors };
}

function parseFile<S extends z.ZodType>(file: string, text: string | undefined, schema: S, errors: Problem[]): { doc?: JsonDoc; value?: z.output<S> } {
  if (text === undefined) {
    errors.push({ code: 'DUBAN_RULES_FILE_MISSING', message: 'rule file not found; a rule set directory holds status.json and scoring.json (copy the default rules/ to start)', where: { file } });
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
    if (keys.length) for (const k of keys) errors.push(doc.problem('DUBAN_RULES_SCHEMA', [...path, k], `unexpected key "${k}"`));
    else errors.push(doc.problem('DUBAN_RULES_SCHEMA', path, issue.message));
  }
  return { doc };
}

function isCatchAll(rule: unknown): boolean {
  const c = (rule as { conditions?: { all?: unknown } } | null)?.conditions;
  return Array.isArray(c?.all) && c.all.length === 0;
}
