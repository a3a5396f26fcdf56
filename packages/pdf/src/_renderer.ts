/**
 * The PdfRenderer: one Chromium per renderer (per CLI run), launched on first
 * use, pages reused (the warm path). JavaScript is off; the only requests
 * allowed are file:// URLs of the document itself, the template directories and
 * the font cache, and the network is cut below request interception (_sandbox.ts).
 * Batches print many documents in one pass and split them (_batch.ts).
 * (Past 250 lines on purpose: launch, page pool, interception and cleanup share
 * the same few variables and read best together.)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DubanError } from '@duban/core';
import type { BatchDocument, BatchOptions, FontUse, PdfOptions, PdfRenderer, PdfResult } from '@duban/reporter-api';
import { writeFileAtomic } from '@duban/reporter-api';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { renderBatch } from './_batch.js';
import { findBrowser, isHeadlessShell } from './_browser.js';
import { hasColophon, markColophon, measureColophon, placeColophon, placement } from './_colophon.js';
import { countPages, unescapeHtml, withTitle } from './_document.js';
import { fontconfigFile } from './_fontconfig.js';
import { defaultCacheDir, type FontRole, type ResolvedFont, resolveFonts } from './_fonts.js';
import { withInfo, withInfoRewritten } from './_info.js';
import { FontPreparer, type PreparedFont } from './_prepare.js';
import { killTreeSync } from './_process.js';
import { FileAllowlist, NETWORK_OFF_FLAGS, ownedPrefix, real, removeStaleDirs } from './_sandbox.js';
import { FontSubsetter } from './_subset.js';
import { TemplateSet } from './_templates.js';
import { codePointsOf, fontFaceCss, withFontFaces } from './_webfonts.js';

/** Options of createPdfRenderer; all optional. */
export interface PdfRendererOptions {
  /** Browser executable (config); env DUBAN_BROWSER and the system browser otherwise. */
  browser?: string;
  /** Override directory whose templates win over duban's own, file by file. */
  templatesDir?: string;
  /** Official fonts by role: a file path or an installed family name. */
  fonts?: Partial<Record<FontRole, string>>;
  /** Where cleaned and prepared fonts are cached (default ~/.cache/duban/fonts). */
  cacheDir?: string;
  /** Default per-print timeout in ms: env DUBAN_PDF_TIMEOUT_MS, else 60 000. */
  timeoutMs?: number;
  /** Show a progress bar for batches on stderr (default: when stderr and stdout are terminals and CI is unset). */
  progress?: boolean;
}

/** A render's result, plus the requests the renderer refused (for diagnostics and tests). */
export interface RenderResult extends PdfResult {
  blocked: string[];
}

/** duban's renderer: the PdfRenderer contract plus close(). */
export interface DubanPdfRenderer extends PdfRenderer {
  renderTemplate(template: string, data: unknown, outPath: string, options?: PdfOptions): Promise<RenderResult>;
  renderHtml(html: string, outPath: string, options?: PdfOptions): Promise<RenderResult>;
  renderBatch(documents: readonly BatchDocument[], options?: BatchOptions): Promise<PdfResult[]>;
  /**
   * Starts the browser and readies a page now, so the first render does not wait for them (a host that
   * knows a PDF is coming). With `untilStarted`, resolves as soon as the browser process runs, and the
   * rest goes on in the background (a failure is then reported by the next render): the host can do its
   * own work while the browser boots instead of letting that work delay the start.
   */
  warmUp(options?: { untilStarted?: boolean }): Promise<void>;
  /** Closes the browser and removes its temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

/** Chromium flags: no network (see _sandbox.ts), no background traffic, no sandbox (containers), no GPU. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  ...NETWORK_OFF_FLAGS,
  // Fewer processes, less memory: no zygotes (the sandbox is off anyway), GPU work in the browser process.
  '--no-zygote',
  '--in-process-gpu',
  '--renderer-process-limit=2',
  '--disable-site-isolation-trials',
  '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,InterestFeedContentSuggestions,SpareRendererForSitePerProcess,BackForwardCache,NetworkPrediction',
];

/** The default timeout: DUBAN_PDF_TIMEOUT_MS when set to a positive number, else 60 s. */
function defaultTimeout(): number {
  const env = Number(process.env.DUBAN_PDF_TIMEOUT_MS);
  return Number.isFinite(env) && env > 0 ? env : 60_000;
}

/** One print: the PDF bytes and the requests refused while loading the document. */
export interface Printed {
  pdf: Uint8Array;
  blocked: string[];
}

/** Creates a renderer. Nothing starts until the first render. */
export function createPdfRenderer(options: PdfRendererOptions = {}): DubanPdfRenderer {
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir());
  const templates: TemplateSet = new TemplateSet(options.templatesDir, (): string => templates.read('official.css'));
  const files = new FileAllowlist([...templates.dirs, cacheDir]);
  // Parsed fonts live as long as the renderer; prepared files live in the cache across runs.
  const subsetter = new FontSubsetter();
  const preparer = new FontPreparer(cacheDir, subsetter);
  let resolved: Promise<ResolvedFont[]> | undefined;
  let prepared: Promise<PreparedFont[]> | undefined;
  let browser: Promise<Browser> | undefined;
  let workDir: string | undefined;
  let profileDir: string | undefined;
  const idle: Page[] = [];
  let docCounter = 0;
  let closed = false;

