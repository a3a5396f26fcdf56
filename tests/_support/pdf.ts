/**
 * Reusable PDF format assertions (pdfjs-dist): page sizes, text items with size
 * and position, extracted text, code points, page numbers, filled shapes with
 * their colour. Coordinates are in pt from the page's top-left corner, like
 * FORMAT.md. Used by the bulletin and score-sheet tests.
 */
import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** 1 mm in pt. */
export const MM = 72 / 25.4;
/** A4 portrait in pt. */
export const A4 = { width: 210 * MM, height: 297 * MM };
/** The GB/T 9704 type area (top-left origin): x 79.4–521.6, y 104.9–742.7. */
export const TYPE_AREA = { x0: 28 * MM, y0: 37 * MM, x1: (210 - 26) * MM, y1: (297 - 35) * MM };

/** One run of text as pdfjs reports it. */
export interface TextRun {
  str: string;
  /** Left edge of the run. */
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  width: number;
  size: number;
}

/** A filled or stroked path's bounding box and colour ("#rrggbb"). */
export interface Shape {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  color: string;
}

/** One page: size, text runs, lines of text, shapes. */
export interface PdfPage {
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
  /** Runs grouped by baseline, left to right, joined. */
  lines: { y: number; x0: number; x1: number; text: string; size: number }[];
  text: string;
  shapes: Shape[];
  /** Sizes (in image pixels) of the images painted on the page. */
  images: { width: number; height: number }[];
}

/** A loaded PDF. */
export interface PdfDoc {
  pages: PdfPage[];
  /** All text, pages joined by new lines. */
  text: string;
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/** Loads a PDF file (or bytes) and extracts everything the assertions need. */
export async function loadPdf(source: string | Uint8Array): Promise<PdfDoc> {
  const data = typeof source === 'string' ? new Uint8Array(readFileSync(source)) : new Uint8Array(source);
  const doc = await getDocument({
    data,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const runs: TextRun[] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str) continue;
      const [a, b, , , e, f] = item.transform as number[];
      runs.push({ str: item.str, x: e!, y: height - f!, width: item.width, size: Math.hypot(a!, b!) });
    }
    const ops = await page.getOperatorList();
    const shapes: Shape[] = [];
    const images: { width: number; height: number }[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: { ctm: Matrix; fill: string; stroke: string; lineWidth: number }[] = [];
    let fill = '#000000';
    let stroke = '#000000';
    // A stroked rule is a path of no height drawn with a line width (LibreOffice draws borders so): its thickness is the width.
    let lineWidth = 1;
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push({ ctm, fill, stroke, lineWidth });
      else if (fn === OPS.restore) ({ ctm, fill, stroke, lineWidth } = stack.pop() ?? { ctm, fill, stroke, lineWidth });
      else if (fn === OPS.setLineWidth) lineWidth = Number(args[0]);
      else if (fn === OPS.transform) ctm = mul(ctm, args as Matrix);
      else if (fn === OPS.setFillRGBColor) fill = String(args[0]);
      else if (fn === OPS.setStrokeRGBColor) stroke = String(args[0]);
      else if (fn === OPS.setFillGray) fill = gray(args[0]);
      else if (fn === OPS.paintImageXObject) images.push({ width: Number(args[1]), height: Number(args[2]) });
      else if (fn === OPS.paintInlineImageXObject)
        images.push({
          width: Number((args[0] as { width?: number }).width),
          height: Number((args[0] as { height?: number }).height),
        });
      else if (fn === OPS.constructPath) {
        const minMax = args[2] as number[] | null;
        if (!minMax || minMax.length < 4) return;
        const corners = [apply(ctm, minMax[0]!, minMax[1]!), apply(ctm, minMax[2]!, minMax[3]!)];
        const xs = corners.map((c) => c[0]);
        const ys = corners.map((c) => height - c[1]);
        const op = args[0];
        const stroked = op === OPS.stroke || op === OPS.closeStroke;
        const half = stroked ? (lineWidth * Math.hypot(ctm[2], ctm[3])) / 2 : 0;
        shapes.push({
          x0: Math.min(...xs),
          x1: Math.max(...xs),
          y0: Math.min(...ys) - half,
          y1: Math.max(...ys) + half,
          color: stroked ? stroke : fill,
        });
      }
    });
    pages.push({
      number: n,
      width,
      height,
      runs,
      lines: groupLines(runs),
      text: groupLines(runs)
        .map((l) => l.text)
        .join('\n'),
      shapes,
      images,
    });
  }
  await doc.destroy();
  return { pages, text: pages.map((p) => p.text).join('\n') };
}

