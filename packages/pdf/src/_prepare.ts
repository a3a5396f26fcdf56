/**
 * Fonts prepared once per machine, not per document. Chromium embeds fonts with
 * CFF outlines (Noto CJK, Fandol) as Type 3 fonts, and TrueType fonts as subset
 * CID fonts; so each cleaned CFF face is cut to its core characters (see
 * _coverage.ts) with harfbuzz and converted to TrueType outlines by fontTools
 * (scripts/cff2ttf.py, Debian's python3-fonttools). Rare characters are prepared
 * per block on first use. Everything is cached under the font cache, named
 * after the cleaned copy (whose name carries the source's content hash), so
 * later runs and other processes only read a small JSON file per font.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { atomicWriteSync, withLock } from './_cache.js';
import { inspectFont } from './_clean.js';
import { blockOf, coreCodePoints, rareBlocks } from './_coverage.js';
import { type FontRole, PREPARED_DIR, type ResolvedFont } from './_fonts.js';
import { readFaces, table } from './_sfnt.js';
import type { FontSubsetter } from './_subset.js';

const run = promisify(execFile);

/** Bumped when preparation changes, so older prepared files are not reused. */
const PREP_VERSION = 1;

/** A role's font as Chromium loads it. */
export interface PreparedFont {
  role: FontRole;
  cssFamily: string;
  /** The file loaded for the core characters. */
  core: string;
  /** The face's weight (OS/2), so a bold face is never emboldened again. */
  weight: number;
  /** 'truetype': embedded as CID fonts. 'cff': no converter was available and Chromium embeds Type 3 fonts. */
  outlines: 'truetype' | 'cff';
  /** Blocks of rare characters the face has beyond the core (prepared on first use). */
  blocks: ReadonlySet<number>;
  /** The cleaned copy the core and the blocks are cut from. */
  source: string;
}

interface Meta {
  core: string;
  weight: number;
  outlines: 'truetype' | 'cff';
  blocks: number[];
}

const SCRIPT = [resolve(dirname(fileURLToPath(import.meta.url)), '../scripts/cff2ttf.py')].find(existsSync) ?? '';

let python: Promise<string | null> | undefined;
/** A Python with fontTools: DUBAN_PYTHON, else Debian's /usr/bin/python3, else python3 on PATH; null when none has it. */
export function findPython(): Promise<string | null> {
  return (python ??= (async () => {
    for (const candidate of [process.env.DUBAN_PYTHON, '/usr/bin/python3', 'python3']) {
      if (!candidate || !SCRIPT) continue;
      try {
        await run(candidate, ['-c', 'import fontTools.pens.cu2quPen, fontTools.pens.ttGlyphPen'], { timeout: 30_000 });
        return candidate;
      } catch {
        /* next */
      }
    }
    return null;
  })());
}

function isCff(file: string): boolean {
  const head = readFileSync(file).subarray(0, 4);
  return head.toString('latin1') === 'OTTO';
}

function weightOf(font: Uint8Array): number {
  try {
    const os2 = table(readFaces(font)[0]!, 'OS/2');
    if (!os2 || os2.byteLength < 6) return 400;
    const w = (os2[4]! << 8) | os2[5]!;
    return w >= 1 && w <= 1000 ? w : 400;
  } catch {
    return 400;
  }
}

/** Prepares role fonts and their rare blocks, each at most once per machine (and once per process). */
export class FontPreparer {
  private readonly dir: string;
  private readonly maps = new Map<string, Map<number, number>>();
  private readonly blocksDone = new Map<string, Promise<string | undefined>>();

  constructor(
    cacheDir: string,
    private readonly subsetter: FontSubsetter,
  ) {
    this.dir = join(cacheDir, PREPARED_DIR);
  }

