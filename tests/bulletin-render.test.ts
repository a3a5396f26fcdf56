import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusLabels, type Plan, type Status, type Verdict } from '@duban/core';
import { importNotice } from '@duban/import';
import { createPdfRenderer, type DubanPdfRenderer } from '@duban/pdf';
import { createFixtureContext } from '@duban/reporter-api/testing';
import bulletin from '@duban/reporter-bulletin';
import { SEED_NOTICE, tempDir } from './_support/cli.js';
import { checkGongwen } from './_support/gongwen.js';
import { badCodePoints, isA4Portrait, isRed, loadPdf, pageNumber, rules, squash, TYPE_AREA, type PdfDoc } from './_support/pdf.js';

// Hostile task text: must print literally, never be interpreted.
const HOSTILE = '<script>x</script>{{constructor}}</html>';

// A deterministic verdict mix over the seed's 91 tasks: every 7th overdue, every 5th at risk, every 11th completed.
function fabricate(plan: Plan): Verdict[] {
  return plan.tasks.map((t) => {
    const status: Status = t.number % 7 === 0 ? 'overdue' : t.number % 5 === 0 ? 'at_risk' : t.number % 11 === 0 ? 'completed' : 'on_track';
    const reason = status === 'overdue' ? `已超过时限${t.number}天仍未完成` : status === 'at_risk' ? `进度${t.number}%，低于序时进度49.6%` : '按序时推进';
    return { task: t.number, status, rule: status, reason, facts: { scheduleGap: 0 }, conditions: [] };
  });
}

