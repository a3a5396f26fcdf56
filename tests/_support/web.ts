/**
 * Helpers for the web workspace tests: a seeded ledger with an office admin,
 * the real `duban serve` as a child process, and form posting with cookies.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { CLI, ROOT, runCli, SEED_NOTICE, SEED_UNITS, tempDir } from './cli.js';

/** The admin account every web test starts with. */
export const ADMIN = { username: 'boss', password: 'admin-password-1' };

/** A temp directory with the seed notice imported and an admin account; cleanup removes it. */
export async function seededLedger(prefix = 'duban-web-'): Promise<{ dir: string; db: string; cleanup: () => void }> {
  const t = tempDir(prefix);
  const db = join(t.dir, 'duban.db');
  const imported = await runCli(['--db', db, 'import', SEED_NOTICE, '--units', SEED_UNITS]);
  if (imported.code !== 0) throw new Error(imported.stderr);
  const admin = await runCli(['--db', db, 'users', 'add', ADMIN.username, '--role', 'admin', '--password-stdin'], {
    input: `${ADMIN.password}\n`,
  });
  if (admin.code !== 0) throw new Error(admin.stderr);
  return { ...t, db };
}

/** A running `duban serve` child process. */
export interface Served {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the real CLI's `duban serve` on a free port and waits for its URL. */
export function serve(db: string, extra: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [CLI, '--db', db, 'serve', '--port', '0', ...extra], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`duban serve did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /duban serve: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          child,
          output: () => out,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`duban serve exited ${code}:\n${out}`)));
  });
}

/** A minimal cookie-keeping HTTP client for protocol-level (non-browser) tests. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  /** Sends a request, storing Set-Cookie; never follows redirects. */
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }

  /** GETs a page and returns its HTML. */
  async page(path: string): Promise<{ status: number; html: string; res: Response }> {
    const res = await this.fetch(path);
    return { status: res.status, html: await res.text(), res };
  }

  /** The CSRF token of the first form on a page. */
  async token(path: string): Promise<string> {
    const { html } = await this.page(path);
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error(`no CSRF token on ${path}:\n${html.slice(0, 500)}`);
    return m[1]!;
  }

  /** POSTs an urlencoded form. */
  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** POSTs a multipart form. */
  postMultipart(path: string, form: FormData): Promise<Response> {
    return this.fetch(path, { method: 'POST', body: form });
  }

  /** Logs in through the login form; returns the response of the POST. */
  async login(username: string, password: string): Promise<Response> {
    const token = await this.token('/login');
    return this.post('/login', { _csrf: token, username, password });
  }
}

/** A small but valid PDF (for evidence uploads). */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
