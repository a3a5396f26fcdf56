import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Plan, UnitDirectory } from '@duban/core';
import { parseNotice } from '@duban/import';
import { describe, expect, it } from 'vitest';
import { ROOT, SEED_NOTICE, SEED_UNITS } from './_support/cli.js';

const fixtures = join(ROOT, 'tests/fixtures/notices');
const sources = [
  readFileSync(SEED_NOTICE, 'utf8'),
  ...readdirSync(fixtures)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(fixtures, f), 'utf8')),
];
const directory = UnitDirectory.parse(JSON.parse(readFileSync(SEED_UNITS, 'utf8')));
// Characters the parser reacts to: brackets, separators, numbering, role words, deadline words.
const ALPHABET = '（）()<>、，,。；：:1一二十.．\t|牵头负责配合 \n年月日底前%个（一）二二、';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

describe('damaged notices', () => {
  it('never throw and always give a Plan that matches the schema (250 mutated notices)', () => {
    const rnd = lcg(20190228);
    let plans = 0;
    for (let i = 0; i < 250; i++) {
      let s = sources[rnd(sources.length)]!;
      for (let k = 1 + rnd(20); k > 0; k--) {
        const at = rnd(s.length + 1);
        const op = rnd(3);
        if (op === 0) s = s.slice(0, at) + ALPHABET[rnd(ALPHABET.length)] + s.slice(at);
        else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + rnd(5));
        else {
          const b = rnd(s.length + 1);
          s = s.slice(0, at) + s.slice(Math.min(at, b), Math.max(at, b)) + s.slice(at);
        }
      }
      const r = parseNotice(s, { directory });
      if (r.value) {
        plans++;
        const check = Plan.safeParse(r.value);
        expect(check.success, `mutation ${i}: ${check.error?.issues[0]?.message}`).toBe(true);
        expect(new Set(r.value.tasks.map((t) => t.number)).size, `mutation ${i}: task numbers unique`).toBe(
          r.value.tasks.length,
        );
      } else expect(['DUBAN_IMPORT_NO_TASKS', 'DUBAN_IMPORT_NO_YEAR']).toContain(r.errors[0]?.code);
    }
    expect(plans).toBeGreaterThan(180);
  });

  it('reads numerals that are not numbers (二二、, （十十）) as text', () => {
    const r = parseNotice('二二、标题\n（十十）乙。\n1.甲。（市发改委负责）', { year: 2020 });
    expect(r.value!.tasks.map((t) => [t.number, t.section])).toEqual([[1, 1]]);
    expect(() => Plan.parse(r.value)).not.toThrow();
  });
});
