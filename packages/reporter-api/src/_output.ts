import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
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

/** Leading bytes a document of each binary kind starts with. */
const MAGIC: Record<string, number[]> = {
  '.pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  '.xlsx': [0x50, 0x4b, 0x03, 0x04],
  '.docx': [0x50, 0x4b, 0x03, 0x04],
  '.zip': [0x50, 0x4b, 0x03, 0x04],
  '.png': [0x89, 0x50, 0x4e, 0x47],
};
/** Text outputs reporters write; an existing file with one of these names is a document of that kind. */
const TEXT_KINDS = new Set(['.csv', '.txt', '.md', '.html', '.htm', '.json', '.xml', '.svg']);

function startsWith(file: string, magic: number[]): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    return readSync(fd, head, 0, magic.length, 0) === magic.length && magic.every((b, i) => head[i] === b);
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses to replace what is not an earlier document of the same kind: a symlink
 * (replacing it would write where it points, or silently drop it), a directory
 * or device, a file whose content does not match its extension (a ledger named
 * out.pdf), or a file of a kind reporters do not write (duban.db, a script).
 * `force` allows the regular-file and symlink cases; protected paths never.
 */
export function checkReplace(path: string, options: { force?: boolean; protect?: readonly string[] } = {}): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return; // nothing there yet
  }
  const refuse = (what: string, canForce: boolean) =>
    new DubanError('DUBAN_OUTPUT_EXISTS', `refusing to replace ${path}: ${what}`, {
      where: { file: path },
      hint: canForce ? 'choose another --out path, or pass --force to replace it' : 'choose another --out path',
    });
  if ((options.protect ?? []).some((p) => resolve(p) === resolve(path))) throw refuse('it is the ledger itself', false);
  if (st.isDirectory()) throw refuse('it is a directory', false);
  if (st.isSymbolicLink()) {
    if (!options.force)
      throw refuse('it is a symbolic link (the document would replace the link, not what it points to)', true);
    return;
  }
  if (!st.isFile()) throw refuse('it is not a regular file (a device, FIFO or socket)', false);
  if (options.force) return;
  const ext = extname(path).toLowerCase();
  const magic = MAGIC[ext];
  if (magic ? !startsWith(path, magic) : !TEXT_KINDS.has(ext)) {
    throw refuse(
      magic
        ? `its content is not a ${ext.slice(1).toUpperCase()} document`
        : `a reporter does not write ${ext || 'extension-less'} files, so it is not an earlier document`,
      true,
    );
  }
}

/**
 * Checks, before any reporter runs, that the output directory exists or can be
 * created: its nearest existing ancestor must be a writable directory. Otherwise
 * the failure would surface inside the plug-in and look like its bug.
 */
export function checkOutputDir(dir: string): void {
  let at = resolve(dir);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  const fail = (why: string) =>
    new DubanError('DUBAN_OUTPUT_DIR', `cannot write documents under ${dir}: ${why}`, {
      where: { file: dir },
      hint: 'give --out a file or directory you can write to',
    });
  if (!statSync(at).isDirectory()) throw fail(`${at} is a file, not a directory`);
  try {
    accessSync(at, constants.W_OK);
  } catch {
    throw fail(`${at} is not writable`);
  }
}

/** Options of {@link createOutputHelpers}. */
export interface OutputOptions {
  /** Replace existing files that are not earlier documents of the same kind (still never the protected ones). */
  force?: boolean;
  /** Paths never replaced, --force or not (the ledger). */
  protect?: readonly string[];
}

/** Creates the output helpers handed to reporters: every path must stay under the output directory. */
export function createOutputHelpers(target: string, options: OutputOptions = {}): RecordingOutput {
  const { dir, file } = splitOutputTarget(target);
  checkOutputDir(dir);
  const written: string[] = [];
  const resolveUnder = (p: string): string => {
    const abs = resolve(dir, p);
    // Compared lexically and as real paths: a symbolic link inside the output directory must not lead out of it.
    if (!isInside(dir, abs) || !isInside(landingPath(dir), landingPath(abs))) {
      throw new DubanError(
        'DUBAN_REPORTER_OUTPUT_PATH',
        `refusing to write ${p}: it is outside the output directory ${dir}`,
        {
          where: { path: p },
          hint: 'reporters write only under context.output.dir; use a relative path such as "report.pdf"',
        },
      );
    }
    // A file this run wrote already is ours to replace; anything else must be an earlier document.
    if (!written.includes(abs)) checkReplace(abs, options);
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
