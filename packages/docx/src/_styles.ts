import { AlignmentType, type IParagraphStyleOptions, type IStylesOptions, LineRuleType } from 'docx';
import type { FontMap, FontRole } from './_fonts.js';
import { CHAR, halfPoints, LINE, pt } from './_geometry.js';

/**
 * The named paragraph styles, one per role, so that an office's edit keeps the
 * format: body text is Word's built-in Normal (which Chinese Word and WPS show
 * as 正文) and the title its built-in Title (shown as 标题); the other roles are
 * styles of their own with the Chinese names an office uses.
 */
export const STYLE = {
  body: { id: 'Normal', name: 'Normal', label: '正文' },
  title: { id: 'Title', name: 'Title', label: '标题' },
  h1: { id: 'DubanHeading1', name: '一级标题', label: '一级标题' },
  h2: { id: 'DubanHeading2', name: '二级标题', label: '二级标题' },
  h3: { id: 'DubanHeading3', name: '三级标题', label: '三级标题' },
  attachmentNote: { id: 'DubanAttachmentNote', name: '附件说明', label: '附件说明' },
  banji: { id: 'DubanBanji', name: '版记', label: '版记' },
  masthead: { id: 'DubanMasthead', name: '版头', label: '版头' },
  issue: { id: 'DubanIssueNumber', name: '期号', label: '期号' },
  mastheadLine: { id: 'DubanMastheadLine', name: '版头日期行', label: '版头日期行' },
  redRule: { id: 'DubanRedRule', name: '红色分隔线', label: '红色分隔线' },
  recipients: { id: 'DubanRecipients', name: '主送机关', label: '主送机关' },
  signature: { id: 'DubanSignature', name: '落款', label: '落款' },
  attachmentLabel: { id: 'DubanAttachmentLabel', name: '附件标识', label: '附件标识' },
  table: { id: 'DubanTableText', name: '表格文字', label: '表格文字' },
  tableHeader: { id: 'DubanTableHeader', name: '表头', label: '表头' },
  note: { id: 'DubanNote', name: '说明', label: '说明' },
  spread: { id: 'DubanSpread', name: '表上信息', label: '表上信息' },
  pageNumber: { id: 'DubanPageNumber', name: '页码', label: '页码' },
} as const;

/** Character style of a run-in heading (楷体) at the start of a paragraph. */
export const LEAD_STYLE = { id: 'DubanLead', name: '段首标题' } as const;

/** A style role. */
export type StyleRole = keyof typeof STYLE;

/**
 * Every line keeps the height its style gives instead of snapping to the grid
 * (w:snapToGrid="0" on Normal, which every style is based on; the docx library
 * has no option for it, _parts.ts writes it). Body text then keeps the grid by
 * itself: exactly 29 pt a line (22 a page) and 0.4 pt less per character
 * (28 a line). Word would fit 16 pt characters into the 15.79 pt cells of the
 * 28 × 22 docGrid by itself, but LibreOffice and WPS for Linux give a glyph wider
 * than its cell two cells, and would set 14 characters a line.
 */
export const OFF_GRID: readonly StyleRole[] = ['body'];

/** Body tracking in twips (−0.4 pt): 16 pt characters at 15.6 pt, 28 in the 156 mm line with room for justification. */
export const BODY_TRACKING = -8;

/** Table text size (五号) and line height. */
export const TABLE_PT = 10.5;

/** Fonts of a role on all four of Word's character classes, so digits and Latin letters match their Chinese text. */
export function font(fonts: FontMap, role: FontRole) {
  const f = fonts[role];
  return { ascii: f, hAnsi: f, eastAsia: f, cs: f, hint: 'eastAsia' };
}

const exact = (points: number) => ({ line: pt(points), lineRule: LineRuleType.EXACT });
const noIndent = { firstLine: 0, firstLineChars: 0, left: 0, right: 0 };

