/**
 * Shares in percent to one decimal that add up to exactly 100.0 (largest
 * remainder / Hamilton method): each share is floored to 0.1, then the tenths
 * left over go to the largest remainders. A printed share then always matches
 * its count to within 0.1 and the column sums to 100.0.
 */
export function percentShares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const tenths = counts.map((c) => (c * 1000) / total);
  const floors = tenths.map((t) => Math.floor(t + 1e-9));
  let left = 1000 - floors.reduce((a, b) => a + b, 0);
  const order = tenths.map((t, i) => ({ i, r: t - floors[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (counts[i]! > 0) {
      floors[i]! += 1;
      left -= 1;
    }
  }
  return floors.map((f) => f / 10);
}

/** 12.5 → "12.5", 100 → "100.0". */
export function formatShare(share: number): string {
  return share.toFixed(1);
}
