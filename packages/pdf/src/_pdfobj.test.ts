import { describe, expect, it } from 'vitest';
import { assemble, Lexer, PdfFile, parseValue, refsOf, writeValue } from './_pdfobj.js';

describe('PDF values', () => {
  it('tells references from numbers and keeps strings as written', () => {
    const v = parseValue('<</A 12 0 R /B [1 0 0 1 0 0] /C (a (nested) \\) 3 0 R) /D <FEFF0041> /E 1.5 /F /Na#20me>>');
    expect(refsOf(v)).toEqual([12]);
    expect(writeValue(v, (n) => n + 100)).toBe(
      '<</A 112 0 R\n/B [1 0 0 1 0 0]\n/C (a (nested) \\) 3 0 R)\n/D <FEFF0041>\n/E 1.5\n/F /Na#20me>>',
    );
  });

  it('reads back a file it assembled: objects, streams and the page tree', () => {
    const bytes = assemble(
      [
        '<</Type /Catalog /Pages 2 0 R>>',
        '<</Type /Pages /Count 1 /Kids [3 0 R]>>',
        '<</Type /Page /Parent 2 0 R /Contents 4 0 R>>',
        { dict: '<</Length 3>>', stream: new TextEncoder().encode('q Q') },
        '<</Title (t)>>',
      ],
      1,
      5,
    );
    const file = new PdfFile(bytes);
    expect(file.pages()).toEqual([3]);
    expect(new TextDecoder().decode(file.object(4).stream)).toBe('q Q');
    expect(new Lexer('/X').value()).toEqual({ k: 'name', v: 'X' });
  });
});