/** The document's styles: docDefaults in 仿宋 3号, then one named style per role. */
export function styles(fonts: FontMap): IStylesOptions {
  const s = (role: StyleRole, def: Omit<IParagraphStyleOptions, 'id' | 'name'>): IParagraphStyleOptions => ({
    id: STYLE[role].id,
    name: STYLE[role].name,
    basedOn: role === 'body' ? undefined : 'Normal',
    quickFormat: true,
    ...def,
  });
  const paragraphStyles: IParagraphStyleOptions[] = [
    s('body', {
      run: {
        font: font(fonts, 'fangsong'),
        size: halfPoints(16),
        color: '000000',
        characterSpacing: BODY_TRACKING,
        language: { value: 'zh-CN', eastAsia: 'zh-CN' },
      },
      paragraph: {
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: 2 * CHAR, firstLineChars: 200 },
        spacing: { before: 0, after: 0, line: LINE, lineRule: LineRuleType.EXACT },
      },
    }),
    s('title', {
      next: 'Normal',
      run: { characterSpacing: 0, font: font(fonts, 'xiaobiaosong'), size: halfPoints(22) },
      paragraph: {
        alignment: AlignmentType.CENTER,
        indent: noIndent,
        spacing: { ...exact(34) },
        keepNext: true,
        keepLines: true,
      },
    }),
    s('h1', { next: 'Normal', run: { font: font(fonts, 'heiti') }, paragraph: { keepNext: true, outlineLevel: 0 } }),
    s('h2', { next: 'Normal', run: { font: font(fonts, 'kaiti') }, paragraph: { keepNext: true, outlineLevel: 1 } }),
    s('h3', { next: 'Normal', run: { font: font(fonts, 'fangsong') }, paragraph: { keepNext: true, outlineLevel: 2 } }),
    // 附件：1.XXX — later items align under the first (hanging indent of 附件：).
    s('attachmentNote', {
      paragraph: {
        indent: { left: 5 * CHAR, hanging: 3 * CHAR, firstLineChars: 0 },
        spacing: { before: LINE },
        keepNext: true,
        keepLines: true,
      },
    }),
    s('banji', {
      run: { characterSpacing: 0, size: halfPoints(14) },
      paragraph: {
        alignment: AlignmentType.LEFT,
        indent: noIndent,
        spacing: { ...exact(22), before: pt(4), after: pt(4) },
      },
    }),
    s('masthead', {
      run: {
        font: font(fonts, 'xiaobiaosong'),
        size: halfPoints(44),
        color: 'FF0000',
        characterSpacing: Math.round(0.3 * 44 * 20),
      },
      paragraph: {
        alignment: AlignmentType.CENTER,
        indent: { ...noIndent, left: Math.round(0.3 * 44 * 20) },
        spacing: exact(60),
        keepNext: true,
      },
    }),
    s('issue', { paragraph: { alignment: AlignmentType.CENTER, indent: noIndent, keepNext: true } }),
    // Office at the left, date at the right, each 1 character in (the paragraph's right tab stop).
    s('mastheadLine', {
      paragraph: { alignment: AlignmentType.LEFT, indent: { ...noIndent, left: CHAR, right: CHAR }, keepNext: true },
    }),
    s('redRule', {
      run: { characterSpacing: 0, size: halfPoints(2) },
      paragraph: {
        indent: noIndent,
        spacing: exact(4),
        border: { bottom: { style: 'single', size: 12, color: 'FF0000', space: 0 } },
        keepNext: true,
      },
    }),
    s('recipients', { paragraph: { indent: noIndent, spacing: { before: LINE } } }),
    s('signature', {
      next: 'DubanSignature',
      paragraph: {
        alignment: AlignmentType.RIGHT,
        indent: { ...noIndent, right: 2 * CHAR },
        keepNext: true,
        keepLines: true,
      },
    }),
    s('attachmentLabel', {
      run: { font: font(fonts, 'heiti') },
      paragraph: { alignment: AlignmentType.LEFT, indent: noIndent, keepNext: true },
    }),
    s('table', {
      run: { characterSpacing: 0, size: halfPoints(TABLE_PT) },
      paragraph: { alignment: AlignmentType.LEFT, indent: noIndent, spacing: exact(15) },
    }),
    s('tableHeader', {
      basedOn: STYLE.table.id,
      run: { font: font(fonts, 'heiti') },
      paragraph: { alignment: AlignmentType.CENTER, indent: noIndent, spacing: exact(15), keepNext: true },
    }),
    s('note', {
      run: { characterSpacing: 0, size: halfPoints(12) },
      paragraph: { alignment: AlignmentType.JUSTIFIED, indent: noIndent, spacing: exact(20) },
    }),
    s('spread', {
      run: { characterSpacing: 0, size: halfPoints(14) },
      paragraph: {
        alignment: AlignmentType.LEFT,
        indent: noIndent,
        spacing: { ...exact(22), after: pt(6) },
        keepNext: true,
      },
    }),
    s('pageNumber', {
      run: { characterSpacing: 0, font: font(fonts, 'songti'), size: halfPoints(14) },
      paragraph: { indent: noIndent, spacing: exact(18) },
    }),
  ];
  return {
    paragraphStyles,
    characterStyles: [
      {
        id: LEAD_STYLE.id,
        name: LEAD_STYLE.name,
        basedOn: 'DefaultParagraphFont',
        quickFormat: true,
        run: { font: font(fonts, 'kaiti') },
      },
    ],
  };
}
