import { DubanError } from '@duban/core';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeNotice } from './_decode.js';

const text = '1.新建公厕39座。(市城管执法局牵头,汉滨区政府负责)\n';
const utf8 = (s: string) => new TextEncoder().encode(s);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DubanError ? e.code : 'not a DubanError';
  }
  return undefined;
}

describe('decodeNotice', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeNotice(utf8(text))).toBe(text);
    expect(decodeNotice(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).toBe(text);
  });

  it('reads GB18030 and GBK', () => {
    expect(decodeNotice(new Uint8Array(iconv.encode(text, 'gb18030')))).toBe(text);
    expect(decodeNotice(new Uint8Array(iconv.encode(text, 'gbk')))).toBe(text);
  });

  it('reads UTF-16 with a BOM', () => {
    expect(decodeNotice(new Uint8Array(iconv.encode(text, 'utf16le', { addBOM: true })))).toBe(text);
  });

  it('turns CRLF and CR into LF', () => {
    expect(decodeNotice(utf8('一\r\n二\r三\n'))).toBe('一\n二\n三\n');
  });

  it('rejects empty and whitespace-only input', () => {
    expect(codeOf(() => decodeNotice(new Uint8Array()))).toBe('DUBAN_IMPORT_EMPTY');
    expect(codeOf(() => decodeNotice(utf8(' \n\u3000\r\n')))).toBe('DUBAN_IMPORT_EMPTY');
  });

  it('rejects binary input: NUL bytes, control characters, undecodable bytes', () => {
    expect(
      codeOf(() => decodeNotice(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))),
    ).toBe('DUBAN_IMPORT_BINARY');
    expect(codeOf(() => decodeNotice(utf8('abc\u0001def')))).toBe('DUBAN_IMPORT_BINARY');
    expect(codeOf(() => decodeNotice(new Uint8Array([0x81, 0x20, 0x81, 0x20])))).toBe('DUBAN_IMPORT_BINARY');
  });

  it('names the file in the error', () => {
    try {
      decodeNotice(new Uint8Array(), 'empty.txt');
      expect.unreachable();
    } catch (e) {
      expect((e as DubanError).where).toEqual({ file: 'empty.txt' });
      expect((e as DubanError).hint).toBeTruthy();
    }
  });

  it('names broken bytes in an otherwise UTF-8 file instead of decoding it as GB18030', () => {
    const good = utf8('重点任务分解方案：新建公厕三十九座，改造公厕四十一座。'.repeat(3));
    const broken = new Uint8Array([...good.subarray(0, 30), 0xff, ...good.subarray(30)]);
    expect(codeOf(() => decodeNotice(broken))).toBe('DUBAN_IMPORT_ENCODING');
  });
});
