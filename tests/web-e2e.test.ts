/**
 * The web workspace end to end in a real browser (Playwright driving Debian's
 * Chromium) against the real `duban serve` and SQLite file: office creates two
 * unit accounts → unit A reports on its task with an evidence file → unit A is
 * refused unit B's task by URL and by a forged POST → the office sees the new
 * verdict on the board, issues a 催办 to unit B and downloads the bulletin PDF.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '@duban/store';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './_support/cli.js';
import { ADMIN, type Served, seededLedger, serve, TINY_PDF } from './_support/web.js';

const TASK_A = 4; // 加快平镇、安岚、宁石高速公路建设…: 市交通局 leads, 市发改委 has no part
const TASK_B = 1; // 实施2019“项目攻坚年”行动: 市发改委 leads, 市交通局 has no part

let ledger: Awaited<ReturnType<typeof seededLedger>>;
let server: Served;
let browser: Browser;

beforeAll(async () => {
  ledger = await seededLedger('duban-web-e2e-');
  server = await serve(ledger.db, ['--today', '2019-06-30', '--public']);
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

async function login(context: BrowserContext, username: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('账号', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForLoadState();
  return page;
}

async function createUnitAccount(office: Page, username: string, unit: string, canonical = unit): Promise<string> {
  await office.goto(`${server.url}/office/accounts`);
  await office.getByLabel('账号名').fill(username);
  await office.getByLabel('角色').selectOption('reporter');
  await office.getByLabel('所属单位（单位填报员）').fill(unit);
  await office.getByRole('button', { name: '创建账号' }).click();
  expect(await office.locator('.notice').innerText()).toContain(`已创建账号 ${username}（${canonical}）`);
  return (await office.locator('code.secret').textContent())!.trim();
}

function boardRow(page: Page, task: number) {
  return page
    .locator('table.list tbody tr')
    .filter({ has: page.locator('td.num', { hasText: new RegExp(`^${task}$`) }) });
}

describe('web workspace: office → unit A → unit B refused → board → 催办 → bulletin', () => {
  const passwords: Record<string, string> = {};
  let office: Page;
  let statusBefore = '';

  it('office logs in and creates two unit accounts in the page', async () => {
    office = await login(await browser.newContext(), ADMIN.username, ADMIN.password);
    expect(office.url()).toBe(`${server.url}/office`);
    statusBefore = (await boardRow(office, TASK_A).locator('.status').textContent())!;
    passwords.jtj = await createUnitAccount(office, 'jtj', '市交通局');
    passwords.fgw = await createUnitAccount(office, 'fgw', '发改委', '市发改委'); // an alias: stored canonically
    expect(await office.locator('table.list').innerText()).toContain('市发改委');
    expect(passwords.jtj).toMatch(/^\w{12}$/);
  });

  it('unit A changes its temporary password, sees only its tasks and reports with an evidence file', async () => {
    const context = await browser.newContext();
    const unit = await login(context, 'jtj', passwords.jtj!);
    expect(unit.url()).toBe(`${server.url}/account/password`);
    await unit.getByLabel('当前密码（或临时密码）').fill(passwords.jtj!);
    await unit.getByLabel('新密码（至少10个字符）').fill('jtj-new-password');
    await unit.getByLabel('再次输入新密码').fill('jtj-new-password');
    await unit.getByRole('button', { name: '保存新密码' }).click();
    await unit.goto(`${server.url}/unit`);
    const numbers = await unit.locator('table.list tbody td.num:first-child').allTextContents();
    expect(numbers).toEqual(['4', '34', '50', '88']);

    await unit.getByRole('link', { name: /加快平镇/ }).click();
    expect(unit.url()).toBe(`${server.url}/unit/tasks/${TASK_A}`);
    // A wrong value first: the error shows beside its field, nothing is stored.
    await unit.getByLabel('完成比例（%，0–100）').fill('120');
    await unit.getByRole('button', { name: '提交进展' }).click();
    expect(await unit.locator('#e-percent').innerText()).toContain('完成比例应在 0 到 100 之间');
    expect(await unit.getByLabel('完成比例（%，0–100）').getAttribute('aria-invalid')).toBe('true');

    const evidence = join(ledger.dir, '施工现场照片.pdf');
    writeFileSync(evidence, TINY_PDF);
    await unit.getByLabel('完成比例（%，0–100）').fill('55');
    await unit.getByLabel('进展情况').fill('平镇高速主体工程完成过半，安岚高速完成投资12亿元。');
    await unit.getByLabel(/佐证材料/).setInputFiles(evidence);
    await unit.getByRole('button', { name: '提交进展' }).click();
    expect(await unit.locator('.notice').innerText()).toContain('进展已提交');
    expect(await unit.locator('table.list').innerText()).toContain('平镇高速主体工程完成过半');
    const download = unit.waitForEvent('download');
    await unit.getByRole('link', { name: '施工现场照片.pdf' }).click();
    expect(readFileSync(await (await download).path())).toEqual(TINY_PDF);
    await context.close();
  });

  it("unit A is refused unit B's task by URL and by a forged POST, and both are logged", async () => {
    const context = await browser.newContext();
    const unit = await login(context, 'jtj', 'jtj-new-password');
    const byUrl = await unit.goto(`${server.url}/unit/tasks/${TASK_B}`);
    expect(byUrl!.status()).toBe(403);
    expect(await unit.locator('h1').innerText()).toBe('无权访问');
    // A forged POST with a valid CSRF token of A's own session, to B's task, claiming to be B.
    await unit.goto(`${server.url}/unit/tasks/${TASK_A}`);
    const token = await unit.locator('input[name=_csrf]').first().inputValue();
    const forged = await context.request.post(`${server.url}/unit/tasks/${TASK_B}/report`, {
      multipart: { _csrf: token, unit: '市发改委', date: '2019-06-30', percent: '99', progress: 'forged' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    await context.close();
    const ws = openWorkspace(ledger.db, { readonly: true });
    try {
      const refused = ws.ledger.auditLog({ action: 'web.refused' });
      expect(refused.map((e) => e.actor)).toEqual(['jtj', 'jtj']);
      expect(refused[0]!.target).toContain(`GET /unit/tasks/${TASK_B}`);
      expect(refused[1]!.target).toContain(`POST /unit/tasks/${TASK_B}/report`);
      expect(ws.ledger.listProgress({ task: TASK_B })).toEqual([]);
      expect(ws.ledger.verifyAudit().ok).toBe(true);
    } finally {
      ws.close();
    }
  });

  it('the office sees the new verdict on the board with its decision trace', async () => {
    await office.goto(`${server.url}/office?asOf=2019-06-30`);
    const row = boardRow(office, TASK_A);
    expect(await row.innerText()).toContain('55%');
    const statusAfter = (await row.locator('.status').textContent())!;
    expect(statusAfter).not.toBe(statusBefore);
    expect(await office.locator('svg.chart').first().isVisible()).toBe(true);
    await row.getByRole('link').click();
    expect(await office.locator('tr.decided').count()).toBe(1);
    expect(await office.locator('table.list').last().innerText()).toContain('施工现场照片.pdf');
    // The filter narrows the list to one unit's tasks.
    await office.goto(`${server.url}/office?asOf=2019-06-30&unit=${encodeURIComponent('市交通局')}`);
    expect(await office.locator('table.list tbody tr').count()).toBe(4);
  });

  it('the office issues a 催办 notice to unit B for the period and downloads the bulletin PDF', async () => {
    await office.goto(`${server.url}/office/reporting?period=2019-06`);
    const rowB = office.locator('table.list tbody tr').filter({ hasText: '市发改委' });
    expect(await rowB.innerText()).toContain('从未报送');
    await rowB.getByRole('button', { name: '向市发改委签发催办通知' }).click();
    expect(await office.locator('.notice').innerText()).toContain('已向市发改委签发催办通知');
    const cuiban = office.waitForEvent('download');
    await office
      .locator('table.list tbody tr')
      .filter({ hasText: '市发改委' })
      .getByRole('link', { name: /催办通知/ })
      .click();
    const cuibanPdf = await (await cuiban).path();
    const cuibanText = execFileSync('pdftotext', [cuibanPdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(cuibanText).toContain('关于催报2019年6月重点任务进展情况的通知');
    expect(cuibanText).toContain('项目攻坚年');

    await office.goto(`${server.url}/office/documents`);
    const form = office.locator('form').filter({ hasText: '督查通报（PDF）' });
    await form.getByLabel('判定日期').fill('2019-06-30');
    await form.getByLabel('期数').fill('3');
    await form.getByRole('button').click();
    expect(await office.locator('.notice').innerText()).toContain('已签发督查通报');
    const bulletin = office.waitForEvent('download');
    await office.getByRole('link', { name: '督查通报-第3期.pdf' }).click();
    const file = await (await bulletin).path();
    expect(statSync(file).size).toBeGreaterThan(10_000);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('第3期');
    // Every task is listed in the bulletin's attachment, issued as its own file: unit A's new figure is there.
    const attachment = office.waitForEvent('download');
    await office.getByRole('link', { name: '督查通报-第3期-附件.pdf' }).click();
    const attachmentFile = await (await attachment).path();
    expect(
      execFileSync('pdftotext', ['-layout', attachmentFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''),
    ).toContain('完成55%');

    // Issued in the page, registered as `duban report` registers: the registry knows the downloaded files.
    const known = await runCli(['--db', ledger.db, 'audit', 'verify', '--document', file, attachmentFile, cuibanPdf]);
    expect(known.code, known.stderr).toBe(0);
    expect(known.stdout).toMatch(/registered as document #\d+ \(bulletin 第3期\)/);
    expect(known.stdout).toMatch(/registered as document #\d+ \(cuiban 第1期\)/);
    const ws = openWorkspace(ledger.db, { readonly: true });
    try {
      expect(ws.documents().map((d) => [d.reporter, d.unit, d.actor])).toEqual([
        ['bulletin', null, 'boss'],
        ['bulletin', null, 'boss'],
        ['cuiban', '市发改委', 'boss'],
      ]);
      expect(
        ws.ledger.issuedDocuments().map((d) => [d.reporter, d.issueNumber, d.outputs.length, d.verified, d.actor]),
      ).toEqual([
        ['cuiban', 1, 1, true, 'boss'],
        ['bulletin', 3, 2, true, 'boss'],
      ]);
      // The server runs with --today 2019-06-30: documents issued in the page carry that date, not the clock's.
      expect(ws.ledger.issuedDocuments().map((d) => d.issueDate)).toEqual(['2019-06-30', '2019-06-30']);
      expect(
        ws.ledger
          .auditLog()
          .filter((e) => e.action.startsWith('document.'))
          .map((e) => e.actor),
      ).toEqual(['boss', 'boss', 'boss', 'boss', 'boss']);
      expect(ws.ledger.verifyAudit()).toMatchObject({ ok: true, documents: 2 });
    } finally {
      ws.close();
    }
  });
});
