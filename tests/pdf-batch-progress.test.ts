// Long batches show progress on a terminal (documents written N/M with an
// estimate) and nothing when output is piped or --json is given. The real CLI
// on a real ledger; the terminal is a pseudo-terminal from util-linux `script`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';

const hasScript = spawnSync('script', ['--version']).error === undefined;

describe('batch progress on a terminal', () => {
  const tmp = tempDir('duban-progress-');
  const db = join(tmp.dir, 'duban.db');
  const report = (out: string) => ['--db', db, 'report', 'scoresheet', '--as-of', '2019-12-31', '--out', `${out}/`];

  beforeAll(async () => {
    expect((await runCli(['--db', db, 'import', SEED_NOTICE, '--units', SEED_UNITS])).code).toBe(0);
    const sample = join(ROOT, 'seeds/sample-progress');
    const files = readdirSync(sample)
      .filter((f) => /\.(csv|xlsx)$/.test(f))
      .map((f) => join(sample, f));
    expect((await runCli(['--db', db, 'progress', 'import', '--office', ...files])).code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('shows documents written N/M with an estimate on a terminal', () => {
    if (!hasScript) return; // no pseudo-terminal tool on this machine
    const command = [process.execPath, CLI, ...report(join(tmp.dir, 'tty'))]
      .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
      .join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: '' },
      timeout: 180_000,
    });
    expect(r.status).toBe(0);
    const screen = r.stdout.replace(/\r/g, '\n');
    expect(screen).toMatch(/评分表 .* 60\/60 \| 约/);
    expect(screen).toMatch(/评分表 .* \d+\/60 \| 约 \d/);
    expect(readdirSync(join(tmp.dir, 'tty'))).toHaveLength(60);
    // --json on the same terminal: the output is for a program, so no bar at all.
    const json = spawnSync('script', ['-qec', `${command.replace(/\/tty\/'$/, "/tty-json/'")} --json`, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: '' },
      timeout: 180_000,
    });
    expect(json.status).toBe(0);
    expect(json.stdout).not.toMatch(/\d+\/60 \|/);
    expect(json.stdout).toContain('"outputs"');
  });

  it('prints no progress when output is piped, or with --json', async () => {
    const piped = await runCli(report(join(tmp.dir, 'piped')));
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toContain('/60');
    const json = await runCli([...report(join(tmp.dir, 'json')), '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr).not.toContain('/60');
    expect((JSON.parse(json.stdout) as { outputs: unknown[] }).outputs).toHaveLength(60);
  });
});
