/**
 * The PDF's document information (what a reader's Properties show): the title of
 * the document, the office as its author, a subject, and duban as the program that
 * made it — never the browser's user agent, which Chromium writes as Creator.
 */
import { assemble, get, PdfFile, type PdfValue, textString, writeValue } from './_pdfobj.js';

/** What goes into the Info dictionary. */
export interface DocumentInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
}

/** The program named as Creator. */
export const CREATOR = 'duban';

/** The Info dictionary's entries: ours, plus the source's Producer and dates. */
export function infoEntries(info: DocumentInfo, source: PdfValue | undefined): Map<string, PdfValue> {
  const entries = new Map<string, PdfValue>([['Title', textString(info.title)]]);
  for (const [key, value] of [
    ['Author', info.author],
    ['Subject', info.subject],
    ['Keywords', info.keywords],
  ] as const) {
    if (value?.trim()) entries.set(key, textString(value.trim()));
  }
  entries.set('Creator', textString(CREATOR));
  for (const key of ['Producer', 'CreationDate', 'ModDate']) {
    const v = get(source, key);
    if (v) entries.set(key, v);
  }
  return entries;
}

/**
 * The PDF with its Info dictionary replaced, as an incremental update (PDF 1.7
 * §7.5.6): the printed bytes stay as they are and a new Info object, a
 * cross-reference section for it and a trailer pointing back (/Prev) are appended.
 */
export function withInfo(pdf: Uint8Array, info: DocumentInfo): Uint8Array {
  const file = new PdfFile(pdf);
  const size = get(file.trailer, 'Size');
  const root = get(file.trailer, 'Root');
  const prev = /startxref\s+(\d+)\s*%%EOF\s*$/.exec(file.latin1.slice(-64))?.[1];
  if (size?.k !== 'num' || root?.k !== 'ref' || prev === undefined) return pdf;
  const n = Number(size.raw);
  const dict = writeValue({ k: 'dict', v: infoEntries(info, file.resolve(get(file.trailer, 'Info'))) });
  const lead = pdf[pdf.byteLength - 1] === 0x0a ? '' : '\n';
  const object = `${lead}${n} 0 obj\n${dict}\nendobj\n`;
  const objectAt = pdf.byteLength + Buffer.byteLength(lead, 'latin1');
  const xrefAt = pdf.byteLength + Buffer.byteLength(object, 'latin1');
  const tail = `xref\n${n} 1\n${String(objectAt).padStart(10, '0')} 00000 n \ntrailer\n<</Size ${n + 1}\n/Root ${root.n} 0 R\n/Info ${n} 0 R\n/Prev ${prev}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(
    Buffer.concat([Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), Buffer.from(object + tail, 'latin1')]),
  );
}

/**
 * The PDF written again with its Info dictionary replaced and some objects
 * changed (`replaced`: object number → new value text, `null` to drop the object),
 * object numbers kept: unlike an incremental update, nothing of the old objects
 * stays in the file. For Chromium's small single-revision PDFs (a few hundred objects).
 */
export function withInfoRewritten(
  pdf: Uint8Array,
  info: DocumentInfo,
  replaced: ReadonlyMap<number, string | null>,
): Uint8Array {
  const file = new PdfFile(pdf);
  const size = get(file.trailer, 'Size');
  const root = get(file.trailer, 'Root');
  if (size?.k !== 'num' || root?.k !== 'ref') return withInfo(pdf, info);
  const n = Number(size.raw);
  const bodies: (string | { dict: string; stream: Uint8Array })[] = [];
  for (let i = 1; i < n; i++) {
    const change = replaced.get(i);
    if (change !== undefined) {
      bodies.push(change ?? 'null');
      continue;
    }
    const object = file.has(i) ? file.object(i) : undefined;
    if (!object) bodies.push('null');
    else bodies.push(object.stream ? { dict: object.text.trim(), stream: object.stream } : object.text.trim());
  }
  bodies.push(writeValue({ k: 'dict', v: infoEntries(info, file.resolve(get(file.trailer, 'Info'))) }));
  return assemble(bodies, root.n, n);
}
