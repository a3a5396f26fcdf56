/**
 * The office's side of the web workspace against the real `duban serve`: the
 * first admin created before any notice, notice upload with its review step,
 * all-or-nothing workbook upload, accounts, 推进方案 filings, reporting status
 * per period and 催办 seen by the unit, the public page and its static export.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '@duban/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, SEED_NOTICE, tempDir } from './_support/cli.js';
import { Client, type Served, serve, TINY_PDF } from './_support/web.js';

const tmp = tempDir('duban-web-office-');
const db = join(tmp.dir, 'duban.db');
let server: Served;
const SECRET = '内部问题：资金缺口3亿元待协调';

beforeAll(async () => {
  const admin = await runCli(['--db', db, 'users', 'add', 'boss', '--role', 'admin', '--password-stdin'], {
    input: 'admin-password-1\n',
  });
  expect(admin.code, admin.stderr).toBe(0);
  server = await serve(db, ['--today', '2019-06-30', '--public']);
});
afterAll(async () => {
  await server?.stop();
  tmp.cleanup();
});

function ledger<T>(use: (ws: ReturnType<typeof openWorkspace>) => T): T {
  const ws = openWorkspace(db, { readonly: true });
  try {
    return use(ws);
  } finally {
    ws.close();
  }
}

async function upload(
  c: Client,
  path: string,
  field: string,
  files: { name: string; data: Buffer }[],
  from = '/office/uploads',
): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', await c.token(from));
  for (const f of files) form.append(field, new Blob([f.data]), f.name);
  return c.postMultipart(path, form);
}

describe('the office on an empty ledger', () => {
  const office = () => new Client(server.url);
  let boss: Client;
  const temp: Record<string, string> = {};

  it('the first admin exists before any notice; the board asks for the notice', async () => {
    boss = office();
    expect((await boss.login('boss', 'admin-password-1')).status).toBe(303);
    expect((await boss.page('/office')).html).toContain('请先');
  });

  it('a notice upload is parsed and shown for review; only the confirmation stores it', async () => {
    const review = await upload(boss, '/office/uploads/notice', 'notice', [
      { name: 'ankang-2019.txt', data: readFileSync(SEED_NOTICE) },
    ]);
    expect(review.status).toBe(200);
    const html = await review.text();
    expect(html).toContain('核对任务分解方案');
    expect(html).toMatch(/<dt>任务<\/dt><dd>91<\/dd>/);
    expect(ledger((ws) => ws.currentPlan())).toBeNull();
    const id = /name="id" value="([^"]+)"/.exec(html)![1]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const done = await boss.post('/office/uploads/notice/confirm', { _csrf: token, id });
    expect(done.status).toBe(303);
    expect(ledger((ws) => ws.currentPlan()?.plan.tasks.length)).toBe(91);
    expect(ledger((ws) => ws.ledger.auditLog({ action: 'plan.import' }).map((e) => e.actor))).toEqual(['boss']);
    // The same confirmation cannot be replayed.
    expect((await boss.post('/office/uploads/notice/confirm', { _csrf: token, id })).status).toBe(303);
    expect(ledger((ws) => ws.ledger.planVersions().length)).toBe(1);
  });

  it('creates unit accounts in the page (temporary password shown once)', async () => {
    for (const [name, unit] of [
      ['jtj', '市交通局'],
      ['fgw', '市发改委'],
    ] as const) {
      const res = await boss.post('/office/accounts', {
        _csrf: await boss.token('/office/accounts'),
        username: name,
        role: 'reporter',
        unit,
        displayName: '',
      });
      const html = await res.text();
      temp[name] = /<code class="secret">(\w+)<\/code>/.exec(html)![1]!;
    }
    const dup = await boss.post('/office/accounts', {
      _csrf: await boss.token('/office/accounts'),
      username: 'jtj',
      role: 'reporter',
      unit: '市交通局',
    });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('already exists');
    const unknown = await boss.post('/office/accounts', {
      _csrf: await boss.token('/office/accounts'),
      username: 'x1',
      role: 'reporter',
      unit: '不存在的局',
    });
    expect(await unknown.text()).toContain('is not a unit with tasks');
  });

  it('a workbook upload with one bad row imports nothing and lists the row; a good one imports all', async () => {
    const sample = readFileSync(join(ROOT, 'seeds/sample-progress/样例数据-2019-03.csv'), 'utf8');
    const lines = sample.split('\n');
    const bad = [lines[0], lines[1]!.replace(/^(\d+,[^,]+,[^,]+,)\d+/, '$1150'), ...lines.slice(2)].join('\n');
    const refused = await upload(boss, '/office/uploads/workbooks', 'workbooks', [
      { name: 'march.csv', data: Buffer.from(bad) },
    ]);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('DUBAN_PROGRESS_PERCENT_RANGE');
    expect(html).toMatch(/march\.csv .*第2行/);
    expect(ledger((ws) => ws.ledger.listProgress().length)).toBe(0);
    const ok = await upload(boss, '/office/uploads/workbooks', 'workbooks', [
      { name: 'march.csv', data: Buffer.from(sample) },
    ]);
    expect(ok.status).toBe(303);
    const rows = ledger((ws) => ws.ledger.listProgress());
    expect(rows.length).toBe(lines.filter((l) => /^\d/.test(l)).length);
    expect(ledger((ws) => ws.ledger.auditLog({ action: 'progress.append' }).map((e) => e.actor))).toEqual(['boss']);
    // Attested as `progress import --office` attests, naming the account that vouched for the units.
    expect(ledger((ws) => ws.ledger.auditLog({ action: 'progress.append' })[0]!.target)).toMatch(
      /units: march\.csv=[^;]*市交通局[^;]* \(office upload by boss\)$/,
    );
  });

  it('a unit files its 推进方案 as its own document and reports; the reporting page sees who reported in the period', async () => {
    const jtj = new Client(server.url);
    expect((await jtj.login('jtj', temp.jtj!)).headers.get('location')).toBe('/account/password');
    const changed = await jtj.post('/account/password', {
      _csrf: await jtj.token('/account/password'),
      current: temp.jtj!,
      password: 'jtj-password-22',
      again: 'jtj-password-22',
    });
    expect(changed.status).toBe(303);
    const before = await boss.page('/office/reporting?period=2019-06');
    expect(before.html).toMatch(/<td>市交通局<\/td>\s*<td><span class="rs rs-late">/);

    const filingPage = (await jtj.page('/unit/filings')).html;
    const milestone = /<option value="([^"]+)"/.exec(filingPage)![1]!;
    const filing = new FormData();
    filing.set('_csrf', /name="_csrf" value="([^"]+)"/.exec(filingPage)![1]!);
    filing.set('milestone', milestone);
    filing.set('date', '2019-03-07');
    filing.set('title', '市交通局2019年重点工作推进方案');
    filing.set('summary', '分三个阶段推进');
    filing.set('evidence', new Blob([TINY_PDF]), '推进方案.pdf');
    expect((await jtj.postMultipart('/unit/filings', filing)).status).toBe(303);
    expect(ledger((ws) => ws.filings().map((f) => [f.unit, f.milestone, f.date, f.actor]))).toEqual([
      ['市交通局', milestone, '2019-03-07', 'jtj'],
    ]);
    expect((await jtj.page('/unit')).html).toContain('已于2019年3月7日报送《市交通局2019年重点工作推进方案》');

    const report = new FormData();
    report.set('_csrf', await jtj.token('/unit/tasks/4'));
    report.set('date', '2019-06-20');
    report.set('percent', '50');
    report.set('progress', '平镇高速完成投资过半。');
    report.set('problems', SECRET);
    expect((await jtj.postMultipart('/unit/tasks/4/report', report)).status).toBe(303);
    const after = await boss.page('/office/reporting?period=2019-06');
    expect(after.html).toMatch(/<td>市交通局<\/td>\s*<td><span class="rs rs-reported">/);
    expect(after.html).toMatch(/<td>市发改委<\/td>\s*<td><span class="rs rs-late">/);
  });

  it("a 催办 notice reaches the urged unit's page and nobody else's", async () => {
    const res = await boss.post('/office/cuiban', {
      _csrf: await boss.token('/office/reporting?period=2019-06'),
      unit: '市发改委',
      period: '2019-06',
    });
    expect(res.status).toBe(303);
    const reported = await boss.post('/office/cuiban', {
      _csrf: await boss.token('/office/reporting?period=2019-06'),
      unit: '市交通局',
      period: '2019-06',
    });
    expect(reported.status).toBe(303);
    expect(ledger((ws) => ws.documents().map((d) => [d.reporter, d.unit, d.period]))).toEqual([
      ['cuiban', '市发改委', '2019-06'],
    ]);
    const fgw = new Client(server.url);
    await fgw.login('fgw', temp.fgw!);
    await fgw.post('/account/password', {
      _csrf: await fgw.token('/account/password'),
      current: temp.fgw!,
      password: 'fgw-password-22',
      again: 'fgw-password-22',
    });
    const page = (await fgw.page('/unit')).html;
    expect(page).toContain('督查室催办通知');
    const id = /href="\/documents\/(\d+)"/.exec(page)![1]!;
    const pdf = await fgw.fetch(`/documents/${id}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const jtj = new Client(server.url);
    await jtj.login('jtj', 'jtj-password-22');
    expect((await jtj.page('/unit')).html).not.toContain('督查室催办通知');
    expect((await jtj.fetch(`/documents/${id}`)).status).toBe(403);
  });

  it('the public page and its static export show status and progress lines, never problems or evidence', async () => {
    const pub = await new Client(server.url).page('/public');
    expect(pub.status).toBe(200);
    expect(pub.html).toContain('加快平镇');
    // The figure as the documents print it (figure.text), then the unit's own first sentence.
    expect(pub.html).toContain('完成50%（市交通局6月20日报）。平镇高速完成投资过半。');
    expect(pub.html).not.toContain(SECRET);
    expect(pub.html).not.toContain('/files/');
    const out = join(tmp.dir, 'site');
    const r = await runCli(['--db', db, 'serve', '--export', out, '--as-of', '2019-06-30']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('href="./app.css"');
    expect(existsSync(join(out, 'app.css'))).toBe(true);
    expect(html).toContain('完成50%（市交通局6月20日报）');
    expect(html).not.toContain(SECRET);
    expect(html).not.toMatch(/<form|<script/);
  });

  it('users reset/disable from the CLI apply to the running server; every action is in a chain that verifies', async () => {
    const r = await runCli(['--db', db, 'users', 'reset', 'jtj']);
    expect(r.code).toBe(0);
    const temporary = /temporary password: (\w+)/.exec(r.stdout)![1]!;
    const c = new Client(server.url);
    expect((await c.login('jtj', 'jtj-password-22')).status).toBe(401);
    expect((await c.login('jtj', temporary)).headers.get('location')).toBe('/account/password');
    const list = await runCli(['--db', db, 'users', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toContainEqual({
      username: 'jtj',
      role: 'reporter',
      unit: '市交通局',
      displayName: '市交通局',
      disabled: false,
      mustChangePassword: true,
    });
    expect(list.stdout).not.toContain('scrypt');
    const audit = await runCli(['--db', db, 'audit', 'verify']);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    writeFileSync(join(tmp.dir, 'done'), '');
  });
});
