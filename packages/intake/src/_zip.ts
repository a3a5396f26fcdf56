/**
 * Zip-bomb defence for workbooks. An xlsx is a zip archive: a 4 MB file can
 * inflate to gigabytes. Before anything is inflated, the central directory is
 * checked — entry count, declared total size, declared ratio per entry. The
 * reader (_sheet.ts) then reads entries by this same directory and counts every
 * inflated byte against the limit as it goes, so an archive whose directory lies
 * about sizes stops at the limit too, and entries it never reads are never inflated.
 */
import { DubanError } from '@duban/core';
import { type IntakeLimits, overLimit } from './_limits.js';

const MIB = 1024 * 1024;

/** An entry of the archive's central directory, readable as a stream. */
export type ArchiveEntry = import('unzipper').CentralDirectoryFile;

/** Refuses an archive whose directory promises too much; returns its entries for reading. */
export async function checkArchive(bytes: Buffer, file: string, limits: IntakeLimits): Promise<ArchiveEntry[]> {
  const unzipper = await import('unzipper');
  let listed: ArchiveEntry[];
  try {
    listed = (await unzipper.Open.buffer(bytes)).files;
  } catch (e) {
    throw new DubanError(
      'DUBAN_PROGRESS_NOT_XLSX',
      `${file} is not an Excel .xlsx workbook (its zip archive is damaged)`,
      {
        where: { file },
        cause: e,
        hint: 'send the workbook made by `duban progress template`, saved as .xlsx (not .xls or .et); or export the data as CSV UTF-8',
      },
    );
  }
  if (listed.length > limits.maxZipEntries) {
    throw overLimit(
      'DUBAN_PROGRESS_ZIP_ENTRIES',
      `${file} is an archive of ${listed.length} entries; a workbook has a few dozen (limit ${limits.maxZipEntries})`,
      { file },
      'maxZipEntries',
    );
  }
  let declared = 0;
  for (const f of listed) {
    declared += f.uncompressedSize;
    const inflated = f.uncompressedSize;
    const compressed = Math.max(f.compressedSize, 1);
    if (inflated >= MIB && inflated > limits.maxCompressionRatio * compressed) {
      throw overLimit(
        'DUBAN_PROGRESS_ZIP_RATIO',
        `${file}: entry ${f.path} inflates ${Math.round(inflated / compressed)}-fold (limit ${limits.maxCompressionRatio}): it looks like a zip bomb`,
        { file },
        'maxCompressionRatio',
      );
    }
  }
  if (declared > limits.maxUncompressedBytes) {
    throw overLimit(
      'DUBAN_PROGRESS_ZIP_TOO_LARGE',
      `${file} would inflate to ${declared} bytes (limit ${limits.maxUncompressedBytes}): it is a zip bomb or far larger than a progress workbook`,
      { file },
      'maxUncompressedBytes',
    );
  }
  return listed.filter((f) => f.type === 'File');
}
