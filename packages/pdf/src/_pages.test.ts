import { describe, expect, it } from 'vitest';
import { batchPageRules, pageNumberStyles } from './_pages.js';

describe('page numbers', () => {
  it('odd numbers print in the right box, even ones in the left, each in its own document of a batch', () => {
    const css = pageNumberStyles();
    expect(css).toMatch(/@counter-style duban-page-odd \{ system: fixed 1; symbols: "— 1 —" "" "— 3 —"/);
    expect(css).toMatch(/@counter-style duban-page-even \{ system: fixed 1; symbols: "" "— 2 —" ""/);
    expect(batchPageRules(2)).toContain(
      '@page duban-doc-1 { counter-increment: duban-doc-1; @bottom-right { content: counter(duban-doc-1, duban-page-odd); }',
    );
  });
});
