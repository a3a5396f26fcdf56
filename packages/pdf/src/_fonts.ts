/**
 * Fonts per GB/T 9704 role: the office's official font from config (a file or an
 * installed family), else an open substitute from FORMAT.md. Every font used is
 * a cleaned copy (see _clean.ts) kept in a cache keyed by the source's content
 * hash (remembered by file identity, see _cache.ts), so the first run may take a
 * second and later runs only stat the sources.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { DubanError } from '@duban/core';
import type { FontUse } from '@duban/reporter-api';
import { atomicWriteSync, contentHash } from './_cache.js';
import { buildCleanFont } from './_clean.js';

/** A GB/T 9704 font role. */
export type FontRole = FontUse['role'];

/** Every role, in the order `duban doctor` prints them. */
export const FONT_ROLES: readonly FontRole[] = ['xiaobiaosong', 'fangsong', 'heiti', 'kaiti', 'songti'];

/** What each role is for, the official font, and what to install for it. */
export const ROLE_INFO: Record<FontRole, { label: string; official: string; install: string }> = {
  xiaobiaosong: {
    label: '小标宋 (masthead, title)',
    official: '方正小标宋简体 (FZXiaoBiaoSong-B05S)',
    install: 'install 方正小标宋简体 (licensed from Founder) and set fonts.xiaobiaosong in duban.config.json',
  },
  fangsong: {
    label: '仿宋 (body)',
    official: '仿宋_GB2312',
    install: 'install 仿宋_GB2312 (FangSong_GB2312) and set fonts.fangsong in duban.config.json',
  },
  heiti: {
    label: '黑体 (一、 headings)',
    official: '黑体 (SimHei)',
    install: 'install 黑体 (SimHei) and set fonts.heiti in duban.config.json',
  },
  kaiti: {
    label: '楷体 (（一） headings)',
    official: '楷体_GB2312',
    install: 'install 楷体_GB2312 (KaiTi_GB2312) and set fonts.kaiti in duban.config.json',
  },
  songti: {
    label: '宋体 (page numbers)',
    official: '宋体 (SimSun)',
    install: 'install 宋体 (SimSun) and set fonts.songti in duban.config.json',
  },
};

const NOTO = '/usr/share/fonts/opentype/noto';
const FANDOL = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol';

/** Open substitutes per role (FORMAT.md), best first: a file and the face to take from a collection. */
export const SUBSTITUTES: Record<FontRole, { file: string; face?: RegExp; package: string }[]> = {
  xiaobiaosong: [{ file: `${NOTO}/NotoSerifCJK-Bold.ttc`, face: /CJK SC$/, package: 'fonts-noto-cjk' }],
  fangsong: [{ file: `${FANDOL}/FandolFang-Regular.otf`, package: 'texlive-lang-chinese' }],
  heiti: [
    { file: `${NOTO}/NotoSansCJK-Regular.ttc`, face: /CJK SC$/, package: 'fonts-noto-cjk' },
    { file: `${NOTO}/NotoSansCJK-Bold.ttc`, face: /CJK SC$/, package: 'fonts-noto-cjk' },
  ],
  kaiti: [{ file: '/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf', package: 'fonts-arphic-gkai00mp' }],
  songti: [{ file: `${NOTO}/NotoSerifCJK-Regular.ttc`, face: /CJK SC$/, package: 'fonts-noto-cjk' }],
};

/** A role's font as used: FontUse plus the cleaned file the stylesheet loads. */
export interface ResolvedFont extends FontUse {
  /** The cleaned copy in the cache directory (what Chromium loads). */
  cleanFile: string;
  /** The CSS family name the stylesheet uses for this role (duban-fangsong …). */
  cssFamily: string;
  /** Radical/compatibility mappings removed from the cmap. */
  dropped: number;
}

/** Options for font resolution. */
export interface FontOptions {
  /** Official fonts by role: a font file path or an installed family name. */
  fonts?: Partial<Record<FontRole, string>>;
  /** Where cleaned fonts are cached (default ~/.cache/duban/fonts). */
  cacheDir?: string;
}

/** The default font cache directory (XDG_CACHE_HOME honoured; a temp directory when home is not writable). */
export function defaultCacheDir(): string {
  const preferred = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'duban', 'fonts');
  try {
    mkdirSync(preferred, { recursive: true });
    accessSync(preferred, constants.W_OK);
    return preferred;
  } catch {
    return join(tmpdir(), `duban-fonts-${process.getuid?.() ?? 'user'}`);
  }
}

/** Resolves every role; throws DUBAN_PDF_NO_FONT / DUBAN_PDF_FONT_* for the first unusable one. */
export async function resolveFonts(options: FontOptions = {}): Promise<ResolvedFont[]> {
  const out: ResolvedFont[] = [];
  for (const role of FONT_ROLES) out.push(resolveRole(role, options));
  return out;
}

/** Resolves one role (config first, then substitutes). */
export function resolveRole(role: FontRole, options: FontOptions = {}): ResolvedFont {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const configured = options.fonts?.[role];
  const info = ROLE_INFO[role];
  if (configured) {
    const { file, face } = locateConfigured(role, configured);
    const built = cached(file, face, cacheDir, `duban-${role}`);
    if (!built) {
      throw new DubanError(
        'DUBAN_PDF_FONT_UNSUITABLE',
        `the font configured for ${info.label} (${configured}) has no simplified-Chinese glyphs`,
        {
          where: { path: `$.fonts.${role}` },
          hint: `official documents need simplified glyphs (Big5/traditional fonts such as cwTeX or bkai00mp mix glyphs); ${info.install}`,
        },
      );
    }
    return {
      role,
      official: info.official,
      family: built.family,
      file,
      substitute: false,
      cleanFile: built.path,
      cssFamily: `duban-${role}`,
      dropped: built.dropped,
    };
  }
  for (const sub of SUBSTITUTES[role]) {
    if (!existsSync(sub.file)) continue;
    const built = cached(sub.file, sub.face, cacheDir, `duban-${role}`);
    if (built)
      return {
        role,
        official: info.official,
        family: built.family,
        file: sub.file,
        substitute: true,
        cleanFile: built.path,
        cssFamily: `duban-${role}`,
        dropped: built.dropped,
      };
  }
  const packages = [...new Set(SUBSTITUTES[role].map((s) => s.package))].join(' ');
  throw new DubanError(
    'DUBAN_PDF_NO_FONT',
    `no usable font for ${info.label}: the official ${info.official} is not configured and the open substitute is not installed`,
    {
      hint: `${info.install}, or install the substitute: apt-get install ${packages}`,
    },
  );
}

