import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DubanError, Plan, type Task, UnitDirectory } from '@duban/core';
import { importNotice, parseNotice } from '@duban/import';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ROOT } from './_support/cli.js';

const dir = join(ROOT, 'tests/fixtures/notices');
const read = (name: string) => readFileSync(join(dir, name));
const hanyin = UnitDirectory.parse(JSON.parse(readFileSync(join(dir, 'hanyin-units.json'), 'utf8')));
const load = (name: string, directory?: UnitDirectory) => {
  const r = importNotice(read(name), { sourceName: name, ...(directory ? { directory } : {}) });
  expect(r.errors).toEqual([]);
  expect(() => Plan.parse(r.value)).not.toThrow();
  return r.value!;
};
const roles = (t: Task) =>
  t.assignments.map((a) => `${a.unit}:${a.role}${a.convener ? '*' : ''}${a.isGroup ? '(group)' : ''}`);

describe('trailing parenthesis, full-width punctuation, 1． numbering (paren-fullwidth.txt)', () => {
  const plan = load('paren-fullwidth.txt', hanyin);
  const t = (n: number) => plan.tasks.find((x) => x.number === n)!;

  it('reads the header', () => {
    expect(plan).toMatchObject({
      issuer: '汉阴县人民政府',
      docNumber: '阴政发〔2020〕3号',
      date: '2020-02-20',
      year: 2020,
    });
    expect(plan.sections.map((s) => `${s.number}${s.title}`)).toEqual(['1全力稳定经济增长', '2持续改善民生']);
    expect(plan.tasks.map((x) => [x.number, x.section])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 2],
    ]);
  });

  it('keeps the notice-level milestone', () => {
    expect(plan.milestones.map((m) => m.deadline)).toEqual([{ phrase: '2020年3月15日前', date: '2020-03-15' }]);
  });

  it('restores the 县 prefix dropped in a list and resolves through the directory', () => {
    expect(roles(t(1))).toEqual(['县发改局:lead', '县财政局:co', '县自然资源局:co']);
  });

  it('reads 负责 alone as lead, 分工负责 without lead as responsible', () => {
    expect(roles(t(2))).toEqual(['县水利局:lead']);
    expect(roles(t(3))).toEqual(['县人社局:responsible*', '县财政局:responsible']);
  });

  it('expands a group after a comma and warns about the one unknown unit, with its line', () => {
    expect(roles(t(4))).toEqual(['县住建局:lead', '县城管局:co', '城关镇政府:co', '涧池镇政府:co']);
    expect(plan.warnings).toEqual([
      { code: 'DUBAN_IMPORT_UNKNOWN_UNIT', message: expect.stringContaining('县城管局'), line: 17 },
    ]);
  });

  it('resolves deadlines and comparators', () => {
    expect(t(1).deadline).toEqual({ phrase: null, date: '2020-12-31' });
    expect(t(2).deadline).toEqual({ phrase: '上半年', date: '2020-06-30' });
    expect(t(4).deadline).toEqual({ phrase: '年底前', date: '2020-12-31' });
    expect(t(3).indicators.map((i) => [i.value, i.unit, i.comparator])).toEqual([
      [2000, '人', 'ge'],
      [4.5, '%', 'le'],
    ]);
    expect(t(4).indicators.map((i) => [i.value, i.comparator])).toEqual([[95, 'ge']]);
    expect(t(2).indicators[0]).toMatchObject({
      value: 12.5,
      unit: '公里',
      deadline: { phrase: '上半年', date: '2020-06-30' },
    });
  });

  it('joins a task written over two lines', () => {
    expect(t(5).source).toEqual({ startLine: 18, endLine: 19 });
    expect(t(5).text).toBe('实施老旧小区改造，改造小区16个，惠及居民3200户。');
    expect(t(5).indicators.map((i) => i.value)).toEqual([16, 3200]);
    expect(roles(t(5))).toEqual(['县住建局:lead', '县财政局:co']);
  });
});

