/**
 * A PDF with a text layer → notice text. pdf.js gives each run of text with its
 * position; runs are grouped into lines by their baseline, and a task table is
 * rebuilt from columns: the header row (序号 …) fixes where each column starts,
 * every later run goes to the column it sits in, and a row runs from one number in
 * the 序号 column to the next, so a cell wrapped over three lines stays one cell.
 */
import { DubanError, type Location } from '@duban/core';
import { columnRole, isTaskTable } from './_columns.js';

interface Run {
  x: number;
  y: number;
  w: number;
  h: number;
  s: string;
}
interface Line {
  y: number;
  runs: Run[];
}

/** Joins runs that continue each other on one baseline (pdf.js splits text at every font or script change). */
function chunks(runs: Run[]): Run[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const out: Run[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.y - r.y) <= 1 && r.x - (last.x + last.w) <= 1.5 && r.x >= last.x) {
      last.s += r.s;
      last.w = r.x + r.w - last.x;
    } else out.push({ ...r });
  }
  return out;
}

/** Groups runs into lines, top to bottom, left to right. */
function linesOf(runs: Run[]): Line[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const r of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - r.y) <= Math.max(2, r.h * 0.4)) last.runs.push(r);
    else lines.push({ y: r.y, runs: [r] });
  }
  for (const l of lines) l.runs.sort((a, b) => a.x - b.x);
  return lines;
}

/** Joins a line's runs: a wide gap (more than two characters) becomes a tab. */
function joined(runs: Run[]): string {
  let out = '';
  let end = -Infinity;
  for (const r of runs) {
    const gap = r.x - end;
    if (out && gap > Math.max(r.h, 6) * 2) out += '\t';
    else if (out && gap > Math.max(r.h, 6) * 0.6 && /[\w)]$/.test(out)) out += ' ';
    out += r.s;
    end = r.x + r.w;
  }
  return out.trim();
}

const PAGE_NO = /^[-—–]\s*\d{1,4}\s*[-—–]$|^第\s*\d+\s*页/;
const NUM = /^\d{1,4}$/;

/** Column starts of a table: gutters (x ranges no cell text crosses) between the runs of its rows. */
function columnStarts(runs: Run[]): number[] {
  const x0 = Math.min(...runs.map((r) => r.x));
  const x1 = Math.max(...runs.map((r) => r.x + r.w));
  // A run alone on its line may be a heading row spanning the table (一、…): it would hide the gutters.
  const shared = linesOf(runs)
    .filter((l) => l.runs.length > 1)
    .flatMap((l) => l.runs);
  const spans = shared
    .filter((r) => r.w < 0.6 * (x1 - x0))
    .map((r) => [r.x, r.x + r.w] as const)
    .sort((a, b) => a[0] - b[0]);
  const starts = [x0];
  let reach = spans[0]?.[1] ?? x1;
  for (const [a, b] of spans.slice(1)) {
    if (a - reach >= 2) starts.push(a - 1);
    reach = Math.max(reach, b);
  }
  return starts;
}

const colOf = (starts: number[], r: Run) => {
  let c = 0;
  for (let i = 0; i < starts.length; i++) if (starts[i]! <= r.x + 0.5) c = i;
  return c;
};
const crosses = (starts: number[], r: Run) => starts.some((s) => s > r.x + 1 && s < r.x + r.w - 1);

interface TableState {
  starts: number[];
  last: number;
}

/**
 * Rebuilds the task table of one page: returns the page's lines with table rows as
 * tab-separated cells, in reading order. `carry` continues a table from the page before.
 */
