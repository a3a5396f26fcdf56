// The bulletin rendered with real Chromium on the seed plan, judged by the real
// rules over the sample progress (the same path as `duban report bulletin`), read
// back from the PDF and checked against the judged view it was made from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Plan, statusLabels, type UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { createPdfRenderer, type DubanPdfRenderer } from '@duban/pdf';
import { createFixtureContext, type FixtureContext } from '@duban/reporter-api/testing';
import bulletin from '@duban/reporter-bulletin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleProgress } from '../dev/sample/index.js';
import { SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { checkGongwen } from './_support/gongwen.js';
import {
  badCodePoints,
  bodyText,
  isA4Portrait,
  isRed,
  loadPdf,
  type PdfDoc,
  pageNumber,
  rules,
  squash,
  TYPE_AREA,
} from './_support/pdf.js';

// Hostile task text: must print literally, never be interpreted.
const HOSTILE = '<script>x</script>{{constructor}}</html>';

// Mid-year and year end: different parts (lagging vs overdue), different periods and reply dates.
const CASES = [
  {
    asOf: '2019-06-30',
    issued: '2019-07-05',
    issuedText: '2019年7月5日',
    period: '上半年',
    cutOff: '截至6月30日',
    reply: '7月15日',
  },
  {
    asOf: '2019-12-31',
    issued: '2020-01-10',
    issuedText: '2020年1月10日',
    period: '全年',
    cutOff: '截至2019年12月31日',
    reply: '1月20日',
  },
] as const;

describe.each(CASES)(
  'bulletin as of $asOf rendered with real Chromium on the seed plan',
  ({ asOf, issued, issuedText, period, cutOff, reply }) => {
    const tmp = tempDir('duban-bulletin-');
    const out = join(tmp.dir, '督查通报-第3期.pdf');
    const annexOut = join(tmp.dir, '督查通报-第3期-附件.pdf');
    let renderer: DubanPdfRenderer;
    let ctx: FixtureContext;
    let doc: PdfDoc;
    let annex: PdfDoc;
    let text: string;
    let body: string;

    beforeAll(async () => {
      const directory = JSON.parse(readFileSync(SEED_UNITS, 'utf8')) as UnitDirectory;
      const imported = importNotice(readFileSync(SEED_NOTICE), { directory });
      expect(imported.errors).toEqual([]);
      const plan: Plan = structuredClone(imported.value!);
      const progress = generateSampleProgress(plan, directory, { seed: 2019 });
      // Task 7 lags at mid-year, so its title prints in a body paragraph as well as in the table.
      const seven = plan.tasks.find((t) => t.number === 7)!;
      seven.title = `${seven.title}${HOSTILE}`;
      renderer = createPdfRenderer();
      ctx = await createFixtureContext({
        plan,
        directory,
        progress,
        pdf: renderer,
        asOf,
        out,
        issue: {
          office: '安康市人民政府督查室',
          issuer: '安康市人民政府',
          printer: '安康市人民政府办公室',
          date: issued,
          number: 3,
          replyDays: 10,
        },
      });
      const outputs = await bulletin(bulletin.meta.options!.parse({}))!.render!(ctx as never);
      expect(outputs).toEqual([
        expect.objectContaining({ path: out, kind: 'pdf' }),
        expect.objectContaining({ path: annexOut, kind: 'pdf' }),
      ]);
      doc = await loadPdf(out);
      annex = await loadPdf(annexOut);
      text = squash(doc.text);
      // The body's text without its page numbers, so a sentence reads across pages.
      body = bodyText(doc);
    }, 300_000);

    afterAll(async () => {
      await renderer?.close();
      tmp.cleanup();
    });

    it('is A4 portrait with the masthead, red rule and a centred 22 pt title on page 1', () => {
      expect(doc.pages.every(isA4Portrait)).toBe(true);
      const first = doc.pages[0]!;
      expect(squash(first.text)).toContain(`督查通报第3期安康市人民政府督查室${issuedText}`);
      const red = rules(first, isRed);
      expect(red).toHaveLength(1);
      expect(red[0]!.x1 - red[0]!.x0).toBeCloseTo(TYPE_AREA.x1 - TYPE_AREA.x0, -1);
      const title = first.lines.filter((l) => Math.abs(l.size - 22) < 0.3);
      expect(squash(title.map((l) => l.text).join(''))).toBe(
        `关于2019年《政府工作报告》重点任务（${period}）落实情况的通报`,
      );
      const centre = (TYPE_AREA.x0 + TYPE_AREA.x1) / 2;
      for (const l of title) expect(Math.abs((l.x0 + l.x1) / 2 - centre)).toBeLessThan(6);
      expect(title[0]!.y).toBeGreaterThan(red[0]!.y1);
    });

    it('sets the body in 16 pt on a ~29 pt line pitch, inside the type area', () => {
      const lines = doc.pages[1]!.lines.filter((l) => Math.abs(l.size - 16) < 0.3);
      expect(lines.length).toBeGreaterThanOrEqual(18);
      const pitches = lines
        .slice(1)
        .map((l, i) => l.y - lines[i]!.y)
        .filter((d) => d < 40)
        .sort((a, b) => a - b);
      expect(pitches[Math.floor(pitches.length / 2)]).toBeGreaterThan(27.5);
      expect(pitches[Math.floor(pitches.length / 2)]).toBeLessThan(30.5);
      for (const l of lines) {
        expect(l.x0).toBeGreaterThan(TYPE_AREA.x0 - 3);
        expect(l.x1).toBeLessThan(TYPE_AREA.x1 + 3);
      }
    });

    it('numbers pages "— N —" in 14 pt, odd pages right, even pages left; ends on an even page with the 版记 at its bottom', () => {
      // GB/T 9704 §7.4–7.5: the 版记 is on the back of the last sheet. A page holding only the
      // 版记, or left blank before it, carries no number; a content page the 版记 shares keeps its own.
      expect(doc.pages.length % 2).toBe(0);
      const last = doc.pages.length - 1;
      const content = (i: number) =>
        squash(
          doc.pages[i]!.lines.filter((l) => !/^— \d+ —$/u.test(l.text.trim()))
            .map((l) => l.text)
            .join(''),
        );
      const unnumbered = (i: number) => content(i) === '' || (i === last && content(i).startsWith('抄送：'));
      doc.pages.forEach((page, i) => {
        const n = pageNumber(page);
        if (unnumbered(i)) {
          expect(n, `page ${i + 1}`).toBeNull();
          return;
        }
        expect(n, `page ${i + 1}`).not.toBeNull();
        expect(n!.n).toBe(i + 1);
        expect(n!.size).toBeCloseTo(14, 0);
        if ((i + 1) % 2 === 1) expect(Math.abs(n!.x1 - (TYPE_AREA.x1 - 14))).toBeLessThan(8);
        else expect(Math.abs(n!.x0 - (TYPE_AREA.x0 + 14))).toBeLessThan(8);
      });
      expect(squash(doc.pages[last]!.text)).toMatch(new RegExp(`抄送：.*。安康市人民政府办公室${issuedText}印发`));
      const bottom = Math.max(...rules(doc.pages[last]!, (c) => c === '#000000').map((s) => s.y1));
      expect(Math.abs(bottom - TYPE_AREA.y1)).toBeLessThan(6);
    });

    it('extracts as the characters rendered: no radicals, private use or control code points', () => {
      expect(badCodePoints(doc.text)).toEqual([]);
      expect(text).toContain('工作');
    });

    it('prints the counts of the judged view, each share rounded on its own, and no empty category', () => {
      const overall = /纳入督查的91项重点任务中，(.*?)。/u.exec(text)![1]!;
      for (const s of ['completed', 'on_track', 'at_risk', 'overdue'] as const) {
        const n = ctx.counts[s];
        if (n === 0) expect(overall).not.toContain(statusLabels[s]);
        else
          expect(overall).toContain(
            `${statusLabels[s]}${n}项、占${((n * 1000) / 91 / 10).toFixed(1).replace(/^(\d+\.\d)\d*$/, '$1')}`.slice(
              0,
              -3,
            ),
          );
      }
      for (const m of overall.matchAll(/(\d+)项、占(\d+\.\d)%/gu))
        expect(Number(m[2])).toBe(Math.round((Number(m[1]) / 91) * 1000) / 10);
      expect(overall).not.toMatch(/0项、占0\.0%/u);
    });

    it('states the judging standard once, in the opening, and the data cut-off apart from the issue date', () => {
      expect(body.match(/下同/gu)).toHaveLength(1);
      expect(body).toContain(squash(ctx.method.statement));
      expect(body).toContain(cutOff);
    });

    it('quotes every lagging task with its figure and source, under the units answering for it, never with an invented lead', () => {
      const lagging = ctx.tasks.filter((t) => t.verdict.status === 'at_risk' || t.verdict.status === 'overdue');
      expect(lagging.length).toBeGreaterThan(5);
      // Only the categories this issue has are named; at year end nothing is merely 进度滞后.
      // (the opening states the whole standard; what follows names only categories that have tasks)
      const parts = body.slice(body.indexOf('一、总体情况'));
      if (!ctx.tasks.some((t) => t.verdict.status === 'at_risk'))
        expect(parts).not.toMatch(/进度滞后的任务|进度滞后\d+项/u);
      if (!ctx.tasks.some((t) => t.verdict.status === 'overdue')) expect(parts).not.toContain('逾期未完成');
      for (const t of lagging) {
        const i = body.indexOf(`第${t.task}项“`);
        expect(i, `task ${t.task}`).toBeGreaterThan(0);
        expect(body.slice(i, i + 300), `task ${t.task}`).toContain(squash(t.figure.text));
        if (t.narrative.problems && !/^无/u.test(t.narrative.problems))
          expect(body.slice(i, i + 400)).toContain(`存在问题：${squash(t.narrative.problems).replace(/[。；]$/u, '')}`);
      }
      expect(body).not.toContain('牵头单位：');
      for (const t of ctx.tasks.filter(
        (x) =>
          x.noLead && x.responsible.length > 1 && (x.verdict.status === 'at_risk' || x.verdict.status === 'overdue'),
      )) {
        expect(body).toContain(squash(`${t.responsible.join('、')}分工负责`));
      }
    });

    it('prints hostile task text literally, with single quotes inside double ones and no title cut with …', () => {
      expect(text).toContain(squash(HOSTILE));
      expect(text).not.toContain('…');
      const quoted = ctx.tasks.find(
        (t) => t.title.includes('“') && /at_risk|overdue|completed/u.test(t.verdict.status),
      );
      if (quoted)
        expect(body).toContain(`第${quoted.task}项“${squash(quoted.title.replace(/“/gu, '‘').replace(/”/gu, '’'))}”`);
    });

    it('asks for a written reply by a date computed from the issue date', () => {
      expect(body).toContain(`请于${reply}前将整改情况书面报送安康市人民政府督查室`);
    });

    it('issues the attachment apart, labelled as GB/T 9704 §7.5 asks, with every task and its figure, the header on each page', () => {
      expect(body).toContain('附件：2019年《政府工作报告》重点任务落实情况表');
      expect(squash(annex.pages[0]!.lines[0]!.text)).toBe('督查通报第3期附件');
      for (const p of annex.pages) expect(squash(p.text)).toContain('序号重点任务牵头单位责任单位时限进展情况评价');
      annex.pages.forEach((p, i) => expect(pageNumber(p)?.n, `attachment page ${i + 1}`).toBe(i + 1));
      const rows = annex.pages.flatMap((p) =>
        p.runs.filter((r) => /^\d+$/.test(r.str.trim()) && r.x < TYPE_AREA.x0 + 30).map((r) => Number(r.str)),
      );
      expect(new Set(rows).size).toBe(ctx.tasks.length);
      // The 进展情况 column read top to bottom holds every task's figure, in task order.
      const column = annex.pages
        .map((p) => {
          const head = p.runs.find((r) => r.str.includes('进展情况'))!;
          const next = p.runs.find((r) => r.str.includes('评价') && r.y === head.y)!;
          const prev = p.runs.find((r) => r.str.includes('时限') && r.y === head.y)!;
          const left = (prev.x + prev.width + head.x) / 2;
          const right = (head.x + head.width + next.x) / 2;
          const cells = p.runs
            .filter((r) => r.y > head.y + 5 && r.x >= left && r.x < right)
            .sort((a, b) => a.y - b.y || a.x - b.x);
          return squash(cells.map((r) => r.str).join(''));
        })
        .join('');
      let at = 0;
      for (const t of ctx.tasks) {
        const i = column.indexOf(squash(t.figure.text), at);
        expect(i, `task ${t.task}: ${t.figure.text}`).toBeGreaterThanOrEqual(at);
        at = i;
      }
      expect(squash(annex.text)).toContain('注：时限栏标“*”的任务，通知未明确完成时限，按年底前计。');
    });

    it('passes check-gongwen --kind bulletin with no FAIL, and the attachment --kind any', () => {
      const r = checkGongwen(out, 'bulletin');
      if (r === null) return; // the checker lives outside the repository; absent on some machines
      expect(r.failed, r.output).toEqual([]);
      expect(r.checks.length).toBeGreaterThan(10);
      const a = checkGongwen(annexOut, 'any')!;
      expect(a.failed, a.output).toEqual([]);
    });
  },
);
