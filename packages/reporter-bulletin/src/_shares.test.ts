import { describe, expect, it } from 'vitest';
import { formatShare, percentShares } from './_shares.js';

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;

describe('percentShares (largest remainder)', () => {
  it('sums to exactly 100.0 where naive rounding does not', () => {
    // 1/3 each: naive rounding gives 33.3 × 3 = 99.9.
    expect(percentShares([1, 1, 1])).toEqual([33.4, 33.3, 33.3]);
    expect(sum(percentShares([1, 1, 1]))).toBe(100);
    // The seed-sized case: 91 tasks.
    const shares = percentShares([4, 66, 21, 0]);
    expect(sum(shares)).toBe(100);
    expect(shares[3]).toBe(0);
  });

  it('keeps every share within 0.1 of its exact value', () => {
    const counts = [13, 52, 13, 13];
    const total = 91;
    percentShares(counts).forEach((s, i) => expect(Math.abs(s - (counts[i]! * 100) / total)).toBeLessThanOrEqual(0.1));
  });

  it('gives zero shares for zero counts and no division by zero', () => {
    expect(percentShares([0, 0])).toEqual([0, 0]);
    expect(percentShares([5, 0])).toEqual([100, 0]);
  });

  it('prints one decimal', () => {
    expect(formatShare(100)).toBe('100.0');
    expect(formatShare(4.4)).toBe('4.4');
  });
});