describe('bulletin rendered with real Chromium on the seed plan', () => {
  const tmp = tempDir('duban-bulletin-');
  const out = join(tmp.dir, '督查通报-第3期.pdf');
  let renderer: DubanPdfRenderer;
  let plan: Plan;
  let verdicts: Verdict[];
  let doc: PdfDoc;
  let text: string;

  beforeAll(async () => {
    const imported = importNotice(readFileSync(SEED_NOTICE));
    expect(imported.errors).toEqual([]);
    plan = structuredClone(imported.value!);
    // Task 7 is overdue below, so its title prints in a body paragraph as well as in the table.
    const seven = plan.tasks.find((t) => t.number === 7)!;
    seven.title = `${seven.title}${HOSTILE}`;
    verdicts = fabricate(plan);
    renderer = createPdfRenderer();
    const ctx = createFixtureContext({ plan, verdicts, progress: [], pdf: renderer, asOf: '2019-06-30', out, issue: { office: '安康市人民政府督查室', issuer: '安康市人民政府', printer: '安康市人民政府办公室', date: '2019-07-05', number: 3 } });
    const outputs = await bulletin(bulletin.meta.options!.parse({}))!.render!(ctx as never);
    expect(outputs).toEqual([expect.objectContaining({ path: out, kind: 'pdf' })]);
    doc = await loadPdf(out);
    text = squash(doc.text);
  });

  afterAll(async () => {
    await renderer?.close();
    tmp.cleanup();
  });

  it('is A4 portrait with the masthead, red rule and a centred 22 pt title on page 1', () => {
    expect(doc.pages.every(isA4Portrait)).toBe(true);
    const first = doc.pages[0]!;
    expect(squash(first.text)).toMatch(/督查通报第3期安康市人民政府督查室2019年7月5日/);
    const red = rules(first, isRed);
    expect(red).toHaveLength(1);
    expect(red[0]!.x1 - red[0]!.x0).toBeCloseTo(TYPE_AREA.x1 - TYPE_AREA.x0, -1);
    const title = first.lines.filter((l) => Math.abs(l.size - 22) < 0.3);
    expect(squash(title.map((l) => l.text).join(''))).toBe('关于2019年《政府工作报告》重点任务（上半年）落实情况的通报');
    const centre = (TYPE_AREA.x0 + TYPE_AREA.x1) / 2;
    for (const l of title) expect(Math.abs((l.x0 + l.x1) / 2 - centre)).toBeLessThan(6);
    expect(title[0]!.y).toBeGreaterThan(red[0]!.y1);
  });

  it('sets the body in 16 pt on a ~29 pt line pitch, inside the type area', () => {
    const body = doc.pages[1]!.lines.filter((l) => Math.abs(l.size - 16) < 0.3);
    expect(body.length).toBeGreaterThanOrEqual(18);
    const pitches = body.slice(1).map((l, i) => l.y - body[i]!.y).filter((d) => d < 40).sort((a, b) => a - b);
    expect(pitches[Math.floor(pitches.length / 2)]).toBeGreaterThan(27.5);
    expect(pitches[Math.floor(pitches.length / 2)]).toBeLessThan(30.5);
    for (const l of body) {
      expect(l.x0).toBeGreaterThan(TYPE_AREA.x0 - 3);
      expect(l.x1).toBeLessThan(TYPE_AREA.x1 + 3);
    }
  });

  it('numbers pages "— N —" in 14 pt, odd pages right, even pages left; the 版记 page is unnumbered', () => {
    const last = doc.pages.length - 1;
    doc.pages.forEach((page, i) => {
      const n = pageNumber(page);
      if (i === last) {
        expect(n).toBeNull();
        return;
      }
      expect(n, `page ${i + 1}`).not.toBeNull();
      expect(n!.n).toBe(i + 1);
      expect(n!.size).toBeCloseTo(14, 0);
      expect(n!.y).toBeGreaterThan(754);
      expect(n!.y).toBeLessThan(782);
      if ((i + 1) % 2 === 1) expect(Math.abs(n!.x1 - (TYPE_AREA.x1 - 14))).toBeLessThan(8);
      else expect(Math.abs(n!.x0 - (TYPE_AREA.x0 + 14))).toBeLessThan(8);
    });
    expect(squash(doc.pages[last]!.text)).toMatch(/抄送：.*。安康市人民政府办公室2019年7月5日印发/);
  });

  it('extracts as the characters rendered: no radicals, private use or control code points', () => {
    expect(badCodePoints(doc.text)).toEqual([]);
    expect(text).toContain('工作');
  });

  it('prints the counts and shares it was given, and every overdue and at-risk task with its lead unit', () => {
    const count = (s: Status) => verdicts.filter((v) => v.status === s).length;
    for (const s of ['completed', 'on_track', 'at_risk', 'overdue'] as const) {
      const share = ((count(s) * 100) / verdicts.length).toFixed(1);
      // largest remainder may move a share by 0.1; the count itself is exact
      expect(text).toMatch(new RegExp(`纳入督查的91项重点任务中.*${statusLabels[s]}${count(s)}项，占(${share}|\\d+\\.\\d)%`));
    }
    for (const v of verdicts.filter((x) => x.status === 'overdue' || x.status === 'at_risk')) {
      const task = plan.tasks.find((t) => t.number === v.task)!;
      const lead = task.assignments.find((a) => a.role === 'lead' || a.convener) ?? task.assignments[0]!;
      const unit = (lead.group ?? lead.unit).replace(/[<(]/g, '（').replace(/[>)]/g, '）');
      expect(text, `task ${v.task}`).toMatch(new RegExp(`第${v.task}项“[^”]*”（牵头单位：[^）]*${unit.replace(/[（）]/g, '.')}`));
      expect(text).toContain(squash(v.reason));
    }
  });

  it('shares per verdict sum to 100.0 overall', () => {
    const overall = /纳入督查的91项重点任务中，(.*?)。/.exec(text)![1]!;
    const shares = [...overall.matchAll(/占(\d+\.\d)%/g)].map((m) => Number(m[1]));
    expect(shares).toHaveLength(4);
    expect(Math.round(shares.reduce((a, b) => a + b, 0) * 10) / 10).toBe(100);
  });

  it('prints hostile task text literally', () => {
    expect(text).toContain(`第7项“${squash(plan.tasks.find((t) => t.number === 7)!.title)}”`);
    expect(text).toContain(squash(HOSTILE));
  });

  it('has the attachment table with every task and a header repeated on each of its pages', () => {
    const start = doc.pages.findIndex((p) => /^附件$/m.test(p.text));
    expect(start).toBeGreaterThan(0);
    const tablePages = doc.pages.slice(start, -1);
    for (const p of tablePages) expect(squash(p.text)).toContain('序号重点任务牵头单位责任单位时限进展情况评价');
    const rows = tablePages.flatMap((p) => p.runs.filter((r) => /^\d+$/.test(r.str.trim()) && r.x < TYPE_AREA.x0 + 30).map((r) => Number(r.str)));
    expect(new Set(rows).size).toBe(plan.tasks.length);
  });

  it('passes check-gongwen --kind bulletin with no FAIL', () => {
    const r = checkGongwen(out, 'bulletin');
    if (r === null) return; // the checker lives outside the repository; absent on some machines
    expect(r.failed, r.output).toEqual([]);
    expect(r.checks.length).toBeGreaterThan(10);
  });
});
