// The renderer's sandbox, attacked as a hostile template or plug-in would: every
// way HTML can make a browser connect, against a loopback listener that counts
// TCP connections; symbolic links out of the templates and output directories;
// unescaped Handlebars output in its disguises; renderers killed with -9 leaving
// their temporary folders; the timeout's hint.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createPdfRenderer, type DubanPdfRenderer, removeStaleDirs } from '@duban/pdf';
import { createOutputHelpers } from '@duban/reporter-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './_support/cli.js';
import { loadPdf, squash } from './_support/pdf.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAAABJRU5ErkJggg==',
  'base64',
);

/** Every kind of reference that makes a browser open a connection, pointing at `base`. */
function references(base: string): Record<string, string> {
  return {
    preconnect: `<link rel="preconnect" href="${base}/preconnect">`,
    'dns-prefetch': `<link rel="dns-prefetch" href="${base}/dns">`,
    prefetch: `<link rel="prefetch" href="${base}/prefetch">`,
    preload: `<link rel="preload" as="image" href="${base}/preload.png">`,
    stylesheet: `<link rel="stylesheet" href="${base}/x.css">`,
    icon: `<link rel="icon" href="${base}/favicon.ico">`,
    'meta refresh': `<meta http-equiv="refresh" content="0;url=${base}/refresh">`,
    img: `<img src="${base}/img.png">`,
    srcset: `<picture><source srcset="${base}/srcset.png"><img src="data:,"></picture>`,
    iframe: `<iframe src="${base}/iframe"></iframe>`,
    object: `<object data="${base}/object"></object>`,
    embed: `<embed src="${base}/embed">`,
    video: `<video poster="${base}/poster.png" src="${base}/video.mp4" preload="auto"></video>`,
    audio: `<audio src="${base}/audio.mp3" preload="auto"></audio>`,
    'css @import': `<style>@import url("${base}/import.css");</style>`,
    'css background': `<div style="background-image: url('${base}/bg.png'); width: 10px; height: 10px"></div>`,
    'css font': `<style>@font-face { font-family: X; src: url("${base}/font.woff2"); } p.x { font-family: X; }</style><p class="x">x</p>`,
    'svg image': `<svg width="10" height="10"><image href="${base}/svg.png" width="10" height="10"/></svg>`,
    script: `<script src="${base}/script.js"></script>`,
  };
}

