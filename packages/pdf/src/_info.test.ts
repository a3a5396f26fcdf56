import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withInfo } from './_info.js';
import { assemble, get, PdfFile } from './_pdfobj.js';

const decode = (raw: string) => {
  const hex = raw.slice(5, -1);
  let out = '';
  for (let i = 0; i < hex.length; i += 4) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return out;
};

describe('document information', () => {
  const printed = assemble(
    [
      '<</Type /Catalog /Pages 2 0 R>>',
      '<</Type /Pages /Count 1 /Kids [3 0 R]>>',
      '<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>',
      '<</Creator (Mozilla/5.0 HeadlessChrome) /Producer (Skia/PDF m156) /CreationDate (D:20190705)>>',
    ],
    1,
    4,
  );

  it('replaces the browser as creator by an incremental update the file reader follows back', () => {
    const pdf = withInfo(printed, { title: '关于…的通报', author: '示例市人民政府督查室', subject: '督查通报第3期' });
    // The printed bytes are untouched; the update is appended.
    expect(Buffer.from(pdf.subarray(0, printed.byteLength)).equals(Buffer.from(printed))).toBe(true);
    const file = new PdfFile(pdf);
    expect(file.pages()).toEqual([3]);
    const info = file.resolve(get(file.trailer, 'Info'));
    const text = (key: string) => {
      const v = get(info, key);
      return v?.k === 'str' ? (v.raw.startsWith('<FEFF') ? decode(v.raw) : v.raw) : undefined;
    };
    expect([text('Title'), text('Author'), text('Subject'), text('Creator')]).toEqual([
      '关于…的通报',
      '示例市人民政府督查室',
      '督查通报第3期',
      'duban',
    ]);
    // The browser's producer and date are kept; no empty Keywords entry is written.
    expect([text('Producer'), text('CreationDate'), get(info, 'Keywords')]).toEqual([
      '(Skia/PDF m156)',
      '(D:20190705)',
      undefined,
    ]);
  });

  it("is read by poppler as the document's properties", () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-info-'));
    try {
      const file = join(dir, 'a.pdf');
      writeFileSync(file, withInfo(printed, { title: 'T', author: '督查室' }));
      const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(out).toMatch(/^Author:\s+督查室$/m);
      expect(out).toMatch(/^Creator:\s+duban$/m);
      expect(out).not.toContain('HeadlessChrome');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
