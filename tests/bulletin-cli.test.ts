import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Status, statusLabels } from '@duban/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliJson, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { checkGongwen } from './_support/gongwen.js';
import { badCodePoints, bodyText, loadPdf, pageNumber, squash } from './_support/pdf.js';

// The main command, end to end: real CLI, real ledger file, real Chromium, the seed with its sample progress.
describe('duban report bulletin (end to end on the seed)', () => {
  const tmp = tempDir('duban-bulletin-cli-');
  const db = join(tmp.dir, 'duban.db');
  const out = join(tmp.dir, 'out', '督查通报-第3期.pdf');
  const asOf = '2019-09-30';
  let verdicts: {
    task: number;
    status: Status;
    reason: string;
    title: string;
    figure: { text: string };
    noLead: boolean;
    lead: string[];
    responsible: string[];
  }[];
  let report: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    const imp = await runCli(['--db', db, 'import', SEED_NOTICE, '--units', SEED_UNITS]);
    expect(imp.code, imp.stderr).toBe(0);
    const dir = join(ROOT, 'seeds/sample-progress');
    const files = readdirSync(dir)
      .filter((f) => /\.(csv|xlsx)$/.test(f))
      .map((f) => join(dir, f));
    const prog = await runCli(['--db', db, 'progress', 'import', '--office', ...files]);
    expect(prog.code, prog.stderr).toBe(0);
    verdicts = await runCliJson(['--db', db, 'evaluate', '--as-of', asOf, '--json']);
    report = await runCli([
      '--db',
      db,
      'report',
      'bulletin',
      '--as-of',
      asOf,
      '--issue',
      '3',
      '--date',
      '2019-10-08',
      '--out',
      out,
    ]);
  }, 300_000);

  afterAll(() => tmp.cleanup());

  it('writes the PDF where --out says', () => {
    expect(report.code, report.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('names the document, its issue and the office in the PDF metadata, with duban as creator, not the browser', () => {
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    expect(info).toMatch(/^Title:\s+关于2019年《政府工作报告》重点任务（前三季度）落实情况的通报$/mu);
    expect(info).toMatch(/^Subject:\s+督查通报第3期（数据截至2019年9月30日）$/mu);
    expect(info).toMatch(/^Author:\s+安康市人民政府督查室$/mu);
    expect(info).toMatch(/^Creator:\s+duban$/mu);
    expect(info).not.toMatch(/Mozilla|HeadlessChrome/u);
  });

  it('prints the verdict counts of `duban evaluate --json`', async () => {
    const text = squash((await loadPdf(out)).text);
    expect(verdicts).toHaveLength(91);
    const overall = /纳入督查的(\d+)项重点任务中，(.*?)。/.exec(text);
    expect(overall?.[1]).toBe('91');
    for (const s of ['completed', 'on_track', 'at_risk', 'overdue'] as const) {
      const n = verdicts.filter((v) => v.status === s).length;
      expect(overall![2]).toContain(`${statusLabels[s]}${n}项`);
    }
  });

  it('names every overdue and lagging task under the units answering for it, with the figure of `duban evaluate --json`', async () => {
    const doc = await loadPdf(out);
    const body = bodyText(doc);
    const overdue = verdicts.filter((v) => v.status === 'overdue');
    expect(overdue.length).toBeGreaterThan(0); // the sample data has overdue tasks by 2019-09-30
    for (const v of verdicts.filter((x) => x.status === 'overdue' || x.status === 'at_risk')) {
      const i = body.indexOf(`第${v.task}项“`);
      expect(i, `task ${v.task}`).toBeGreaterThan(0);
      expect(body.slice(i, i + 400), `task ${v.task}`).toContain(squash(v.figure.text));
      const units = v.noLead ? v.responsible : v.lead;
      const group = body.slice(0, i).lastIndexOf('（');
      expect(body.slice(Math.max(0, group - 200), i), `task ${v.task}`).toContain(squash(units[0]!));
    }
    // A task the notice gives no lead is never printed with a 牵头单位.
    expect(body).not.toContain('牵头单位：');
    // The issue date is the --date, the data cut-off is in the text.
    expect(squash(doc.pages[0]!.text)).toContain('2019年10月8日');
    expect(body).toContain('截至9月30日');
    expect(body).toContain('请于10月18日前');
  });

  it('is well-formed: page numbers on every page but the 版记 page, no radicals, check-gongwen passes', async () => {
    const doc = await loadPdf(out);
    expect(doc.pages.slice(0, -1).map((p) => pageNumber(p)?.n)).toEqual(doc.pages.slice(0, -1).map((_, i) => i + 1));
    expect(badCodePoints(doc.text)).toEqual([]);
    const r = checkGongwen(out, 'bulletin');
    if (r !== null) expect(r.failed, r.output).toEqual([]);
  });

  it('leaves no PDF behind when rendering fails, and says why', async () => {
    const bad = join(tmp.dir, 'bad', 'b.pdf');
    const r = await runCli([
      '--db',
      db,
      'report',
      'bulletin',
      '--as-of',
      asOf,
      '--out',
      bad,
      '--option',
      'template=bulletin/missing.hbs',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('DUBAN_TEMPLATE_MISSING');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace for a user mistake
    expect(existsSync(bad)).toBe(false);
  });
});
