/**
 * Writes zip archives by hand, so tests and benches can make what no honest
 * writer would: a zip bomb (a small file that inflates to gigabytes) and an
 * archive whose central directory lies about its sizes.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { crc32, createDeflateRaw } from 'node:zlib';

/** One entry: its name, and its content as chunks (streamed, so a bomb never sits in memory). */
export interface ZipEntry {
  name: string;
  content: () => Iterable<Buffer>;
  /** Size written into the headers instead of the real one (a lying archive). */
  declaredSize?: number;
}

/** `total` bytes of one repeated character, in 1 MiB chunks: inflates from almost nothing. */
export function* filler(total: number, char = ' '): Generator<Buffer> {
  const block = Buffer.alloc(1 << 20, char);
  for (let left = total; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
}

async function deflate(chunks: Iterable<Buffer>): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (d: Buffer) => out.push(d));
  let crc = 0;
  let size = 0;
  for (const c of chunks) {
    crc = crc32(c, crc);
    size += c.length;
    if (!z.write(c)) await once(z, 'drain');
  }
  z.end();
  await once(z, 'end');
  return { data: Buffer.concat(out), crc, size };
}

/** Writes a deflated zip archive. */
export async function writeZip(file: string, entries: ZipEntry[]): Promise<void> {
  const out = createWriteStream(file);
  const central: Buffer[] = [];
  let offset = 0;
  const write = async (b: Buffer) => {
    offset += b.length;
    if (!out.write(b)) await once(out, 'drain');
  };
  for (const e of entries) {
    const { data, crc, size } = await deflate(e.content());
    const name = Buffer.from(e.name, 'utf8');
    const declared = e.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const at = offset;
    await write(Buffer.concat([local, name]));
    await write(data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(at, 42);
    central.push(Buffer.concat([cd, name]));
  }
  const cdStart = offset;
  const cd = Buffer.concat(central);
  await write(cd);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(cdStart, 16);
  await write(end);
  out.end();
  await once(out, 'finish');
}

/** The skeleton of an xlsx around one sheet's XML, so the archive looks like a workbook. */
export function workbookEntries(sheet: () => Iterable<Buffer>, declaredSize?: number): ZipEntry[] {
  const text = (s: string) => () => [Buffer.from(s)];
  return [
    {
      name: '[Content_Types].xml',
      content: text(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      content: text(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="进展" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', content: sheet, ...(declaredSize === undefined ? {} : { declaredSize }) },
  ];
}
