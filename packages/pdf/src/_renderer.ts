/**
 * The PdfRenderer: one Chromium per renderer (per CLI run), launched on first
 * use, pages reused. JavaScript is off; the only requests allowed are file://
 * URLs of the document itself, the template directories and the font cache.
 * (Past 250 lines on purpose: launch, page pool, interception and cleanup share
 * the same few variables and read best together.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DubanError } from '@duban/core';
import type { FontUse, PdfOptions, PdfRenderer, PdfResult } from '@duban/reporter-api';
import { writeFileAtomic } from '@duban/reporter-api';
import { findBrowser } from './_browser.js';
import { defaultCacheDir, fontconfigFile, resolveFonts, type FontRole, type ResolvedFont } from './_fonts.js';
import { countPages, withTitle } from './_document.js';
import { killTreeSync } from './_process.js';
import { FontSubsetter } from './_subset.js';
import { TemplateSet } from './_templates.js';
import { withFontSubsets } from './_webfonts.js';

/** Options of createPdfRenderer; all optional. */
export interface PdfRendererOptions {
  /** Browser executable (config); env DUBAN_BROWSER and the system browser otherwise. */
  browser?: string;
  /** Override directory whose templates win over duban's own, file by file. */
  templatesDir?: string;
  /** Official fonts by role: a file path or an installed family name. */
  fonts?: Partial<Record<FontRole, string>>;
  /** Where cleaned fonts are cached (default ~/.cache/duban/fonts). */
  cacheDir?: string;
  /** Default per-render timeout in ms (60 000). */
  timeoutMs?: number;
}

/** A render's result, plus the requests the renderer refused (for diagnostics and tests). */
export interface RenderResult extends PdfResult {
  blocked: string[];
}

/** duban's renderer: the PdfRenderer contract plus close(). */
export interface DubanPdfRenderer extends PdfRenderer {
  renderTemplate(template: string, data: unknown, outPath: string, options?: PdfOptions): Promise<RenderResult>;
  renderHtml(html: string, outPath: string, options?: PdfOptions): Promise<RenderResult>;
  /** Closes the browser and removes its temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

/** Chromium flags: no background traffic, no sandbox (containers), no GPU. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--disable-dev-shm-usage', '--font-render-hinting=none', '--disable-extensions', '--disable-default-apps', '--mute-audio',
  // Fewer processes, less memory: no zygotes (the sandbox is off anyway), GPU work in the browser process.
  // At most two renderers: one document uses one; batches (score sheets) print two at once on two cores.
  '--no-zygote', '--in-process-gpu', '--renderer-process-limit=2', '--disable-site-isolation-trials',
  '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,InterestFeedContentSuggestions,SpareRendererForSitePerProcess,BackForwardCache',
];

/** Creates a renderer. Nothing starts until the first render. */
export function createPdfRenderer(options: PdfRendererOptions = {}): DubanPdfRenderer {
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir());
  let fonts: Promise<ResolvedFont[]> | undefined;
  const templates: TemplateSet = new TemplateSet(options.templatesDir, (): string => templates.read('official.css'));
  let browser: Promise<Browser> | undefined;
  let workDir: string | undefined;
  let profileDir: string | undefined;
  const idle: Page[] = [];
  let docCounter = 0;
  let closed = false;
  // Parsed fonts live as long as the renderer: each document only pays for its own subset.
  const subsetter = new FontSubsetter();

  const loadFonts = () => (fonts ??= resolveFonts({ fonts: options.fonts, cacheDir }));