  /** The prepared form of a resolved role font. */
  async prepare(font: ResolvedFont): Promise<PreparedFont> {
    const stem = join(this.dir, `${basename(font.cleanFile, extname(font.cleanFile))}-p${PREP_VERSION}`);
    const metaFile = `${stem}.json`;
    // A CFF core prepared while no converter was installed is redone once one is.
    const convertible = (await findPython()) !== null;
    const read = (): Meta | undefined => {
      try {
        const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
        return existsSync(meta.core) && !(meta.outlines === 'cff' && convertible && isCff(font.cleanFile))
          ? meta
          : undefined;
      } catch {
        return undefined;
      }
    };
    mkdirSync(this.dir, { recursive: true });
    const meta =
      read() ??
      (await withLock(`${stem}.lock`, read, async () => {
        const made = await this.build(font, stem);
        atomicWriteSync(metaFile, JSON.stringify(made));
        return made;
      }));
    return {
      role: font.role,
      cssFamily: font.cssFamily,
      core: meta.core,
      weight: meta.weight,
      outlines: meta.outlines,
      blocks: new Set(meta.blocks),
      source: font.cleanFile,
    };
  }

  /** The prepared file of one rare block of a font, or undefined when it cannot be made. */
  block(font: PreparedFont, block: number): Promise<string | undefined> {
    const file = `${font.core.replace(/-core\.(ttf|otf)$/, '')}-b${block.toString(16)}.${font.outlines === 'truetype' ? 'ttf' : 'otf'}`;
    let done = this.blocksDone.get(file);
    if (!done) {
      done = withLock(
        `${file}.lock`,
        () => (existsSync(file) ? file : undefined),
        async () => {
          const c = coreCodePoints();
          const cps = [...this.cmap(font.source).keys()].filter((cp) => blockOf(cp) === block && !c.has(cp));
          return (await this.cut(font.source, cps, file, font.outlines === 'truetype')) ? file : undefined;
        },
      ).catch(() => undefined);
      this.blocksDone.set(file, done);
    }
    return done;
  }

  private async build(font: ResolvedFont, stem: string): Promise<Meta> {
    if (!isCff(font.cleanFile)) {
      // TrueType outlines already: Chromium subsets and embeds them as CID fonts itself.
      return { core: font.cleanFile, weight: weightOf(readFileSync(font.cleanFile)), outlines: 'truetype', blocks: [] };
    }
    const map = this.cmap(font.cleanFile);
    const c = coreCodePoints();
    const convert = (await findPython()) !== null;
    const core = `${stem}-core.${convert ? 'ttf' : 'otf'}`;
    const ok = await this.cut(
      font.cleanFile,
      [...map.keys()].filter((cp) => c.has(cp)),
      core,
      convert,
    );
    if (!ok)
      return { core: font.cleanFile, weight: weightOf(readFileSync(font.cleanFile)), outlines: 'cff', blocks: [] };
    return {
      core,
      weight: weightOf(readFileSync(core)),
      outlines: convert ? 'truetype' : 'cff',
      blocks: rareBlocks(map.keys()),
    };
  }

  /**
   * Cuts `source` to `codePoints` into `out`: with fontTools (which also converts
   * the outlines to TrueType) when asked, else with harfbuzz (CFF kept; its wasm
   * memory only holds a few thousand CJK glyphs, so a large cut may fail).
   */
  private async cut(source: string, codePoints: number[], out: string, convert: boolean): Promise<boolean> {
    if (!convert) {
      const data = await this.subsetter.subset(source, codePoints);
      if (data) atomicWriteSync(out, data);
      return data !== undefined;
    }
    const list = `${out}.${process.pid}.unicodes`;
    const tmp = `${out}.${process.pid}.tmp.ttf`;
    writeFileSync(list, codePoints.map((c) => c.toString(16)).join('\n'));
    try {
      await convertToTrueType(source, tmp, list);
      atomicWriteSync(out, readFileSync(tmp));
      return true;
    } catch {
      return false;
    } finally {
      rmSync(list, { force: true });
      rmSync(tmp, { force: true });
    }
  }

  private cmap(file: string): Map<number, number> {
    let map = this.maps.get(file);
    if (!map) {
      map = inspectFont(readFileSync(file), file)[0]?.map ?? new Map<number, number>();
      this.maps.set(file, map);
    }
    return map;
  }
}

// Two conversions at a time at most: the machine's other work goes on meanwhile.
let running = 0;
const waiting: (() => void)[] = [];
async function convertToTrueType(input: string, output: string, unicodes: string): Promise<void> {
  const py = await findPython();
  if (!py) throw new Error('no Python with fontTools');
  if (running >= 2) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    await run(py, [SCRIPT, input, output, unicodes], { timeout: 20 * 60_000, maxBuffer: 1 << 20 });
  } finally {
    running--;
    waiting.shift()?.();
  }
}