  const loadFonts = () => (resolved ??= resolveFonts({ fonts: options.fonts, cacheDir }));
  const loadPrepared = () => (prepared ??= loadFonts().then((fs) => Promise.all(fs.map((f) => preparer.prepare(f)))));

  // 'exit' handlers run synchronously: keep the child process itself, not a promise of it.
  let child: ReturnType<Browser['process']> = null;
  // Resolved once the launch has spawned the browser process (see warmUp's untilStarted).
  let markStarted: () => void = () => {};
  let started: Promise<void> | undefined;
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
    return (workDir ??= mkdtempSync(ownedPrefix('render')));
  }

  async function launch(): Promise<Browser> {
    if (process.env.DUBAN_PDF_DEBUG) process.stderr.write(`[pdf] launch asked at ${performance.now().toFixed(0)} ms\n`);
    const found = findBrowser(options.browser);
    // The prepared cores are installed fonts of this browser (instant once the cache is warm).
    const fontconfig = fontconfigFile(await loadPrepared(), cacheDir);
    // Directories of renderers killed with -9 are removed here, by the next one.
    removeStaleDirs();
    profileDir = mkdtempSync(ownedPrefix('chromium'));
    ensureWorkDir();
    attach();
    try {
      if (process.env.DUBAN_PDF_DEBUG) process.stderr.write(`[pdf] spawning at ${performance.now().toFixed(0)} ms\n`);
      const launching = puppeteer.launch({
        executablePath: found.path,
        headless: isHeadlessShell(found.path) ? 'shell' : true,
        pipe: true,
        userDataDir: profileDir,
        args: CHROMIUM_FLAGS,
        protocolTimeout: 120_000,
        // Our own handlers (above) kill the browser and keep the signal's default effect.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        env: { ...process.env, FONTCONFIG_FILE: fontconfig },
      });
      // With a profile directory given, puppeteer spawns the process within microtasks of the call.
      setImmediate(markStarted);
      const b = await launching;
      child = b.process();
      if (process.env.DUBAN_PDF_DEBUG) process.stderr.write(`[pdf] browser up at ${performance.now().toFixed(0)} ms\n`);
      b.on('disconnected', () => {
        browser = undefined;
        initialTaken = false;
        idle.length = 0;
      });
      return b;
    } catch (e) {
      detach();
      cleanupDirs();
      throw new DubanError(
        'DUBAN_PDF_BROWSER_START',
        `the browser ${found.path} did not start: ${(e as Error).message.split('\n')[0]}`,
        {
          hint: 'run `duban doctor`; set DUBAN_BROWSER to a working Chromium/Chrome',
          cause: e,
        },
      );
    }
  }

  type PageState = { doc: ReadonlySet<string>; blocked: string[] };
  async function takePage(b: Browser, state: PageState): Promise<Page> {
    // Reuse the tab Chromium opens at start before creating another renderer.
    const page = idle.pop() ?? (await spareInitialPage(b)) ?? (await b.newPage());
    const tagged = page as Page & { __duban?: PageState };
    if (!tagged.__duban) {
      await page.setJavaScriptEnabled(false);
      await page.setOfflineMode(true);
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (req.isInterceptResolutionHandled()) return;
        const s = tagged.__duban!;
        if (files.allows(req.url(), s.doc)) void req.continue();
        else {
          s.blocked.push(req.url());
          // The document navigating away (meta refresh): "204 No Content" keeps it in place,
          // where an aborted navigation would replace it with an error page mid-print.
          if (req.isNavigationRequest() && req.frame() === page.mainFrame())
            void req.respond({ status: 204, body: '' });
          else void req.abort('blockedbyclient');
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

  /** Prints a complete HTML document (styles and title already in place) and returns the PDF bytes. */
  async function print(html: string, label: string, opts: PdfOptions = {}): Promise<Printed> {
    if (closed) throw new DubanError('DUBAN_PDF_CLOSED', 'the PDF renderer was already closed');
    if (process.env.DUBAN_PDF_DEBUG && !browser)
      process.stderr.write(`[pdf] first print asked at ${performance.now().toFixed(0)} ms\n`);
    browser ??= launch();
    const launching = browser;
    launching.catch(() => {}); // awaited below, after the fonts: a failed launch is reported there
    const timeoutMs = opts.timeoutMs ?? options.timeoutMs ?? defaultTimeout();
    const dir = ensureWorkDir();
    const doc = join(dir, `doc-${++docCounter}.html`);
    let b: Browser;
    try {
      // Font preparation (instant once cached) overlaps the browser's start.
      const fonts = await loadPrepared();
      const css = await fontFaceCss(fonts, codePointsOf(html), preparer);
      await writeFile(doc, withFontFaces(html, css, fonts));
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
    const state: PageState = { doc: new Set([real(doc) ?? doc]), blocked: [] };
    let page: Page | undefined;
    let timer: NodeJS.Timeout | undefined;
    const work = (async () => {
      page = await takePage(b, state);
      const t0 = performance.now();
      await page.goto(pathToFileURL(doc).href, { waitUntil: 'load', timeout: timeoutMs });
      const t1 = performance.now();
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        timeout: timeoutMs,
        outline: false,
        tagged: false,
      });
      if (process.env.DUBAN_PDF_DEBUG)
        process.stderr.write(
          `[pdf] load ${(t1 - t0).toFixed(0)} ms, print ${(performance.now() - t1).toFixed(0)} ms, done at ${performance.now().toFixed(0)} ms\n`,
        );
      return pdf;
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DubanError('DUBAN_PDF_TIMEOUT', `rendering ${label} took longer than ${timeoutMs} ms and was stopped`, {
              where: { file: label },
              hint: 'a very large document or a stuck browser; retry, or allow more time with the environment variable DUBAN_PDF_TIMEOUT_MS (e.g. DUBAN_PDF_TIMEOUT_MS=180000)',
            }),
          ),
        timeoutMs,
      );
    });
    try {
      const pdf = await Promise.race([work, timeout]);
      if (page) idle.push(page);
      return { pdf, blocked: state.blocked };
    } catch (e) {
      work.catch(() => {});
      // A page that timed out or failed may be stuck mid-navigation: never reuse it.
      const p = page as Page | undefined;
      if (p) void p.close().catch(() => {});
      if (e instanceof DubanError) throw e;
      throw new DubanError('DUBAN_PDF_RENDER', `rendering ${label} failed: ${(e as Error).message.split('\n')[0]}`, {
        where: { file: label },
        cause: e,
      });
    } finally {
      clearTimeout(timer);
      rmSync(doc, { force: true });
    }
  }

  /** Writes a finished PDF atomically, with a coded error a user can act on. */
  async function save(outPath: string, pdf: Uint8Array): Promise<void> {
    try {
      await writeFileAtomic(outPath, pdf);
    } catch (e) {
      throw new DubanError(
        'DUBAN_PDF_WRITE',
        `cannot write ${outPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        {
          where: { file: outPath },
          hint: 'check that the output path is a writable file location (not a directory) and the disk has room',
          cause: e,
        },
      );
    }
  }

  async function renderOne(html: string, outPath: string, opts: PdfOptions = {}): Promise<RenderResult> {
    // Chromium takes the PDF's Title from <title>, else from the (temporary) file name.
    const hasTitle = /<title[^>]*>\s*[^<\s][^<]*<\/title>/i.test(html);
    const title =
      opts.title ??
      (hasTitle
        ? unescapeHtml(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)![1]!.trim())
        : basename(outPath, extname(outPath)));
    const titled = opts.title !== undefined || !hasTitle ? withTitle(html, title) : html;
    const printed: Printed & { replaced?: Map<number, string | null> } = hasColophon(titled)
      ? await printWithColophon(titled, outPath, opts)
      : await print(titled, outPath, opts);
    const { blocked } = printed;
    // Title, the office as author, subject; duban as the creator, not the browser's user agent.
    const info = { title, author: opts.author, subject: opts.subject, keywords: opts.keywords };
    const pdf = printed.replaced ? withInfoRewritten(printed.pdf, info, printed.replaced) : withInfo(printed.pdf, info);
    await save(outPath, pdf);
    return { path: outPath, pages: countPages(pdf), bytes: pdf.byteLength, blocked };
  }

  /** A document with a 版记: measured by one print, laid out by the second so the 版记 ends on an even page (see _colophon.ts). */
  async function printWithColophon(
    html: string,
    label: string,
    opts: PdfOptions,
  ): Promise<Printed & { replaced?: Map<number, string | null> }> {
    const nonce = randomBytes(6).toString('hex');
    const measuring = await print(markColophon(html, nonce), label, opts);
    const measured = measureColophon(measuring.pdf, nonce);
    if (!measured) return print(html, label, opts);
    const first = placement(measured);
    // Content ending on an odd page: the measuring print is laid out as the final one would be.
    if (first.mode === 'page') return { ...measuring, replaced: measured.unmarked };
    const out = await print(placeColophon(html, first), label, opts);
    // An inline 版记 that did not fit after all (rounding) moved to an odd page: the blank page keeps the parity.
    if (first.mode === 'inline' && countPages(out.pdf) !== measured.endPage)
      return print(placeColophon(html, { mode: 'blank' }), label, opts);
    return out;
  }

  /** A template's HTML with its relative asset URLs resolving against the template's own directory. */
  function templateHtml(template: string, data: unknown): string {
    const base = `<base href="${pathToFileURL(dirname(templates.locate(template))).href}/">`;
    return templates.render(template, data).replace(/<head(\s[^>]*)?>/i, (m) => `${m}${base}`);
  }

  function styled(html: string): string {
    return html.includes('data-duban-styles')
      ? html
      : html.replace(
          /<head(\s[^>]*)?>/i,
          (m) => `${m}\n<style data-duban-styles>\n${templates.read('official.css')}\n</style>`,
        );
  }

  return {
    renderTemplate: async (template, data, outPath, opts) => renderOne(templateHtml(template, data), outPath, opts),
    renderHtml: async (html, outPath, opts) => renderOne(styled(html), outPath, opts),
    renderBatch: async (documents, opts = {}) =>
      renderBatch(documents, opts, {
        html: (d) =>
          'template' in d && d.template !== undefined ? templateHtml(d.template, d.data) : styled(d.html ?? ''),
        print,
        save,
        progress:
          options.progress ?? (process.stderr.isTTY === true && process.stdout.isTTY === true && !process.env.CI),
      }),
    renderTemplateToHtml: async (template, data) => templates.render(template, data),
    async warmUp(opts = {}) {
      if (closed) return;
      started ??= new Promise<void>((r) => (markStarted = r));
      browser ??= launch();
      const launching = browser;
      const ready = (async () => {
        const b = await launching;
        if (!idle.length) idle.push(await takePage(b, { doc: new Set(), blocked: [] }));
      })();
      if (!opts.untilStarted) return ready;
      ready.catch(() => {}); // reported by the next render, which awaits the same launch
      // The launch failing before it spawns anything also ends the wait.
      await Promise.race([
        started,
        launching.then(
          () => {},
          () => {},
        ),
      ]);
    },
    async fonts(): Promise<readonly FontUse[]> {
      const fonts = await loadFonts();
      const ready = await loadPrepared();
      return fonts.map(({ role, official, family, file, substitute }, i) => ({
        role,
        official,
        family,
        file,
        substitute,
        embedding: ready[i]?.outlines === 'cff' ? 'type3' : 'cid',
      }));
    },
    async close() {
      closed = true;
      subsetter.close();
      const b = browser;
      browser = undefined;
      if (b) {
        try {
          const running = await b;
          const proc = running.process();
          // The profile is thrown away: no need for Chromium's orderly shutdown, which takes longer than the print.
          // (No disconnect() first: it would remove puppeteer's error listeners from a pipe the kill then resets.)
          if (proc?.pid && proc.exitCode === null) {
            const exited = new Promise((r) => proc.once('exit', r));
            killTreeSync(proc.pid, 2000);
            await exited;
          }
        } catch {
          /* already gone */
        }
      }
      detach();
      cleanupDirs();
    },
  };
}