describe('label lines, 1、 numbering, web table header (label-lines.txt)', () => {
  const plan = load('label-lines.txt');
  const t = (n: number) => plan.tasks.find((x) => x.number === n)!;

  it('reads the header from the web table', () => {
    expect(plan).toMatchObject({
      issuer: '石泉县人民政府办公室',
      docNumber: '石政办发〔2021〕8号',
      date: '2021-03-02',
      year: 2021,
    });
    expect(plan.tasks).toHaveLength(4);
  });

  it('reads 牵头单位 / 配合单位 / 协同责任单位 / 责任单位 / 实施单位', () => {
    expect(roles(t(1))).toEqual(['县交通运输局:lead', '县发改局:co', '县自然资源局:co']);
    expect(roles(t(2))).toEqual(['县交通运输局:lead', '各镇人民政府:co(group)']);
    expect(roles(t(3))).toEqual(['县教体局:lead']);
    expect(roles(t(4))).toEqual(['县水利局:responsible*', '县住建局:responsible']);
  });

  it('keeps 责任领导 / 分管领导 / 牵头负责领导 as the leader, never as a unit', () => {
    expect([1, 2, 3, 4].map((n) => t(n).leader)).toEqual(['李明', '王芳', '赵强', undefined]);
    expect(plan.units.some((u) => ['李明', '王芳', '赵强'].includes(u))).toBe(false);
  });

  it('uses 完成时限, keeping an unresolvable phrase beside the year-end date', () => {
    expect(t(1).deadline).toEqual({ phrase: '9月底前', date: '2021-09-30' });
    expect(t(2).deadline).toEqual({ phrase: '2021年12月底', date: '2021-12-31' });
    expect(t(3).deadline).toEqual({ phrase: null, date: '2021-12-31' });
    expect(t(4).deadline).toEqual({ phrase: '长期坚持', date: '2021-12-31' });
  });

  it('spans the label lines in the source and stops before the page noise', () => {
    expect(t(1).source).toEqual({ startLine: 9, endLine: 13 });
    expect(t(4).source).toEqual({ startLine: 24, endLine: 26 });
    expect(t(4).text).toBe('实施城乡供水一体化工程，农村自来水普及率达到92%以上。');
  });
});

describe('labelled fields inside the parenthesis, （一） numbering (paren-labels.txt)', () => {
  const plan = load('paren-labels.txt');
  const t = (n: number) => plan.tasks.find((x) => x.number === n)!;

  it('numbers （一）（二）（三） as 1, 2, 3 in their sections', () => {
    expect(plan.tasks.map((x) => [x.number, x.section])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
    ]);
    expect(plan).toMatchObject({
      issuer: '安康市汉滨区人民政府',
      docNumber: '汉滨政发〔2022〕2号',
      year: 2022,
      date: '2022-03-01',
    });
  });

  it('reads leader, lead, responsible units and deadline from full- and half-width fields', () => {
    expect(t(1).leader).toBe('张三');
    expect(roles(t(1))).toEqual(['区发改局:lead', '区工信局:co', '区财政局:co']);
    expect(t(1).deadline).toEqual({ phrase: '11月底前', date: '2022-11-30' });
    expect(t(1).text).toBe('实施工业倍增计划，新增规上工业企业15户。');
    expect(t(2).leader).toBe('李四');
    expect(roles(t(2))).toEqual(['区招商局:lead', '各镇办:co(group)']);
    expect(t(2).indicators.map((i) => [i.value, i.unit])).toEqual([[150, '亿元']]);
    expect(t(3).leader).toBe('王五');
    expect(roles(t(3))).toEqual(['区民政局:lead']);
  });
});

