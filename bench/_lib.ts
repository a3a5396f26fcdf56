/** One benchmark figure, as written to bench/results.json. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The naive baseline measured in the same run, same unit. */
  baseline?: number;
  /** How many times better than the baseline (direction-aware: >1 is better). */
  ratio?: number;
  /** The goal from the issue, for the table (e.g. "≥ 50000 rows/s"). */
  goal?: string;
  /** Whether the goal is met, when a goal is given. */
  pass?: boolean;
}

/** A benchmark module: `bench/<name>.bench.ts` default-exports one of these. */
export type Bench = () => Promise<BenchResult[]>;

/** Median of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` `runs` times after `warmup` runs; returns the median wall time in ms. */
export async function timeMedian(fn: () => unknown | Promise<unknown>, runs = 10, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Ratio where a smaller value is better (times): baseline / value. */
export function speedup(value: number, baseline: number): number {
  return Math.round((baseline / value) * 100) / 100;
}

/** Rounds to a sensible number of digits for the table. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
