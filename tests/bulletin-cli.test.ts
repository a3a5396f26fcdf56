import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusLabels, type Status } from '@duban/core';
import { importNotice } from '@duban/import';
import { ROOT, runCli, runCliJson, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { checkGongwen } from './_support/gongwen.js';
import { badCodePoints, loadPdf, pageNumber, squash } from './_support/pdf.js';

// The main command, end to end: real CLI, real ledger file, real Chromium, the seed with its sample progress.
describe('duban report bulletin (end to end on the seed)', () => {
  const tmp = tempDir('duban-bulletin-cli-');
  const db = join(tmp.dir, 'duban.db');
  const out = join(tmp.dir, 'out', '督查通报-第3期.pdf');
  const asOf = '2019-09-30';
  let verdicts: { task: number; status: Status; reason: string }[];
  let report: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    const imp = await runCli(['--db', db, 'import', SEED_NOTICE, '--units', SEED_UNITS]);
    expect(imp.code, imp.stderr).toBe(0);
    const dir = join(ROOT, 'seeds/sample-progress');
    const files = readdirSync(dir).filter((f) => /\.(csv|xlsx)$/.test(f)).map((f) => join(dir, f));
    const prog = await runCli(['--db', db, 'progress', 'import', '--office', ...files]);
    expect(prog.code, prog.stderr).toBe(0);
    verdicts = await runCliJson(['--db', db, 'evaluate', '--as-of', asOf, '--json']);
    report = await runCli(['--db', db, 'report', 'bulletin', '--as-of', asOf, '--issue', '3', '--out', out]);
  }, 300_000);

  afterAll(() => tmp.cleanup());

  it('writes the PDF where --out says', () => {
    expect(report.code, report.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
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

  it('names every overdue task with its lead unit and the reason its rule printed', async () => {
    const text = squash((await loadPdf(out)).text);
    const plan = importNotice(readFileSync(SEED_NOTICE)).value!;
    const overdue = verdicts.filter((v) => v.status === 'overdue');
    expect(overdue.length).toBeGreaterThan(0); // the sample data has overdue tasks by 2019-09-30
    for (const v of overdue) {
      const task = plan.tasks.find((t) => t.number === v.task)!;
      const lead = task.assignments.find((a) => a.role === 'lead') ?? task.assignments[0]!;
      const unit = (lead.group ?? lead.unit).replace(/[<>()]/g, '.');
      expect(text).toMatch(new RegExp(`第${v.task}项“[^”]*”（牵头单位：[^）]*${unit}`));
      expect(text).toContain(squash(v.reason).replace(/[。；]+$/, ''));
    }
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
    const r = await runCli(['--db', db, 'report', 'bulletin', '--as-of', asOf, '--out', bad, '--option', 'template=bulletin/missing.hbs']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('DUBAN_TEMPLATE_MISSING');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace for a user mistake
    expect(existsSync(bad)).toBe(false);
  });
});
