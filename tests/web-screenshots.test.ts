/**
 * The README's screenshots: the board and a unit's task page on the seed with its
 * sample progress (Feb–Jun), as of 2019-06-30, in the real browser. With
 * DUBAN_SCREENSHOTS=1 they are written to docs/ (commit them); otherwise to a
 * temp directory, so a test run never changes the repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './_support/cli.js';
import { ADMIN, type Served, seededLedger, serve } from './_support/web.js';

const OUT_TO_DOCS = process.env.DUBAN_SCREENSHOTS === '1';
let ledger: Awaited<ReturnType<typeof seededLedger>>;
let server: Served;
let browser: Browser;

beforeAll(async () => {
  ledger = await seededLedger('duban-web-shots-');
  const dir = join(ROOT, 'seeds/sample-progress');
  const months = readdirSync(dir)
    .filter((f) => /2019-0[2-6]\.csv$/.test(f))
    .map((f) => join(dir, f));
  const imported = await runCli(['--db', ledger.db, 'progress', 'import', '--office', ...months]);
  expect(imported.code, imported.stderr).toBe(0);
  const unit = await runCli(
    ['--db', ledger.db, 'users', 'add', 'jtj', '--unit', '市交通局', '--name', '王科长', '--password-stdin'],
    { input: 'jtj-password-22' },
  );
  expect(unit.code, unit.stderr).toBe(0);
  server = await serve(ledger.db, ['--today', '2019-06-30']);
  browser = await chromium.launch({
    executablePath: process.env.DUBAN_BROWSER ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  ledger?.cleanup();
});

const dirFor = () => (OUT_TO_DOCS ? join(ROOT, 'docs') : ledger.dir);
/** Names of visible form controls without a label (a <label for> or aria-label), other than buttons. */
async function unlabelled(page: import('playwright-core').Page): Promise<string[]> {
  const out: string[] = [];
  for (const el of await page.locator('input:not([type=hidden]), select, textarea').all()) {
    // The callback runs in the page; this Node project does not load the DOM types, so it names what it reads.
    type Control = { labels?: { length: number } | null; getAttribute(name: string): string | null };
    const labelled = await el.evaluate(
      (e: Control) => (e.labels?.length ?? 0) > 0 || Boolean(e.getAttribute('aria-label')),
    );
    if (!labelled) out.push((await el.getAttribute('name')) ?? '(no name)');
  }
  return out;
}

const isPng = (file: string) => readFileSync(file).subarray(1, 4).toString() === 'PNG';

describe('screenshots', () => {
  it('the office board: counts in several verdicts, charts per section and unit', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, locale: 'zh-CN' });
    await page.goto(`${server.url}/login`);
    await page.getByLabel('账号', { exact: true }).fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.url}/office`);
    const counts = (await page.locator('.counts .count').allInnerTexts()).map(Number);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(20);
    const file = join(dirFor(), 'web-board.png');
    await page.screenshot({ path: file });
    expect(isPng(file)).toBe(true);
    // Accessible forms on every office page: each control has a label, each page one h1, lang zh-CN.
    for (const path of [
      '/office',
      '/office/reporting',
      '/office/documents',
      '/office/uploads',
      '/office/accounts',
      '/account/password',
    ]) {
      await page.goto(server.url + path);
      expect(await page.locator('html').getAttribute('lang'), path).toBe('zh-CN');
      expect(await page.locator('h1').count(), path).toBe(1);
      expect(await unlabelled(page), path).toEqual([]);
    }
  });

  it("a unit's task page: verdict with its reason, the report form, its earlier reports", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, locale: 'zh-CN' });
    await page.goto(`${server.url}/login`);
    await page.getByLabel('账号', { exact: true }).fill('jtj');
    await page.getByLabel('密码', { exact: true }).fill('jtj-password-22');
    await page.getByRole('button', { name: '登录' }).click();
    await page.goto(`${server.url}/unit/tasks/4`);
    expect(await page.locator('form.form label').count()).toBeGreaterThanOrEqual(8);
    expect(await page.locator('table.list tbody tr').count()).toBeGreaterThanOrEqual(4); // Mar–Jun sample reports
    const file = join(dirFor(), 'web-unit.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(isPng(file)).toBe(true);
    expect(await unlabelled(page)).toEqual([]);
    await page.goto(`${server.url}/unit/filings`);
    expect(await unlabelled(page)).toEqual([]);
  });
});
