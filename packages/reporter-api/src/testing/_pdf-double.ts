import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { DubanError } from '@duban/core';
import { writeFileAtomic } from '../_output.js';
import type { FontUse, PdfOptions, PdfRenderer, PdfResult } from '../_types.js';

/** One call recorded by the PDF test double. */
export interface PdfCall {
  method: 'renderTemplate' | 'renderHtml' | 'renderTemplateToHtml' | 'renderBatch';
  template?: string;
  html?: string;
  data?: unknown;
  outPath?: string;
  options?: PdfOptions;
}

/** A PdfRenderer test double: records every call and writes a small valid one-page PDF instead of launching a browser. */
export interface RecordingPdfRenderer extends PdfRenderer {
  /** The calls so far, oldest first. */
  calls(): readonly PdfCall[];
}

/** A minimal, valid one-page A4 PDF whose page shows `text` (ASCII only; the double cannot embed CJK fonts). */
export function minimalPdf(text: string): Uint8Array {
  const safe = text
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[()\\]/g, '\\$&')
    .slice(0, 80);
  const stream = `BT /F1 12 Tf 72 770 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

const FONTS: readonly FontUse[] = [
  { role: 'xiaobiaosong', official: '方正小标宋简体', family: 'test-double', file: null, substitute: true },
  { role: 'fangsong', official: '仿宋_GB2312', family: 'test-double', file: null, substitute: true },
  { role: 'heiti', official: '黑体', family: 'test-double', file: null, substitute: true },
  { role: 'kaiti', official: '楷体_GB2312', family: 'test-double', file: null, substitute: true },
  { role: 'songti', official: '宋体', family: 'test-double', file: null, substitute: true },
];

/**
 * Creates the PDF test double used by the fixture context. It is NOT duban's
 * renderer: no templates are read and no browser starts; it exists so a
 * reporter's tests run anywhere in milliseconds. Test real PDFs with `duban report`.
 */
export function createRecordingPdfRenderer(): RecordingPdfRenderer {
  const calls: PdfCall[] = [];
  const write = async (outPath: string, label: string): Promise<PdfResult> => {
    const bytes = minimalPdf(label);
    await writeFileAtomic(outPath, bytes);
    return { path: outPath, pages: 1, bytes: bytes.byteLength };
  };
  // A plug-in's own template arrives as an absolute path: a missing file fails here as it would in duban.
  const located = (template: string) => {
    if (isAbsolute(template) && !existsSync(template))
      throw new DubanError('DUBAN_TEMPLATE_MISSING', `template ${template} not found`, {
        where: { file: template },
        hint: 'check meta.templates and the template name',
      });
  };
  return {
    async renderTemplate(template, data, outPath, options) {
      located(template);
      calls.push({ method: 'renderTemplate', template, data, outPath, options });
      return write(outPath, `duban test double: ${template}`);
    },
    async renderHtml(html, outPath, options) {
      calls.push({ method: 'renderHtml', html, outPath, options });
      return write(outPath, 'duban test double: html');
    },
    async renderBatch(documents, options) {
      const results: PdfResult[] = [];
      for (const d of documents) {
        calls.push({
          method: 'renderBatch',
          template: d.template,
          html: d.html,
          data: d.data,
          outPath: d.outPath,
          options: { title: d.title, timeoutMs: options?.timeoutMs },
        });
        results.push(await write(d.outPath, `duban test double: ${d.template ?? 'html'}`));
        options?.onProgress?.(results.length, documents.length);
      }
      return results;
    },
    async renderTemplateToHtml(template, data) {
      located(template);
      calls.push({ method: 'renderTemplateToHtml', template, data });
      return `<!doctype html><html><body><pre>${template}</pre></body></html>`;
    },
    fonts: async () => FONTS,
    calls: () => [...calls],
  };
}
