import { DubanError } from '@duban/core';
import iconv from 'iconv-lite';

// Control characters other than tab, LF, FF and CR never occur in a notice.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** Decodes notice bytes: UTF-8 with/without BOM, UTF-16 with BOM, GB18030/GBK; CRLF/CR → LF. */
export function decodeNotice(bytes: Uint8Array, sourceName?: string): string {
  const where = sourceName === undefined ? undefined : { file: sourceName };
  const bin = (why: string) =>
    new DubanError('DUBAN_IMPORT_BINARY', `the file is not a text notice: ${why}`, {
      ...(where ? { where } : {}),
      hint: 'give the notice as plain text (UTF-8 or GB18030/GBK); copy it out of a PDF, Word file or web page first',
    });
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    if (bytes.includes(0)) throw bin('it contains NUL bytes');
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      mostlyUtf8(bytes, where);
      // Not UTF-8: Chinese government sites still publish GBK, which GB18030 contains.
      text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
      if (text.includes('\ufffd')) throw bin('it is neither UTF-8 nor GB18030/GBK');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (CONTROL.test(text)) throw bin('it contains control characters');
  text = text.replace(/\r\n?/g, '\n');
  if (!/[^\s\u3000\u00a0\ufeff]/.test(text)) {
    throw new DubanError('DUBAN_IMPORT_EMPTY', 'the notice is empty', {
      ...(where ? { where } : {}),
      hint: 'check that the file holds the text of the notice',
    });
  }
  return text;
}

/** UTF-8 with a few broken bytes would decode as GB18030 mojibake without complaint; say what is wrong instead. */
function mostlyUtf8(bytes: Uint8Array, where: { file: string } | undefined): void {
  const loose = new TextDecoder('utf-8').decode(bytes);
  let bad = 0;
  let wide = 0;
  for (const ch of loose) {
    if (ch === '\ufffd') bad++;
    else if (ch.charCodeAt(0) >= 0x3000) wide++;
  }
  if (bad > 0 && wide >= 20 * bad) {
    const first = new TextEncoder().encode(loose.slice(0, loose.indexOf('\ufffd'))).length;
    throw new DubanError(
      'DUBAN_IMPORT_ENCODING',
      `the notice is UTF-8 but ${bad} byte sequence(s) are broken, the first near byte ${first}`,
      {
        ...(where ? { where } : {}),
        hint: 'the file was damaged or cut while copying; save it again from the source (as UTF-8 or GB18030/GBK)',
      },
    );
  }
}
