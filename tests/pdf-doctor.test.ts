import { describe, expect, it } from 'vitest';
import { runCli } from './_support/cli.js';

describe('duban doctor', () => {
  it('reports the browser and every font role as JSON, and succeeds when all are usable', async () => {
    const r = await runCli(['doctor', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; browser: { path: string; version: string; source: string }; fonts: { role: string; ok: boolean; substitute: boolean; install?: string }[] };
    expect(report.ok).toBe(true);
    expect(report.browser.version).toMatch(/Chrom/);
    expect(report.fonts.map((f) => f.role)).toEqual(['xiaobiaosong', 'fangsong', 'heiti', 'kaiti', 'songti']);
    // No official fonts are configured here: every role is an open substitute with advice on the official font.
    for (const f of report.fonts) expect(f).toMatchObject({ ok: true, substitute: true, install: expect.stringContaining('duban.config.json') });
  });

  it('fails with what to install when the browser is unusable', async () => {
    const r = await runCli(['doctor'], { env: { DUBAN_BROWSER: '/nonexistent/chrome' } });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/FAIL browser: .*\/nonexistent\/chrome/);
    expect(r.stdout).toContain('apt-get install chromium');
    expect(r.stdout).toContain('NOT ready');
  });
});
