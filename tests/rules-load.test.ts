// Every rule-file error: each fixture in tests/fixtures/rules/<case>/ carries one
// deliberate defect; the expected line is found by searching the fixture text for
// the defect, so the test checks the reported line against the file itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuleSet } from '@duban/rules';
import { describe, expect, it } from 'vitest';
import { ROOT } from './_support/cli.js';

const FIX = join(ROOT, 'tests/fixtures/rules');

/** 1-based line of the `nth` (default first) line containing `needle` in a fixture file. */
function lineOf(dir: string, file: string, needle: string, nth = 1): number {
  const lines = readFileSync(join(FIX, dir, file), 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  expect(hits.length, `${needle} in ${dir}/${file}`).toBeGreaterThanOrEqual(nth);
  return hits[nth - 1]!;
}

const cases = [
  {
    dir: 'unknown-fact',
    file: 'status.json',
    code: 'DUBAN_RULES_UNKNOWN_FACT',
    path: '$.rules[2].conditions.all[0].fact',
    needle: '"scheduleGapp"',
    message: /unknown fact "scheduleGapp"; did you mean "scheduleGap"/,
  },
  {
    dir: 'unknown-operator',
    file: 'status.json',
    code: 'DUBAN_RULES_UNKNOWN_OPERATOR',
    path: '$.rules[3].conditions.all[0].operator',
    needle: '"atMost"',
    message: /unknown operator "atMost"/,
  },
  {
    dir: 'event-without-status',
    file: 'status.json',
    code: 'DUBAN_RULES_EVENT_STATUS',
    path: '$.rules[1].event.params',
    needle: '"reason": "完成时限为',
    message: /no "status"/,
  },
  {
    dir: 'event-without-points',
    file: 'scoring.json',
    code: 'DUBAN_RULES_EVENT_POINTS',
    path: '$.taskRules[1].event.params',
    needle: '"standard": "进度滞后的',
    message: /no "points"/,
  },
  {
    dir: 'duplicate-name',
    file: 'status.json',
    code: 'DUBAN_RULES_DUPLICATE_NAME',
    path: '$.rules[4].name',
    needle: '"name": "滞后序时进度"',
    nth: 2,
    message: /duplicate rule name "滞后序时进度" \(first used at line \d+\)/,
  },
  {
    dir: 'priority-conflict',
    file: 'status.json',
    code: 'DUBAN_RULES_PRIORITY_CONFLICT',
    path: '$.rules[3].priority',
    needle: '"priority": 80',
    nth: 2,
    message: /same priority 80 as rule "滞后序时进度"/,
  },
  {
    dir: 'unknown-placeholder',
    file: 'status.json',
    code: 'DUBAN_RULES_UNKNOWN_PLACEHOLDER',
    path: '$.rules[4].event.params.reason',
    needle: '{{lastReportDays}}',
    message: /\{\{lastReportDays\}\}/,
  },
];

describe('rule-file errors (file:line JSON-path: message, stable codes)', () => {
  for (const c of cases) {
    it(`${c.dir} → ${c.code}`, () => {
      const r = loadRuleSet(join(FIX, c.dir));
      expect(r.value).toBeUndefined();
      expect(r.errors).toHaveLength(1);
      const e = r.errors[0]!;
      expect(e.code).toBe(c.code);
      expect(e.where?.file).toBe(join(FIX, c.dir, c.file));
      expect(e.where?.path).toBe(c.path);
      expect(e.message).toMatch(c.message);
      expect(e.where?.line).toBe(lineOf(c.dir, c.file, c.needle, c.nth));
    });
  }

  it('collects every error in a file, not just the first', () => {
    const r = loadRuleSet(join(FIX, 'many-errors'));
    expect(r.errors.map((e) => e.code).sort()).toEqual([
      'DUBAN_RULES_EVENT_STATUS',
      'DUBAN_RULES_UNKNOWN_FACT',
      'DUBAN_RULES_UNKNOWN_OPERATOR',
    ]);
    expect(r.errors.find((e) => e.code === 'DUBAN_RULES_UNKNOWN_OPERATOR')!.where?.line).toBe(
      lineOf('many-errors', 'status.json', '"atMost"'),
    );
  });

  it('reports JSON syntax errors with their line', () => {
    const r = loadRuleSet(join(FIX, 'bad-json'));
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.every((e) => e.code === 'DUBAN_RULES_JSON')).toBe(true);
    expect(r.errors[0]!.where?.line).toBe(lineOf('bad-json', 'status.json', ',,'));
  });

  it('reports a missing rule file', () => {
    const r = loadRuleSet(join(FIX, 'does-not-exist'));
    expect(r.errors.map((e) => e.code)).toEqual(['DUBAN_RULES_FILE_MISSING', 'DUBAN_RULES_FILE_MISSING']);
  });

  it('accepts the default rule set without errors or warnings', () => {
    const r = loadRuleSet(join(ROOT, 'packages/rules/defaults'));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.value!.status.rules.map((x) => x.event.params.status)).toEqual([
      'completed',
      'overdue',
      'at_risk',
      'at_risk',
      'at_risk',
      'on_track',
      'on_track',
    ]);
  });
});