describe('prose 部门分工 lines, numbering with gaps, no headings (prose-duty.txt)', () => {
  const plan = load('prose-duty.txt');
  const t = (n: number) => plan.tasks.find((x) => x.number === n)!;

  it('keeps the numbers as written, gaps included, in one implicit section', () => {
    expect(plan.tasks.map((x) => x.number)).toEqual([1, 2, 5, 7]);
    expect(plan.sections).toEqual([{ number: 1, title: '' }]);
    // Gaps are kept, and each one is pointed out: a task may have been lost while copying.
    expect(plan.warnings.map((w) => [w.code, w.message.match(/\d+ numbers are|number \d+ is/)?.[0]])).toEqual([
      ['DUBAN_IMPORT_SKIPPED_NUMBER', '2 numbers are'],
      ['DUBAN_IMPORT_SKIPPED_NUMBER', 'number 6 is'],
    ]);
  });

  it('reads issuer and date from the signature, year from the title', () => {
    expect(plan).toMatchObject({
      issuer: '平利县人民政府',
      date: '2023-01-10',
      year: 2023,
      docNumber: null,
      title: '平利县2023年重点任务责任分工',
    });
  });

  it('reads X牵头，Y配合 and the single-unit and shared forms', () => {
    expect(roles(t(1))).toEqual(['县发改局:lead', '县农业农村局:co', '县茶产业发展中心:co']);
    expect(roles(t(2))).toEqual(['县农业农村局:lead', '各镇人民政府:co(group)']);
    expect(roles(t(5))).toEqual(['县教体局:lead']);
    expect(roles(t(7))).toEqual(['县人社局:responsible*', '县民政局:responsible']);
    expect(t(5).deadline).toEqual({ phrase: '秋季开学前', date: '2023-09-01' });
  });
});

describe('web-page noise and HTML (web-noise.txt)', () => {
  const plan = load('web-noise.txt');
  const t = (n: number) => plan.tasks.find((x) => x.number === n)!;

  it('ignores breadcrumbs, the 索引号 table, sub-headings and the page footer', () => {
    expect(plan).toMatchObject({
      issuer: '安康市人民政府',
      docNumber: '安政发〔2024〕1号',
      date: '2024-01-31',
      year: 2024,
      title: '安康市人民政府关于印发2024年重点任务分解方案的通知',
    });
    expect(plan.tasks.map((x) => x.number)).toEqual([1, 2, 4]);
    expect(t(4).source).toEqual({ startLine: 13, endLine: 13 });
    expect(plan.warnings).toEqual([
      { code: 'DUBAN_IMPORT_SKIPPED_NUMBER', message: expect.stringContaining('number 3 is missing'), line: 13 },
    ]);
  });

  it('keeps HTML tags and script as plain text', () => {
    expect(t(1).text).toBe('推进<b>一网通办</b>建设，上线政务服务事项300项以上。');
    expect(t(2).text).toContain('<script>alert("x")</script>');
    expect(roles(t(2))).toEqual(['市委网信办:lead']);
    expect(t(2).deadline).toEqual({ phrase: '6月30日前', date: '2024-06-30' });
  });

  it('reads half-width parentheses and separators', () => {
    expect(roles(t(1))).toEqual(['市行政审批局:lead', '市政府有关工作部门:co(group)']);
    expect(roles(t(4))).toEqual(['市大数据中心:responsible*', '市行政审批局:responsible']);
  });
});

describe('（一） tasks with numbered steps inside (paren-steps.txt)', () => {
  const plan = load('paren-steps.txt');
  const t = (n: number) => plan.tasks.find((x) => x.number === n)!;

  it('takes （一） as the tasks because they carry the duties, and 1. 2. as their steps', () => {
    expect(plan.tasks.map((x) => [x.number, x.section])).toEqual([
      [1, 1],
      [2, 1],
      [4, 2],
    ]);
    expect(t(1).text).toBe(
      '实施城区学校扩容工程，新增学位1200个。1.6月底前完成城关三小教学楼主体；2.秋季开学前交付使用。',
    );
    expect(t(1).source).toEqual({ startLine: 5, endLine: 7 });
  });

  it('finds the duty parenthesis before the steps or after them', () => {
    expect(roles(t(1))).toEqual(['县教体局:lead', '县发改局:co', '县财政局:co']);
    expect(roles(t(4))).toEqual(['县卫健局:lead', '县住建局:co']);
    expect(t(4).text).toBe('建成县医院门诊综合楼。1.上半年完成主体工程；2.年底前投入使用。');
    expect(plan.warnings.map((w) => w.code)).toEqual(['DUBAN_IMPORT_SKIPPED_NUMBER']);
  });

  it('takes the latest deadline of the steps as the task deadline', () => {
    expect(t(1).deadline).toEqual({ phrase: '秋季开学前', date: '2024-09-01' });
    expect(t(4).deadline).toEqual({ phrase: '年底前', date: '2024-12-31' });
    expect(t(2).deadline).toEqual({ phrase: null, date: '2024-12-31' });
  });
});

