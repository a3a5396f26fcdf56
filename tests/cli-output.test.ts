import { describe, expect, it } from 'vitest';
import { runCli, SEED_NOTICE, SEED_UNITS } from './_support/cli.js';

describe('CLI output through a pipe', () => {
  it('delivers long JSON output whole before exiting', async () => {
    const r = await runCli(['import', SEED_NOTICE, '--units', SEED_UNITS, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    // > 64 KiB: longer than one pipe buffer, so an early process.exit would cut it.
    expect(r.stdout.length).toBeGreaterThan(65_536);
    const plan = JSON.parse(r.stdout) as { tasks: unknown[] };
    expect(plan.tasks).toHaveLength(91);
  });

  it('prints usage errors without a stack trace and exits 2', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
