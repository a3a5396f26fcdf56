// Score sheets rendered by the reporter with the real renderer (one Chromium) on a
// synthetic plan judged by the real rules: one PDF per unit plus the summary,
// checked from the PDFs themselves (poppler word boxes) and by check-gongwen --kind
// scoresheet when the shared tools are present. The expected totals come from the
// context's scores, never from the PDFs.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPdfRenderer, type DubanPdfRenderer } from '@duban/pdf';
import type { ReportContext, ReportOutput } from '@duban/reporter-api';
import scoresheet, { ScoresheetOptions, sheetFileName } from '@duban/reporter-scoresheet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './_support/cli.js';
import { checkGongwen, gongwenAvailable } from './_support/gongwen.js';
import { badCodePoints, isA4Portrait, loadPdf, MM, pageNumber, squash, TYPE_AREA } from './_support/pdf.js';
import { contextFor, directoryOutput, syntheticData } from './_support/synthetic.js';

// 4 units and 12 tasks: every unit leads 3 and helps on ~6, so each sheet runs past one page.
const data = syntheticData(4, 12, 7);
let tmp: ReturnType<typeof tempDir>;
let pdf: DubanPdfRenderer;
let outputs: ReportOutput[];
let ctx: ReportContext<ScoresheetOptions>;
const fileOf = (unit: string) => join(tmp.dir, `${sheetFileName(ctx.units.find((u) => u.unit === unit)!.name)}.pdf`);

interface Word {
  page: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  text: string;
}
const centre = (w: { y0: number; y1: number }) => (w.y0 + w.y1) / 2;

/** Words with their boxes (pt, top-left origin) from poppler's pdftotext -bbox. */
function words(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  let page = 0;
  for (const m of html.matchAll(
    /<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[0].startsWith('<page')) page++;
    else out.push({ page, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5]! });
  }
  return out;
}