describe('（一） headings as sections when there are no 一、 headings (subsections.txt)', () => {
  const plan = load('subsections.txt');

  it('reads sections from （一）（二） and the year from the title', () => {
    expect(plan.sections.map((s) => [s.number, s.title])).toEqual([
      [1, '产业发展'],
      [2, '基础设施'],
    ]);
    expect(plan.tasks.map((x) => [x.number, x.section])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
    ]);
    expect(plan).toMatchObject({
      title: '宁陕县2024年重点工作任务分解',
      year: 2024,
      issuer: '',
      docNumber: null,
      date: null,
    });
    expect(plan.tasks[1]!.indicators[0]).toMatchObject({ value: 500, unit: '万人次', comparator: 'ge' });
  });
});

describe('a covering letter numbered like the plan (covering-letter.txt)', () => {
  const plan = load('covering-letter.txt');

  it("drops the letter's 1. 2. 3. (no units, numbering restarts) and keeps the plan's", () => {
    expect(plan.tasks.map((t) => [t.number, t.section, t.title])).toEqual([
      [1, 1, '新增规上工业企业8户'],
      [2, 1, '接待游客800万人次'],
      [3, 2, '新增城镇就业1500人'],
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('reads the milestone from the letter and the headline targets after it', () => {
    expect(plan.milestones.map((m) => [m.text, m.deadline.date])).toEqual([
      ['各牵头单位要制定推进方案，于2024年3月10日前报县政府督查室。', '2024-03-10'],
    ]);
    expect(plan.headline.map((i) => [i.metric, i.value])).toEqual([
      ['地区生产总值增长', 6],
      ['城乡居民人均可支配收入分别增长', 6],
      ['城乡居民人均可支配收入分别增长', 8],
    ]);
  });
});

describe('a task table copied from Word, tab-separated (table.txt)', () => {
  const plan = load('table.txt');
  const t = (n: number) => plan.tasks.find((x) => x.number === n)!;

  it('reads one task per row, sections from 一、 rows', () => {
    expect(plan.tasks.map((x) => [x.number, x.section, x.source.startLine])).toEqual([
      [1, 1, 6],
      [2, 1, 7],
      [3, 2, 9],
      [4, 2, 10],
    ]);
    expect(plan.sections.map((s) => s.title)).toEqual(['产业发展', '社会事业']);
    expect(t(1).text).toBe('新建富硒茶园1.2万亩，茶叶产值突破10亿元。');
  });

  it('maps the columns: lead, co, leader, deadline; an empty cell stays empty', () => {
    expect(roles(t(1))).toEqual(['县农业农村局:lead', '各镇人民政府:co(group)']);
    expect(roles(t(2))).toEqual(['县住建局:lead', '县发改局:co', '县财政局:co']);
    expect(roles(t(3))).toEqual(['县人社局:lead']);
    expect([1, 2, 3, 4].map((n) => t(n).leader)).toEqual(['张明', '李华', '王强', '张明']);
    expect([1, 2, 3, 4].map((n) => t(n).deadline.date)).toEqual([
      '2024-10-31',
      '2024-06-30',
      '2024-12-31',
      '2024-12-31',
    ]);
    expect(t(3).deadline.phrase).toBeNull();
  });

  it('honours a （牵头） mark inside the lead column', () => {
    expect(roles(t(4))).toEqual(['县农业农村局:lead', '县卫健局:co', '各镇人民政府:co(group)']);
  });

  it('reads figures in the task cell', () => {
    expect(t(1).indicators.map((i) => [i.value, i.unit])).toEqual([
      [1.2, '万亩'],
      [10, '亿元'],
    ]);
  });
});

describe('a task table with bars (table-bars.txt)', () => {
  const plan = load('table-bars.txt');

  it('reads 责任单位 as responsible units, 分管领导 as the leader, 完成时间 as the deadline', () => {
    expect(plan.tasks.map((t) => [t.number, roles(t), t.leader, t.deadline])).toEqual([
      [
        1,
        ['高新区建设局:responsible*', '高新区财政局:responsible'],
        '赵六',
        { phrase: '2024年9月底', date: '2024-09-30' },
      ],
      [2, ['高新区招商局:lead'], '钱七', { phrase: null, date: '2024-12-31' }],
    ]);
    expect(plan.warnings).toEqual([]);
  });
});

describe('text copied out of a PDF: hard line breaks and page numbers (pdf-copy.txt)', () => {
  const plan = load(
    'pdf-copy.txt',
    UnitDirectory.parse(JSON.parse(readFileSync(join(ROOT, 'seeds/ankang-units.json'), 'utf8'))),
  );
  const t = (n: number) => plan.tasks.find((x) => x.number === n)!;

  it('joins the title broken after the issuer', () => {
    expect(plan).toMatchObject({
      issuer: '安康市人民政府',
      title: '安康市人民政府关于印发2023年政府工作报告重点任务分解方案的通知',
      docNumber: '安政发〔2023〕2号',
      date: '2023-02-15',
      year: 2023,
    });
  });

  it('joins wrapped task lines, skipping a page number inside a task', () => {
    expect(t(2).text).toBe('加快西渝高铁安康段建设，年底前完成投资30亿元。');
    expect(t(3).text).toBe('新增城镇就业1.5万人，城镇调查失业率控制在5.5%以内。');
    expect(t(3).source).toEqual({ startLine: 17, endLine: 19 });
    expect(t(3).indicators.map((i) => [i.value, i.unit, i.comparator])).toEqual([
      [1.5, '万人', 'ge'],
      [5.5, '%', 'le'],
    ]);
    expect(t(2).indicators[0]).toMatchObject({
      value: 30,
      unit: '亿元',
      deadline: { phrase: '年底前', date: '2023-12-31' },
    });
  });

  it('reads a duty parenthesis on a line of its own', () => {
    expect(t(1).assignments[0]).toMatchObject({ unit: '市发改委', role: 'lead' });
    expect(t(1).assignments.filter((a) => a.group === '各县区政府')).toHaveLength(13);
    expect(plan.warnings).toEqual([]);
  });
});

describe('encodings', () => {
  const utf8 = read('paren-fullwidth.txt');
  const text = utf8.toString('utf8');
  const reference = importNotice(utf8, { directory: hanyin }).value!;
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])],
    ['GB18030', iconv.encode(text, 'gb18030')],
    ['GBK', iconv.encode(text, 'gbk')],
    ['CRLF', Buffer.from(text.replace(/\n/g, '\r\n'))],
    ['CR', Buffer.from(text.replace(/\n/g, '\r'))],
    ['GBK with CRLF', iconv.encode(text.replace(/\n/g, '\r\n'), 'gbk')],
  ])('%s gives the same plan as UTF-8', (_name, bytes) => {
    expect(bytes.equals(utf8)).toBe(false);
    const plan = importNotice(new Uint8Array(bytes), { directory: hanyin }).value!;
    expect(plan).toEqual(reference);
  });
});