function gray(v: unknown): string {
  const c = Math.round(Number(v) * 255)
    .toString(16)
    .padStart(2, '0');
  return `#${c}${c}${c}`;
}

function groupLines(runs: TextRun[]): PdfPage['lines'] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: { runs: TextRun[]; y: number }[] = [];
  for (const r of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - r.y) <= 2) last.runs.push(r);
    else lines.push({ y: r.y, runs: [r] });
  }
  return lines.map((l) => {
    const rs = l.runs.sort((a, b) => a.x - b.x);
    return {
      y: l.y,
      x0: rs[0]!.x,
      x1: Math.max(...rs.map((r) => r.x + r.width)),
      text: rs.map((r) => r.str).join(''),
      size: rs[0]!.size,
    };
  });
}

/** Is the page A4 portrait (within 1 pt)? */
export function isA4Portrait(page: PdfPage): boolean {
  return Math.abs(page.width - A4.width) < 1 && Math.abs(page.height - A4.height) < 1;
}

/** Code points that betray a broken font pipeline: CJK radicals, private use, replacement characters, controls. */
export function badCodePoints(text: string): string[] {
  const bad: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (
      (cp >= 0x2e80 && cp <= 0x2fdf) ||
      (cp >= 0xe000 && cp <= 0xf8ff) ||
      cp === 0xfffd ||
      (cp < 0x20 && !'\n\t\r\f'.includes(ch))
    )
      bad.push(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return bad;
}

/** The page-number line (`— N —`) below the type area, with its number and horizontal extent. */
export function pageNumber(page: PdfPage): { n: number; x0: number; x1: number; y: number; size: number } | null {
  for (const l of page.lines) {
    const m = /^— (\d+) —$/.exec(l.text.trim());
    if (m && l.y > TYPE_AREA.y1) return { n: Number(m[1]), x0: l.x0, x1: l.x1, y: l.y, size: l.size };
  }
  return null;
}

/** Horizontal rules: shapes at least `minWidth` wide and at most `maxHeight` tall, of a colour. */
export function rules(page: PdfPage, color: (c: string) => boolean, minWidth = 150 * MM, maxHeight = 4.5): Shape[] {
  return page.shapes.filter(
    (s) => s.x1 - s.x0 >= minWidth && s.y1 - s.y0 <= maxHeight && s.y1 - s.y0 > 0.2 && color(s.color),
  );
}

/** "#ff0000"-like colours: strong red. */
export function isRed(color: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return !!m && parseInt(m[1]!, 16) >= 190 && parseInt(m[2]!, 16) <= 90 && parseInt(m[3]!, 16) <= 90;
}

/** Near-black colours. */
export function isBlack(color: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return !!m && [m[1], m[2], m[3]].every((c) => parseInt(c!, 16) <= 51);
}

/** Text with all white space removed (CJK text wraps anywhere, so compare without it). */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The document's text without its page numbers (— N — lines), squashed, so a sentence reads across pages. */
export function bodyText(doc: PdfDoc): string {
  return squash(
    doc.pages
      .map((p) =>
        p.lines
          .filter((l) => !/^— \d+ —$/u.test(l.text.trim()))
          .map((l) => l.text)
          .join(''),
      )
      .join(''),
  );
}

/**
 * The text of one table column read top to bottom over every page, squashed: the
 * runs below the header `header` and between the headers beside it (`before`,
 * `after`), so cells of other columns never interleave.
 */
export function columnText(doc: PdfDoc, header: string, before: string, after: string): string {
  return doc.pages
    .map((p) => {
      const head = p.runs.find((r) => r.str.includes(header));
      if (!head) return '';
      const prev = p.runs.find((r) => r.str.includes(before) && Math.abs(r.y - head.y) < 2)!;
      const next = p.runs.find((r) => r.str.includes(after) && Math.abs(r.y - head.y) < 2)!;
      const left = (prev.x + prev.width + head.x) / 2;
      const right = (head.x + head.width + next.x) / 2;
      const cells = p.runs
        .filter((r) => r.y > head.y + 5 && r.x >= left && r.x < right)
        .sort((a, b) => a.y - b.y || a.x - b.x);
      return squash(cells.map((r) => r.str).join(''));
    })
    .join('');
}
