/**
 * A PDF with a text layer → notice text. pdf.js gives each run of text with its
 * position; runs are grouped into lines by their baseline, and a task table is
 * rebuilt from columns: the header row (序号 …) fixes where each column starts,
 * every later run goes to the column it sits in, and a row runs from one number in
 * the 序号 column to the next, so a cell wrapped over three lines stays one cell.
 */
import { DubanError, type Location } from '@duban/core';
import { columnRole, isTaskTable } from './_columns.js';

interface Run { x: number; y: number; w: number; h: number; s: string }
interface Line { y: number; runs: Run[] }

/** Groups runs of one page into lines, top to bottom, left to right. */
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

interface Table { starts: number[]; numberCol: number; rows: string[][] | undefined }

/** Column starts when the line is a task-table header (序号 | 重点任务 | 牵头单位 …). */
function headerOf(line: Line): Table | undefined {
  const cells = joined(line.runs).split('\t');
  if (cells.length < 3) return undefined;
  const roles = cells.map(columnRole);
  if (!isTaskTable(roles)) return undefined;
  // Column i starts where the run holding its header text starts.
  const starts: number[] = [];
  let k = 0;
  for (const cell of cells) {
    const first = line.runs.findIndex((r, i) => i >= k && cell.startsWith(r.s.trim().slice(0, 2)));
    const at = first >= 0 ? first : k;
    starts.push(line.runs[at]?.x ?? 0);
    k = at + 1;
  }
  return { starts, numberCol: roles.indexOf('number'), rows: undefined };
}

/** Which column a run belongs to: the last column starting at or left of its middle. */
function columnAt(t: Table, r: Run): number {
  const mid = r.x + Math.min(r.w, r.h * 2) / 2;
  let c = 0;
  for (let i = 0; i < t.starts.length; i++) if (t.starts[i]! - 2 <= mid) c = i;
  return c;
}

/** Text of every page, tables rebuilt as tab-separated rows. Throws DUBAN_IMPORT_SCANNED_PDF when there is no text layer. */
export async function pdfToText(bytes: Uint8Array, where: Location | undefined): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (e) {
    throw new DubanError('DUBAN_IMPORT_BAD_PDF', `the PDF cannot be read: ${(e as Error).message}`, {
      ...(where ? { where } : {}), hint: 'the file is damaged or password-protected; save it again from the source, or export the notice as .docx', cause: e,
    });
  }
  const out: string[] = [];
  let table: Table | undefined;
  let glyphs = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        runs.push({ x: item.transform[4], y: item.transform[5], w: item.width, h: Math.abs(item.transform[3]) || item.height || 10, s: item.str });
        glyphs += item.str.length;
      }
      page.cleanup();
      for (const line of linesOf(runs)) {
        const text = joined(line.runs);
        const header = headerOf(line);
        if (header) {
          // A header repeated at the top of each page continues the same table.
          if (!table || table.starts.length !== header.starts.length) {
            flushTable(table, out);
            table = header;
            out.push(text);
          }
          continue;
        }
        if (table) {
          const cells = new Array<string>(table.starts.length).fill('');
          for (const r of line.runs) cells[columnAt(table, r)] += r.s;
          const num = cells[table.numberCol]!.trim();
          if (/^\d{1,5}$/.test(num)) {
            (table.rows ??= []).push(cells);
            continue;
          }
          const filled = cells.filter((c) => c.trim()).length;
          // A line spread over the columns without a number continues the row above (wrapped cells).
          if (table.rows?.length && filled >= 1 && num === '' && !/^[-—–]\s*\d+\s*[-—–]$/.test(text) && line.runs.length > 0 && line.runs[0]!.x >= table.starts[0]! - 2 && (filled > 1 || line.runs[0]!.x > table.starts[1]! - 2)) {
            const last = table.rows[table.rows.length - 1]!;
            cells.forEach((c, i) => (last[i] += c));
            continue;
          }
          flushTable(table, out);
          table = undefined;
        }
        out.push(text);
      }
    }
    flushTable(table, out);
  } finally {
    await doc.destroy();
  }
  if (glyphs === 0) {
    throw new DubanError('DUBAN_IMPORT_SCANNED_PDF', `the PDF has ${doc.numPages} page(s) but no text layer (a scan or a picture of the notice)`, {
      ...(where ? { where } : {}), hint: 'ask the issuing office for the .docx or a text PDF, or run OCR on the scan and import the text it gives',
    });
  }
  return out.join('\n');
}

function flushTable(t: Table | undefined, out: string[]): void {
  if (!t?.rows) return;
  for (const row of t.rows) out.push(row.map((c) => c.trim()).join('\t'));
  t.rows = undefined;
}
