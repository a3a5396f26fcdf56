/**
 * Security of the web workspace, at the protocol level against the real
 * `duban serve`: CSRF, session fixation, cookie flags, login throttling,
 * authorization, path traversal, upload limits and types, escaping of every
 * text field (and, in a real browser, that no injected script runs).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '@duban/store';
import Handlebars from 'handlebars';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './_support/cli.js';
import { ADMIN, Client, type Served, seededLedger, serve, TINY_PDF } from './_support/web.js';

const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>"'&{{x}}`;
// Handlebars' own escaping of the payload (& < > " ' ` = all become entities).
const ESCAPED = Handlebars.escapeExpression(XSS);
const RAW = /<script>alert|<img src=x/;

let ledger: Awaited<ReturnType<typeof seededLedger>>;
let server: Served;
const unitPassword = 'unit-password-1';

beforeAll(async () => {
  ledger = await seededLedger('duban-web-sec-');
  for (const [name, unit] of [
    ['jtj', '市交通局'],
    ['fgw', '市发改委'],
  ]) {
    const r = await runCli(['--db', ledger.db, 'users', 'add', name!, '--unit', unit!, '--password-stdin'], {
      input: unitPassword,
    });
    expect(r.code).toBe(0);
  }
  expect(
    (
      await runCli(['--db', ledger.db, 'users', 'add', 'clerk', '--role', 'staff', '--password-stdin'], {
        input: 'staff-password-1',
      })
    ).code,
  ).toBe(0);
  expect(
    (
      await runCli(['--db', ledger.db, 'users', 'add', 'redir', '--unit', '市交通局', '--password-stdin'], {
        input: unitPassword,
      })
    ).code,
  ).toBe(0);
  // Many logins from one address here: the per-address limit is tested on its own server below.
  server = await serve(ledger.db, [
    '--today',
    '2019-06-30',
    '--max-upload-mb',
    '1',
    '--public',
    '--login-attempts',
    '1000',
  ]);
});
afterAll(async () => {
  await server?.stop();
  ledger?.cleanup();
});

// One session per account, reused: logins count against the per-account limit (5 in 10 minutes).
const sessions = new Map<string, Client>();
async function loggedIn(username: string, password: string, fresh = false): Promise<Client> {
  const known = sessions.get(username);
  if (known && !fresh) return known;
  const c = new Client(server.url);
  const r = await c.login(username, password);
  expect(r.status).toBe(303);
  if (!fresh) sessions.set(username, c);
  return c;
}

function audit(action: string) {
  const ws = openWorkspace(ledger.db, { readonly: true });
  try {
    return ws.ledger.auditLog({ action });
  } finally {
    ws.close();
  }
}

describe('server defaults and headers', () => {
  it('binds to 127.0.0.1 and sends CSP and the other security headers', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await new Client(server.url).fetch('/login');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toBeNull(); // plain HTTP on loopback
  });
});

describe('CSRF', () => {
  it('a form posted without or with a wrong token is refused (403) and logged; nothing is written', async () => {
    const c = await loggedIn('jtj', unitPassword);
    const before = audit('progress.append').length;
    const none = await c.post('/unit/tasks/4/report', { date: '2019-06-30', percent: '50' });
    expect(none.status).toBe(403);
    const wrong = await c.post('/unit/tasks/4/report', { _csrf: 'forged-token', date: '2019-06-30', percent: '50' });
    expect(wrong.status).toBe(403);
    const multipart = new FormData();
    multipart.set('date', '2019-06-30');
    multipart.set('percent', '50');
    expect((await c.postMultipart('/unit/tasks/4/report', multipart)).status).toBe(403);
    // The login form and logout need the token too.
    expect((await new Client(server.url).post('/login', { username: 'jtj', password: unitPassword })).status).toBe(403);
    expect((await c.post('/logout', {})).status).toBe(403);
    expect(audit('progress.append').length).toBe(before);
    expect(audit('web.refused').filter((e) => e.target.includes('CSRF')).length).toBeGreaterThanOrEqual(4);
    // With the token the same form goes through.
    const ok = await c.post('/unit/tasks/4/report', {
      _csrf: await c.token('/unit/tasks/4'),
      date: '2019-06-30',
      percent: '50',
    });
    expect(ok.status).toBe(303);
  });
});

describe('sessions and cookies', () => {
  it('the session id changes at login, so a planted pre-login id is worth nothing', async () => {
    const c = new Client(server.url);
    const token = await c.token('/login');
    const planted = c.cookies.get('duban_sid')!;
    expect(planted).toBeTruthy();
    const r = await c.post('/login', { _csrf: token, username: 'jtj', password: unitPassword });
    expect(r.status).toBe(303);
    const after = c.cookies.get('duban_sid')!;
    expect(after).not.toBe(planted);
    expect((await c.page('/unit')).status).toBe(200);
    const attacker = new Client(server.url);
    attacker.cookies.set('duban_sid', planted);
    const res = await attacker.fetch('/unit');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });

  it('the login form returns only to a page of this server (no open redirect)', async () => {
    for (const [next, expected] of [
      ['/unit/tasks/4', '/unit/tasks/4'],
      ['//evil.example/x', '/'],
      ['https://evil.example/', '/'],
      ['/\\evil.example', '/'],
      ['/login', '/'],
    ]) {
      const c = new Client(server.url);
      // Its own account: five logins, the per-account limit.
      const r = await c.post('/login', {
        _csrf: await c.token('/login'),
        username: 'redir',
        password: unitPassword,
        next: next!,
      });
      expect(r.headers.get('location'), next).toBe(expected);
    }
  });

  it('cookies are HttpOnly, SameSite=Strict, Path=/; Secure and HSTS when served over HTTPS', async () => {
    const res = await new Client(server.url).fetch('/login');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('duban_sid='))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/i);
    const tls = await serve(ledger.db, ['--trust-proxy']);
    try {
      const behindProxy = await new Client(tls.url).fetch('/login', { headers: { 'x-forwarded-proto': 'https' } });
      expect(behindProxy.headers.getSetCookie().find((c) => c.startsWith('duban_sid='))).toMatch(/; Secure/i);
      expect(behindProxy.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await tls.stop();
    }
  });

  it('logout ends the session on the server; disabling an account ends its sessions at once', async () => {
    const c = await loggedIn('fgw', unitPassword, true);
    const stolen = c.cookies.get('duban_sid')!;
    expect((await c.post('/logout', { _csrf: await c.token('/unit') })).status).toBe(303);
    const replay = new Client(server.url);
    replay.cookies.set('duban_sid', stolen);
    expect((await replay.fetch('/unit')).status).toBe(303);

    const victim = await loggedIn('fgw', unitPassword, true);
    expect((await victim.page('/unit')).status).toBe(200);
    expect((await runCli(['--db', ledger.db, 'users', 'disable', 'fgw'])).code).toBe(0);
    expect((await victim.fetch('/unit')).status).toBe(303);
    expect((await new Client(server.url).login('fgw', unitPassword)).status).toBe(401);
    expect((await runCli(['--db', ledger.db, 'users', 'enable', 'fgw'])).code).toBe(0);
  });
});

describe('brute force', () => {
  it('an account is throttled after 5 attempts in 10 minutes (even with the right password), and so is one address after 30', async () => {
    const own = await serve(ledger.db);
    try {
      const c = new Client(own.url);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await c.login('clerk', `wrong-${i}`)).status);
      expect(codes).toEqual([401, 401, 401, 401, 401]);
      expect((await c.login('clerk', 'staff-password-1')).status).toBe(429);
      // Other accounts from the same address still work, until the per-address limit.
      expect((await new Client(own.url).login('jtj', unitPassword)).status).toBe(303);
      const spray: number[] = [];
      for (let i = 0; i < 26; i++) spray.push((await new Client(own.url).login(`nobody${i}`, 'x')).status);
      expect(spray.slice(0, 23).every((s) => s === 401)).toBe(true);
      expect(spray.at(-1)).toBe(429);
      expect(audit('web.login-failed').length).toBeGreaterThanOrEqual(28);
    } finally {
      await own.stop();
    }
  });
});

describe('authorization on every request', () => {
  it('anonymous users are sent to the login page; units cannot open office pages; staff cannot manage accounts', async () => {
    const anon = new Client(server.url);
    for (const path of ['/office', '/unit', '/office/accounts', '/files/' + '0'.repeat(64), '/documents/1']) {
      const r = await anon.fetch(path);
      expect(r.status, path).toBe(303);
      expect(r.headers.get('location')).toMatch(/^\/login/);
    }
    const unit = await loggedIn('jtj', unitPassword);
    for (const path of [
      '/office',
      '/office/tasks/1',
      '/office/reporting',
      '/office/documents',
      '/office/uploads',
      '/office/audit',
      '/office/accounts',
    ]) {
      expect((await unit.fetch(path)).status, path).toBe(403);
    }
    const token = await unit.token('/unit');
    expect((await unit.post('/office/accounts', { _csrf: token, username: 'evil', role: 'admin' })).status).toBe(403);
    const staff = await loggedIn('clerk', 'staff-password-1');
    expect((await staff.page('/office')).status).toBe(200);
    expect((await staff.fetch('/office/accounts')).status).toBe(403);
    expect((await staff.fetch('/unit')).status).toBe(403);
  });

  it("a unit cannot download another unit's evidence", async () => {
    const a = await loggedIn('jtj', unitPassword);
    const form = new FormData();
    form.set('_csrf', await a.token('/unit/tasks/4'));
    form.set('date', '2019-06-29');
    form.set('percent', '40');
    form.set('evidence', new Blob([TINY_PDF], { type: 'application/pdf' }), 'a.pdf');
    expect((await a.postMultipart('/unit/tasks/4/report', form)).status).toBe(303);
    const sha = /\/files\/([0-9a-f]{64})/.exec((await a.page('/unit/tasks/4')).html)![1]!;
    const own = await a.fetch(`/files/${sha}`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(own.headers.get('content-security-policy')).toContain('sandbox');
    const b = await loggedIn('fgw', unitPassword);
    expect((await b.fetch(`/files/${sha}`)).status).toBe(403);
  });
});

describe('path traversal', () => {
  it('no request path reaches a file outside the store', async () => {
    const office = await loggedIn(ADMIN.username, ADMIN.password);
    for (const path of [
      '/files/../../../../etc/passwd',
      '/files/..%2F..%2F..%2Fetc%2Fpasswd',
      '/files/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/../package.json',
      '/assets/..%2F..%2Fpackage.json',
      '/documents/..%2F1',
      '/files/' + 'a'.repeat(63) + '/',
      '/unit/tasks/..%2F..%2F1',
    ]) {
      const r = await office.fetch(path);
      const body = await r.text();
      expect([400, 403, 404], path).toContain(r.status);
      expect(body, path).not.toMatch(/root:|"workspaces"/);
    }
  });

  it('an uploaded file name with directories is reduced to its base name and stored only by hash', async () => {
    const a = await loggedIn('jtj', unitPassword);
    const form = new FormData();
    form.set('_csrf', await a.token('/unit/tasks/4'));
    form.set('date', '2019-06-28');
    form.set('percent', '41');
    form.set(
      'evidence',
      new Blob([Buffer.concat([TINY_PDF, Buffer.from('%traversal')])], { type: 'application/pdf' }),
      '../../../../tmp/evil.pdf',
    );
    expect((await a.postMultipart('/unit/tasks/4/report', form)).status).toBe(303);
    expect((await a.page('/unit/tasks/4')).html).toContain('>evil.pdf<');
    const files = join(ledger.dir, 'duban.files');
    for (const d of readdirSync(files))
      for (const f of readdirSync(join(files, d))) expect(f).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(ledger.dir).filter((f) => f.includes('evil'))).toEqual([]);
  });
});

describe('uploads', () => {
  it('an oversized upload is refused with 413 and nothing is stored', async () => {
    const a = await loggedIn('jtj', unitPassword);
    const before = audit('evidence.add').length;
    const rows = audit('progress.append').length;
    const form = new FormData();
    form.set('_csrf', await a.token('/unit/tasks/4'));
    form.set('date', '2019-06-27');
    form.set('percent', '42');
    form.set(
      'evidence',
      new Blob([Buffer.concat([TINY_PDF, Buffer.alloc(2 * 1024 * 1024, 32)])], { type: 'application/pdf' }),
      'big.pdf',
    );
    const r = await a.postMultipart('/unit/tasks/4/report', form);
    expect(r.status).toBe(413);
    expect(await r.text()).toContain('文件过大');
    expect(audit('evidence.add').length).toBe(before);
    expect(audit('progress.append').length).toBe(rows);
  });

  it('a file whose content is not an allowed type is refused beside the field, whatever its name says', async () => {
    const a = await loggedIn('jtj', unitPassword);
    const form = new FormData();
    form.set('_csrf', await a.token('/unit/tasks/4'));
    form.set('date', '2019-06-26');
    form.set('percent', '43');
    form.set('evidence', new Blob(['<html><script>alert(1)</script></html>'], { type: 'application/pdf' }), 'page.pdf');
    const r = await a.postMultipart('/unit/tasks/4/report', form);
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain('id="e-evidence"');
    expect(html).toContain('文件类型不允许');
    expect(audit('evidence.add').every((e) => !e.target.includes('page.pdf'))).toBe(true);
  });
});

describe('XSS: every text field is rendered inert', () => {
  it('payloads in reports, filings, account names, login, filters and file names come back escaped', async () => {
    const a = await loggedIn('jtj', unitPassword);
    const form = new FormData();
    form.set('_csrf', await a.token('/unit/tasks/4'));
    form.set('date', '2019-06-30');
    form.set('percent', '60');
    form.set('progress', XSS);
    form.set('problems', XSS);
    form.set('nextSteps', XSS);
    form.set(
      'evidence',
      new Blob([Buffer.concat([TINY_PDF, Buffer.from('%x')])], { type: 'application/pdf' }),
      `${XSS}.pdf`,
    );
    expect((await a.postMultipart('/unit/tasks/4/report', form)).status).toBe(303);
    const filing = new FormData();
    filing.set('_csrf', await a.token('/unit/filings'));
    filing.set('milestone', /<option value="([^"]+)"/.exec((await a.page('/unit/filings')).html)![1]!);
    filing.set('date', '2019-03-07');
    filing.set('title', XSS);
    filing.set('summary', XSS);
    filing.set('evidence', new Blob([TINY_PDF], { type: 'application/pdf' }), 'plan.pdf');
    expect((await a.postMultipart('/unit/filings', filing)).status).toBe(303);
    // Errors echo what was typed: a bad percent with the payload in the narrative.
    const bad = new FormData();
    bad.set('_csrf', await a.token('/unit/tasks/4'));
    bad.set('date', '2019-06-30');
    bad.set('percent', XSS);
    bad.set('progress', XSS);
    const echoed = await a.postMultipart('/unit/tasks/4/report', bad);
    expect(echoed.status).toBe(400);

    const office = await loggedIn(ADMIN.username, ADMIN.password);
    const token = await office.token('/office/accounts');
    const account = await office.post('/office/accounts', {
      _csrf: token,
      username: 'xss1',
      role: 'reporter',
      unit: '市交通局',
      displayName: XSS,
    });
    expect(account.status).toBe(200);
    const badName = await office.post('/office/accounts', {
      _csrf: await office.token('/office/accounts'),
      username: XSS,
      role: 'staff',
      displayName: 'x',
    });
    const badUnit = await office.post('/office/accounts', {
      _csrf: await office.token('/office/accounts'),
      username: 'xss2',
      role: 'reporter',
      unit: XSS,
    });
    const login = new Client(server.url);
    const failed = await login.post('/login', { _csrf: await login.token('/login'), username: XSS, password: 'x' });

    const pages = [
      await echoed.text(),
      await badName.text(),
      await badUnit.text(),
      await failed.text(),
      (await a.page('/unit/tasks/4')).html,
      (await a.page('/unit/filings')).html,
      (await office.page('/office/tasks/4?asOf=2019-06-30')).html,
      (await office.page(`/office?q=${encodeURIComponent(XSS)}`)).html,
      (await office.page('/office/accounts')).html,
      (await office.page('/office/audit')).html,
      (await new Client(server.url).page('/public')).html,
    ];
    for (const [i, html] of pages.entries()) {
      expect(html, `page ${i}`).not.toMatch(RAW);
    }
    // Each field's payload is present, escaped, where it is shown.
    const missing = [0, 1, 2, 3, 4, 5, 6, 7, 8].filter((i) => !pages[i]!.includes(ESCAPED));
    expect(missing).toEqual([]);
    // The evidence file name: reduced to its base name (after the last /), quotes and brackets replaced, then escaped.
    expect(pages[6]).toMatch(/<a href="\/files\/[0-9a-f]{64}">script__img src&#x3D;x onerror&#x3D;alert\(1\)_/);
  });

  it('in a real browser no injected script runs on any page that shows the payloads', async () => {
    const browser = await chromium.launch({
      executablePath: process.env.DUBAN_BROWSER ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const dialogs: string[] = [];
      const violations: string[] = [];
      page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
      page.on('console', (m) => void (m.text().includes('Content Security Policy') && violations.push(m.text())));
      await page.goto(`${server.url}/login`);
      await page.getByLabel('账号', { exact: true }).fill(ADMIN.username);
      await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
      await page.getByRole('button', { name: '登录' }).click();
      for (const path of [
        '/office/tasks/4?asOf=2019-06-30',
        '/office/accounts',
        '/office/audit',
        `/office?q=${encodeURIComponent(XSS)}`,
        '/public',
      ]) {
        await page.goto(server.url + path);
        expect(await page.locator('script').count(), path).toBe(0);
        expect(await page.locator('img[src=x]').count(), path).toBe(0);
      }
      expect(await page.locator('body').innerText()).toContain('<script>alert("x")</script>');
      expect(dialogs).toEqual([]);
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
