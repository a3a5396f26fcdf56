import { DubanError } from '@duban/core';
import type { ContextPdfRenderer } from './_context-types.js';
import type { PdfOptions } from './_types.js';

/** A document to measure: complete HTML, or a template and its data. */
export type FitCandidate = string | { template: string; data: unknown };

type Measurer = Pick<ContextPdfRenderer, 'measureHtml' | 'measureTemplate'>;

const pagesOf = (pdf: Measurer, c: FitCandidate, options?: PdfOptions) =>
  typeof c === 'string' ? pdf.measureHtml(c, options) : pdf.measureTemplate(c.template, c.data, options);

/**
 * The first candidate (most wanted first: full text, then shorter forms) that
 * fits in `maxPages` pages, measured by real renders. Throws
 * DUBAN_REPORTER_DOES_NOT_FIT, with every candidate's page count, when none does.
 */
export async function fitToPages<C extends FitCandidate>(
  pdf: Measurer,
  maxPages: number,
  candidates: readonly C[],
  options?: PdfOptions,
): Promise<{ index: number; candidate: C; pages: number }> {
  const seen: number[] = [];
  for (const [index, candidate] of candidates.entries()) {
    const { pages } = await pagesOf(pdf, candidate, options);
    if (pages <= maxPages) return { index, candidate, pages };
    seen.push(pages);
  }
  throw new DubanError(
    'DUBAN_REPORTER_DOES_NOT_FIT',
    `none of ${candidates.length} layout(s) fits in ${maxPages} page(s): they take ${seen.join(', ')} pages`,
    {
      hint: 'add a shorter candidate (fewer rows, no narrative), or allow more pages',
    },
  );
}

/**
 * The largest `n` in [min, max] whose document `build(n)` fits in `maxPages`
 * pages (a binary search over measured renders: about log2(max − min) renders),
 * e.g. how many table rows fit on one page. Throws DUBAN_REPORTER_DOES_NOT_FIT
 * when even `build(min)` does not fit.
 */
export async function fitMost<C extends FitCandidate>(
  pdf: Measurer,
  maxPages: number,
  range: { min: number; max: number; build: (n: number) => C },
  options?: PdfOptions,
): Promise<{ n: number; candidate: C; pages: number }> {
  let lo = Math.ceil(range.min);
  let hi = Math.floor(range.max);
  const first = range.build(lo);
  const low = await pagesOf(pdf, first, options);
  if (low.pages > maxPages) {
    throw new DubanError(
      'DUBAN_REPORTER_DOES_NOT_FIT',
      `even the smallest layout (n = ${lo}) takes ${low.pages} pages, more than ${maxPages}`,
      { hint: 'make each item shorter, or allow more pages' },
    );
  }
  let best = { n: lo, candidate: first, pages: low.pages };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = range.build(mid);
    const { pages } = await pagesOf(pdf, candidate, options);
    if (pages <= maxPages) {
      best = { n: mid, candidate, pages };
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}
