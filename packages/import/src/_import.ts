import type { Plan, Validated } from '@duban/core';
import { decodeNotice } from './_decode.js';
import { type NoticeKind, readNoticeFile } from './_file.js';
import { type ParseOptions, parseNotice } from './_parse.js';

/** decodeNotice + parseNotice; plan.sourceDigest is the SHA-256 of the decoded text. Throws decode errors. */
export function importNotice(bytes: Uint8Array, options: ParseOptions = {}): Validated<Plan> {
  return parseNotice(decodeNotice(bytes, options.sourceName), options);
}

/** Any notice file (.docx, .pdf, .html, .txt) → Plan, with the text that was read and the kind of file. Throws coded errors for files it cannot read. */
export async function importNoticeFile(
  bytes: Uint8Array,
  options: ParseOptions = {},
): Promise<Validated<Plan> & { kind: NoticeKind; text: string }> {
  const { text, kind } = await readNoticeFile(bytes, options.sourceName);
  return { ...parseNotice(text, options), kind, text };
}
