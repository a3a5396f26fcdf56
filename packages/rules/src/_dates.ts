// Date arithmetic and printing are decided once, in @duban/core; rules re-export
// what its modules and tests use.
export { chineseDate, dayNumber, daysBetween, isIsoDate } from '@duban/core';

/** Rounds to one decimal: percentages are printed as 45% or 45.5%, never 45.4999%. */
export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
