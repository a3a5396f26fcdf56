import type { DocBlock, DocMasthead } from '@duban/reporter-api';
import { AlignmentType, Paragraph, Tab, type Table, TabStopType, TextRun, UnderlineType } from 'docx';
import { CHAR, halfPoints, LINE, mm, pt, TYPE_WIDTH } from './_geometry.js';
import { LEAD_STYLE, STYLE } from './_styles.js';
import { table, textWidth } from './_table.js';
import { titleLines } from './_title.js';

/**
 * Characters of the title's size (2号, 22 pt) a line holds, less half a character
 * of safety: Latin digits in the CJK faces are a little wider than half a character.
 */
const TITLE_PER_LINE = TYPE_WIDTH / pt(22) - 0.6;

/** The 简报 masthead: the publication in red, 第N期, office at the left and date at the right, the red rule. */
export function masthead(m: DocMasthead): Paragraph[] {
  return [
    new Paragraph({ style: STYLE.masthead.id, children: [new TextRun(m.publication)] }),
    ...(m.number === null
      ? []
      : [new Paragraph({ style: STYLE.issue.id, children: [new TextRun(`第${m.number}期`)] })]),
    new Paragraph({
      style: STYLE.mastheadLine.id,
      tabStops: [{ type: TabStopType.RIGHT, position: TYPE_WIDTH - CHAR }],
      children: [new TextRun(m.office), new TextRun({ children: [new Tab(), m.date] })],
    }),
    new Paragraph({ style: STYLE.redRule.id, children: [] }),
  ];
}

/**
 * 落款 without a seal (GB/T 9704 §7.3.5.3): the office 2 characters in from the
 * right, the date on the next line starting 2 characters right of the office's
 * first character; when the date is the longer, it keeps the 2 characters and
 * the office moves left. Widths count digits as half a character.
 */
export function signatureIndents(office: string, date: string): { office: number; date: number } {
  const ws = textWidth(office);
  const wd = textWidth(date);
  if (wd <= ws - 2) return { office: 2, date: ws - wd };
  return { office: wd + 4 - ws, date: 2 };
}

function sized(size: number | undefined, text: string, extra: Record<string, unknown> = {}) {
  return new TextRun({ text, size: size === undefined ? undefined : halfPoints(size), ...extra });
}

/** One block as Word paragraphs (or a table). `keepNext` keeps a paragraph on the page of the one after it. */
export function block(b: DocBlock, keepNext = false): (Paragraph | Table)[] {
  const keep = keepNext ? { keepNext: true } : {};
  switch (b.kind) {
    case 'title': {
      const lines = titleLines(b.text, TITLE_PER_LINE);
      return [
        new Paragraph({
          style: STYLE.title.id,
          spacing: b.spaceBefore ? { before: b.spaceBefore * LINE } : undefined,
          children: lines.map((text, i) => new TextRun({ text, break: i > 0 ? 1 : undefined })),
        }),
      ];
    }
    case 'recipients':
      return [new Paragraph({ style: STYLE.recipients.id, ...keep, children: [new TextRun(b.text)] })];
    case 'h1':
    case 'h2':
    case 'h3':
      return [new Paragraph({ style: STYLE[b.kind].id, children: [new TextRun(b.text)] })];
    case 'p':
      return [
        new Paragraph({
          ...keep,
          children: [...(b.lead ? [new TextRun({ text: b.lead, style: LEAD_STYLE.id })] : []), new TextRun(b.text)],
        }),
      ];
    case 'attachmentNote': {
      const items = b.items.length > 1 ? b.items.map((t, i) => `${i + 1}.${t}`) : [...b.items];
      return [
        new Paragraph({
          style: STYLE.attachmentNote.id,
          ...keep,
          children: items.map(
            (t, i) => new TextRun({ text: i === 0 ? `附件：${t}` : t, break: i > 0 ? 1 : undefined }),
          ),
        }),
      ];
    }
    case 'signature': {
      const at = signatureIndents(b.office, b.date);
      return [
        new Paragraph({
          style: STYLE.signature.id,
          spacing: { before: LINE },
          indent: { right: at.office * CHAR },
          children: [new TextRun(b.office)],
        }),
        new Paragraph({
          style: STYLE.signature.id,
          indent: { right: at.date * CHAR },
          keepNext: false,
          children: [new TextRun(b.date)],
        }),
      ];
    }
    case 'attachmentLabel':
      return [
        new Paragraph({
          style: STYLE.attachmentLabel.id,
          pageBreakBefore: b.newPage === true,
          children: [new TextRun(b.text)],
        }),
      ];
    case 'spread':
      return [
        new Paragraph({
          style: STYLE.spread.id,
          tabStops: [{ type: TabStopType.RIGHT, position: TYPE_WIDTH }],
          children: [sized(b.size, b.left), new TextRun({ children: [new Tab()] }), sized(b.size, b.right)],
        }),
      ];
    case 'note':
      return [
        new Paragraph({
          style: STYLE.note.id,
          indent: b.indent ? { firstLine: 2 * pt(b.size ?? 12) } : undefined,
          children: [sized(b.size, b.text)],
        }),
      ];
    case 'issuer':
      return b.lines.map(
        (text, i) =>
          new Paragraph({
            style: STYLE.note.id,
            alignment: AlignmentType.RIGHT,
            indent: { right: 2 * pt(b.size ?? 14) },
            spacing: { before: i === 0 ? pt(22) : 0, line: pt(24), lineRule: 'exact' },
            children: [sized(b.size ?? 14, text)],
          }),
      );
    case 'signLines': {
      const size = b.size ?? 14;
      const labelEnd = 13 * pt(size);
      const blankEnd = labelEnd + mm(45);
      return b.labels.map(
        (label, i) =>
          new Paragraph({
            style: STYLE.note.id,
            spacing: { before: i === 0 ? pt(18) : 0, line: pt(30), lineRule: 'exact' },
            keepNext: i < b.labels.length - 1,
            tabStops: [
              { type: TabStopType.RIGHT, position: labelEnd },
              { type: TabStopType.LEFT, position: blankEnd },
            ],
            children: [
              new TextRun({ children: [new Tab(), label], size: halfPoints(size) }),
              new TextRun({ children: [new Tab()], underline: { type: UnderlineType.SINGLE }, size: halfPoints(size) }),
              sized(size, '　年　　月　　日'),
            ],
          }),
      );
    }
    case 'table':
      return [table(b)];
  }
}