  // 'exit' handlers run synchronously: keep the child process itself, not a promise of it.
  let child: ReturnType<Browser['process']> = null;
  const killOnExit = () => {
    if (child?.pid && child.exitCode === null) {
      // The browser and its helpers must stop writing into the profile before we remove it.
      killTreeSync(child.pid, 2000);
    }
    cleanupDirs();
  };
  // On a termination signal: kill the browser, then let the signal do what it would have done.
  const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    killOnExit();
    detach();
    process.kill(process.pid, signal);
  };
  function attach(): void {
    process.on('exit', killOnExit);
    for (const s of SIGNALS) process.on(s, onSignal);
  }
  function detach(): void {
    process.off('exit', killOnExit);
    for (const s of SIGNALS) process.off(s, onSignal);
  }
  function cleanupDirs(): void {
    for (const d of [profileDir, workDir]) {
      try {
        if (d) rmSync(d, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
      } catch {
        /* best effort: never let cleanup turn an exit or a signal into a crash */
      }
    }
    profileDir = workDir = undefined;
  }

  function ensureWorkDir(): string {
    return (workDir ??= mkdtempSync(join(tmpdir(), 'duban-render-')));
  }

  async function launch(): Promise<Browser> {
    const found = findBrowser(options.browser);
    const fontconfig = fontconfigFile(await loadFonts(), cacheDir);
    profileDir = mkdtempSync(join(tmpdir(), 'duban-chromium-'));
    ensureWorkDir();
    attach();
    try {
      const b = await puppeteer.launch({ executablePath: found.path, headless: true, pipe: true, userDataDir: profileDir, args: CHROMIUM_FLAGS, protocolTimeout: 120_000,
        // Our own handlers (above) kill the browser and keep the signal's default effect.
        handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, env: { ...process.env, FONTCONFIG_FILE: fontconfig } });
      child = b.process();
      b.on('disconnected', () => {
        browser = undefined;
        initialTaken = false;
        idle.length = 0;
      });
      return b;
    } catch (e) {
      detach();
      cleanupDirs();
      throw new DubanError('DUBAN_PDF_BROWSER_START', `the browser ${found.path} did not start: ${(e as Error).message.split('\n')[0]}`, {
        hint: 'run `duban doctor`; set DUBAN_BROWSER to a working Chromium/Chrome',
        exitCode: 3,
        cause: e,
      });
    }
  }

  function allowed(url: string, { doc, fontFiles }: { doc: string; fontFiles: ReadonlySet<string> }): boolean {
    if (url.startsWith('data:')) return true;
    if (!url.startsWith('file:')) return false;
    let path: string;
    try {
      path = resolve(fileURLToPath(url));
    } catch {
      return false;
    }
    if (path === doc || fontFiles.has(path)) return true;
    return [...templates.dirs, cacheDir].some((dir) => path.startsWith(resolve(dir) + sep));
  }

  type PageState = { doc: string; fontFiles: ReadonlySet<string>; blocked: string[] };
  async function takePage(b: Browser, state: PageState): Promise<Page> {
    // Reuse the tab Chromium opens at start before creating another renderer.
    const page = idle.pop() ?? (await spareInitialPage(b)) ?? (await b.newPage());
    const tagged = page as Page & { __duban?: PageState };
    if (!tagged.__duban) {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (req.isInterceptResolutionHandled()) return;
        const s = tagged.__duban!;
        if (allowed(req.url(), s)) void req.continue();
        else {
          s.blocked.push(req.url());
          void req.abort('blockedbyclient');
        }
      });
    }
    tagged.__duban = state;
    return page;
  }

  let initialTaken = false;
  async function spareInitialPage(b: Browser): Promise<Page | undefined> {
    if (initialTaken) return undefined;
    initialTaken = true;
    return (await b.pages())[0];
  }

  async function render(html: string, outPath: string, opts: PdfOptions = {}): Promise<RenderResult> {
    if (closed) throw new DubanError('DUBAN_PDF_CLOSED', 'the PDF renderer was already closed', { exitCode: 70 });
    const fonts = await loadFonts();
    browser ??= launch();
    const launching = browser;
    launching.catch(() => {}); // awaited below, after the subsets: a failed launch is reported there
    const timeoutMs = opts.timeoutMs ?? options.timeoutMs ?? 60_000;
    const dir = ensureWorkDir();
    const doc = join(dir, `doc-${process.pid}-${++docCounter}.html`);
    // Chromium takes the PDF's Title from <title>, else from the (temporary) file name.
    const hasTitle = /<title[^>]*>\s*[^<\s][^<]*<\/title>/i.test(html);
    const titled = opts.title !== undefined ? withTitle(html, opts.title) : hasTitle ? html : withTitle(html, basename(outPath, extname(outPath)));
    let subsets: { html: string; files: string[] };
    let b: Browser;
    try {
      // Subsetting overlaps the browser's start on a cold run.
      await mkdir(dir, { recursive: true });
      const ts = performance.now();
      subsets = await withFontSubsets(titled, templates.read('official.css'), fonts, subsetter, doc.slice(0, -'.html'.length));
      if (process.env.DUBAN_PDF_DEBUG) process.stderr.write(`[pdf] subset ${(performance.now() - ts).toFixed(0)} ms\n`);
      await writeFile(doc, subsets.html);
      b = await launching;
    } catch (e) {
      // A launch failure also explains a failed write into its work directory: report it first.
      try {
        await launching;
      } catch (launchError) {
        if (browser === launching) browser = undefined;
        throw launchError;
      }
      throw e;
    }
    const state: PageState = { doc, fontFiles: new Set(subsets.files), blocked: [] };
    let page: Page | undefined;
    let timer: NodeJS.Timeout | undefined;
    const work = (async () => {
      page = await takePage(b, state);
      const t0 = performance.now();
      await page.goto(pathToFileURL(doc).href, { waitUntil: 'load', timeout: timeoutMs });
      if (process.env.DUBAN_PDF_DEBUG) process.stderr.write(`[pdf] goto ${(performance.now() - t0).toFixed(0)} ms\n`);
      const t1 = performance.now();
      const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: timeoutMs, outline: false, tagged: false });
      if (process.env.DUBAN_PDF_DEBUG) process.stderr.write(`[pdf] print ${(performance.now() - t1).toFixed(0)} ms\n`);
      return bytes;
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DubanError('DUBAN_PDF_TIMEOUT', `rendering ${outPath} took longer than ${timeoutMs} ms and was stopped`, {
        where: { file: outPath },
        hint: 'a very large document or a stuck browser; retry, or raise the timeout',
        exitCode: 3,
      })), timeoutMs);
    });
    let pdf: Uint8Array;
    try {
      pdf = await Promise.race([work, timeout]);
    } catch (e) {
      work.catch(() => {});
      // A page that timed out or failed may be stuck mid-navigation: never reuse it.
      const p = page as Page | undefined;
      if (p) void p.close().catch(() => {});
      page = undefined;
      if (e instanceof DubanError) throw e;
      throw new DubanError('DUBAN_PDF_RENDER', `rendering ${outPath} failed: ${(e as Error).message.split('\n')[0]}`, { where: { file: outPath }, exitCode: 3, cause: e });
    } finally {
      clearTimeout(timer);
      rmSync(doc, { force: true });
      for (const f of subsets.files) rmSync(f, { force: true });
    }
    if (page) idle.push(page);
    try {
      await writeFileAtomic(outPath, pdf);
    } catch (e) {
      throw new DubanError('DUBAN_PDF_WRITE', `cannot write ${outPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
        where: { file: outPath },
        hint: 'check that the output path is a writable file location (not a directory) and the disk has room',
        exitCode: 3,
        cause: e,
      });
    }
    return { path: outPath, pages: countPages(pdf), bytes: pdf.byteLength, blocked: state.blocked };
  }

  return {
    async renderTemplate(template, data, outPath, opts) {
      await loadFonts();
      // Relative asset URLs in a template resolve against the template's own directory.
      const base = `<base href="${pathToFileURL(dirname(templates.locate(template))).href}/">`;
      const html = templates.render(template, data).replace(/<head(\s[^>]*)?>/i, (m) => `${m}${base}`);
      return render(html, outPath, opts);
    },
    async renderHtml(html, outPath, opts) {
      await loadFonts();
      const styled = html.includes('data-duban-styles') ? html : html.replace(/<head(\s[^>]*)?>/i, (m) => `${m}\n<style data-duban-styles>\n${templates.read('official.css')}\n</style>`);
      return render(styled, outPath, opts);
    },
    async renderTemplateToHtml(template, data) {
      await loadFonts();
      return templates.render(template, data);
    },
    async fonts(): Promise<readonly FontUse[]> {
      return (await loadFonts()).map(({ role, official, family, file, substitute }) => ({ role, official, family, file, substitute }));
    },
    async close() {
      closed = true;
      subsetter.close();
      const b = browser;
      browser = undefined;
      if (b) {
        try {
          await (await b).close();
        } catch {
          /* already gone */
        }
      }
      detach();
      cleanupDirs();
    },
  };
}