function pageLines(runsIn: Run[], carry: TableState | undefined): { lines: string[]; table: TableState | undefined } {
  const runs = chunks(runsIn).filter((r) => !PAGE_NO.test(r.s.trim()));
  const L = (runs[0]?.h ?? 10) * 1.25;
  // The header: 序号/编号, or 序 with 号 right below it (a narrow column wraps the word).
  let anchorTop: number | undefined;
  let anchorBottom = 0;
  for (const r of runs) {
    const t = r.s.trim();
    if (t === '序号' || t === '编号') {
      anchorTop = r.y;
      anchorBottom = r.y;
      break;
    }
    const below =
      t === '序' || t === '编'
        ? runs.find((b) => Math.abs(b.x - r.x) < 2 && b.y < r.y && r.y - b.y < 1.6 * L && b.s.trim().startsWith('号'))
        : undefined;
    if (below) {
      anchorTop = r.y;
      anchorBottom = below.y;
      break;
    }
  }
  let starts: number[];
  let bandTop: number;
  let headerTexts: string[] = [];
  let headerRuns: Run[] = [];
  if (anchorTop !== undefined) {
    const anchorX = runs.find((r) => r.y === anchorTop)!.x;
    const nums = runs.filter((r) => r.y < anchorBottom && Math.abs(r.x - anchorX) < 3 * L && NUM.test(r.s.trim()));
    if (!nums.length) return { lines: linesOf(runs).map((l) => joined(l.runs)), table: undefined };
    const lastNum = Math.min(...nums.map((n) => n.y));
    const band = runs.filter((r) => r.y <= anchorTop! + 1.2 * L && r.y >= lastNum - 4 * L);
    starts = columnStarts(band);
    const header = band.filter(
      (r) =>
        r.y >= anchorBottom - 1.2 * L &&
        r.y <= anchorTop! + 1.2 * L &&
        r.y > Math.max(...nums.map((n) => n.y)) + 0.5 * L,
    );
    headerRuns = header;
    headerTexts = starts.map((_, c) =>
      header
        .filter((r) => colOf(starts, r) === c)
        .sort((a, b) => b.y - a.y || a.x - b.x)
        .map((r) => r.s.trim())
        .join(''),
    );
    bandTop = Math.min(...header.map((r) => r.y)) - 0.3 * L;
    if (!isTaskTable(headerTexts.map(columnRole)))
      return { lines: linesOf(runs).map((l) => joined(l.runs)), table: undefined };
  } else if (carry) {
    starts = carry.starts;
    const next = runs.find(
      (r) => colOf(starts, r) === 0 && NUM.test(r.s.trim()) && Number(r.s.trim()) === carry.last + 1,
    );
    if (!next) return { lines: linesOf(runs).map((l) => joined(l.runs)), table: undefined };
    bandTop = Infinity;
  } else return { lines: linesOf(runs).map((l) => joined(l.runs)), table: undefined };

  const nums = runs
    .filter((r) => r.y < bandTop && colOf(starts, r) === 0 && NUM.test(r.s.trim()) && !crosses(starts, r))
    .sort((a, b) => b.y - a.y);
  const lastY = nums.length ? nums[nums.length - 1]!.y : bandTop;
  type Item = { y: number; text: string; row?: number };
  const before: Item[] = [];
  const after: Item[] = [];
  const headings: Item[] = [];
  const rows = nums.map((n) => ({ y: n.y, n: Number(n.s.trim()), cells: starts.map(() => [] as Run[]) }));
  rows.forEach((row, i) => row.cells[0]!.push(nums[i]!));
  // Cell runs, per column, grouped into blocks of consecutive lines; each block belongs to the row whose number it spans.
  const inBand = runs.filter((r) => r.y < bandTop && !nums.includes(r));
  const rest: Run[] = [];
  for (const r of inBand) {
    // A run across a gutter is a heading row (一、…) inside the table, or text after it.
    if (crosses(starts, r)) (r.y > lastY ? headings : after).push({ y: r.y, text: r.s.trim() });
    else rest.push(r);
  }
  for (let c = 0; c < starts.length; c++) {
    const col = rest.filter((r) => colOf(starts, r) === c).sort((a, b) => b.y - a.y || a.x - b.x);
    const blocks: Run[][] = [];
    for (const r of col) {
      const b = blocks[blocks.length - 1];
      if (b && b[b.length - 1]!.y - r.y <= 1.4 * L) b.push(r);
      else blocks.push([r]);
    }
    for (const b of blocks) {
      const top = b[0]!.y;
      const bottom = b[b.length - 1]!.y;
      const inside = rows.filter((row) => row.y <= top + 0.6 * L && row.y >= bottom - 0.6 * L);
      for (const r of b) {
        const pool = inside.length ? inside : rows;
        if (!pool.length) {
          before.push({ y: r.y, text: r.s });
          continue;
        }
        const row = pool.reduce((best, x) => (Math.abs(x.y - r.y) < Math.abs(best.y - r.y) ? x : best));
        // Far below the last row and not part of its block: text after the table.
        if (!inside.length && row === rows[rows.length - 1] && row.y - r.y > 3 * L) after.push({ y: r.y, text: r.s });
        else row.cells[c]!.push(r);
      }
    }
  }
  const out: Item[] = [];
  for (const l of linesOf(runs.filter((r) => r.y >= bandTop && !headerRuns.includes(r))))
    out.push({ y: l.y, text: joined(l.runs) });
  if (headerTexts.length) out.push({ y: bandTop + 0.1, text: headerTexts.join('\t') });
  for (const h of headings) out.push(h);
  for (const row of rows)
    out.push({
      y: row.y,
      text: row.cells
        .map((cell) =>
          cell
            .sort((a, b) => b.y - a.y || a.x - b.x)
            .map((r) => r.s.trim())
            .join(''),
        )
        .join('\t'),
    });
  for (const l of linesOf([...before, ...after].map((i) => ({ x: 0, y: i.y, w: 0, h: L / 1.25, s: i.text }))))
    out.push({ y: l.y, text: joined(l.runs) });
  out.sort((a, b) => b.y - a.y);
  return { lines: out.map((i) => i.text), table: rows.length ? { starts, last: rows[rows.length - 1]!.n } : carry };
}

/** Text of every page, tables rebuilt as tab-separated rows. Throws DUBAN_IMPORT_SCANNED_PDF when there is no text layer. */
export async function pdfToText(bytes: Uint8Array, where: Location | undefined): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    throw new DubanError('DUBAN_IMPORT_BAD_PDF', `the PDF cannot be read: ${(e as Error).message}`, {
      ...(where ? { where } : {}),
      hint: 'the file is damaged or password-protected; save it again from the source, or export the notice as .docx',
      cause: e,
    });
  }
  const out: string[] = [];
  let table: TableState | undefined;
  let glyphs = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        runs.push({
          x: item.transform[4],
          y: item.transform[5],
          w: item.width,
          h: Math.abs(item.transform[3]) || item.height || 10,
          s: item.str,
        });
        glyphs += item.str.length;
      }
      page.cleanup();
      const got = pageLines(runs, table);
      table = got.table;
      out.push(...got.lines);
    }
  } finally {
    await doc.destroy();
  }
  if (glyphs === 0) {
    throw new DubanError(
      'DUBAN_IMPORT_SCANNED_PDF',
      `the PDF has ${doc.numPages} page(s) but no text layer (a scan or a picture of the notice)`,
      {
        ...(where ? { where } : {}),
        hint: 'ask the issuing office for the .docx or a text PDF, or run OCR on the scan and import the text it gives',
      },
    );
  }
  return out.join('\n');
}
