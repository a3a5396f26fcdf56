// One notice written four ways, by the tools that make such files for real:
// plain text (a table copied as tab-separated rows), an HTML page with a <table>,
// a .docx with a real Word table (the `docx` package), and a PDF printed from the
// HTML by Chromium. The tasks are the real 立山区 2023 tasks (corpus/02) laid out as
// the table an office attaches; the 完成时限 column is added for the layout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import puppeteer from 'puppeteer-core';

export const HEAD = [
  '鞍山市立山区人民政府文件',
  '鞍立政发〔2023〕2号',
  '立山区人民政府关于印发立山区政府2023年重点工作任务分解和责任分工方案的通知',
  '立山经济开发区，各街道办事处，各区直部门，各有关单位：',
  '经区政府同意，现将《立山区政府2023年重点工作任务分解和责任分工方案》印发给你们，请结合实际，认真贯彻落实。',
  '立山区人民政府',
  '2023年3月28日',
];
export const HEADER = ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'];
export const ROWS: string[][] = [
  ['一、经济社会发展的主要预期目标'],
  ['1', '努力实现地区生产总值增长6.2%左右。', '区发改局', '立山经济开发区、全区经济运行各专班', '12月底前'],
  ['2', '规模上工业增加值增长5%左右。', '区工信局', '立山经济开发区', '12月底前'],
  [
    '3',
    '固定资产投资增长15%左右，全年实施亿元以上项目40个以上，新开工项目25个。',
    '区发改局',
    '立山经济开发区、各街道、区直各部门',
    '11月底前',
  ],
  ['4', '社会消费品零售总额增长9%左右。', '区商务局', '各街道、区市场局', '12月底前'],
  ['二、聚焦民生保障'],
  ['5', '一般公共预算收入增长8%左右。', '区财政局', '立山经济开发区、各街道、税务局', '上半年'],
  ['6', '居民收入增长与经济增长基本同步。', '区发改局', '各街道、各相关单位', '年底前'],
];

/** The notice as text: a table copied out of Word arrives as tab-separated rows. */
export function asText(): string {
  return [...HEAD, HEADER.join('\t'), ...ROWS.map((r) => r.join('\t'))].join('\n') + '\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The notice as a saved web page, with the navigation a portal puts around it. */
export function asHtml(): string {
  const rows = ROWS.map((r) =>
    r.length === 1
      ? `<tr><td colspan="5"><b>${esc(r[0]!)}</b></td></tr>`
      : `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`,
  ).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>立山区</title><style>td{border:1px solid #000;padding:4px} table{border-collapse:collapse;width:100%}</style><script>var x = "<p>1.不是任务（市发改委负责）</p>";</script></head>
<body><nav><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></nav>
${HEAD.map((l) => `<p>${esc(l)}</p>`).join('\n')}
<table><thead><tr>${HEADER.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table><footer>主办：立山区人民政府办公室</footer></body></html>`;
}

/** The notice as a .docx with a real Word table. */
export async function asDocx(): Promise<Buffer> {
  const cell = (text: string, span = 1) =>
    new TableCell({ columnSpan: span, children: [new Paragraph({ children: [new TextRun(text)] })] });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: HEADER.map((h) => cell(h)) }),
      ...ROWS.map((r) => new TableRow({ children: r.length === 1 ? [cell(r[0]!, 5)] : r.map((c) => cell(c)) })),
    ],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          ...HEAD.map(
            (l) =>
              new Paragraph({
                alignment: l.startsWith('立山区人民政府关于') ? AlignmentType.CENTER : AlignmentType.LEFT,
                children: [new TextRun(l)],
              }),
          ),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The HTML printed to PDF by Chromium (a text PDF, as an office exports it). */
export async function asPdf(html = asHtml()): Promise<Buffer> {
  const profile = mkdtempSync(join(tmpdir(), 'duban-import-pdf-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.DUBAN_BROWSER ?? '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setContent(html, { waitUntil: 'load' });
    return Buffer.from(
      await page.pdf({
        format: 'A4',
        printBackground: false,
        margin: { top: '20mm', bottom: '20mm', left: '20mm', right: '20mm' },
      }),
    );
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
