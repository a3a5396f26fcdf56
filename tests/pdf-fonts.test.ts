import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import {
  createPdfRenderer,
  findBrowser,
  inspectFont,
  prepareFontCache,
  resolveFonts,
  resolveRole,
  SUBSTITUTES,
} from '@duban/pdf';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './_support/cli.js';
import { badCodePoints, loadPdf, squash } from './_support/pdf.js';

// Characters whose glyph Noto CJK and Fandol share with a Kangxi radical or radical supplement.
const SAMPLE = '一人工大山水金门见车长马工作人民政府';
const radicalOf = (ch: string) =>
  (({ 一: 0x2f00, 人: 0x2f08, 工: 0x2f2f, 大: 0x2f24, 山: 0x2f2d, 水: 0x2f54, 金: 0x2fa6 }) as Record<string, number>)[
    ch
  ];

describe('font pipeline', () => {
  const tmp = tempDir('duban-fonts-');
  afterAll(() => tmp.cleanup());

  it('the open substitutes really map radicals onto ideograph glyphs (the problem exists)', () => {
    const [face] = inspectFont(readFileSync(SUBSTITUTES.fangsong[0]!.file));
    expect(face!.map.get(0x2f2f)).toBe(face!.map.get(0x5de5)); // ⼯ and 工 share a glyph in FandolFang
  });

  it('cleaned fonts keep every ideograph and map no radical onto an ideograph glyph', async () => {
    const fonts = await resolveFonts();
    expect(fonts.map((f) => f.role)).toEqual(['xiaobiaosong', 'fangsong', 'heiti', 'kaiti', 'songti']);
    for (const f of fonts) {
      const [face] = inspectFont(readFileSync(f.cleanFile));
      expect(face!.families).toContain(`duban-${f.role}`);
      const ideographGlyphs = new Set([...face!.map].filter(([cp]) => cp >= 0x4e00 && cp <= 0x9fff).map(([, g]) => g));
      const leaking = [...face!.map].filter(([cp, g]) => cp >= 0x2e80 && cp <= 0x2fdf && ideographGlyphs.has(g));
      expect(leaking, f.role).toEqual([]);
      for (const ch of SAMPLE) expect(face!.map.has(ch.codePointAt(0)!), `${f.role} ${ch}`).toBe(true);
      const radical = radicalOf('工')!;
      expect(face!.map.has(radical)).toBe(false);
    }
  });

  it('text extracted from a rendered PDF equals the input, in every role (pdfjs and mutool)', async () => {
    const renderer = createPdfRenderer();
    try {
      const roles = ['xiaobiaosong', 'fangsong', 'heiti', 'kaiti', 'songti'];
      const body = roles.map((r) => `<p style="font-family:'duban-${r}';text-indent:0">${r}:${SAMPLE}</p>`).join('');
      const out = join(tmp.dir, 'roles.pdf');
      await renderer.renderHtml(`<!doctype html><html><head></head><body>${body}</body></html>`, out);
      const text = squash((await loadPdf(out)).text);
      for (const r of roles) expect(text).toContain(`${r}:${SAMPLE}`);
      expect(badCodePoints(text)).toEqual([]);
      const mutool = spawnSync('mutool', ['draw', '-q', '-F', 'txt', out], { encoding: 'utf8' });
      if (!mutool.error) {
        expect(squash(mutool.stdout)).toContain(`fangsong:${SAMPLE}`);
        expect(badCodePoints(mutool.stdout)).toEqual([]);
      }
    } finally {
      await renderer.close();
    }
  });

  it('the same text in the uncleaned system font extracts as radicals (so the check above can fail)', async () => {
    const renderer = createPdfRenderer();
    try {
      const out = join(tmp.dir, 'system.pdf');
      await renderer.renderHtml(
        `<!doctype html><html><head></head><body><p style="font-family:'Noto Serif CJK SC'">${SAMPLE}</p></body></html>`,
        out,
      );
      expect(badCodePoints((await loadPdf(out)).text).length).toBeGreaterThan(0);
    } finally {
      await renderer.close();
    }
  });

  it('caches cleaned fonts by content: a touched or copied file reuses its entry, a changed one is rebuilt', () => {
    const cacheDir = join(tmp.dir, 'cache');
    const font = join(tmp.dir, 'kai.ttf');
    copyFileSync(SUBSTITUTES.kaiti[0]!.file, font);
    const first = resolveRole('kaiti', { fonts: { kaiti: font }, cacheDir });
    expect(first.substitute).toBe(false);
    expect(first.cleanFile.startsWith(cacheDir)).toBe(true);
    expect(resolveRole('kaiti', { fonts: { kaiti: font }, cacheDir }).cleanFile).toBe(first.cleanFile);
    utimesSync(font, new Date(), new Date(Date.now() + 5000));
    expect(resolveRole('kaiti', { fonts: { kaiti: font }, cacheDir }).cleanFile).toBe(first.cleanFile);
    const copy = join(tmp.dir, 'kai-copy.ttf');
    copyFileSync(font, copy);
    expect(resolveRole('kaiti', { fonts: { kaiti: copy }, cacheDir }).cleanFile).toBe(first.cleanFile);
    appendFileSync(font, Buffer.alloc(16)); // the same face with different bytes: a new entry
    const changed = resolveRole('kaiti', { fonts: { kaiti: font }, cacheDir });
    expect(changed.cleanFile).not.toBe(first.cleanFile);
    expect(existsSync(first.cleanFile)).toBe(false); // the superseded copy is pruned
  });

  it('prepares every role as TrueType once: PDFs embed CID fonts only, each role named, rare characters included', async () => {
    const prepared = await prepareFontCache();
    expect(prepared.map((f) => [f.role, f.outlines])).toEqual(
      ['xiaobiaosong', 'fangsong', 'heiti', 'kaiti', 'songti'].map((r) => [r, 'truetype']),
    );
    const stamps = prepared.map((f) => statSync(f.core).mtimeMs);
    // Another process finds them prepared: nothing is converted again.
    const again = spawnSync(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "import { prepareFontCache } from '@duban/pdf'; const f = await prepareFontCache(); console.log(JSON.stringify(f.map((x) => x.core)));",
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(again.stdout)).toEqual(prepared.map((f) => f.core));
    expect(prepared.map((f) => statSync(f.core).mtimeMs)).toEqual(stamps);
    const renderer = createPdfRenderer();
    try {
      const roles = ['xiaobiaosong', 'fangsong', 'heiti', 'kaiti', 'songti'];
      // 堃 and 镕 are outside GB 2312 (rare blocks, prepared on first use); 㵘 is in extension A.
      const rare = '堃镕㵘';
      const body = roles
        .map((r) => `<p style="font-family:'duban-${r}','duban-songti';text-indent:0">${r}:${SAMPLE}${rare}</p>`)
        .join('');
      const out = join(tmp.dir, 'cid.pdf');
      await renderer.renderHtml(`<!doctype html><html><head></head><body>${body}</body></html>`, out);
      const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.filter((l) => /Type 3/.test(l))).toEqual([]);
      for (const r of roles)
        expect(
          fonts.some((l) => l.includes(`+duban-${r} `)),
          r,
        ).toBe(true);
      const text = squash((await loadPdf(out)).text);
      for (const r of roles) expect(text).toContain(`${r}:${SAMPLE}${r === 'kaiti' || r === 'fangsong' ? '' : rare}`);
    } finally {
      await renderer.close();
    }
  });

  it('uses an installed family named in config, and rejects unknown families and traditional-only fonts', () => {
    const cacheDir = join(tmp.dir, 'cache2');
    const byFamily = resolveRole('kaiti', { fonts: { kaiti: 'AR PL KaitiM GB' }, cacheDir });
    expect(byFamily).toMatchObject({ substitute: false, family: 'AR PL KaitiM GB' });
    expect(() => resolveRole('kaiti', { fonts: { kaiti: 'No Such Font Family 123' }, cacheDir })).toThrow(
      expect.objectContaining({ code: 'DUBAN_PDF_FONT_NOT_FOUND' }),
    );
    expect(() => resolveRole('kaiti', { fonts: { kaiti: join(tmp.dir, 'missing.ttf') }, cacheDir })).toThrow(
      expect.objectContaining({ code: 'DUBAN_PDF_FONT_NOT_FOUND' }),
    );
    // AR PL KaitiM Big5 has traditional glyphs only: mixing it into official text is a defect.
    expect(() =>
      resolveRole('kaiti', { fonts: { kaiti: '/usr/share/fonts/truetype/arphic-bkai00mp/bkai00mp.ttf' }, cacheDir }),
    ).toThrow(expect.objectContaining({ code: 'DUBAN_PDF_FONT_UNSUITABLE' }));
  });

  it('finds the browser from config, env, then the system, with a clear error otherwise', () => {
    expect(findBrowser(undefined, { PATH: '/usr/bin' })).toMatchObject({ source: 'system' });
    // Chromium's headless shell (set-up installs it) before the full browser: it starts and prints several times faster.
    expect(findBrowser(undefined, { PATH: '' }).path).toBe('/usr/bin/chromium-headless-shell');
    expect(findBrowser(undefined, { DUBAN_BROWSER: '/usr/bin/chromium' })).toEqual({
      path: '/usr/bin/chromium',
      source: 'env',
    });
    expect(findBrowser('/usr/bin/chromium', { DUBAN_BROWSER: '/nope' })).toEqual({
      path: '/usr/bin/chromium',
      source: 'config',
    });
    expect(() => findBrowser('/nope/chrome')).toThrow(expect.objectContaining({ code: 'DUBAN_PDF_NO_BROWSER' }));
  });
});