describe('the renderer sandbox', () => {
  const tmp = tempDir('duban-sandbox-');
  let renderer: DubanPdfRenderer;
  let server: Server;
  let port = 0;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
    renderer = createPdfRenderer({ templatesDir: join(tmp.dir, 'templates') });
  });

  afterAll(async () => {
    await renderer?.close();
    server?.close();
    tmp.cleanup();
  });

  it('the listener counts connections (so a zero below means something)', async () => {
    await new Promise<void>((r) =>
      connect(port, '127.0.0.1')
        .on('close', () => r())
        .on('error', () => r()),
    );
    expect(connections).toBe(1);
    connections = 0;
  });

  for (const host of ['127.0.0.1', 'localhost']) {
    it(`opens no connection to ${host} for any kind of reference`, async () => {
      const refs = references(`http://${host}:${port}`);
      for (const [kind, html] of Object.entries(refs)) {
        const before = connections;
        await renderer.renderHtml(
          `<!doctype html><html><head>${html}</head><body><p>${kind}</p>${html}</body></html>`,
          join(tmp.dir, 'net.pdf'),
        );
        // Preconnects and refreshes happen after load: give them time to try.
        await new Promise((r) => setTimeout(r, 300));
        expect(connections - before, kind).toBe(0);
      }
    });
  }

  it('follows no symbolic link out of a templates directory (file reads and templates)', async () => {
    const templates = join(tmp.dir, 'templates');
    const outside = join(tmp.dir, 'outside');
    mkdirSync(join(templates, 't'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'secret.png'), PNG);
    writeFileSync(join(outside, 'secret.txt'), 'TOP-SECRET-TEXT');
    writeFileSync(join(outside, 'evil.hbs'), '<html><head></head><body>EVIL-TEMPLATE</body></html>');
    symlinkSync(join(outside, 'secret.png'), join(templates, 't', 'pixel.png'));
    symlinkSync(join(outside, 'secret.txt'), join(templates, 't', 'notes.txt'));
    symlinkSync(outside, join(templates, 't', 'dir'));
    symlinkSync(join(outside, 'evil.hbs'), join(templates, 't', 'evil.hbs'));
    writeFileSync(
      join(templates, 't', 'leak.hbs'),
      '<!doctype html><html><head></head><body><p>LEAK</p><img src="pixel.png" style="width:20px"><iframe src="notes.txt"></iframe><iframe src="dir/secret.txt"></iframe></body></html>',
    );
    const r = await renderer.renderTemplate('t/leak.hbs', {}, join(tmp.dir, 'leak.pdf'));
    expect(r.blocked.some((u) => u.endsWith('/t/pixel.png'))).toBe(true);
    expect(r.blocked.some((u) => u.endsWith('/t/notes.txt'))).toBe(true);
    expect(r.blocked.some((u) => u.endsWith('/t/dir/secret.txt'))).toBe(true);
    const doc = await loadPdf(r.path);
    expect(squash(doc.text)).not.toContain('TOP-SECRET-TEXT');
    expect(doc.pages[0]!.images.filter((i) => i.width === 1 && i.height === 1)).toEqual([]);
    await expect(renderer.renderTemplate('t/evil.hbs', {}, join(tmp.dir, 'evil.pdf'))).rejects.toMatchObject({
      code: 'DUBAN_TEMPLATE_UNSAFE',
    });
  });

  it('refuses unescaped output however it is written, with the line', async () => {
    const templates = join(tmp.dir, 'templates', 'u');
    mkdirSync(templates, { recursive: true });
    const cases: Record<string, string> = {
      'amp.hbs': '<p>\n{{& value}}</p>',
      'tilde.hbs': '<p>\n{{~{value}~}}</p>',
      'triple.hbs': '<p>\n{{{value}}}</p>',
      'nested.hbs': '<p>\n{{#each items}}{{{this}}}{{/each}}</p>',
    };
    for (const [name, text] of Object.entries(cases)) {
      writeFileSync(join(templates, name), text);
      await expect(
        renderer.renderTemplate(`u/${name}`, { value: '<b>x</b>', items: ['<i>'] }, join(tmp.dir, 'u.pdf')),
        name,
      ).rejects.toMatchObject({ code: 'DUBAN_TEMPLATE_UNSAFE', where: { line: 2 } });
    }
    writeFileSync(join(templates, 'ok.hbs'), '<!doctype html><html><head></head><body><p>{{value}}</p></body></html>');
    const ok = await renderer.renderTemplate('u/ok.hbs', { value: '<b>x</b>' }, join(tmp.dir, 'ok.pdf'));
    expect(squash((await loadPdf(ok.path)).text)).toContain('<b>x</b>');
  });

  it('plug-in output helpers refuse a symbolic link that leads out of the output directory', async () => {
    const out = join(tmp.dir, 'out');
    const elsewhere = join(tmp.dir, 'elsewhere');
    mkdirSync(out, { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    symlinkSync(elsewhere, join(out, 'link'));
    const helpers = createOutputHelpers(`${out}/`);
    await expect(helpers.writeFile('link/x.txt', 'x')).rejects.toMatchObject({ code: 'DUBAN_REPORTER_OUTPUT_PATH' });
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(await helpers.writeFile('fine/x.txt', 'x')).toBe(join(out, 'fine', 'x.txt'));
  });

  it('names a timeout setting that exists, and honours it', async () => {
    const r = spawnSync(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `
      import { createPdfRenderer } from '@duban/pdf';
      const pdf = createPdfRenderer();
      try { await pdf.renderHtml('<html><head></head><body><p>x</p></body></html>', process.env.OUT); console.log('RENDERED'); }
      catch (e) { console.log(JSON.stringify({ code: e.code, hint: e.hint })); }
      finally { await pdf.close(); }`,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DUBAN_PDF_TIMEOUT_MS: '1', OUT: join(tmp.dir, 't.pdf') },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const result = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { code: string; hint: string };
    expect(result.code).toBe('DUBAN_PDF_TIMEOUT');
    expect(result.hint).toContain('DUBAN_PDF_TIMEOUT_MS');
  });
});

describe('temporary folders of killed renderers', () => {
  const tmp = tempDir('duban-stale-');
  afterAll(() => tmp.cleanup());

  it('removes folders whose process is gone, and only those', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    for (const d of [
      `duban-chromium-${dead}-abc`,
      `duban-render-${dead}-def`,
      'duban-chromium-1-alive',
      'duban-render-old',
    ])
      mkdirSync(join(tmp.dir, d));
    removeStaleDirs(tmp.dir);
    expect(readdirSync(tmp.dir).sort()).toEqual(['duban-chromium-1-alive', 'duban-render-old']);
  });

  it('a renderer killed with -9 leaves its folders; the next renderer removes them', async () => {
    const dir = join(tmp.dir, 'kill');
    mkdirSync(dir);
    const script = `import { createPdfRenderer } from '@duban/pdf';
      const pdf = createPdfRenderer();
      await pdf.renderHtml('<html><head></head><body><p>x</p></body></html>', process.env.OUT);
      process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`;
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: dir, OUT: join(dir, 'x.pdf') },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()),
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    await new Promise((r) => setTimeout(r, 1000)); // Chromium notices its pipe closed and exits
    const left = readdirSync(dir).filter((f) => /^duban-(chromium|render)-/.test(f));
    expect(left.length).toBeGreaterThan(0);
    const again = spawnSync(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script.replace('setInterval(() => {}, 1000);', 'await pdf.close();'),
      ],
      { cwd: ROOT, env: { ...process.env, TMPDIR: dir, OUT: join(dir, 'y.pdf') }, encoding: 'utf8', timeout: 120_000 },
    );
    expect(again.stdout).toContain('ready');
    expect(readdirSync(dir).filter((f) => left.includes(f))).toEqual([]);
  });
});
