// A 200-page PDF notice read to a plan: Chromium prints a task table of real task
// lines (the seed's, with their units as 牵头单位/配合单位 columns and a 完成时限)
// long enough to fill 200 A4 pages; the figure is the median time of
// importNoticeFile (pdf.js text with positions → table rebuilt → Plan). The printing
// is set-up, not measured. The same table given as text is the same-run baseline
// for what the PDF layer costs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importNoticeFile } from '@duban/import';
import puppeteer from 'puppeteer-core';
import { type BenchResult, round, timeMedian } from './_lib.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Rows [number, task, lead, co, deadline] from the seed's task lines, repeated to `count`. */
function rows(seed: string, count: number): string[][] {
  const tasks = seed
    .split('\n')
    .map((l) => /^\s*\d+\.(.+?)（?\((.+?)\)\s*$/.exec(l.replace(/（/g, '(').replace(/）/g, ')')))
    .filter((m): m is RegExpExecArray => m !== null);
  const out: string[][] = [];
  for (let i = 0; i < count; i++) {
    const m = tasks[i % tasks.length]!;
    const duty = m[2]!.split(/牵头[,，]/);
    const lead = duty.length > 1 ? duty[0]! : duty[0]!.replace(/(分工)?负责$/, '').split(/[、,，]/)[0]!;
    const co = duty.length > 1 ? duty[1]!.replace(/(分工)?负责$/, '') : '';
    out.push([String(i + 1), m[1]!.trim(), lead, co, ['6月底前', '9月底前', '12月底前', '年底前'][i % 4]!]);
  }
  return out;
}

function html(table: string[][]): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-size:11pt} td,th{border:1px solid #000;padding:3px;vertical-align:middle} table{border-collapse:collapse;width:100%}</style></head><body>
<p>安康市人民政府关于印发2019年政府工作报告确定重点任务分解方案的通知</p><p>安政发〔2019〕6号</p><p>2019年2月28日</p>
<table><thead><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr></thead><tbody>
${table.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table></body></html>`;
}

export default async function importPdfBench(): Promise<BenchResult[]> {
  const seed = readFileSync(new URL('../seeds/ankang-2019-notice.txt', import.meta.url), 'utf8');
  let count = 1100;
  const profile = mkdtempSync(join(tmpdir(), 'duban-bench-pdf-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.DUBAN_BROWSER ?? '/usr/bin/chromium',
    headless: true,
    pipe: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  let pdf: Buffer;
  let pages = 0;
  let table: string[][] = [];
  try {
    const page = await browser.newPage();
    // Grow the table until it fills 200 pages.
    for (;;) {
      table = rows(seed, count);
      await page.setContent(html(table), { waitUntil: 'load' });
      pdf = Buffer.from(
        await page.pdf({
          format: 'A4',
          margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' },
          timeout: 0,
        }),
      );
      pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      if (pages >= 200) break;
      count = Math.ceil((count * 205) / Math.max(1, pages));
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const check = await importNoticeFile(pdf!, { sourceName: 'bench.pdf' });
  const read = check.value?.tasks.length ?? 0;
  if (read !== count) throw new Error(`200-page PDF read wrongly: ${read} of ${count} tasks`);
  const ms = await timeMedian(() => importNoticeFile(pdf!, { sourceName: 'bench.pdf' }), 3, 1);
  const text = [
    '安康市人民政府关于印发2019年政府工作报告确定重点任务分解方案的通知',
    '序号\t重点任务\t牵头单位\t配合单位\t完成时限',
    ...table.map((r) => r.join('\t')),
  ].join('\n');
  const textMs = await timeMedian(() => importNoticeFile(Buffer.from(text), { sourceName: 'bench.txt' }), 3, 1);
  return [
    { name: 'import.pdf-200-pages', value: round(ms, 0), unit: 'ms', goal: '≤ 10000 ms', pass: ms <= 10_000 },
    { name: 'import.pdf-200-pages.tasks', value: count, unit: `tasks on ${pages} pages` },
    { name: 'import.pdf-200-pages.as-text', value: round(textMs, 0), unit: 'ms' },
  ];
}
