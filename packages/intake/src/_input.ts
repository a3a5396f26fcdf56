/**
 * Opens a progress file for reading without trusting its path: a directory,
 * device (/dev/zero) or FIFO is refused before a byte is read (a FIFO is opened
 * non-blocking, so the open itself cannot hang), and so is a file past the size
 * limit. The checks use the opened descriptor, so a swap after the check is moot.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { DubanError } from '@duban/core';
import { type IntakeLimits, overLimit } from './_limits.js';

/** An opened regular file and its size. */
export interface OpenedInput {
  fd: number;
  size: number;
  close(): void;
}

/** Opens `file` read-only after checking it is a regular file within the size limit. */
export function openInput(file: string, limits: IntakeLimits): OpenedInput {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw notAFile(file, 'is a directory');
    throw new DubanError('DUBAN_PROGRESS_FILE_NOT_FOUND', `cannot read ${file}: ${code ?? (e as Error).message}`, {
      where: { file },
      hint: 'check the path',
    });
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw notAFile(file, 'is a directory');
    if (!st.isFile()) throw notAFile(file, 'is not a regular file (a device, FIFO or socket)');
    if (st.size > limits.maxFileBytes) {
      throw overLimit(
        'DUBAN_PROGRESS_FILE_TOO_LARGE',
        `${file} is ${st.size} bytes; the limit for a progress file is ${limits.maxFileBytes}`,
        { file },
        'maxFileBytes',
      );
    }
    return { fd, size: st.size, close: () => closeSync(fd) };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

function notAFile(file: string, what: string): DubanError {
  return new DubanError('DUBAN_PROGRESS_NOT_A_FILE', `${file} ${what}`, {
    where: { file },
    hint: 'name the progress files themselves, e.g. dir/*.xlsx',
  });
}

/** Reads an opened file whole (workbooks: the zip directory sits at the end); never more than its checked size. */
export function readAll(input: OpenedInput): Buffer {
  const buf = Buffer.alloc(input.size);
  let n = 0;
  while (n < input.size) {
    const got = readSync(input.fd, buf, n, input.size - n, n);
    if (got === 0) break;
    n += got;
  }
  return n === input.size ? buf : buf.subarray(0, n);
}

/** Reads an opened file in chunks, stopping at its checked size even if it grows meanwhile. */
export function* chunks(input: OpenedInput, size = 1 << 20): Generator<Buffer> {
  let pos = 0;
  while (pos < input.size) {
    const buf = Buffer.allocUnsafe(Math.min(size, input.size - pos));
    const got = readSync(input.fd, buf, 0, buf.length, pos);
    if (got === 0) return;
    pos += got;
    yield got === buf.length ? buf : buf.subarray(0, got);
  }
}
