import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createPdfRenderer, type DubanPdfRenderer } from '@duban/pdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './_support/cli.js';
import { loadPdf, squash } from './_support/pdf.js';

// A 1×1 PNG: lets a test tell whether an image was loaded (it shows up as an image in the PDF).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

const page = (body: string) => `<!doctype html><html><head>{{> head title="t"}}</head><body>${body}</body></html>`;

describe('PDF renderer', () => {
  const tmp = tempDir('duban-pdf-');
  const override = join(tmp.dir, 'templates');
  const outside = join(tmp.dir, 'outside');
  let renderer: DubanPdfRenderer;
  let server: Server;
  let hits = 0;
  let port = 0;

  beforeAll(async () => {
    mkdirSync(join(override, 't'), { recursive: true });
    mkdirSync(join(override, '_partials'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'secret.png'), PNG);
    writeFileSync(join(override, 't', 'inside.png'), PNG);
    server = createServer((_, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
    const files: Record<string, string> = {
      't/script.hbs': page(
        '<p>STATIC-TEXT</p><script>document.body.innerHTML = "<p>SCRIPT-RAN</p>";</script><noscript><p>NOSCRIPT-SHOWN</p></noscript>',
      ),
      't/network.hbs': page(
        `<p>NET</p><img src="http://127.0.0.1:${port}/pixel.png"><link rel="stylesheet" href="http://127.0.0.1:${port}/x.css">`,
      ),
      't/file-outside.hbs': page(`<p>FILE</p><img src="file://${join(outside, 'secret.png')}" style="width:20px">`),
      't/file-inside.hbs': page('<p>INSIDE</p><img src="inside.png" style="width:20px">'),
      't/escape.hbs': page('<p class="v">{{value}}</p>'),
      't/syntax.hbs': '<html>\n<body>\n{{#each items}}\n<p>{{this}}</p>\n</body></html>\n',
      't/triple.hbs': '<p>{{{value}}}</p>',
      't/missing-partial.hbs': page('{{> nosuchpartial}}'),
      't/title.hbs': page('{{> title text="OVERRIDDEN"}}'),
      '_partials/title.hbs': '<h1 class="doc-title">custom-{{text}}</h1>',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(override, name), text);
    renderer = createPdfRenderer({ templatesDir: override });
  });

  afterAll(async () => {
    await renderer?.close();
    server?.close();
    tmp.cleanup();
  });

  it('renders with JavaScript disabled', async () => {
    const out = join(tmp.dir, 'script.pdf');
    await renderer.renderTemplate('t/script.hbs', {}, out);
    const text = squash((await loadPdf(out)).text);
    expect(text).toContain('STATIC-TEXT');
    expect(text).not.toContain('SCRIPT-RAN');
    expect(text).toContain('NOSCRIPT-SHOWN'); // noscript content shows exactly when scripting is off
  });

  it('prints with the full Chromium too (config "browser"), JavaScript and network still off', async () => {
    const full = createPdfRenderer({ templatesDir: override, browser: '/usr/bin/chromium' });
    try {
      const before = hits;
      const out = join(tmp.dir, 'full-script.pdf');
      await full.renderTemplate('t/script.hbs', {}, out);
      const text = squash((await loadPdf(out)).text);
      expect(text).toContain('STATIC-TEXT');
      expect(text).not.toContain('SCRIPT-RAN');
      const net = await full.renderTemplate('t/network.hbs', {}, join(tmp.dir, 'full-net.pdf'));
      expect(net.blocked.length).toBeGreaterThan(0);
      expect(hits).toBe(before);
    } finally {
      await full.close();
    }
  });

  it('blocks every network request', async () => {
    const before = hits;
    const r = await renderer.renderTemplate('t/network.hbs', {}, join(tmp.dir, 'net.pdf'));
    expect(hits).toBe(before);
    expect(r.blocked).toEqual(
      expect.arrayContaining([`http://127.0.0.1:${port}/pixel.png`, `http://127.0.0.1:${port}/x.css`]),
    );
  });

  it('blocks file:// access outside the template and font directories, allows it inside', async () => {
    const bad = await renderer.renderTemplate('t/file-outside.hbs', {}, join(tmp.dir, 'outside.pdf'));
    expect(bad.blocked.some((u) => u.endsWith('/outside/secret.png'))).toBe(true);
    // A blocked <img> prints Chromium's broken-image icon, never the 1×1 picture itself.
    const ours = (images: { width: number; height: number }[]) =>
      images.filter((i) => i.width === 1 && i.height === 1).length;
    expect(ours((await loadPdf(bad.path)).pages[0]!.images)).toBe(0);
    const good = await renderer.renderTemplate('t/file-inside.hbs', {}, join(tmp.dir, 'inside.pdf'));
    expect(good.blocked).toEqual([]);
    expect(ours((await loadPdf(good.path)).pages[0]!.images)).toBe(1);
  });

  it('prints values literally: markup and Handlebars syntax in data are escaped', async () => {
    const value = '<script>alert(1)</script> {{constructor}} </html> & <b>bold</b>';
    const out = join(tmp.dir, 'escape.pdf');
    await renderer.renderTemplate('t/escape.hbs', { value }, out);
    expect(squash((await loadPdf(out)).text)).toContain(squash(value));
  });

  it('lets the override directory win file by file (partials too) and keeps duban templates', async () => {
    const html = await renderer.renderTemplateToHtml('t/title.hbs', {});
    expect(html).toContain('custom-OVERRIDDEN');
    expect(html).toContain('@page'); // official.css from duban's own templates
  });

  it('reports template errors with codes and locations', async () => {
    await expect(renderer.renderTemplate('t/nope.hbs', {}, join(tmp.dir, 'x.pdf'))).rejects.toMatchObject({
      code: 'DUBAN_TEMPLATE_MISSING',
    });
    await expect(renderer.renderTemplate('../../etc/passwd', {}, join(tmp.dir, 'x.pdf'))).rejects.toMatchObject({
      code: 'DUBAN_TEMPLATE_MISSING',
    });
    const syntax = await renderer
      .renderTemplate('t/syntax.hbs', { items: [] }, join(tmp.dir, 'x.pdf'))
      .catch((e: unknown) => e);
    expect(syntax).toMatchObject({ code: 'DUBAN_TEMPLATE_SYNTAX', where: { file: join(override, 't/syntax.hbs') } });
    expect((syntax as { where: { line?: number } }).where.line).toBeGreaterThanOrEqual(3);
    await expect(
      renderer.renderTemplate('t/triple.hbs', { value: '<b>' }, join(tmp.dir, 'x.pdf')),
    ).rejects.toMatchObject({ code: 'DUBAN_TEMPLATE_UNSAFE', where: { line: 1 } });
    await expect(renderer.renderTemplate('t/missing-partial.hbs', {}, join(tmp.dir, 'x.pdf'))).rejects.toMatchObject({
      code: 'DUBAN_TEMPLATE_MISSING',
    });
    expect(existsSync(join(tmp.dir, 'x.pdf'))).toBe(false);
  });

  it('times out a render with DUBAN_PDF_TIMEOUT and leaves the previous file untouched', async () => {
    const out = join(tmp.dir, 'slow.pdf');
    writeFileSync(out, 'previous');
    await expect(renderer.renderTemplate('t/escape.hbs', { value: 'x' }, out, { timeoutMs: 1 })).rejects.toMatchObject({
      code: 'DUBAN_PDF_TIMEOUT',
    });
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // The renderer is still usable after a timeout.
    const r = await renderer.renderTemplate('t/escape.hbs', { value: 'after-timeout' }, out);
    expect(r.pages).toBe(1);
    expect(squash((await loadPdf(out)).text)).toContain('after-timeout');
  });

  it('writes atomically: the output is a complete PDF and no temporary file remains', async () => {
    const out = join(tmp.dir, 'atomic', 'a.pdf');
    const r = await renderer.renderHtml('<!doctype html><html><head></head><body><p>HTML-PATH</p></body></html>', out);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/);
    expect(r.bytes).toBe(bytes.byteLength);
    expect(readdirSync(join(tmp.dir, 'atomic'))).toEqual(['a.pdf']);
    // An output path that is a directory: a clear error, and nothing left behind in it.
    await expect(
      renderer.renderHtml('<html><head></head><body>x</body></html>', join(tmp.dir, 'atomic')),
    ).rejects.toMatchObject({ code: 'DUBAN_PDF_WRITE' });
    expect(readdirSync(join(tmp.dir, 'atomic'))).toEqual(['a.pdf']);
    const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' });
    if (!info.error) expect(info.stdout).toMatch(/^Title:\s+a$/m); // no title anywhere: the file's name, not the temporary one
    await renderer.renderHtml('<!doctype html><html><head><title>old</title></head><body><p>t</p></body></html>', out, {
      title: '督查通报<第3期>',
    });
    const titled = spawnSync('pdfinfo', [out], { encoding: 'utf8' });
    if (!titled.error) expect(titled.stdout).toMatch(/^Title:\s+督查通报<第3期>$/m);
  });
});