function locateConfigured(role: FontRole, value: string): { file: string; face?: RegExp } {
  const looksLikePath = /[\\/]/.test(value) || /\.(ttf|otf|ttc|otc)$/i.test(value);
  if (looksLikePath) {
    const file = isAbsolute(value) ? value : resolve(value);
    if (!existsSync(file)) {
      throw new DubanError(
        'DUBAN_PDF_FONT_NOT_FOUND',
        `font file ${value} configured for ${ROLE_INFO[role].label} does not exist`,
        {
          where: { file, path: `$.fonts.${role}` },
          hint: 'fix the path in duban.config.json "fonts" (relative paths are relative to the config file)',
        },
      );
    }
    return { file };
  }
  const found = fcMatch(value);
  if (!found) {
    throw new DubanError(
      'DUBAN_PDF_FONT_NOT_FOUND',
      `font family "${value}" configured for ${ROLE_INFO[role].label} is not installed`,
      {
        where: { path: `$.fonts.${role}` },
        hint: `install it (check with: fc-list | grep "${value}"), or give the font file's path instead`,
      },
    );
  }
  return { file: found, face: new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i') };
}

/** The file of an installed family via fontconfig, or null when fontconfig only has a fallback for it. */
export function fcMatch(family: string): string | null {
  try {
    const out = execFileSync('fc-match', ['-f', '%{file}\n%{family}\n', family], { encoding: 'utf8', timeout: 5000 });
    const [file, families] = out.split('\n');
    if (!file || !families) return null;
    return families.split(',').some((f) => f.trim().toLowerCase() === family.toLowerCase()) ? file : null;
  } catch {
    return null;
  }
}

/** Where prepared (converted) fonts live under the cache directory; see _prepare.ts. */
export const PREPARED_DIR = 'prepared';

/** Bumped when the cleaning changes, so old cache entries are rebuilt. */
const CLEANER_VERSION = 5;

function cached(
  file: string,
  face: RegExp | undefined,
  cacheDir: string,
  family: string,
): { path: string; family: string; dropped: number } | undefined {
  // By content: a touched or copied font reuses its entry, a changed one gets a new one.
  const key = createHash('sha256')
    .update(JSON.stringify([CLEANER_VERSION, contentHash(file, cacheDir), face?.source ?? '', family]))
    .digest('hex')
    .slice(0, 16);
  const dir = join(cacheDir, `clean-v${CLEANER_VERSION}`);
  // Named after the role family, not the source file: copies of one font share the entry.
  const stem = join(dir, `${family}-${key}`);
  const metaFile = `${stem}.json`;
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { path: string | null; family: string; dropped: number };
    if (meta.path === null) return undefined;
    if (existsSync(meta.path)) return { path: meta.path, family: meta.family, dropped: meta.dropped };
  }
  mkdirSync(dir, { recursive: true });
  const built = buildCleanFont(readFileSync(file), file, face, family);
  const path = built ? `${stem}${built.data[0] === 0x4f ? '.otf' : '.ttf'}` : null;
  if (built && path) atomicWriteSync(path, built.data);
  atomicWriteSync(
    metaFile,
    JSON.stringify({ source: file, path, family: built?.family ?? '', dropped: built?.dropped ?? 0 }),
  );
  prune(cacheDir, dir, metaFile, file);
  return built && path ? { path, family: built.family, dropped: built.dropped } : undefined;
}

/**
 * Removes what this entry replaces: older copies of the same source (a font
 * package upgrade changes its content) and long-unused cleaner versions.
 * Copies of other sources stay: another config may still use them.
 */
function prune(cacheDir: string, dir: string, keepMeta: string, source: string): void {
  try {
    // Other cleaner versions may belong to another duban on this machine (the cache is per user):
    // they go only once nobody has used them for a month.
    const month = Date.now() - 30 * 86_400_000;
    for (const d of readdirSync(cacheDir)) {
      const path = join(cacheDir, d);
      if (/^(clean-)?v\d+$/.test(d) && path !== dir && statSync(path).mtimeMs < month)
        rmSync(path, { recursive: true, force: true });
    }
    for (const f of readdirSync(dir)) {
      const meta = join(dir, f);
      if (!f.endsWith('.json') || meta === keepMeta) continue;
      const old = JSON.parse(readFileSync(meta, 'utf8')) as { source?: string; path?: string | null };
      if (old.source !== source) continue;
      if (old.path) {
        rmSync(old.path, { force: true });
        // And what was prepared from it (TrueType outlines, see _prepare.ts).
        const stem = basename(old.path, extname(old.path));
        const prepared = join(cacheDir, PREPARED_DIR);
        for (const p of existsSync(prepared) ? readdirSync(prepared) : [])
          if (p.startsWith(`${stem}-`)) rmSync(join(prepared, p), { force: true });
      }
      rmSync(meta, { force: true });
    }
  } catch {
    /* pruning is housekeeping; a failure must not stop a render */
  }
}
