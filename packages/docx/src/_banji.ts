import type { DocBanji } from '@duban/reporter-api';
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { mm, pt, TYPE_WIDTH } from './_geometry.js';
import { STYLE } from './_styles.js';
import { textWidth } from './_table.js';

/** 0.35 mm ≈ 1 pt (first and last rule) and 0.25 mm ≈ 0.75 pt (the middle one), in eighths of a point. */
const THICK = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
const THIN = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' };
/** One 4号 character: 抄送 and the printing line sit 1 character in from each side. */
const CH14 = pt(14);
/** The 版记's line height and the space above and below its text, in pt. */
const LINE_PT = 22;
const PAD_PT = 4;

/** A labelled line's text as lines of 14 pt type in the cell (1 character in from each side; later lines `hang` characters in). */
function textLines(text: string, hang: number): number {
  const perLine = (TYPE_WIDTH - 2 * CH14) / CH14;
  const w = textWidth(text);
  return w <= perLine ? 1 : 1 + Math.ceil((w - perLine) / (perLine - hang));
}

/** One labelled line of the 版记 (抄送：, 报：, 送：, 发：, 台账核验码：) and the rule under it. */
interface BanjiLine {
  text: string;
  /** Characters later lines are indented by (the label's width, so they align after it). */
  hang: number;
  height: number;
  ruled: boolean;
}

function endWith(text: string): string {
  return `${text.trim().replace(/[。；，、\s]*$/u, '')}。`;
}

/**
 * The 版记's labelled lines as the PDF prints them: 抄送 (文件 family), then 报 / 送 /
 * 发 (简报 family) as one group, then the 台账核验码; a thin rule under each group.
 */
function banjiLines(b: DocBanji): BanjiLine[] {
  const line = (label: string, value: string | undefined, ending = true): BanjiLine | null => {
    if (!value?.trim()) return null;
    const text = `${label}：${ending ? endWith(value) : value.trim()}`;
    const hang = label.length + 1;
    return { text, hang, height: textLines(text, hang) * LINE_PT + 2 * PAD_PT, ruled: false };
  };
  const groups = [
    [line('抄送', b.cc)],
    [line('报', b.report), line('送', b.send), line('发', b.distribute)],
    [line('台账核验码', b.check, false)],
  ];
  const out: BanjiLine[] = [];
  for (const group of groups) {
    const present = group.filter((l): l is BanjiLine => l !== null);
    if (present.length === 0) continue;
    present[present.length - 1]!.ruled = true;
    out.push(...present);
  }
  return out;
}

/**
 * What puts the 版记 on the bottom of its page: an empty paragraph as high as the
 * type area less the 版记 (FORMAT.md: the last rule on the bottom of the type
 * area). The page holds nothing else, so its height is known. Word would also
 * honour the section's bottom alignment (w:vAlign), which LibreOffice ignores,
 * and LibreOffice keeps a floating table as wide as the type area in the text
 * flow, so neither of those alone would do.
 */
export function banjiSpacer(b: DocBanji): Paragraph {
  const lines = banjiLines(b);
  const above = lines.reduce((sum, l) => sum + l.height, 0);
  // 225 mm less the rows, the rules (1 pt each) and 2 pt so rounding never pushes the table onto a new page.
  const height = mm(225) - pt(above + LINE_PT + 2 * PAD_PT + lines.filter((l) => l.ruled).length + 2 + 2);
  return new Paragraph({
    style: STYLE.banji.id,
    spacing: { before: 0, after: 0, line: height, lineRule: LineRuleType.EXACT },
    children: [],
  });
}

/**
 * The 版记 as a borderless two-column table of the type area's width whose only
 * lines are the rules: a table, because a paragraph's border is only as
 * long as its indented text, and these rules span the full 156 mm while the
 * text keeps 1 character in from each side. Rows have exact heights so that
 * banjiSpacer() can put the last rule on the bottom of the type area.
 */
export function banjiTable(b: DocBanji): Table {
  const margins = { marginUnitType: WidthType.DXA, left: CH14, right: CH14, top: 0, bottom: 0 };
  const rows: TableRow[] = [];
  for (const [i, l] of banjiLines(b).entries()) {
    rows.push(
      new TableRow({
        cantSplit: true,
        height: { value: pt(l.height), rule: HeightRule.EXACT },
        children: [
          new TableCell({
            columnSpan: 2,
            margins,
            borders: { top: i === 0 ? THICK : NONE, bottom: l.ruled ? THIN : NONE, left: NONE, right: NONE },
            // Later lines of a long list align after the label (抄送：, 报：).
            children: [
              new Paragraph({
                style: STYLE.banji.id,
                spacing: { before: pt(PAD_PT), after: pt(PAD_PT), line: pt(LINE_PT), lineRule: LineRuleType.EXACT },
                indent: { left: l.hang * CH14, hanging: l.hang * CH14 },
                children: [new TextRun(l.text)],
              }),
            ],
          }),
        ],
      }),
    );
  }
  const top = rows.length > 0 ? NONE : THICK;
  rows.push(
    new TableRow({
      cantSplit: true,
      height: { value: pt(LINE_PT + 2 * PAD_PT), rule: HeightRule.EXACT },
      children: [
        new TableCell({
          margins,
          borders: { top, bottom: THICK, left: NONE, right: NONE },
          children: [new Paragraph({ style: STYLE.banji.id, children: [new TextRun(b.printer)] })],
        }),
        new TableCell({
          margins,
          borders: { top, bottom: THICK, left: NONE, right: NONE },
          children: [
            new Paragraph({
              style: STYLE.banji.id,
              alignment: AlignmentType.RIGHT,
              children: [new TextRun(`${b.date}印发`)],
            }),
          ],
        }),
      ],
    }),
  );
  const width = TYPE_WIDTH;
  const half = Math.floor(width / 2);
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [half, width - half],
    layout: TableLayoutType.FIXED,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows,
  });
}
