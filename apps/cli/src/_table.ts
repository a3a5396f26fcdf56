import stringWidth from 'string-width';

/** Pads `text` to `width` terminal columns, counting CJK characters as two. */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const gap = Math.max(0, width - stringWidth(text));
  return align === 'left' ? text + ' '.repeat(gap) : ' '.repeat(gap) + text;
}

/** Cuts `text` to at most `width` columns, ending with … when cut. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  // Width added character by character (measuring every prefix again was quadratic).
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + '…';
}

/** Column of a table: header, cell getter, optional max width and alignment. */
export interface Column<Row> {
  header: string;
  get: (row: Row) => string | number | null | undefined;
  max?: number;
  align?: 'left' | 'right';
}

/** Renders rows as an aligned plain-text table (CJK width-aware). */
export function table<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((r) =>
    columns.map((c) => {
      const v = c.get(r);
      const s = v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ');
      return c.max ? truncate(s, c.max) : s;
    }),
  );
  const widths = columns.map((c, i) =>
    Math.max(stringWidth(c.header), ...cells.map((row) => stringWidth(row[i] ?? ''))),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, i) => pad(v, widths[i] ?? 0, columns[i]?.align))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join(
    '\n',
  );
}
