import type { DocBlock, DocCell, OfficialDocument } from '@duban/reporter-api';
import type { SheetView } from './_sheet.js';
import type { SummaryView } from './_summary.js';

// The score sheet and the ranking summary as OfficialDocuments for the DOCX
// writer: the same SheetView / SummaryView the PDF templates print, cell by cell,
// column widths in mm as the templates give them (156 mm in all).

// The template's <col> widths (scoresheet.hbs), 156 mm in all.
const SHEET_WIDTHS = [9, 14, 9, 28, 52, 10, 11, 23];
// Header words: a narrow column's header breaks between words (考核 | 得分), never inside one.
const SHEET_HEADER = [
  ['序号'],
  ['考核', '项目'],
  ['分值'],
  ['评分标准'],
  ['考核内容及完成情况'],
  ['自评', '分'],
  ['考核', '得分'],
  ['扣（加）', '分原因'],
];
const SUMMARY_WIDTHS = [9, 34, 10, 11, 10, 10, 9.2, 9.2, 9.2, 9.2, 9.2, 10, 10];

const center = (text: string, extra: Partial<DocCell> = {}): DocCell => ({ text, align: 'center', ...extra });

/** The label above a sheet, only when it goes out under a covering document. */
function label(attachment: string): DocBlock[] {
  return attachment ? [{ kind: 'attachmentLabel', text: attachment }] : [];
}

/** One unit's sheet: title, unit and date, the method, the table (category cells spanning their rows), 合计, result, signatures. */
export function sheetDocument(v: SheetView): OfficialDocument {
  // The PDF merges a line's category cells by leaving their inner rules out (pos first/mid/last);
  // Word merges them for real, each first row spanning down to its line's last.
  const spanFrom = (i: number) => {
    let n = 1;
    while (v.rows[i + n - 1]!.pos !== 'last' && v.rows[i + n - 1]!.pos !== 'only') n++;
    return n;
  };
  const rows: DocCell[][] = v.rows.map((r, i) => {
    const content: DocCell = { text: r.result ? [r.content, `完成情况：${r.result}`] : [r.content] };
    const reasons: DocCell = { text: r.reasons };
    if (r.pos === 'mid' || r.pos === 'last') return [content, reasons];
    const rowSpan = spanFrom(i);
    return [
      center(String(r.no), { rowSpan }),
      { text: r.item, rowSpan },
      center(r.max, { rowSpan }),
      { text: r.standard, rowSpan },
      content,
      center('', { rowSpan }),
      center(r.score, { rowSpan }),
      reasons,
    ];
  });
  rows.push([
    center('合计', { colSpan: 2, strong: true }),
    center(v.totalMax, { strong: true }),
    { text: '', colSpan: 2 },
    { text: '' },
    center(v.total, { strong: true }),
    { text: '' },
  ]);
  return {
    title: `${v.title}（${v.unit}）`,
    blocks: [
      ...label(v.attachment),
      { kind: 'title', text: v.title },
      { kind: 'spread', left: `被考核单位：${v.unit}`, right: `考核时间：${v.assessedAt}`, size: 14 },
      { kind: 'note', text: `计分方法：${v.method}`, size: 12, indent: true },
      {
        kind: 'table',
        widths: SHEET_WIDTHS,
        header: [SHEET_HEADER.map((words) => ({ text: words.join(''), words }))],
        rows,
        pad: 1.5,
        keepGroups: true,
      },
      ...(v.standing
        ? [
            {
              kind: 'note',
              text: `考核结果：${v.standing}。${v.check ? `台账核验码：${v.check}。` : ''}`,
              size: 12,
            } as DocBlock,
          ]
        : []),
      { kind: 'signLines', labels: ['考核组（签字）：', '被考核单位负责人（签字）：'], size: 14 },
    ],
  };
}

/** The ranking summary: units by ranking group with rank and grade, the totals, the notes and the issuing office. */
export function summaryDocument(v: SummaryView): OfficialDocument {
  const span2 = (text: string) => ({ text, rowSpan: 2 });
  const header: DocCell[][] = [
    [
      span2('序号'),
      span2('被考核单位'),
      span2('分值'),
      span2('得分'),
      span2('名次'),
      span2('等次'),
      { text: '承担任务', colSpan: 2 },
      { text: '任务评价', colSpan: 3 },
      span2('扣分'),
      span2('加分'),
    ],
    ['牵头', '配合', '已完成', '滞后', '逾期'].map((text) => ({
      text,
      words: text === '已完成' ? ['已', '完成'] : [text],
    })),
  ];
  const rows: DocCell[][] = [];
  for (const g of v.groups) {
    rows.push([{ text: g.heading, colSpan: 13, strong: true }]);
    for (const r of g.rows) {
      rows.push([
        center(String(r.no)),
        { text: r.unit },
        ...[r.max, r.total, r.rank, r.grade, r.main, r.co, r.completed, r.atRisk, r.overdue, r.deducted, r.bonus].map(
          (x) => center(String(x)),
        ),
      ]);
    }
  }
  const t = v.totals;
  rows.push([
    center(`合计（${v.total}个单位）`, { colSpan: 6, strong: true }),
    ...[t.main, t.co, t.completed, t.atRisk, t.overdue].map((x) => center(String(x), { strong: true })),
    { text: '' },
    { text: '' },
  ]);
  const notes = [
    ...v.notes.map((n, i) => `${i + 1}. ${n}`),
    `${v.notes.length + 1}. “牵头”含分工负责（未明确牵头单位）的任务；“滞后”“逾期”分别为进度滞后、逾期未完成的任务数。`,
    ...(v.check
      ? [
          `${v.notes.length + 2}. 台账核验码：${v.check}（duban audit verify --expect-head 可核对本表所据台账未被改动）。`,
        ]
      : []),
  ];
  return {
    title: v.title,
    blocks: [
      ...label(v.attachment),
      { kind: 'title', text: v.title },
      { kind: 'spread', left: `考核单位：${v.office}`, right: `考核时间：${v.assessedAt}`, size: 14 },
      { kind: 'table', widths: SUMMARY_WIDTHS, header, rows, pad: 1 },
      { kind: 'note', text: '说明：', size: 12 },
      ...notes.map((text): DocBlock => ({ kind: 'note', text, size: 12 })),
      { kind: 'issuer', lines: [v.office, v.issuedAt], size: 14 },
    ],
  };
}
