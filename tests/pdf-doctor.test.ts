import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './_support/cli.js';

describe('duban doctor', () => {
  const tmp = tempDir('duban-doctor-');
  afterAll(() => tmp.cleanup());

  it('reports the browser and every font role as JSON, and succeeds when all are usable', async () => {
    const r = await runCli(['doctor', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      browser: { path: string; version: string; source: string };
      fonts: { role: string; ok: boolean; substitute: boolean; install?: string }[];
    };
    expect(report.ok).toBe(true);
    expect(report.browser.version).toMatch(/Chrom/);
    expect(report.fonts.map((f) => f.role)).toEqual(['xiaobiaosong', 'fangsong', 'heiti', 'kaiti', 'songti']);
    // No official fonts are configured here: every role is an open substitute with advice on the official font.
    for (const f of report.fonts)
      expect(f).toMatchObject({ ok: true, substitute: true, install: expect.stringContaining('duban.config.json') });
  });

  it('fails with what to install when the browser is unusable', async () => {
    const r = await runCli(['doctor'], { env: { DUBAN_BROWSER: '/nonexistent/chrome' } });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/FAIL browser: .*\/nonexistent\/chrome/);
    expect(r.stdout).toContain('apt-get install chromium');
    expect(r.stdout).toContain('NOT ready');
  });

  it('uses official fonts from config (paths relative to the config file) and fails on a traditional-only font', async () => {
    mkdirSync(join(tmp.dir, 'fonts'));
    copyFileSync('/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf', join(tmp.dir, 'fonts', 'kai.ttf'));
    const good = join(tmp.dir, 'good.json');
    writeFileSync(good, JSON.stringify({ fonts: { kaiti: 'fonts/kai.ttf' } }));
    const r = await runCli(['--config', good, 'doctor', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const kaiti = (JSON.parse(r.stdout) as { fonts: { role: string; substitute: boolean; file: string }[] }).fonts.find(
      (f) => f.role === 'kaiti',
    );
    expect(kaiti).toMatchObject({ substitute: false, file: join(tmp.dir, 'fonts', 'kai.ttf') });

    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ fonts: { kaiti: '/usr/share/fonts/truetype/arphic-bkai00mp/bkai00mp.ttf' } }));
    const b = await runCli(['--config', bad, 'doctor']);
    expect(b.code).toBe(3);
    expect(b.stdout).toMatch(/FAIL font 楷体.*no simplified-Chinese glyphs/);
  });
});
