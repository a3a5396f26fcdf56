/**
 * Runs the shared GB/T 9704 checker (`<repo>/../shared/tools/check-gongwen`)
 * when it exists on this machine, and parses its PASS/FAIL/WARN lines.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './cli.js';

/** Path of the checker; it lives beside the repository, not in it. */
export const CHECK_GONGWEN = resolve(ROOT, '../shared/tools/check-gongwen');

/** One check's outcome. */
export interface GongwenCheck {
  status: 'PASS' | 'FAIL' | 'WARN';
  name: string;
  detail: string;
}

/** True when the checker and the tools it needs (mutool, pdffonts) are present. */
export function gongwenAvailable(): boolean {
  return (
    existsSync(CHECK_GONGWEN) &&
    spawnSync('mutool', ['-v']).error === undefined &&
    spawnSync('pdffonts', ['-v']).error === undefined
  );
}

/** Runs the checker; returns null when it is not available, else every check line. */
export function checkGongwen(
  pdf: string,
  kind: 'bulletin' | 'scoresheet' | 'any' = 'any',
): { checks: GongwenCheck[]; failed: GongwenCheck[]; output: string; code: number } | null {
  if (!gongwenAvailable()) return null;
  const r = spawnSync(CHECK_GONGWEN, ['--kind', kind, pdf], { encoding: 'utf8', timeout: 120_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const checks: GongwenCheck[] = [];
  for (const line of (r.stdout ?? '').split('\n')) {
    const m = /^(PASS|FAIL|WARN) ([\w-]+): (.*)$/.exec(line);
    if (m) checks.push({ status: m[1] as GongwenCheck['status'], name: m[2]!, detail: m[3]! });
  }
  return { checks, failed: checks.filter((c) => c.status === 'FAIL'), output, code: r.status ?? -1 };
}
