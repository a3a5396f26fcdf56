import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRuleSet, loadRuleSet } from './_load.js';
import { runRuleTests } from './_ruletest.js';
import { fillTemplate } from './_template.js';

const RULES = join(dirname(fileURLToPath(import.meta.url)), '../../../rules');
const statusText = readFileSync(join(RULES, 'status.json'), 'utf8');
const scoringText = readFileSync(join(RULES, 'scoring.json'), 'utf8');
const parse = (status: unknown, scoring: string = scoringText) =>
  parseRuleSet('mem', { file: 'status.json', text: typeof status === 'string' ? status : JSON.stringify(status, null, 2) }, { file: 'scoring.json', text: scoring });
const rule = (extra: Record<string, unknown>) => ({ name: 'r', priority: 5, conditions: { all: [] }, event: { type: 'verdict', params: { status: 'on_track', reason: '正常' } }, ...extra });

describe('parseRuleSet', () => {
  it('reports schema problems with the JSON path and the line of the offending key', () => {
    const file = { rules: [rule({ priority: 'high', colour: 'red' })] };
    const lines = JSON.stringify(file, null, 2).split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const r = parse(file);
    expect(r.errors.map((e) => [e.code, e.where?.path, e.where?.line])).toEqual([
      ['DUBAN_RULES_SCHEMA', '$.rules[0].priority', lineOf('"priority": "high"')],
      ['DUBAN_RULES_SCHEMA', '$.rules[0].colour', lineOf('"colour"')],
    ]);
    expect(lineOf('"colour"')).toBeGreaterThan(lineOf('"priority"'));
  });

  it('rejects malformed conditions and unsupported keys', () => {
    const r = parse({ rules: [rule({ conditions: { fact: 'progressRatio', operator: 'equal', value: 1 } }), rule({ name: 's', priority: 6, conditions: { all: [{ fact: 'progressRatio', operator: 'equal', value: 1, path: '$.x' }], any: [] } })] });
    expect(r.errors.map((e) => [e.code, e.where?.path])).toEqual([
      ['DUBAN_RULES_CONDITION', '$.rules[0].conditions'],
      ['DUBAN_RULES_CONDITION', '$.rules[1].conditions'],
    ]);
  });

  it('checks facts named as values, and events without a reason', () => {
    const r = parse({ rules: [rule({ conditions: { all: [{ fact: 'progressRatio', operator: 'lessThan', value: { fact: 'elapsed' } }] }, event: { type: 'verdict', params: { status: 'at_risk' } } })] });
    expect(r.errors.map((e) => [e.code, e.where?.path])).toEqual([
      ['DUBAN_RULES_UNKNOWN_FACT', '$.rules[0].conditions.all[0].value.fact'],
      ['DUBAN_RULES_EVENT_REASON', '$.rules[0].event.params'],
    ]);
  });

  it('warns when no rule catches every task', () => {
    const r = parse({ rules: [rule({ conditions: { all: [{ fact: 'completed', operator: 'equal', value: true }] } })] });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['DUBAN_RULES_NO_FALLBACK']);
  });

  it('checks the scoring range and the general line against the base', () => {
    const scoring = JSON.parse(scoringText) as Record<string, unknown>;
    const r = parse(statusText, JSON.stringify({ ...scoring, range: { min: 50, max: 10 }, general: { item: '综合', max: 120 } }, null, 2));
    expect(r.errors.map((e) => e.code).sort()).toEqual(['DUBAN_RULES_GENERAL', 'DUBAN_RULES_RANGE']);
  });
});

describe('fillTemplate', () => {
  it('substitutes facts only, printing numbers to one decimal and booleans in Chinese', () => {
    expect(fillTemplate('进度{{ progressRatio }}%，完成：{{completed}}，{{missing}}，{{constructor}}', { progressRatio: 45.04, completed: false })).toBe('进度45%，完成：否，—，—');
  });
});

describe('runRuleTests', () => {
  it('counts failures and reports malformed cases with their line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-ruletest-'));
    try {
      mkdirSync(join(dir, 'tests'));
      const text = JSON.stringify({ cases: [
        { name: 'ok', facts: { scheduleGap: 16 }, expect: { status: 'at_risk' } },
        { name: 'wrong', facts: { scheduleGap: 16 }, expect: { status: 'on_track' } },
        { name: 'typo', facts: { scheduleGapp: 16 }, expect: { status: 'at_risk' } },
      ] }, null, 2);
      writeFileSync(join(dir, 'tests/a.json'), text);
      const typoLine = text.split('\n').findIndex((l) => l.includes('"typo"')); // 0-based: the case's "{" is the line before
      const report = await runRuleTests(loadRuleSet(RULES).value!, join(dir, 'tests'));
      expect([report.passed, report.failed]).toEqual([1, 2]);
      expect(report.results.find((r) => r.name === 'wrong')).toMatchObject({ ok: false, expected: 'on_track', actual: 'at_risk (滞后序时进度)' });
      expect(report.errors).toEqual([expect.objectContaining({ code: 'DUBAN_RULES_TEST_CASE', message: expect.stringContaining('"scheduleGapp"'), where: expect.objectContaining({ line: typoLine, path: '$.cases[2]' }) })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
