// Batch printing: score sheets printed as one Chromium job and split, compared
// with the same sheets printed one by one (renderTemplate). Each split file must
// be a standalone document: pages numbered from 1, odd right and even left; its
// own title; only the fonts (and glyphs) it uses; the same text as alone; a
// size close to alone; and check-gongwen passes on a sample.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createPdfRenderer, type DubanPdfRenderer } from '@duban/pdf';
import type { BatchDocument, PdfResult } from '@duban/reporter-api';
import {
  buildSheet,
  buildSummary,
  ScoresheetOptions,
  SHEET_TEMPLATE,
  SUMMARY_TEMPLATE,
} from '@duban/reporter-scoresheet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './_support/cli.js';
import { checkGongwen } from './_support/gongwen.js';
import { loadPdf, pageNumber, squash, TYPE_AREA } from './_support/pdf.js';
import { contextFor, directoryOutput, syntheticData } from './_support/synthetic.js';

// 7 units, 40 tasks: sheets of different lengths (1–4 pages), so odd-length sheets shift the batch's parity.
const data = syntheticData(7, 40, 11);
const options = ScoresheetOptions.parse({});
const AS_OF = '2019-12-31';

/** Font name → embedded font program size (pdffonts names, mutool for sizes is not needed: bytes of the file are). */
function fontNames(file: string): string[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
    .sort();
}

function fontTypes(file: string): string[] {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.slice(37, 54).trim());
}

describe('batch printing', () => {
  const tmp = tempDir('duban-batch-');
  let pdf: DubanPdfRenderer;
  let docs: BatchDocument[];
  let batch: PdfResult[];
  let alone: string[];

  beforeAll(async () => {
    pdf = createPdfRenderer();
    const ctx = await contextFor(data, options, directoryOutput(tmp.dir), pdf, AS_OF);
    docs = ctx.scores.map((s, i) => {
      const view = buildSheet(ctx, s, options);
      return {
        template: SHEET_TEMPLATE,
        data: view,
        outPath: join(tmp.dir, 'batch', `sheet-${i}.pdf`),
        title: `${view.title}（${view.unit}）`,
      };
    });
    const summary = buildSummary(ctx, options);
    // The summary sits in the middle: a second template in the same batch, results in the order given.
    docs.splice(3, 0, {
      template: SUMMARY_TEMPLATE,
      data: summary,
      outPath: join(tmp.dir, 'batch', 'summary.pdf'),
      title: summary.title,
    });
    const progress: [number, number][] = [];
    batch = await pdf.renderBatch(docs, { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress.at(-1)).toEqual([docs.length, docs.length]);
    alone = [];
    for (const [i, d] of docs.entries()) {
      const out = join(tmp.dir, 'alone', `${i}.pdf`);
      await pdf.renderTemplate(d.template!, d.data, out, { title: d.title });
      alone.push(out);
    }
  }, 300_000);

  afterAll(async () => {
    await pdf?.close();
    tmp.cleanup();
  });

  it('writes one file per document, in the order given, with its own title and page count', async () => {
    expect(batch.map((r) => r.path)).toEqual(docs.map((d) => d.outPath));
    for (const [i, r] of batch.entries()) {
      const info = execFileSync('pdfinfo', [r.path], { encoding: 'utf8' });
      expect(info).toMatch(new RegExp(`^Title:\\s+${docs[i]!.title!.replace(/[()（）]/g, '.')}$`, 'm'));
      expect(info).toMatch(new RegExp(`^Pages:\\s+${r.pages}$`, 'm'));
      expect(r.bytes).toBe(statSync(r.path).size);
    }
    expect(new Set(batch.map((r) => r.pages)).size).toBeGreaterThan(1); // sheets of different lengths
  });

  it('numbers every file from 1, odd pages at the right and even pages at the left', async () => {
    for (const r of batch) {
      const doc = await loadPdf(r.path);
      doc.pages.forEach((page, k) => {
        const n = pageNumber(page);
        expect(n?.n, `${r.path} page ${k + 1}`).toBe(k + 1);
        if ((k + 1) % 2 === 1) expect(n!.x1).toBeGreaterThan(TYPE_AREA.x1 - 40);
        else expect(n!.x0).toBeLessThan(TYPE_AREA.x0 + 40);
      });
    }
  });

  it('has the same text as the same document printed alone, page by page', async () => {
    for (const [i, r] of batch.entries()) {
      const [split, single] = [await loadPdf(r.path), await loadPdf(alone[i]!)];
      expect(split.pages.length).toBe(single.pages.length);
      split.pages.forEach((p, k) =>
        expect(squash(p.text), `${r.path} page ${k + 1}`).toBe(squash(single.pages[k]!.text)),
      );
    }
  });

  it('looks exactly like the same document printed alone (every page rasterised)', () => {
    const raster = (file: string) =>
      execFileSync('pdftoppm', ['-r', '40', '-gray', file], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const [i, r] of batch.entries()) {
      const stderr = execFileSync('pdftoppm', ['-r', '10', r.path, join(tmp.dir, 'probe')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(stderr).toBe(''); // poppler finds nothing wrong with the file
      expect(raster(r.path).equals(raster(alone[i]!)), r.path).toBe(true);
    }
  });

  it('embeds only the fonts each document uses, as CID fonts, cut to its own glyphs', () => {
    for (const [i, r] of batch.entries()) {
      expect(fontNames(r.path)).toEqual(fontNames(alone[i]!));
      expect(fontTypes(r.path).every((t) => t === 'CID TrueType')).toBe(true);
    }
    // A sheet without the summary's table carries no glyphs of it: files are far smaller than the batch together.
    const total = batch.reduce((s, r) => s + r.bytes, 0);
    for (const r of batch) expect(r.bytes).toBeLessThan(total / 3);
  });

  it('is no larger than 1.3 times the same document printed alone', () => {
    for (const [i, r] of batch.entries()) expect(r.bytes / statSync(alone[i]!).size, r.path).toBeLessThanOrEqual(1.3);
  });

  it('passes check-gongwen on a sample of split sheets, with no warning', () => {
    for (const i of [0, 4, docs.length - 1]) {
      const r = checkGongwen(batch[i]!.path, 'scoresheet');
      if (!r) return; // the shared checker is not on this machine
      expect(r.failed, r.output).toEqual([]);
      expect(
        r.checks.filter((c) => c.status === 'WARN'),
        r.output,
      ).toEqual([]);
    }
  });

  it('leaves no batch marks behind: no link annotations to the batch in any file', () => {
    for (const r of batch) expect(readFileSync(r.path).toString('latin1')).not.toContain('duban.invalid');
  });
});
