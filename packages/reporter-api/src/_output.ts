import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DubanError } from '@duban/core';
import type { OutputHelpers } from './_types.js';

/** OutputHelpers plus the list of files written through them (for the host, not for reporters). */
export interface RecordingOutput extends OutputHelpers {
  /** Absolute paths written so far, in order, without duplicates. */
  written(): readonly string[];
  /** Records a file produced by other means (the PDF renderer). */
  record(path: string): void;
}

/**
 * Decides whether `--out` names a file or a directory: a trailing slash or an
 * existing directory means a directory; otherwise a name with an extension is a
 * file (out/督查通报-第3期.pdf) and one without is a directory (out/scoresheets).
 */
export function splitOutputTarget(target: string): { dir: string; file: string | null } {
  const abs = resolve(target);
  const isDir = /[\\/]$/.test(target) || (existsSync(abs) && statSync(abs).isDirectory()) || extname(abs) === '';
  return isDir ? { dir: abs, file: null } : { dir: dirname(abs), file: abs };
}

/** True when `path` is `dir` itself or inside it. */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The real path of `path` as far as it exists (symbolic links resolved), with
 * the parts that do not exist yet appended: where a write would really land.
 */
export function landingPath(path: string): string {
  const rest: string[] = [];
  let cur = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(cur), ...rest);
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return resolve(path);
      rest.unshift(basename(cur));
      cur = parent;
    }
  }
}

/** Writes `data` to `path` through a temporary sibling and a rename, so readers never see half a file. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Creates the output helpers handed to reporters: every path must stay under the output directory. */
export function createOutputHelpers(target: string): RecordingOutput {
  const { dir, file } = splitOutputTarget(target);
  const written: string[] = [];
  const resolveUnder = (p: string): string => {
    const abs = resolve(dir, p);
    // Compared lexically and as real paths: a symbolic link inside the output directory must not lead out of it.
    if (!isInside(dir, abs) || !isInside(landingPath(dir), landingPath(abs))) {
      throw new DubanError('DUBAN_REPORTER_OUTPUT_PATH', `refusing to write ${p}: it is outside the output directory ${dir}`, {
        where: { path: p },
        hint: 'reporters write only under context.output.dir; use a relative path such as "report.pdf"',
      });
    }
    return abs;
  };
  const record = (p: string) => {
    const abs = resolve(dir, p);
    if (!written.includes(abs)) written.push(abs);
  };
  return {
    dir,
    file,
    resolve: resolveUnder,
    async writeFile(relativePath, data) {
      const abs = resolveUnder(relativePath);
      await writeFileAtomic(abs, data);
      record(abs);
      return abs;
    },
    written: () => [...written],
    record,
  };
}
