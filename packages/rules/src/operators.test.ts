import { describe, expect, it } from 'vitest';
import { OPERATORS } from './_catalog.js';
import { Decider } from './_decider.js';
import { evaluator } from './_operators.js';

// The leaf memo evaluates conditions with our operator functions; the engine runs them
// through json-rules-engine. They must agree on every operator, including the type
// guards (a non-number never passes lessThan, a non-array never passes contains).
const VALUES: unknown[] = [0, 1, 2.5, -1, '1', '2019-06-30', 'a', '', null, undefined, true, ['a', 1], []];

describe('operators', () => {
  for (const operator of OPERATORS) {
    it(`${operator} gives the engine's result for every kind of value`, async () => {
      const compareTo =
        operator === 'in' || operator === 'notIn' ? [['a', 1], [1, 2.5], []] : VALUES.filter((v) => v !== undefined);
      const mine = evaluator(operator);
      let passed = 0;
      for (const value of compareTo) {
        const decider = new Decider(
          [
            {
              name: 'r',
              priority: 1,
              conditions: { all: [{ fact: 'x', operator, value }] },
              event: { type: 'r', params: {} },
            } as never,
          ],
          { memo: false },
        );
        for (const x of VALUES) {
          let engine: boolean | 'threw';
          try {
            engine = (await decider.trace({ x }))[0]!.result;
          } catch {
            engine = 'threw';
          }
          let ours: boolean | 'threw';
          try {
            ours = mine(x, structuredClone(value)); // the engine holds a clone of the rule, as here
          } catch {
            ours = 'threw';
          }
          expect(ours, `${JSON.stringify(x)} ${operator} ${JSON.stringify(value)}`).toBe(engine);
          if (ours === true) passed++;
        }
      }
      expect(passed).toBeGreaterThan(0);
    });
  }
});
