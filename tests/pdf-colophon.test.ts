// GB/T 9704-2012 §7.4–7.5 with real Chromium: whatever the length of the body, a
// document with a 版记 ends on an even page, the 版记 at the bottom of it. Content
// ending on an odd page gets the 版记 on its own unnumbered page; on an even page
// with room, the 版记 sits below the content on that (numbered) page; on an even
// page without room, an unnumbered blank page comes before the 版记 page.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPdfRenderer, type DubanPdfRenderer } from '@duban/pdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './_support/cli.js';
import { loadPdf, type PdfDoc, pageNumber, rules, squash, TYPE_AREA } from './_support/pdf.js';

const TEMPLATE = `<!doctype html><html><head>{{> head title="版记测试"}}</head><body>
{{#each lines}}<p>{{this}}</p>{{/each}}
{{> banji banji}}
</body></html>`;

// One paragraph: 28 characters after a two-character indent, so two lines of 3号 type.
const LINE = '督查督办工作按月调度持续推进重点任务落实到位情况良好。';
const banji = { cc: '市委办公室，市人大常委会办公室', printer: '某市人民政府办公室', date: '2026-07-05' };

// Paragraphs of body text (two lines each, 11 to a 22-line page) → where the content ends.
const CASES = [
  { lines: 5, pages: 2, mode: 'page' }, // ends on page 1: 版记 alone on page 2
  { lines: 20, pages: 2, mode: 'inline' }, // ends on page 2 with four lines free: 版记 below it
  { lines: 22, pages: 4, mode: 'blank' }, // fills page 2: blank page 3, 版记 on page 4
  { lines: 25, pages: 4, mode: 'page' }, // ends on page 3: 版记 alone on page 4
] as const;

describe('the 版记 ends the document on an even page', () => {
  const tmp = tempDir('duban-colophon-');
  const templates = join(tmp.dir, 'templates');
  let renderer: DubanPdfRenderer;
  const docs = new Map<number, PdfDoc>();
  const bytes = new Map<number, string>();

  beforeAll(async () => {
    mkdirSync(join(templates, 't'), { recursive: true });
    writeFileSync(join(templates, 't', 'doc.hbs'), TEMPLATE);
    renderer = createPdfRenderer({ templatesDir: templates });
    for (const c of CASES) {
      const out = join(tmp.dir, `${c.lines}.pdf`);
      await renderer.renderTemplate(
        't/doc.hbs',
        { lines: Array.from({ length: c.lines }, (_, i) => `${i + 1}${LINE}`.slice(0, 28)), banji },
        out,
      );
      docs.set(c.lines, await loadPdf(out));
      bytes.set(c.lines, readFileSync(out).toString('latin1'));
    }
  }, 300_000);

  afterAll(async () => {
    await renderer.close();
    tmp.cleanup();
  });

  it.each(CASES)('$lines paragraphs of body: $pages pages, 版记 placed as "$mode"', ({ lines, pages, mode }) => {
    const doc = docs.get(lines)!;
    expect(doc.pages).toHaveLength(pages);
    const last = doc.pages[pages - 1]!;
    const text = squash(last.text);
    expect(text).toMatch(/抄送：市委办公室，市人大常委会办公室。/u);
    expect(text).toMatch(/某市人民政府办公室2026年7月5日印发/u);
    // The 版记's last rule lies on the type area's bottom edge.
    const bottom = Math.max(...rules(last, (c) => c === '#000000', 150 * (72 / 25.4)).map((s) => s.y1));
    expect(Math.abs(bottom - TYPE_AREA.y1)).toBeLessThan(6);
    // Every body line printed exactly once, in order, before the 版记.
    const body = squash(doc.pages.map((p) => p.text).join(''));
    expect(body.indexOf(`${lines}督查`)).toBeGreaterThan(body.indexOf(`${lines - 1}督查`));
    expect(body.indexOf(`${lines}督查`)).toBeLessThan(body.indexOf('抄送'));

    if (mode === 'inline') {
      // The 版记 shares the last content page, which keeps its page number.
      expect(text).toContain(`${lines}督查`);
      expect(pageNumber(last)?.n).toBe(pages);
    } else {
      expect(text).not.toContain('督查督办');
      expect(pageNumber(last)).toBeNull();
    }
    // The measuring marks (link annotations) are gone, also where the measuring print is the final one ("page").
    expect(bytes.get(lines)).not.toContain('duban.invalid');
    expect(bytes.get(lines)).not.toMatch(/\/Subtype\s*\/Link/);
    if (mode === 'blank') {
      // The page between the content and the 版记 is blank: no text, no number.
      expect(squash(doc.pages[pages - 2]!.text)).toBe('');
    }
  });
});
