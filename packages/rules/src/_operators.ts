import { Operator } from 'json-rules-engine';
import { OPERATORS } from './_catalog.js';

/** The name of an operator rules may use. */
export type OperatorName = (typeof OPERATORS)[number];

/** Evaluates one leaf condition: the fact's value against the condition's value. */
export type Evaluate = (factValue: unknown, value: unknown) => boolean;

// The comparisons of json-rules-engine 7's default operators (engine-default-operators.js),
// written out so that both the engine and our leaf memo (_decider.ts) run these very
// functions: the engine gets them through its public addOperator(), replacing its own.
// We never read its private operator map, so an upgrade cannot change one without the other.
const isNumeric = (v: unknown): boolean => Number.parseFloat(v as string).toString() !== 'NaN';
const has = (list: unknown, x: unknown): boolean => (list as unknown[]).indexOf(x) > -1;

const DEFINITIONS: Record<OperatorName, { test: (a: never, b: never) => boolean; accepts?: (a: unknown) => boolean }> =
  {
    equal: { test: (a: unknown, b: unknown) => a === b },
    notEqual: { test: (a: unknown, b: unknown) => a !== b },
    in: { test: (a: unknown, b: unknown) => has(b, a) },
    notIn: { test: (a: unknown, b: unknown) => !has(b, a) },
    contains: { test: (a: unknown, b: unknown) => has(a, b), accepts: Array.isArray },
    doesNotContain: { test: (a: unknown, b: unknown) => !has(a, b), accepts: Array.isArray },
    lessThan: { test: (a: number, b: number) => a < b, accepts: isNumeric },
    lessThanInclusive: { test: (a: number, b: number) => a <= b, accepts: isNumeric },
    greaterThan: { test: (a: number, b: number) => a > b, accepts: isNumeric },
    greaterThanInclusive: { test: (a: number, b: number) => a >= b, accepts: isNumeric },
  };

/** The evaluator of an operator, exactly as the engine runs it (validator, then comparison). */
export function evaluator(name: OperatorName): Evaluate {
  const d = DEFINITIONS[name];
  const test = d.test as (a: unknown, b: unknown) => boolean;
  const accepts = d.accepts ?? (() => true);
  return (factValue, value) => accepts(factValue) && test(factValue, value);
}

/** The operators to hand the engine (engine.addOperator), built from the same definitions. */
export function engineOperators(): Operator[] {
  return OPERATORS.map((name) => {
    const d = DEFINITIONS[name];
    return new Operator(name, d.test as (a: unknown, b: unknown) => boolean, d.accepts);
  });
}
