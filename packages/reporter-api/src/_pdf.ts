import type { DocxRenderer } from './_docx.js';
import type { RecordingOutput } from './_output.js';
import type { BatchDocument, PdfOptions, PdfRenderer } from './_types.js';

/**
 * The PdfRenderer reporters see: it starts the real renderer on first use (so a
 * reporter that writes no PDF never launches a browser), resolves output paths
 * under the output directory, refuses paths that escape it, and records the files.
 */
export function createGuardedPdfRenderer(
  start: () => Promise<PdfRenderer>,
  output: RecordingOutput,
  defaults: Pick<PdfOptions, 'author'> = {},
): PdfRenderer {
  let real: Promise<PdfRenderer> | undefined;
  const get = () => (real ??= start());
  const place = (outPath: string) => output.resolve(outPath);
  // The PDF metadata names the office as author unless the reporter says otherwise.
  const meta = <T extends PdfOptions | BatchDocument>(o: T): T =>
    defaults.author !== undefined && o.author === undefined ? { ...o, author: defaults.author } : o;
  return {
    async renderTemplate(template, data, outPath, options) {
      const abs = place(outPath);
      const result = await (await get()).renderTemplate(template, data, abs, meta(options ?? {}));
      output.record(abs);
      return result;
    },
    async renderHtml(html, outPath, options) {
      const abs = place(outPath);
      const result = await (await get()).renderHtml(html, abs, meta(options ?? {}));
      output.record(abs);
      return result;
    },
    async renderBatch(documents, options) {
      // Every path is checked before anything is printed: a batch never half-escapes.
      const placed = documents.map((d) => meta({ ...d, outPath: place(d.outPath) }));
      const results = await (await get()).renderBatch(placed, options);
      for (const d of placed) output.record(d.outPath);
      return results;
    },
    renderTemplateToHtml: async (template, data) => (await get()).renderTemplateToHtml(template, data),
    fonts: async () => (await get()).fonts(),
  };
}

/**
 * The DocxRenderer reporters see: the writer loaded on first use, output paths resolved under the output
 * directory (paths that escape it are refused) and the files recorded, as for PDFs.
 */
export function createGuardedDocxRenderer(start: () => Promise<DocxRenderer>, output: RecordingOutput): DocxRenderer {
  let real: Promise<DocxRenderer> | undefined;
  const get = () => (real ??= start());
  return {
    async render(doc, outPath) {
      const abs = output.resolve(outPath);
      const result = await (await get()).render(doc, abs);
      output.record(abs);
      return result;
    },
    toBuffer: async (doc) => (await get()).toBuffer(doc),
    fonts: async () => (await get()).fonts(),
  };
}
