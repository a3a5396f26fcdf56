// Helpers shared by the document benchmarks (bulletin, scoresheet, mainjob):
// the real CLI as a child process with its memory sampled, a seed ledger, and
// the previous design (the renderer and score-sheet reporter as they were before
// batch printing, taken from git) for same-run baselines.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendants } from '@duban/pdf';
import { type BenchResult, median, round } from './_lib.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(ROOT, 'apps/cli/bin/duban.js');

/** The last commit before batch printing and prepared fonts (issue 15): the "previous design". */
export const PREVIOUS_COMMIT = '9c8658c';

/** Runs the CLI synchronously; throws with stderr on failure. */
export function cli(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, ...env },
  });
}

/** A fresh ledger with the seed notice and the sample progress. */
export function seedLedger(dir: string): string {
  const db = join(dir, 'duban.db');
  cli(['--db', db, 'import', 'seeds/ankang-2019-notice.txt', '--units', 'seeds/ankang-units.json']);
  const sample = join(ROOT, 'seeds/sample-progress');
  cli([
    '--db',
    db,
    'progress',
    'import',
    '--office',
    ...readdirSync(sample)
      .filter((f) => /\.(csv|xlsx)$/.test(f))
      .map((f) => join(sample, f)),
  ]);
  return db;
}

/** Proportional set size (kB) of a process and all its descendants: shared pages counted once. */
export function treePss(root: number): number {
  let total = 0;
  for (const pid of [root, ...descendants(root)]) {
    try {
      total += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return total;
}

/** GNU time, to count the CPU of a process and every descendant it waited for (the CLI reaps its Chromium). */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs a node command line once; returns wall ms, CPU seconds (user + system of
 * Node and Chromium; null without GNU time) and, with `memory`, the peak PSS of
 * the process tree sampled every 40 ms (NaN without). Sampling reads
 * /proc/PID/smaps_rollup of every process, which costs CPU on a 2-core machine:
 * timed runs do not sample, and the memory figure comes from a run of its own.
 * On a shared, busy machine the CPU figure is the steadier one.
 */
export function timedRun(
  args: string[],
  env: Record<string, string> = {},
  memory = false,
): Promise<{ ms: number; peakMb: number; cpuS: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const argv = GNU_TIME
      ? ([GNU_TIME, ['-f', 'DUBAN_CPU %U %S', process.execPath, ...args]] as const)
      : ([process.execPath, args] as const);
    const child = spawn(argv[0], argv[1], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let peak = memory ? 0 : NaN;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = memory ? setInterval(() => (peak = Math.max(peak, treePss(child.pid!))), 40) : undefined;
    child.on('close', (code) => {
      clearInterval(timer);
      const ms = performance.now() - t0;
      const cpu = /DUBAN_CPU ([\d.]+) ([\d.]+)/.exec(stderr);
      if (code !== 0) reject(new Error(`${args.join(' ')} failed: ${stderr}`));
      else resolve({ ms, peakMb: peak / 1024, cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : null, stdout });
    });
  });
}

/** The CLI run once, timed (cold: a new process, a new browser); with `memory`, its peak PSS sampled too (see timedRun). */
export function coldCli(
  args: string[],
  memory = false,
): Promise<{ ms: number; peakMb: number; cpuS: number | null; stdout: string }> {
  return timedRun([CLI, ...args], {}, memory);
}

/**
 * The previous design's sources (renderer, score-sheet reporter, templates) from
 * git, under node_modules/.cache, importable by tsx next to today's packages.
 */
export function previousDesign(): string {
  // Under node_modules: type checks and tests leave it alone, and its imports resolve to this repository's packages.
  const dir = join(ROOT, 'node_modules/.cache/duban-previous-design');
  if (!existsSync(join(dir, 'packages/pdf/src/_renderer.ts'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync(
      'git',
      ['archive', PREVIOUS_COMMIT, 'packages/pdf/src', 'packages/reporter-scoresheet/src', 'templates'],
      { cwd: ROOT, maxBuffer: 256 << 20 },
    );
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n'); // ESM, as in the repository
  }
  return dir;
}

/** Creates the directory of `file`. */
export function ensureDir(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

/** CPU seconds (Node + Chromium) of the cold runs, median: the steadier figure on a busy machine. */
export function cpuRow(name: string, runs: { cpuS: number | null }[]): BenchResult[] {
  const cpu = runs.map((r) => r.cpuS).filter((c): c is number => c !== null);
  return cpu.length ? [{ name, value: round(median(cpu), 2), unit: 'CPU s' }] : [];
}