describe('bad input', () => {
  it('reports DUBAN_IMPORT_NO_TASKS with a hint on the layouts, and no plan', () => {
    const r = importNotice(read('no-tasks.txt'), { sourceName: 'no-tasks.txt' });
    expect(r.value).toBeUndefined();
    expect(r.errors).toEqual([
      {
        code: 'DUBAN_IMPORT_NO_TASKS',
        message: expect.stringContaining('牵头单位：'),
        where: { file: 'no-tasks.txt' },
      },
    ]);
  });

  it('throws DUBAN_IMPORT_EMPTY and DUBAN_IMPORT_BINARY from importNotice', () => {
    const codeOf = (bytes: Uint8Array) => {
      try {
        importNotice(bytes);
      } catch (e) {
        return (e as DubanError).code;
      }
      return 'no error';
    };
    expect(codeOf(new Uint8Array())).toBe('DUBAN_IMPORT_EMPTY');
    expect(codeOf(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x01]))).toBe(
      'DUBAN_IMPORT_BINARY',
    );
  });

  it('renumbers repeated numbers with a warning so numbers stay unique', () => {
    const r = parseNotice('1.甲项工作。（市发改委负责）\n1.乙项工作。（市教体局负责）\n', { year: 2024 });
    expect(r.value!.tasks.map((x) => x.number)).toEqual([1, 2]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'DUBAN_IMPORT_RENUMBERED', where: { line: 2 } })]);
  });

  it("refuses to guess a year (never today's), and uses the one given", () => {
    const text = '1.甲项工作。（市发改委负责）\n';
    const none = parseNotice(text);
    expect(none.value).toBeUndefined();
    expect(none.errors.map((e) => e.code)).toEqual(['DUBAN_IMPORT_NO_YEAR']);
    const given = parseNotice(text, { year: 2030 });
    expect(given.warnings).toEqual([]);
    expect(given.value!.tasks[0]!.deadline).toEqual({ phrase: null, date: '2030-12-31' });
  });

  it('warns about a parenthesis that names no units', () => {
    const r = parseNotice('1.推进重点项目建设（2024年版）\n', { year: 2024 });
    expect(r.value!.warnings.map((w) => [w.code, w.line])).toEqual([
      ['DUBAN_IMPORT_UNPARSED_PARENTHESIS', 1],
      ['DUBAN_IMPORT_NO_ASSIGNMENT', 1],
    ]);
    expect(r.value!.tasks[0]!.text).toBe('推进重点项目建设（2024年版）');
  });
});

