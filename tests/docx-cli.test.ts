// `duban report … --format` end to end (real CLI, real ledger file, real Chromium),
// and the DOCX writer as a plug-in gets it: a third-party reporter given by path
// writes its own official document through context.docx.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliJson, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { convertDocx, pythonDocxAvailable, readDocx } from './_support/docx.js';
import { checkGongwen } from './_support/gongwen.js';
import { loadPdf, squash } from './_support/pdf.js';

// A plug-in as an author would write it without any import: the factory, its meta, and
// render() asking the context's DOCX writer for a document in the official styles.
const PLUGIN = `
const factory = (options) => ({
  async render(ctx) {
    if (!ctx.docx) throw new Error('no docx writer');
    const late = ctx.tasks.filter((t) => t.verdict.status === 'overdue');
    const doc = {
      title: '逾期任务催办单',
      blocks: [
        { kind: 'title', text: '逾期任务催办单' },
        { kind: 'recipients', text: '各有关单位：' },
        { kind: 'p', text: '截至' + ctx.asOf + '，以下' + late.length + '项任务已逾期，请抓紧办理。' },
        { kind: 'h1', text: '一、逾期任务' },
        { kind: 'table', widths: [1, 6, 3], header: [[{ text: '序号' }, { text: '任务' }, { text: '进展' }]],
          rows: late.map((t) => [{ text: String(t.task), align: 'center' }, { text: t.title }, { text: t.figure.text }]) },
        { kind: 'signature', office: ctx.issue.office, date: '2019年10月8日' },
      ],
    };
    const r = await ctx.docx.render(doc, 'cuiban.docx');
    return [{ path: r.path, kind: 'docx', description: doc.title }];
  },
});
factory.meta = { name: 'cuiban', apiVersion: 2, description: 'overdue tasks as a Word document' };
export default factory;
`;

describe('duban report --format (end to end on the seed)', () => {
  const tmp = tempDir('duban-docx-cli-');
  const db = join(tmp.dir, 'duban.db');
  const cli = (args: string[]) => runCli(['--db', db, ...args], { cwd: tmp.dir });

  beforeAll(async () => {
    expect((await runCli(['--db', db, 'import', SEED_NOTICE, '--units', SEED_UNITS])).code).toBe(0);
    const dir = join(ROOT, 'seeds/sample-progress');
    const files = readdirSync(dir)
      .filter((f) => /\.(csv|xlsx)$/u.test(f))
      .map((f) => join(dir, f));
    expect((await runCli(['--db', db, 'progress', 'import', '--office', ...files])).code).toBe(0);
  }, 300_000);

  afterAll(() => tmp.cleanup());

  it('writes the bulletin and its attachment as PDF and .docx with --format pdf,docx', async () => {
    const out = join(tmp.dir, 'out', '督查通报-第3期.pdf');
    const r = await runCliJson<{ outputs: { path: string; kind: string }[] }>([
      '--db',
      db,
      'report',
      'bulletin',
      '--as-of',
      '2019-09-30',
      '--issue',
      '3',
      '--date',
      '2019-10-08',
      '--format',
      'pdf,docx',
      '--out',
      out,
      '--json',
    ]);
    expect(r.outputs.map((o) => [o.path.split('/').pop(), o.kind])).toEqual([
      ['督查通报-第3期.pdf', 'pdf'],
      ['督查通报-第3期-附件.pdf', 'pdf'],
      ['督查通报-第3期.docx', 'docx'],
      ['督查通报-第3期-附件.docx', 'docx'],
    ]);
    const docx = r.outputs[2]!.path;
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const converted = convertDocx(docx, join(tmp.dir, 'converted'));
    const check = checkGongwen(converted, 'bulletin');
    expect(check!.failed, check!.output).toEqual([]);
    // The Word document is as of the same date and issue as the PDF beside it.
    const [pdf, word] = await Promise.all([loadPdf(r.outputs[0]!.path), loadPdf(converted)]);
    const overall = (text: string) => /纳入督查的91项重点任务中，(.*?)。/u.exec(squash(text))?.[1];
    expect(overall(word.text)).toBeDefined();
    expect(overall(word.text)).toBe(overall(pdf.text));
    expect(squash(word.text)).toContain('截至9月30日');
  }, 300_000);

  it('writes .docx only with --format docx, named after --out', async () => {
    const r = await cli([
      'report',
      'bulletin',
      '--as-of',
      '2019-06-30',
      '--format',
      'docx',
      '--option',
      'attachment=none',
      '--out',
      join(tmp.dir, 'w', 'b.pdf'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(tmp.dir, 'w'))).toEqual(['b.docx']);
  });

  it('writes a score sheet per unit as .docx with --format docx, one with --unit', async () => {
    const r = await cli([
      'report',
      'scoresheet',
      '--as-of',
      '2019-12-31',
      '--format',
      'docx',
      '--unit',
      '市发改委',
      '--out',
      join(tmp.dir, 'sheets/'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(tmp.dir, 'sheets'))).toEqual(['考核评分表-市发改委.docx']);
    if (pythonDocxAvailable())
      expect(
        readDocx(join(tmp.dir, 'sheets', '考核评分表-市发改委.docx')).paragraphs.some(
          (p) => p.text === '被考核单位：市发改委\t考核时间：2019年12月31日',
        ),
      ).toBe(true);
  });

  it('refuses --format for a reporter that has none, and an unknown format, with a code and nothing written', async () => {
    const ledger = await cli(['report', 'ledger', '--format', 'docx', '--out', join(tmp.dir, 'bad', 'x.xlsx')]);
    expect(ledger.code).not.toBe(0);
    expect(ledger.stderr).toContain('DUBAN_REPORT_FORMAT');
    expect(ledger.stderr).not.toMatch(/\n\s+at /u);
    const rtf = await cli(['report', 'bulletin', '--format', 'rtf', '--out', join(tmp.dir, 'bad', 'b.pdf')]);
    expect(rtf.code).not.toBe(0);
    expect(rtf.stderr).toContain('DUBAN_REPORTER_OPTIONS');
    expect(rtf.stderr).toContain('format');
    expect(() => readdirSync(join(tmp.dir, 'bad'))).toThrow();
  });

  it('gives a plug-in the DOCX writer through the contract: its document comes out in the official styles', async () => {
    mkdirSync(join(tmp.dir, 'plugin'), { recursive: true });
    writeFileSync(join(tmp.dir, 'plugin', 'cuiban.mjs'), PLUGIN);
    const r = await cli([
      'report',
      './plugin/cuiban.mjs',
      '--as-of',
      '2019-09-30',
      '--out',
      join(tmp.dir, 'plugin-out/'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const file = join(tmp.dir, 'plugin-out', 'cuiban.docx');
    expect(JSON.parse(r.stdout).outputs[0].path).toBe(file);
    if (pythonDocxAvailable()) {
      const back = readDocx(file);
      expect(back.paragraphs.find((p) => p.text === '一、逾期任务')?.style).toBe('一级标题');
      expect(back.sections[0]!.grid?.type).toBe('linesAndChars');
    }
    const check = checkGongwen(convertDocx(file, join(tmp.dir, 'plugin-pdf')), 'any');
    expect(check!.failed, check!.output).toEqual([]);
  }, 120_000);
});
