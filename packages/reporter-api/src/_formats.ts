import { DubanError } from '@duban/core';
import { z } from 'zod';
import type { DocxRenderer } from './_docx.js';

/** The file formats a document reporter can write. */
export type DocumentFormat = 'pdf' | 'docx';

/**
 * The `format` option of a document reporter: `pdf`, `docx`, or both as a list
 * or a comma-separated string (`--format pdf,docx`); default `pdf`. A plug-in
 * that declares it gets the CLI's --format like the built-ins.
 */
export const DocumentFormats = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean)
      : v,
  z
    .array(z.enum(['pdf', 'docx']))
    .min(1)
    .default(['pdf']),
);

/** `out/督查通报-第3期.pdf` → `out/督查通报-第3期.docx`: the same document's path in another format. */
export function withFormat(path: string, format: DocumentFormat): string {
  return path.replace(/(\.(pdf|docx))?$/iu, `.${format}`);
}

/** The context's DOCX writer; DUBAN_REPORTER_NO_DOCX when the host that runs the reporter has none. */
export function requireDocx(ctx: { readonly docx?: DocxRenderer }): DocxRenderer {
  if (!ctx.docx) {
    throw new DubanError(
      'DUBAN_REPORTER_NO_DOCX',
      'this host gives reporters no DOCX writer, so no .docx can be written',
      {
        hint: 'run the reporter with a duban that has @duban/docx (0.1 or later), or ask for --format pdf',
      },
    );
  }
  return ctx.docx;
}