describe('scale', () => {
  const notice = (count: number) => {
    const lines = ['2024年重点任务分解方案', '一、重点工作'];
    for (let i = 1; i <= count; i++)
      lines.push(`${i}.新建公厕${i}座，8月底前完成道路${i % 90}公里。(市城管执法局牵头,市住建局、市交通局分工负责)`);
    return lines.join('\n');
  };
  // Speed is measured by bench/import.bench.ts (import.synthetic-10k.parse), not asserted here.
  it('parses a 10,000-task notice completely', () => {
    const text = notice(10_000);
    const r = parseNotice(text);
    expect(r.value!.tasks).toHaveLength(10_000);
    expect(r.value!.tasks[9_999]!.indicators[0]!.value).toBe(10_000);
    expect(r.value!.tasks[9_999]!.indicators[1]!.deadline).toEqual({ phrase: '8月底前', date: '2024-08-31' });
  });
});

describe('a parenthesis that only lists units', () => {
  it('is read as the responsible units, with a directory or by their form without one', () => {
    const text = '2024年重点任务\n1.甲项工作。（市发改委、市财政局）\n2.乙项工作。（2024年版）\n';
    const plain = parseNotice(text).value!;
    expect(plain.tasks[0]!.assignments.map((a) => `${a.unit}:${a.role}${a.convener ? '*' : ''}`)).toEqual([
      '市发改委:responsible*',
      '市财政局:responsible',
    ]);
    expect(plain.tasks[0]!.text).toBe('甲项工作。');
    expect(plain.warnings.map((w) => [w.code, w.line])).toEqual([
      ['DUBAN_IMPORT_UNPARSED_PARENTHESIS', 3],
      ['DUBAN_IMPORT_NO_ASSIGNMENT', 3],
    ]);
  });
});

describe('document numbers cited inside tasks', () => {
  it("are not taken for the notice's own number", () => {
    const text = '2024年重点任务\n1.落实陕政发〔2018〕12号文件要求。（市发改委负责）\n';
    expect(parseNotice(text).value!.docNumber).toBeNull();
    expect(parseNotice(`${text}公文原件：安政发〔2024〕3号\n`).value!.docNumber).toBe('安政发〔2024〕3号');
  });
});
