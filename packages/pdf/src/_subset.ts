/**
 * Font subsets with harfbuzz's own subsetter (harfbuzzjs's harfbuzz-subset.wasm,
 * called through its raw hb_* exports): by code points when fonts are prepared
 * (the core and rare blocks of a face, see _prepare.ts), and by glyph ids with
 * the ids kept when a batch is split (a split file's fonts carry only the
 * glyphs it shows, see _split.ts). Each source font is copied into wasm memory
 * once per subsetter (one wasm instance each).
 */
import { open, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

interface HbExports {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_glyph_set(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/** The bits of the WebAssembly global used here (the project's lib settings do not declare it). */
interface Wasm {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object): Promise<{ exports: unknown }>;
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

/** hb_memory_mode_t: harfbuzz may read the data in place (we keep it alive). */
const HB_MEMORY_MODE_READONLY = 1;
/** hb_subset_flags_t: keep glyph ids (a PDF's CIDs are the glyph ids) and the .notdef outline. */
const HB_SUBSET_FLAGS_RETAIN_GIDS = 0x2;
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;
/** hb_subset_sets_t: the set of table tags to drop. */
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;

const tag = (t: string) =>
  ((t.charCodeAt(0) << 24) | (t.charCodeAt(1) << 16) | (t.charCodeAt(2) << 8) | t.charCodeAt(3)) >>> 0;

/** Subsets fonts by file, keeping each parsed face for the subsetter's lifetime. */
export class FontSubsetter {
  private module: Promise<object> | undefined;
  private readonly faces = new Map<string, Promise<{ hb: HbExports; face: number }>>();
  private glyphInstance: Promise<HbExports> | undefined;

  /**
   * The subset of a font (bytes, e.g. a PDF's embedded TrueType program) to these
   * glyph ids; undefined when harfbuzz cannot subset it. With `retainGids` the ids
   * are kept (the tables then span every id up to the largest); without, the
   * glyphs are renumbered in increasing order of their old ids. `drop` names
   * tables to leave out. One wasm instance serves every call; its memory is freed after each.
   */
  async subsetGlyphs(
    font: Uint8Array,
    glyphs: Iterable<number>,
    options: { retainGids?: boolean; drop?: readonly string[] } = {},
  ): Promise<Uint8Array | undefined> {
    const hb = await (this.glyphInstance ??= this.instance());
    const ptr = hb.malloc(font.byteLength);
    if (!ptr) return undefined;
    try {
      new Uint8Array(hb.memory.buffer, ptr, font.byteLength).set(font);
      const blob = hb.hb_blob_create(ptr, font.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
      const face = hb.hb_face_create(blob, 0);
      hb.hb_blob_destroy(blob);
      const input = hb.hb_subset_input_create_or_fail();
      try {
        if (!input) return undefined;
        const set = hb.hb_subset_input_glyph_set(input);
        for (const g of glyphs) hb.hb_set_add(set, g);
        hb.hb_subset_input_set_flags(
          input,
          ((options.retainGids ?? true) ? HB_SUBSET_FLAGS_RETAIN_GIDS : 0) | HB_SUBSET_FLAGS_NOTDEF_OUTLINE,
        );
        const drop = hb.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
        for (const t of options.drop ?? []) hb.hb_set_add(drop, tag(t));
        return copyOut(hb, hb.hb_subset_or_fail(face, input));
      } finally {
        if (input) hb.hb_subset_input_destroy(input);
        hb.hb_face_destroy(face);
      }
    } finally {
      hb.free(ptr);
    }
  }

  private async instance(): Promise<HbExports> {
    const mod = await (this.module ??= compile());
    return (await wasm.instantiate(mod)).exports as HbExports;
  }

  /** The subset of `file` (a cleaned font) to these code points, or undefined when harfbuzz cannot subset it. */
  async subset(file: string, codePoints: Iterable<number>): Promise<Uint8Array | undefined> {
    let hb: HbExports, face: number;
    try {
      ({ hb, face } = await this.face(file));
    } catch {
      return undefined;
    }
    if (!face) return undefined;
    const input = hb.hb_subset_input_create_or_fail();
    if (!input) return undefined;
    try {
      const unicodes = hb.hb_subset_input_unicode_set(input);
      for (const c of codePoints) hb.hb_set_add(unicodes, c);
      return copyOut(hb, hb.hb_subset_or_fail(face, input));
    } finally {
      hb.hb_subset_input_destroy(input);
    }
  }

  /** One wasm instance per font: its memory cannot grow past 64 MB, so one holds one CJK face. */
  private face(file: string): Promise<{ hb: HbExports; face: number }> {
    let face = this.faces.get(file);
    if (!face) {
      face = (async () => {
        const hb = await this.instance();
        // Read straight into wasm memory: no second 25 MB copy on the JavaScript heap.
        const fh = await open(file, 'r');
        let size: number;
        let ptr: number;
        try {
          size = (await fh.stat()).size;
          ptr = hb.malloc(size);
          if (!ptr) return { hb, face: 0 };
          const { bytesRead } = await fh.read(new Uint8Array(hb.memory.buffer, ptr, size), 0, size, 0);
          if (bytesRead !== size) throw new Error(`short read of ${file}`);
        } finally {
          await fh.close();
        }
        const blob = hb.hb_blob_create(ptr, size, HB_MEMORY_MODE_READONLY, 0, 0);
        const face = hb.hb_face_create(blob, 0);
        hb.hb_blob_destroy(blob);
        return { hb, face };
      })();
      this.faces.set(file, face);
    }
    return face;
  }

  /** Drops the wasm instances (their memory goes with them). */
  close(): void {
    this.faces.clear();
    this.glyphInstance = undefined;
  }
}

/** The bytes of a subset face (copied out of wasm memory), destroying the face; undefined for none. */
function copyOut(hb: HbExports, sub: number): Uint8Array | undefined {
  if (!sub) return undefined;
  const blob = hb.hb_face_reference_blob(sub);
  const ptr = hb.hb_blob_get_data(blob, 0);
  const len = hb.hb_blob_get_length(blob);
  // Copy out before destroying: the memory may have grown, so view it afresh.
  const data = len > 0 ? new Uint8Array(hb.memory.buffer, ptr, len).slice() : undefined;
  hb.hb_blob_destroy(blob);
  hb.hb_face_destroy(sub);
  return data;
}

async function compile(): Promise<object> {
  const path = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
  return wasm.compile(await readFile(path));
}
