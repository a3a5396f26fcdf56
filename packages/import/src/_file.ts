/**
 * The file an office receives → notice text: .docx (paragraphs and real tables, via
 * mammoth), .pdf with a text layer (pdf.js, tables rebuilt from positions), a saved
 * .html page, or plain text in UTF-8/GBK/GB18030. The kind is read from the bytes
 * (a renamed file is still recognised); files duban cannot read get a coded error
 * saying what to do instead.
 */
import { DubanError, type Location } from '@duban/core';
import iconv from 'iconv-lite';
import { decodeNotice } from './_decode.js';
import { declaredCharset, htmlToText } from './_html.js';

/** The kinds of notice file duban reads. */
export type NoticeKind = 'txt' | 'html' | 'docx' | 'pdf';

const starts = (b: Uint8Array, ...sig: number[]) => sig.every((v, i) => b[i] === v);

function refuse(code: string, what: string, hint: string, where: Location | undefined): never {
  throw new DubanError(code, what, { ...(where ? { where } : {}), hint });
}

/** Looks at the first bytes (and, for text, the extension) to decide what the file is. Throws for kinds duban cannot read. */
export function noticeKind(bytes: Uint8Array, sourceName?: string): NoticeKind {
  const where = sourceName === undefined ? undefined : { file: sourceName };
  const ext = /\.([a-z0-9]+)$/i.exec(sourceName ?? '')?.[1]?.toLowerCase();
  if (starts(bytes, 0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(bytes, 0x50, 0x4b, 0x03, 0x04)) {
    // A zip: .docx when it holds word/document.xml (its name sits in a local header near the start or in the directory at the end).
    const latin = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (latin.includes('word/document.xml') || latin.includes('word/_rels')) return 'docx';
    const what = latin.includes('xl/workbook')
      ? 'an Excel workbook'
      : latin.includes('ppt/presentation')
        ? 'a PowerPoint file'
        : latin.includes('mimetypeapplication/vnd.oasis')
          ? 'an OpenDocument file'
          : 'a zip archive';
    refuse(
      'DUBAN_IMPORT_UNSUPPORTED',
      `the file is ${what}, not a notice duban can read`,
      'save the notice as .docx, .pdf, .html or .txt (in WPS or Word: 另存为 → .docx)',
      where,
    );
  }
  if (starts(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    const what =
      ext === 'wps'
        ? 'a WPS document (.wps)'
        : ext === 'xls' || ext === 'et'
          ? 'an old Excel/WPS workbook'
          : 'an old Word document (.doc)';
    refuse(
      'DUBAN_IMPORT_DOC',
      `the file is ${what}; duban reads the newer .docx format`,
      'open it in WPS or Word and save it as .docx (另存为 → Word 文档 .docx), then import that file',
      where,
    );
  }
  if (
    starts(bytes, 0x89, 0x50, 0x4e, 0x47) ||
    starts(bytes, 0xff, 0xd8, 0xff) ||
    starts(bytes, 0x47, 0x49, 0x46, 0x38) ||
    starts(bytes, 0x49, 0x49, 0x2a, 0x00) ||
    starts(bytes, 0x4d, 0x4d, 0x00, 0x2a) ||
    starts(bytes, 0x42, 0x4d) ||
    (starts(bytes, 0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57)
  ) {
    refuse(
      'DUBAN_IMPORT_IMAGE',
      'the file is an image (a photo or scan of the notice), which has no text to read',
      'ask the issuing office for the .docx or text PDF, or run OCR on the image and import the text it gives',
      where,
    );
  }
  if (starts(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66))
    refuse(
      'DUBAN_IMPORT_UNSUPPORTED',
      'the file is in Rich Text Format (.rtf)',
      'save it as .docx or .txt and import that file',
      where,
    );
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1').toLowerCase();
  if (
    ext === 'html' ||
    ext === 'htm' ||
    ext === 'shtml' ||
    ext === 'mht' ||
    /^\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html)/.test(head.replace(/^\ufeff/, ''))
  )
    return 'html';
  return 'txt';
}

/** Decodes an HTML page: its declared charset when it names one, else UTF-8 or GB18030 like a text notice. */
function decodeHtml(bytes: Uint8Array, sourceName: string | undefined): string {
  const charset = declaredCharset(Buffer.from(bytes.subarray(0, 4096)).toString('latin1'));
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) {
    return iconv.decode(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      charset === 'gb2312' || charset === 'gbk' ? 'gb18030' : charset,
    );
  }
  return decodeNotice(bytes, sourceName);
}

/** Reads any supported notice file to text; `kind` says what it was. */
export async function readNoticeFile(
  bytes: Uint8Array,
  sourceName?: string,
): Promise<{ text: string; kind: NoticeKind }> {
  const where = sourceName === undefined ? undefined : { file: sourceName };
  if (bytes.length === 0)
    refuse('DUBAN_IMPORT_EMPTY', 'the notice is empty', 'check that the file holds the text of the notice', where);
  const kind = noticeKind(bytes, sourceName);
  let text: string;
  if (kind === 'pdf') {
    const { pdfToText } = await import('./_pdf.js');
    text = await pdfToText(bytes, where);
  } else if (kind === 'docx') {
    const mammoth = (await import('mammoth')).default;
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }))
        .value;
    } catch (e) {
      refuse(
        'DUBAN_IMPORT_BAD_DOCX',
        `the .docx file cannot be read: ${(e as Error).message}`,
        'the file is damaged; open it in WPS or Word and save it again as .docx',
        where,
      );
    }
    text = htmlToText(html);
  } else if (kind === 'html') text = htmlToText(decodeHtml(bytes, sourceName));
  else text = decodeNotice(bytes, sourceName);
  if (!/[^\s\u3000\u00a0\ufeff]/.test(text))
    refuse(
      'DUBAN_IMPORT_EMPTY',
      `the ${kind === 'txt' ? 'notice' : `.${kind} file`} holds no text`,
      'check that the file holds the text of the notice',
      where,
    );
  return { text: text.replace(/\r\n?/g, '\n'), kind };
}
