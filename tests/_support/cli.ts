import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI entry (tests run after `npm run build`; scripts/test.sh builds). */
export const CLI = join(ROOT, 'apps/cli/bin/duban.js');
/** The seed notice and unit directory. */
export const SEED_NOTICE = join(ROOT, 'seeds/ankang-2019-notice.txt');
export const SEED_UNITS = join(ROOT, 'seeds/ankang-units.json');

/** Result of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the real `duban` CLI as a child process. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const t0 = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr, ms: performance.now() - t0 });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Runs the CLI and parses stdout as JSON; throws with stderr when it fails. */
export async function runCliJson<T = unknown>(args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<T> {
  const r = await runCli(args, options);
  if (r.code !== 0) throw new Error(`duban ${args.join(' ')} exited ${r.code}\n${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'duban-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
