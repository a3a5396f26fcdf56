/**
 * Which characters a prepared font carries up front (the "core") and how the
 * rest of a face is cut into blocks prepared only when a document needs them.
 * Official fonts (仿宋_GB2312, 楷体_GB2312) cover GB 2312; so does the core, plus
 * the symbols documents print. Everything else a face has (GBK, extensions …) is
 * prepared per 256-code-point block on first use and cached like the core.
 */

let core: ReadonlySet<number> | undefined;

/** The core code points: GB 2312 (every character and symbol) and the Latin, punctuation and symbol blocks documents use. */
export function coreCodePoints(): ReadonlySet<number> {
  if (core) return core;
  const set = new Set<number>();
  const range = (a: number, b: number) => {
    for (let c = a; c <= b; c++) set.add(c);
  };
  range(0x20, 0x7e);
  range(0xa0, 0xff); // Latin-1: × ÷ ° § ·
  range(0x2000, 0x206f); // general punctuation: — ‘ ’ “ ” … ‰
  range(0x2100, 0x218f); // letterlike, number forms: ℃ № Ⅰ Ⅱ
  range(0x2190, 0x22ff); // arrows, mathematical operators: ≤ ≥ ±
  range(0x2460, 0x24ff); // enclosed alphanumerics: ① ⑴ ⒈
  range(0x2500, 0x26ff); // box drawing, geometric shapes, symbols: ■ □ ● ○ ★
  range(0x3000, 0x303f); // CJK symbols and punctuation: 、。〔〕《》
  range(0x3200, 0x33ff); // enclosed CJK, CJK compatibility: ㈠ ㎡ ㎞
  range(0xfe30, 0xfe4f); // CJK compatibility forms
  range(0xff00, 0xffef); // full-width forms
  // GB 2312: rows 0xA1–0xF7, cells 0xA1–0xFE, decoded in one pass through the runtime's own GBK table
  // (each unassigned pair decodes to U+FFFD, so the text keeps one character per pair).
  const bytes: number[] = [];
  for (let row = 0xa1; row <= 0xf7; row++) for (let cell = 0xa1; cell <= 0xfe; cell++) bytes.push(row, cell);
  for (const ch of new TextDecoder('gbk').decode(new Uint8Array(bytes)))
    if (ch !== '\ufffd') set.add(ch.codePointAt(0)!);
  core = set;
  return set;
}

/** The block a code point belongs to (256 code points each). */
export function blockOf(cp: number): number {
  return cp >> 8;
}

/** `unicode-range` of a block: U+4E00-4EFF. */
export function blockRange(block: number): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex(block << 8)}-${hex((block << 8) | 0xff)}`;
}

/** The blocks of a face (its code points) that hold characters outside the core. */
export function rareBlocks(codePoints: Iterable<number>): number[] {
  const c = coreCodePoints();
  const blocks = new Set<number>();
  for (const cp of codePoints) if (!c.has(cp)) blocks.add(blockOf(cp));
  return [...blocks].sort((a, b) => a - b);
}

/** The rare blocks a text needs, among those a face has. */
export function blocksNeeded(codePoints: Iterable<number>, faceBlocks: ReadonlySet<number>): number[] {
  const c = coreCodePoints();
  const out = new Set<number>();
  for (const cp of codePoints) if (!c.has(cp) && faceBlocks.has(blockOf(cp))) out.add(blockOf(cp));
  return [...out].sort((a, b) => a - b);
}
