/**
 * LibreOffice conversion for the .docx checks: `soffice --headless --convert-to pdf`
 * with a fontconfig that maps the official font names a document uses to the
 * open substitutes (@duban/docx's fontconfigXml), so the converted pages use the
 * faces the Chromium PDFs use. One LibreOffice profile per test process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentFonts, fontconfigXml } from '@duban/docx';

/** TeX Live's FandolFang directory (fontconfig does not scan TeX Live's tree). */
const FANDOL = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol';

let profile: string | undefined;
let fontconfig: string | undefined;

/** True when LibreOffice's soffice is installed. */
export function libreOfficeAvailable(): boolean {
  return spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** The fontconfig file the conversion runs with: official names → open substitutes, for the families this machine lacks. */
export function conversionFontconfig(): string {
  if (fontconfig) return fontconfig;
  const dir = mkdtempSync(join(tmpdir(), 'duban-docx-fc-'));
  const installed = (family: string) =>
    (spawnSync('fc-list', [`:family=${family}`, 'family'], { encoding: 'utf8' }).stdout ?? '').trim() !== '';
  const fonts = documentFonts().filter((f) => !installed(f.family));
  fontconfig = join(dir, 'fonts.conf');
  writeFileSync(fontconfig, fontconfigXml(fonts, existsSync(FANDOL) ? [FANDOL] : []));
  return fontconfig;
}

/**
 * Converts .docx files with LibreOffice into `outDir` (one soffice run for all of
 * them); returns the converted files' paths, in order. `to` is LibreOffice's
 * filter: pdf, or docx to save the file again as Word does after an edit.
 */
export function convertAll(files: readonly string[], outDir: string, to: 'pdf' | 'docx' = 'pdf'): string[] {
  profile ??= mkdtempSync(join(tmpdir(), 'duban-lo-profile-'));
  mkdirSync(outDir, { recursive: true });
  const filter = to === 'pdf' ? 'pdf' : 'docx:MS Word 2007 XML';
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      filter,
      '--outdir',
      outDir,
      ...files,
    ],
    {
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, FONTCONFIG_FILE: conversionFontconfig() },
    },
  );
  const out = files.map((f) => join(outDir, basename(f).replace(/\.docx$/iu, `.${to}`)));
  const missing = out.filter((f) => !existsSync(f));
  if (r.status !== 0 || missing.length)
    throw new Error(
      `soffice could not convert ${missing.join(', ') || files.join(', ')} (exit ${r.status}):\n${r.stdout}${r.stderr}`,
    );
  return out;
}

/** Converts one .docx to PDF with LibreOffice into `outDir`; returns the PDF's path. */
export function convertDocx(docx: string, outDir: string): string {
  return convertAll([docx], outDir)[0]!;
}

/** Debian's python3 (python3-docx is installed for it, not for other pythons on PATH). */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const TOOL = join(dirname(fileURLToPath(import.meta.url)), 'docx_tool.py');

/** What python-docx reads back from a .docx. */
export interface DocxReadBack {
  styles: { name: string; id: string; type: string; eastAsia?: string; size?: number; pPr?: string[] }[];
  sections: {
    start: string;
    width: number;
    height: number;
    top: number;
    bottom: number;
    left: number;
    right: number;
    grid: Record<string, string> | null;
  }[];
  paragraphs: { style: string | null; text: string }[];
  tables: number;
  evenAndOddHeaders: boolean;
  characterSpacingControl: string | null;
  core: { title: string };
}

/** True when python-docx can be imported. */
export function pythonDocxAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import docx'], { encoding: 'utf8' }).status === 0;
}

function tool(args: string[]): string {
  const r = spawnSync(PYTHON, [TOOL, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`docx_tool.py ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

/** Reads a .docx with python-docx. */
export function readDocx(path: string): DocxReadBack {
  return JSON.parse(tool(['read', path])) as DocxReadBack;
}

/** Replaces the text of the first paragraph containing `find` with python-docx, saving to `out`; returns the paragraph's style. */
export function editDocx(path: string, out: string, find: string, text: string): { style: string } {
  return JSON.parse(tool(['edit', path, out, find, text])) as { style: string };
}

/** EMU (python-docx lengths) in one millimetre. */
export const EMU_PER_MM = 36_000;

/**
 * The characters of a PDF's text as counts, white space, page numbers and the
 * lines of a repeated table header left out: two renderings of the same content
 * have the same counts whatever their line breaks and page breaks.
 */
export function characterCounts(
  doc: { pages: { lines: { text: string }[] }[] },
  header?: string,
  marker = header?.slice(0, 4),
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (s: string, by: number) => {
    for (const ch of s.replace(/\s+/gu, '')) counts.set(ch, (counts.get(ch) ?? 0) + by);
  };
  for (const page of doc.pages) {
    const text = page.lines
      .filter((l) => !/^— \d+ —$/u.test(l.text.trim()))
      .map((l) => l.text)
      .join('');
    add(text, 1);
    // A header row repeated on this page: its characters once less.
    if (header && marker && text.replace(/\s+/gu, '').includes(marker)) add(header, -1);
  }
  for (const [k, v] of counts) if (v === 0) counts.delete(k);
  return counts;
}

/** Where two character counts differ: `char: a vs b`. */
export function countDifferences(a: Map<string, number>, b: Map<string, number>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys]
    .filter((k) => (a.get(k) ?? 0) !== (b.get(k) ?? 0))
    .map((k) => `${k}: ${a.get(k) ?? 0} vs ${b.get(k) ?? 0}`);
}
