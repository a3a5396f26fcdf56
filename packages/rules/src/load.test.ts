import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRuleSet, parseRuleSet } from './_load.js';
import { runRuleTests } from './_ruletest.js';
import { fillTemplate } from './_template.js';

const RULES = join(dirname(fileURLToPath(import.meta.url)), '../defaults');
const statusText = readFileSync(join(RULES, 'status.json'), 'utf8');
const scoringText = readFileSync(join(RULES, 'scoring.json'), 'utf8');
// A status file given as an object keeps the default parameters (the default scoring rules use them).
const { parameters } = JSON.parse(statusText) as { parameters: unknown };
const parse = (status: unknown, scoring: string = scoringText) =>
  parseRuleSet(
    'mem',
    {
      file: 'status.json',
      text: typeof status === 'string' ? status : JSON.stringify({ parameters, ...(status as object) }, null, 2),
    },
    { file: 'scoring.json', text: scoring },
  );
const rule = (extra: Record<string, unknown>) => ({
  name: 'r',
  priority: 5,
  conditions: { all: [] },
  event: { type: 'verdict', params: { status: 'on_track', reason: '正常' } },
  ...extra,
});

describe('parseRuleSet', () => {
  it('reports schema problems with the JSON path and the line of the offending key', () => {
    const file = { rules: [rule({ priority: 'high', colour: 'red' })] };
    const lines = JSON.stringify({ parameters, ...file }, null, 2).split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const r = parse(file);
    expect(r.errors.map((e) => [e.code, e.where?.path, e.where?.line])).toEqual([
      ['DUBAN_RULES_SCHEMA', '$.rules[0].priority', lineOf('"priority": "high"')],
      ['DUBAN_RULES_SCHEMA', '$.rules[0].colour', lineOf('"colour"')],
    ]);
    expect(lineOf('"colour"')).toBeGreaterThan(lineOf('"priority"'));
  });

  it('rejects malformed conditions and unsupported keys', () => {
    const r = parse({
      rules: [
        rule({ conditions: { fact: 'progressRatio', operator: 'equal', value: 1 } }),
        rule({
          name: 's',
          priority: 6,
          conditions: { all: [{ fact: 'progressRatio', operator: 'equal', value: 1, path: '$.x' }], any: [] },
        }),
      ],
    });
    expect(r.errors.map((e) => [e.code, e.where?.path])).toEqual([
      ['DUBAN_RULES_CONDITION', '$.rules[0].conditions'],
      ['DUBAN_RULES_CONDITION', '$.rules[1].conditions'],
    ]);
  });

  it('checks facts named as values, and events without a reason', () => {
    const r = parse({
      rules: [
        rule({
          conditions: { all: [{ fact: 'progressRatio', operator: 'lessThan', value: { fact: 'elapsed' } }] },
          event: { type: 'verdict', params: { status: 'at_risk' } },
        }),
      ],
    });
    expect(r.errors.map((e) => [e.code, e.where?.path])).toEqual([
      ['DUBAN_RULES_UNKNOWN_FACT', '$.rules[0].conditions.all[0].value.fact'],
      ['DUBAN_RULES_EVENT_REASON', '$.rules[0].event.params'],
    ]);
  });

  it('warns when no rule catches every task', () => {
    const r = parse({
      rules: [rule({ conditions: { all: [{ fact: 'completed', operator: 'equal', value: true }] } })],
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['DUBAN_RULES_NO_FALLBACK']);
  });

  it('checks the scoring range, that the lines add up to the base, and that a role falls under one line', () => {
    const scoring = JSON.parse(scoringText) as { categories: { roles: string[] }[] } & Record<string, unknown>;
    const categories = scoring.categories.map((k, i) => (i === 1 ? { ...k, roles: ['co', 'lead'] } : k));
    const r = parse(
      statusText,
      JSON.stringify({ ...scoring, range: { min: 50, max: 10 }, base: 120, categories }, null, 2),
    );
    expect(r.errors.map((e) => e.code).sort()).toEqual([
      'DUBAN_RULES_BASE',
      'DUBAN_RULES_CATEGORY_ROLE',
      'DUBAN_RULES_RANGE',
    ]);
  });

  it('needs every scoring rule to state its amount in its standard and to charge a known line', () => {
    const scoring = JSON.parse(scoringText) as { taskRules: { event: { params: Record<string, unknown> } }[] } & Record<
      string,
      unknown
    >;
    const [first, second, ...rest] = scoring.taskRules;
    const bad = [
      { ...first, event: { ...first!.event, params: { ...first!.event.params, standard: '逾期未完成的，扣分' } } },
      {
        ...second,
        event: { ...second!.event, params: { ...second!.event.params, category: 'nowhere', points: -1.3 } },
      },
      ...rest,
    ];
    const r = parse(statusText, JSON.stringify({ ...scoring, taskRules: bad }, null, 2));
    expect(r.errors.map((e) => [e.code, e.where?.path])).toEqual([
      ['DUBAN_RULES_EVENT_STANDARD', '$.taskRules[0].event.params.standard'],
      ['DUBAN_RULES_EVENT_POINTS', '$.taskRules[1].event.params.points'],
      ['DUBAN_RULES_EVENT_CATEGORY', '$.taskRules[1].event.params.category'],
    ]);
  });

  it('refuses conditions nested deeper than the engine should recurse, in check as in load', () => {
    let deep: unknown = { fact: 'completed', operator: 'equal', value: true };
    for (let i = 0; i < 40; i++) deep = { all: [deep] };
    const r = parse({ rules: [rule({ conditions: deep })] });
    expect(r.errors.map((e) => e.code)).toEqual(['DUBAN_RULES_CONDITION']);
    expect(r.errors[0]!.message).toContain('deeper than 12');
  });

  it('refuses a statement naming a parameter that does not exist', () => {
    const r = parse({ statement: '低于序时进度{{tolerence}}个百分点', rules: [rule({})] });
    expect(r.errors.map((e) => [e.code, e.where?.path])).toEqual([['DUBAN_RULES_UNKNOWN_PLACEHOLDER', '$.statement']]);
  });
});

describe('fillTemplate', () => {
  it('substitutes facts only, printing numbers to one decimal and booleans in Chinese', () => {
    expect(
      fillTemplate('进度{{ progressRatio }}%，完成：{{completed}}，{{missing}}，{{constructor}}', {
        progressRatio: 45.04,
        completed: false,
      }),
    ).toBe('进度45%，完成：否，—，—');
  });
});

describe('runRuleTests', () => {
  it('counts failures and reports malformed cases with their line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-ruletest-'));
    try {
      mkdirSync(join(dir, 'tests'));
      const text = JSON.stringify(
        {
          cases: [
            { name: 'ok', facts: { scheduleGap: 16 }, expect: { status: 'at_risk' } },
            { name: 'wrong', facts: { scheduleGap: 16 }, expect: { status: 'on_track' } },
            { name: 'typo', facts: { scheduleGapp: 16 }, expect: { status: 'at_risk' } },
          ],
        },
        null,
        2,
      );
      writeFileSync(join(dir, 'tests/a.json'), text);
      const typoLine = text.split('\n').findIndex((l) => l.includes('"typo"')); // 0-based: the case's "{" is the line before
      const report = await runRuleTests(loadRuleSet(RULES).value!, join(dir, 'tests'));
      expect([report.passed, report.failed]).toEqual([1, 2]);
      expect(report.results.find((r) => r.name === 'wrong')).toMatchObject({
        ok: false,
        expected: 'on_track',
        actual: 'at_risk (滞后序时进度)',
      });
      expect(report.errors).toEqual([
        expect.objectContaining({
          code: 'DUBAN_RULES_TEST_CASE',
          message: expect.stringContaining('"scheduleGapp"'),
          where: expect.objectContaining({ line: typoLine, path: '$.cases[2]' }),
        }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the README fact tables', () => {
  it('are exactly the catalogue (generated by scripts/facts-readme.ts)', async () => {
    const { FACT_TABLES } = await import('./_facts-table.js');
    const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../README.md'), 'utf8');
    for (const [key, table] of Object.entries(FACT_TABLES)) {
      const m = new RegExp(`<!-- facts:${key} -->\\n([\\s\\S]*?)\\n<!-- /facts:${key} -->`).exec(readme);
      expect(m?.[1], key).toBe(table());
    }
  });
});
