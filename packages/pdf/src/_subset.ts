/**
 * Per-document font subsets with harfbuzz's own subsetter (harfbuzzjs's
 * harfbuzz-subset.wasm, called through its raw hb_* exports). Chromium's print
 * compositor parses every font a document uses on every print, so a 25 MB CJK
 * face costs ~55 ms per document; a subset of the few hundred characters the
 * document contains costs next to nothing. Each cleaned font is copied into wasm
 * memory once per renderer (one wasm instance each), not once per document.
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

/** Characters every document may print without having them in its text: ASCII, CJK punctuation, full-width forms, the page-number dash. */
export const ALWAYS_KEPT: readonly number[] = (() => {
  const out: number[] = [];
  const range = (a: number, b: number) => {
    for (let c = a; c <= b; c++) out.push(c);
  };
  range(0x20, 0x7e);
  range(0x3000, 0x303f); // CJK symbols and punctuation
  range(0xff01, 0xff5e); // full-width forms
  out.push(0xa0, 0xb7, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026, 0x2212);
  return out;
})();

/** The code points of these texts plus ALWAYS_KEPT. */
export function codePointsOf(...texts: string[]): Set<number> {
  const set = new Set<number>(ALWAYS_KEPT);
  for (const t of texts) for (const ch of t) set.add(ch.codePointAt(0)!);
  return set;
}

/** Subsets fonts by file, keeping each parsed face for the subsetter's lifetime. */
export class FontSubsetter {
  private module: Promise<object> | undefined;
  private readonly faces = new Map<string, Promise<{ hb: HbExports; face: number }>>();

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
      const sub = hb.hb_subset_or_fail(face, input);
      if (!sub) return undefined;
      const blob = hb.hb_face_reference_blob(sub);
      const ptr = hb.hb_blob_get_data(blob, 0);
      const len = hb.hb_blob_get_length(blob);
      // Copy out before destroying: the memory may have grown, so view it afresh.
      const data = len > 0 ? new Uint8Array(hb.memory.buffer, ptr, len).slice() : undefined;
      hb.hb_blob_destroy(blob);
      hb.hb_face_destroy(sub);
      return data;
    } finally {
      hb.hb_subset_input_destroy(input);
    }
  }

  /** One wasm instance per font: its memory cannot grow past 64 MB, so one holds one CJK face. */
  private face(file: string): Promise<{ hb: HbExports; face: number }> {
    let face = this.faces.get(file);
    if (!face) {
      face = (async () => {
        const mod = await (this.module ??= compile());
        const hb = (await wasm.instantiate(mod)).exports as HbExports;
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
  }
}

async function compile(): Promise<object> {
  const path = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
  return wasm.compile(await readFile(path));
}
