/**
 * Page numbers that stay right inside a batch. official.css puts a number box at
 * the bottom right and the bottom left of every page and fills them with
 * `counter(page, duban-page-odd)` and `counter(page, duban-page-even)`: these
 * counter styles print "— N —" for odd N (right box) or even N (left box) and
 * nothing otherwise. Which box prints then follows the number, not the sheet's
 * position in the print job, so a batch (see _batch.ts) can give each document
 * its own counter and every split file is numbered 1, 2, 3 … odd right, even left.
 */

/** Pages numbered this way; later pages of a longer document print no number. */
export const MAX_NUMBERED_PAGES = 999;

let css: string | undefined;

/** The two counter styles, as CSS (`fixed` systems: counter() ignores prefix and suffix, so each symbol is the whole text). */
export function pageNumberStyles(): string {
  if (css) return css;
  const symbols = (parity: 0 | 1) => {
    const out: string[] = [];
    for (let n = 1; n <= MAX_NUMBERED_PAGES; n++) out.push(n % 2 === parity ? `"— ${n} —"` : '""');
    return out.join(' ');
  };
  const style = (name: string, parity: 0 | 1) =>
    `@counter-style ${name} { system: fixed 1; symbols: ${symbols(parity)}; fallback: duban-page-none; }`;
  css = [
    `@counter-style duban-page-none { system: cyclic; symbols: ""; }`,
    style('duban-page-odd', 1),
    style('duban-page-even', 0),
  ].join('\n');
  return css;
}

/** CSS giving the documents of a batch their own page counters: document i prints on named pages duban-doc-i. */
export function batchPageRules(count: number): string {
  const rules: string[] = [];
  for (let i = 0; i < count; i++) {
    rules.push(
      `@page duban-doc-${i} { counter-increment: duban-doc-${i}; @bottom-right { content: counter(duban-doc-${i}, duban-page-odd); } @bottom-left { content: counter(duban-doc-${i}, duban-page-even); } }`,
    );
  }
  return rules.join('\n');
}
