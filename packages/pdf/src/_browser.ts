import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { DubanError } from '@duban/core';

/** Where a browser was found. */
export interface BrowserLocation {
  path: string;
  source: 'config' | 'env' | 'system';
}

// Chromium's headless shell first: the same Blink and Skia PDF backend without the
// browser UI, so it starts in ~0.1 s instead of ~0.35 s and a print's fixed cost is
// ~10 ms instead of ~100 ms (Debian: apt-get install chromium-headless-shell).
const SYSTEM_NAMES = [
  'chromium-headless-shell',
  'chrome-headless-shell',
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
  'microsoft-edge',
];
const SYSTEM_PATHS = [
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: apt-get install chromium-headless-shell, or chromium) or Chrome, or set DUBAN_BROWSER=/path/to/chrome or "browser" in duban.config.json';

/** Finds the browser: config → env DUBAN_BROWSER → system Chromium/Chrome; throws DUBAN_PDF_NO_BROWSER. */
export function findBrowser(configured?: string, env: NodeJS.ProcessEnv = process.env): BrowserLocation {
  if (configured) return { path: mustRun(configured, 'config "browser"'), source: 'config' };
  if (env.DUBAN_BROWSER) return { path: mustRun(env.DUBAN_BROWSER, 'DUBAN_BROWSER'), source: 'env' };
  for (const p of SYSTEM_PATHS) if (executable(p)) return { path: p, source: 'system' };
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of SYSTEM_NAMES) {
      const p = join(dir, name);
      if (dir && executable(p)) return { path: p, source: 'system' };
    }
  }
  throw new DubanError('DUBAN_PDF_NO_BROWSER', 'no Chromium or Chrome found to render PDFs', { hint: INSTALL_HINT });
}

/** True for Chromium's headless shell (chromium-headless-shell, chrome-headless-shell), which puppeteer launches in "shell" mode. */
export function isHeadlessShell(path: string): boolean {
  return /headless[-_]shell$/i.test(basename(path));
}

/** The browser's version line (`Chromium 156.0…`), or null when it does not run. */
export function browserVersion(path: string): string | null {
  try {
    return (
      execFileSync(path, ['--version'], {
        encoding: 'utf8',
        timeout: 10_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || null
    );
  } catch {
    return null;
  }
}

function mustRun(path: string, from: string): string {
  if (!existsSync(path) || !executable(path)) {
    throw new DubanError(
      'DUBAN_PDF_NO_BROWSER',
      `the browser named by ${from} (${path}) does not exist or is not executable`,
      { where: { file: path }, hint: INSTALL_HINT },
    );
  }
  return path;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
