/**
 * Zip-bomb defence for workbooks. An xlsx is a zip archive: a 4 MB file can
 * inflate to gigabytes. Before anything is parsed, (1) the central directory is
 * checked — entry count, declared total size, declared ratio — and (2) every
 * entry is inflated once into a byte counter, with the same zip reader the
 * workbook parser uses (unzipper, via exceljs), so sizes declared falsely or
 * entries hidden from the directory are caught too: the real parse that follows
 * reads exactly what was counted.
 */
import { Readable } from 'node:stream';
import { DubanError } from '@duban/core';
import { overLimit, type IntakeLimits } from './_limits.js';

const MIB = 1024 * 1024;

/** Refuses an archive that would inflate past the limits; resolves when it is safe to parse. */
export async function checkArchive(bytes: Buffer, file: string, limits: IntakeLimits): Promise<void> {
  const unzipper = await import('unzipper');
  let listed;
  try {
    listed = (await unzipper.Open.buffer(bytes)).files;
  } catch (e) {
    throw notZip(file, e);
  }
  if (listed.length > limits.maxZipEntries) {
    throw overLimit('DUBAN_PROGRESS_ZIP_ENTRIES', `${file} is an archive of ${listed.length} entries; a workbook has a few dozen (limit ${limits.maxZipEntries})`, { file }, 'maxZipEntries');
  }
  let declared = 0;
  for (const f of listed) {
    declared += f.uncompressedSize;
    ratioCheck(file, f.path, f.uncompressedSize, f.compressedSize, limits);
  }
  if (declared > limits.maxUncompressedBytes) {
    throw overLimit('DUBAN_PROGRESS_ZIP_TOO_LARGE', `${file} would inflate to ${declared} bytes (limit ${limits.maxUncompressedBytes}): it is a zip bomb or far larger than a progress workbook`, { file }, 'maxUncompressedBytes');
  }
  await countInflated(unzipper, bytes, file, limits);
}

function ratioCheck(file: string, path: string, inflated: number, compressed: number, limits: IntakeLimits): void {
  if (inflated >= MIB && inflated > limits.maxCompressionRatio * Math.max(compressed, 1)) {
    throw overLimit('DUBAN_PROGRESS_ZIP_RATIO', `${file}: entry ${path} inflates ${Math.round(inflated / Math.max(compressed, 1))}-fold (limit ${limits.maxCompressionRatio}): it looks like a zip bomb`, { file }, 'maxCompressionRatio');
  }
}

function notZip(file: string, cause: unknown): DubanError {
  return new DubanError('DUBAN_PROGRESS_NOT_XLSX', `${file} is not an Excel .xlsx workbook (its zip archive is damaged)`, {
    where: { file }, cause,
    hint: 'send the workbook made by `duban progress template`, saved as .xlsx (not .xls or .et); or export the data as CSV UTF-8',
  });
}

/** Inflates every entry as the stream parser sees them, counting bytes; stops at the first limit passed. */
function countInflated(unzipper: typeof import('unzipper'), bytes: Buffer, file: string, limits: IntakeLimits): Promise<void> {
  return new Promise((resolve, reject) => {
    const parser = unzipper.Parse();
    const source = Readable.from([bytes]);
    let total = 0;
    let entries = 0;
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      source.unpipe(parser);
      source.destroy();
      (parser as unknown as { destroy?: () => void }).destroy?.();
      reject(e instanceof DubanError ? e : notZip(file, e));
    };
    parser.on('entry', (entry: import('unzipper').Entry) => {
      if (++entries > limits.maxZipEntries) return fail(overLimit('DUBAN_PROGRESS_ZIP_ENTRIES', `${file} holds more than ${limits.maxZipEntries} zip entries`, { file }, 'maxZipEntries'));
      entry.on('data', (d: Buffer) => {
        total += d.length;
        if (total > limits.maxUncompressedBytes) {
          fail(overLimit('DUBAN_PROGRESS_ZIP_TOO_LARGE', `${file} inflates past ${limits.maxUncompressedBytes} bytes: it is a zip bomb or far larger than a progress workbook`, { file }, 'maxUncompressedBytes'));
        }
      });
      // No ratio check here: streamed archives put 0 as the sizes in local headers; the total bounds it all.
      entry.on('error', fail);
    });
    parser.on('error', fail);
    parser.on('close', () => (failed ? undefined : resolve()));
    source.pipe(parser);
  });
}