function pageSizes(file: string): string[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '99', file], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map(
    (m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`,
  );
}

/** Numbers printed in the column whose header word matches `header`, per page, top to bottom, with their rows' y. */
function column(ws: Word[], header: RegExp): { page: number; y: number; value: number }[] {
  const out: { page: number; y: number; value: number }[] = [];
  for (const page of [...new Set(ws.map((w) => w.page))]) {
    const mine = ws.filter((w) => w.page === page);
    const head = mine.find((w) => header.test(w.text));
    if (!head) continue;
    const mid = (head.x0 + head.x1) / 2;
    for (const w of mine) {
      if (centre(w) > centre(head) + 6 && /^\d+(\.\d+)?$/.test(w.text) && Math.abs((w.x0 + w.x1) / 2 - mid) < 12)
        out.push({ page, y: centre(w), value: Number(w.text) });
    }
  }
  return out;
}

beforeAll(async () => {
  tmp = tempDir('duban-scoresheet-');
  pdf = createPdfRenderer();
  const options = ScoresheetOptions.parse({});
  ctx = await contextFor(data, options, directoryOutput(tmp.dir), pdf);
  outputs = (await scoresheet(options).render!(ctx)) ?? [];
}, 300_000);
afterAll(async () => {
  await pdf?.close();
  tmp?.cleanup();
});

describe('score sheets rendered with Chromium', () => {
  it('writes one PDF per assessed unit, named after the unit, plus the summary ranking', () => {
    const files = readdirSync(tmp.dir).sort();
    const expected = [
      ...ctx.scores.map((s) => `${sheetFileName(ctx.units.find((u) => u.unit === s.unit)!.name)}.pdf`),
      '考核得分汇总表.pdf',
    ].sort();
    expect(files).toEqual(expected);
    expect(outputs.map((o) => o.kind)).toEqual(Array(5).fill('pdf'));
  });

  it('prints A4 portrait pages with the heading, the unit, the assessment date, the method and a dated signature block, and no 附件 label', () => {
    for (const s of ctx.scores) {
      const file = fileOf(s.unit);
      expect(pageSizes(file).every((p) => p === '595x842')).toBe(true);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).not.toMatch(/附件/);
      expect(text).toContain('2019年度目标责任考核评分表');
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain(`被考核单位：${s.unit}`);
      expect(flat).toContain('考核时间：2019年12月31日');
      expect(flat).toContain('计分方法：本表实行扣分制');
      expect(flat).toContain('考核组（签字）：');
      expect(flat).toContain('被考核单位负责人（签字）：');
      expect(flat).toMatch(/年月日.*年月日/);
    }
  });

  it('prints 合计 equal to the unit total, category scores that add up to it and none above its 分值', () => {
    for (const s of ctx.scores) {
      const ws = words(fileOf(s.unit));
      const scores = column(ws, /^(考核)?得分$/);
      const maxes = column(ws, /^分值$/);
      // The last number in the score column is 合计; the rest are the rows.
      const total = scores.at(-1)!;
      const totalWord = ws.find((w) => w.text === '合计')!;
      expect(total.page).toBe(totalWord.page);
      expect(Math.abs(total.y - centre(totalWord))).toBeLessThan(10); // same row: rows are ≥ 20 pt apart
      expect(total.value).toBe(s.total);
      const rows = scores.slice(0, -1);
      // One merged 考核得分 cell per category (考核项目), not one per task.
      expect(rows.map((r) => r.value)).toEqual(s.lines.map((l) => l.score));
      expect(Math.round(rows.reduce((a, r) => a + r.value, 0) * 100) / 100).toBe(s.total);
      for (const r of rows) {
        const max = maxes.find((m) => m.page === r.page && Math.abs(m.y - r.y) < 4);
        expect(max, `分值 beside ${r.value}`).toBeDefined();
        expect(r.value).toBeLessThanOrEqual(max!.value);
      }
    }
  });

  it('repeats the header row and numbers every page of a multi-page sheet', () => {
    const busiest = [...ctx.scores].sort(
      (a, b) => b.lines.reduce((n, l) => n + l.rows.length, 0) - a.lines.reduce((n, l) => n + l.rows.length, 0),
    )[0]!;
    const ws = words(fileOf(busiest.unit));
    const pages = Math.max(...ws.map((w) => w.page));
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) {
      const mine = ws.filter((w) => w.page === p);
      expect(
        mine.some((w) => w.text === '序号'),
        `header on page ${p}`,
      ).toBe(true);
      expect(mine.map((w) => w.text).join(' '), `page number on page ${p}`).toContain(`— ${p} —`);
    }
  });

  it("prints every deduction with its reason, its amount stated in its category's 评分标准", () => {
    for (const s of ctx.scores) {
      const text = execFileSync('pdftotext', ['-raw', fileOf(s.unit), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const line of s.lines) {
        expect(text).toContain(line.standard.replace(/\s+/g, ''));
        for (const row of line.rows)
          for (const reason of row.reasons) expect(text).toContain(reason.replace(/\s+/g, ''));
      }
      for (const item of s.items.filter((i) => i.rule !== '(range)')) {
        const line = s.lines.find((l) => l.key === item.category)!;
        expect(line.standard, `${s.unit} ${item.rule}`).toContain(`${Math.abs(item.points)}分`);
      }
    }
  });

  it('ranks units within their groups in the summary, in the order of the standings', () => {
    const text = execFileSync('pdftotext', ['-raw', join(tmp.dir, '考核得分汇总表.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, '');
    let at = 0;
    for (const s of ctx.standings) {
      const i = text.indexOf(s.name, at);
      expect(i, s.name).toBeGreaterThan(at - 1);
      at = i;
    }
    expect(text).toContain('一、县区政府（管委会）');
    expect(text).toContain('考核单位：安康市人民政府督查室');
    expect(text).toContain('得分相同的');
  });

  it('meets FORMAT.md: A4, 22 pt title centred, — N — page numbers odd right/even left, clean text', async () => {
    for (const f of readdirSync(tmp.dir).filter((n) => n.endsWith('.pdf'))) {
      const doc = await loadPdf(join(tmp.dir, f));
      expect(doc.pages.every(isA4Portrait), f).toBe(true);
      const title = doc.pages[0]!.lines.filter((l) => Math.abs(l.size - 22) < 0.5);
      expect(
        title.map((l) => squash(l.text)),
        f,
      ).toEqual([f.startsWith('考核得分') ? '2019年度目标责任考核得分汇总表' : '2019年度目标责任考核评分表']);
      expect(
        Math.abs((title[0]!.x0 + title[0]!.x1) / 2 - (TYPE_AREA.x0 + TYPE_AREA.x1) / 2),
        `${f} title centre`,
      ).toBeLessThan(6);
      doc.pages.forEach((page, i) => {
        const n = pageNumber(page);
        expect(n?.n, `${f} page ${i + 1}`).toBe(i + 1);
        expect(Math.abs(n!.size - 14)).toBeLessThan(0.6);
        // 7 mm below the type area: the baseline lands 754–782 pt from the top.
        expect(n!.y).toBeGreaterThanOrEqual(TYPE_AREA.y1 + 4 * MM);
        expect(n!.y).toBeLessThanOrEqual(TYPE_AREA.y1 + 14 * MM);
        if ((i + 1) % 2)
          expect(Math.abs(n!.x1 - (TYPE_AREA.x1 - 14)), `${f} odd page ${i + 1} right edge`).toBeLessThan(8);
        else expect(Math.abs(n!.x0 - (TYPE_AREA.x0 + 14)), `${f} even page ${i + 1} left edge`).toBeLessThan(8);
      });
      expect(badCodePoints(doc.text), f).toEqual([]);
    }
  });

  it.runIf(gongwenAvailable())('passes check-gongwen --kind scoresheet with no FAIL on every document', () => {
    for (const f of readdirSync(tmp.dir).filter((n) => n.endsWith('.pdf'))) {
      const r = checkGongwen(join(tmp.dir, f), 'scoresheet')!;
      expect(r.failed, `${f}: ${r.output}`).toEqual([]);
      expect(r.checks.find((c) => c.name === 'title')?.status).toBe('PASS');
      expect(r.checks.find((c) => c.name === 'score-columns')?.status).toBe('PASS');
    }
  });
});
