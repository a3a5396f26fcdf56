// Notice import speed: the seed parsed many times (median), and a 10,000-task
// notice built from the seed's own task lines (realistic lengths, units, figures).
import { readFileSync } from 'node:fs';
import { UnitDirectory } from '@duban/core';
import { parseNotice } from '@duban/import';
import { type BenchResult, round, timeMedian } from './_lib.js';

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 as a Chinese numeral (section headings 一、 … 九十九、). */
function chinese(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${NUMERALS[tens]}十`}${NUMERALS[ones]}`;
}

/** A notice of `count` tasks: the seed's header, then its task lines renumbered, a section every 200 tasks. */
export function syntheticNotice(seed: string, count: number): string {
  const lines = seed.split('\n');
  const first = lines.findIndex((l) => /^\s*1\./.test(l));
  const taskLines = lines.filter((l) => /^\s*\d+\./.test(l)).map((l) => l.trim().replace(/^\d+\./, ''));
  const out = lines.slice(0, first - 1);
  for (let i = 0; i < count; i++) {
    if (i % 200 === 0) out.push(`  ${chinese(i / 200 + 1)}、第${i / 200 + 1}组重点任务`);
    out.push(`  ${i + 1}.${taskLines[i % taskLines.length]}`);
  }
  return out.join('\n');
}

export default async function importBench(): Promise<BenchResult[]> {
  const seed = readFileSync(new URL('../seeds/ankang-2019-notice.txt', import.meta.url), 'utf8');
  const directory = UnitDirectory.parse(
    JSON.parse(readFileSync(new URL('../seeds/ankang-units.json', import.meta.url), 'utf8')),
  );
  const seedMs = await timeMedian(() => parseNotice(seed, { directory }), 60, 10);
  const big = syntheticNotice(seed, 10_000);
  const check = parseNotice(big, { directory });
  if (check.value?.tasks.length !== 10_000 || check.value.warnings.length)
    throw new Error(
      `synthetic notice parsed wrongly: ${check.value?.tasks.length} tasks, ${check.value?.warnings.length} warnings`,
    );
  const bigMs = await timeMedian(() => parseNotice(big, { directory }), 5, 1);
  return [
    { name: 'import.seed.parse', value: round(seedMs), unit: 'ms' },
    { name: 'import.synthetic-10k.parse', value: round(bigMs, 0), unit: 'ms', goal: '≤ 3000 ms', pass: bigMs <= 3000 },
  ];
}
