/**
 * The Word side of the contract: an official document described by the role of
 * each part (title, 主送, headings, body, 附件说明, 落款, tables, 版记), which
 * duban's DOCX writer lays out in GB/T 9704 styles. A reporter says what a
 * paragraph is, never how it looks, so every document shares one set of named
 * Word styles and an office's edit keeps the format.
 */

/** The 简报-style masthead: publication name in red, 第N期, office and date, red rule. */
export interface DocMasthead {
  publication: string;
  /** 期号; null prints no 第N期 line. */
  number: number | null;
  office: string;
  /** The date as printed (2019年7月5日). */
  date: string;
}

/** One table cell. */
export interface DocCell {
  /** Lines of the cell (each a paragraph), or one string. */
  text: string | readonly string[];
  /**
   * Words the cell's text may break between and never inside (unit names), used
   * instead of `text`: the writer starts a new line before a word that would not
   * fit, so Word never breaks 安康高新区管委会 inside a name.
   */
  words?: readonly string[];
  colSpan?: number;
  /** Rows this cell spans downwards; the rows below leave the cell out (as in HTML). */
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
  /** 黑体 (a total row, a group heading). */
  strong?: boolean;
}

/** A table: the header rows repeat on every page and no row splits across pages. */
export interface DocTable {
  kind: 'table';
  /** Column widths as shares (any unit; normalised to the 156 mm type area). */
  widths: readonly number[];
  /** Header rows (黑体, centred, repeated on each page). */
  header: readonly (readonly DocCell[])[];
  rows: readonly (readonly DocCell[])[];
  /** Text size in pt (五号 10.5 default; 10.5–12 by practice). */
  size?: number;
  /** Cell padding at the sides in pt (default 4); narrow number columns need less. */
  pad?: number;
  /**
   * Keep the rows a row-spanning cell covers on one page when they fit, so a
   * category's merged cells (考核项目, 评分标准) are never left behind on the page before.
   */
  keepGroups?: boolean;
}

/** A part of an official document, by its role. */
export type DocBlock =
  /** 标题: 2号小标宋, centred; a long one is broken between phrases into a trapezoid. */
  | { kind: 'title'; text: string /** Lines left blank above it (2 under a red rule). */; spaceBefore?: number }
  /** 主送机关, flush left, ending with ：. */
  | { kind: 'recipients'; text: string }
  /** 一级标题 (黑体), 二级标题 (楷体), 三级标题 (仿宋). */
  | { kind: 'h1' | 'h2' | 'h3'; text: string }
  /** 正文; `lead` is a run-in heading in 楷体. */
  | { kind: 'p'; text: string; lead?: string }
  /** 附件说明: 附件：1.XXX, one line below the body. */
  | { kind: 'attachmentNote'; items: readonly string[] }
  /** 落款 without a seal: office 2 characters in from the right, the date on the next line. */
  | { kind: 'signature'; office: string; date: string }
  /** 附件 / 附件2 label, 黑体, flush left at line 1 of a new page (`newPage`). */
  | { kind: 'attachmentLabel'; text: string; newPage?: boolean }
  /** A line with text at the left and at the right of the type area (考核单位 … 考核时间 …). */
  | { kind: 'spread'; left: string; right: string; size?: number }
  /** A note in smaller type (说明, 计分方法); `indent` indents its first line 2 characters. */
  | { kind: 'note'; text: string; size?: number; indent?: boolean }
  /** Lines flush right (an issuing office and date under a table). */
  | { kind: 'issuer'; lines: readonly string[]; size?: number }
  /** Signature lines: a label, a blank to sign on, and 年　月　日. */
  | { kind: 'signLines'; labels: readonly string[]; size?: number }
  | DocTable;

/** 版记: 抄送 (or 报/送/发), the 台账核验码, printing office and 印发 date between rules, on an even last page. */
export interface DocBanji {
  /** 抄送 (文件 family); empty leaves the line out. */
  cc: string;
  /** 报 / 送 / 发 (简报 family): one group under one rule; empty ones are left out. */
  report?: string;
  send?: string;
  distribute?: string;
  /** 台账核验码 (the audit head the document was made from), printed as given. */
  check?: string;
  printer: string;
  /** The 印发 date as printed (2019年7月5日). */
  date: string;
}

/** An official document for the DOCX writer. */
export interface OfficialDocument {
  /** Document title (file properties). */
  title: string;
  masthead?: DocMasthead;
  blocks: readonly DocBlock[];
  banji?: DocBanji;
}

/** Result of one DOCX write. */
export interface DocxResult {
  path: string;
  bytes: number;
  /** Paragraphs written (body, tables' cells excluded). */
  paragraphs: number;
}

/** A font role as the .docx names it: the official family, and the open family to fall back on. */
export interface DocxFont {
  role: 'xiaobiaosong' | 'fangsong' | 'heiti' | 'kaiti' | 'songti';
  /** The family named in the document (the official one, or the office's from config). */
  family: string;
  /** The open substitute named as its alternative (fontTable altName). */
  fallback: string;
}

/** duban's DOCX writer: GB/T 9704 page, grid, named styles and fonts by role. */
export interface DocxRenderer {
  /** Writes `doc` as a .docx at `outPath` (atomically: a failed write leaves nothing). */
  render(doc: OfficialDocument, outPath: string): Promise<DocxResult>;
  /** The same document as bytes, written nowhere (previews, tests). */
  toBuffer(doc: OfficialDocument): Promise<Uint8Array>;
  /** The fonts the documents name, per role. */
  fonts(): Promise<readonly DocxFont[]>;
}
