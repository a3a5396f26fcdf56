import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Plan, type Task, UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { describe, expect, it } from 'vitest';
import { SEED_NOTICE, SEED_UNITS } from './_support/cli.js';

const bytes = readFileSync(SEED_NOTICE);
const text = bytes.toString('utf8');
const lines = text.split('\n');
const directory = UnitDirectory.parse(JSON.parse(readFileSync(SEED_UNITS, 'utf8')));
const result = importNotice(bytes, { directory, sourceName: 'ankang-2019-notice.txt' });
const plan = result.value!;
const task = (n: number): Task => plan.tasks.find((t) => t.number === n)!;
const lineOf = (start: string) => lines.findIndex((l) => l.trim().startsWith(start)) + 1;

describe('seed notice: plan header', () => {
  it('imports without errors or warnings and matches the Plan schema', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(() => Plan.parse(plan)).not.toThrow();
  });

  it('reads issuer, document number, date and year', () => {
    expect(plan.issuer).toBe('安康市人民政府');
    expect(plan.docNumber).toBe('安政发〔2019〕6号');
    expect(plan.date).toBe('2019-02-28');
    expect(plan.year).toBe(2019);
    expect(plan.title).toBe('安康市人民政府关于印发2019年政府工作报告确定重点任务分解方案的通知');
    expect(plan.sourceName).toBe('ankang-2019-notice.txt');
    expect(plan.sourceDigest).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('reads the headline targets, from 生产总值增长9% to 9个贫困县区全部摘帽', () => {
    expect(plan.headline.map((i) => [i.value, i.unit, i.comparator])).toEqual([
      [9, '%', 'ge'],
      [12, '%', 'ge'],
      [13, '%', 'ge'],
      [11, '%', 'ge'],
      [6, '%', 'ge'],
      [8, '%', 'ge'],
      [9, '%', 'ge'],
      [22.9, '万人', 'ge'],
      [9, '个', 'ge'],
    ]);
    expect(plan.headline[0]).toMatchObject({ text: '生产总值增长9%', metric: '生产总值增长' });
    expect(plan.headline[1]!.text).toBe('全社会固定资产投资增长12%以上');
    expect(plan.headline[8]!.text).toBe('9个贫困县区全部摘帽');
  });

  it('keeps the 推进方案 milestone: 2019-03-08 at 12:00', () => {
    expect(plan.milestones).toHaveLength(1);
    expect(plan.milestones[0]).toMatchObject({
      deadline: { phrase: '2019年3月8日12时前', date: '2019-03-08' },
      time: '12:00',
    });
    expect(plan.milestones[0]!.text).toContain('推进方案');
  });

  it('has 6 sections and 91 tasks numbered 1…91', () => {
    expect(plan.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plan.sections[0]!.title).toBe('强化关键支撑,夯实经济高质量发展的基础');
    expect(plan.sections[5]!.title).toBe('办好民生实事,让人民群众生活更美好');
    expect(plan.tasks).toHaveLength(91);
    expect(plan.tasks.map((t) => t.number)).toEqual(Array.from({ length: 91 }, (_, i) => i + 1));
  });

  it('puts tasks in the sections whose headings precede them (22, 37, 51, 62 and 72 open sections 2–6)', () => {
    const count = (s: number) => plan.tasks.filter((t) => t.section === s).length;
    expect([1, 2, 3, 4, 5, 6].map(count)).toEqual([21, 15, 14, 11, 10, 20]);
    expect([21, 22, 36, 37, 50, 51, 61, 62, 71, 72].map((n) => task(n).section)).toEqual([
      1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
    ]);
  });

  it('lists only units and groups the directory knows', () => {
    const known = new Set([...directory.units.map((u) => u.name), ...directory.groups.map((g) => g.name)]);
    expect(plan.units.filter((u) => !known.has(u))).toEqual([]);
    expect(plan.units).toEqual([...plan.units].sort());
    expect(plan.units).toContain('平利县政府'); // only ever named through 各县区政府
  });
});

describe('seed notice: tasks', () => {
  it('task 1: text, title, source line, indicators, no deadline phrase', () => {
    const t = task(1);
    expect(t.title).toBe('实施2019“项目攻坚年”行动');
    expect(t.text.startsWith('实施2019“项目攻坚年”行动')).toBe(true);
    expect(t.text.endsWith('加快阳安铁路复线建设。')).toBe(true);
    expect(t.source).toEqual({ startLine: lineOf('1.实施2019'), endLine: lineOf('1.实施2019') });
    expect(t.indicators.map((i) => [i.value, i.unit])).toEqual([
      [200, '个'],
      [490, '亿元'],
    ]);
    expect(t.deadline).toEqual({ phrase: null, date: '2019-12-31' });
    expect(t.assignments).toEqual([{ unit: '市发改委', role: 'lead', written: '市发改委' }]);
  });

  it('task 2: three responsible units, the first convenes; 年内 → year end', () => {
    const t = task(2);
    expect(t.assignments.map((a) => [a.unit, a.role, a.convener ?? false])).toEqual([
      ['市机场办', 'responsible', true],
      ['市发改委', 'responsible', false],
      ['安康机场公司', 'responsible', false],
    ]);
    expect(t.deadline).toEqual({ phrase: '年内', date: '2019-12-31' });
  });

  it('task 4: 5662 公里', () => {
    expect(task(4).indicators).toEqual([
      expect.objectContaining({ value: 5662, unit: '公里', comparator: 'ge', metric: '新改建整治通村组公路' }),
    ]);
  });

  it('task 6: lead 市发改委, 各县区政府 expanded to 13 co units, 市政府有关工作部门 kept as a group', () => {
    const t = task(6);
    expect(t.assignments[0]).toMatchObject({ unit: '市发改委', role: 'lead' });
    const counties = t.assignments.filter((a) => a.group === '各县区政府');
    expect(counties).toHaveLength(13);
    expect(counties.every((a) => a.role === 'co' && !a.isGroup)).toBe(true);
    expect(counties.map((a) => a.unit)).toEqual(
      expect.arrayContaining([
        '汉滨区政府',
        '平利县政府',
        '安康高新区管委会',
        '恒口示范区<试验区>管委会',
        '瀛湖生态旅游区管委会',
      ]),
    );
    expect(t.assignments.filter((a) => a.isGroup)).toEqual([
      {
        unit: '市政府有关工作部门',
        role: 'co',
        group: '市政府有关工作部门',
        isGroup: true,
        written: '市政府有关工作部门',
      },
    ]);
    expect(t.assignments).toHaveLength(15);
  });

  it('task 9: 恒口示范区<试验区>管委会 keeps its bracket as part of the name', () => {
    expect(task(9).assignments).toEqual([
      { unit: '恒口示范区<试验区>管委会', role: 'lead', written: '恒口示范区<试验区>管委会' },
    ]);
  });

  it('task 11: 市发改委<市飞地办> leads under its alias; 7 co units', () => {
    const t = task(11);
    expect(t.assignments[0]).toEqual({
      unit: '市发改委',
      role: 'lead',
      alias: '市飞地办',
      written: '市发改委<市飞地办>',
    });
    expect(t.assignments.slice(1).map((a) => a.role)).toEqual(Array(7).fill('co'));
  });

  it('task 13: a comma before the trailing group; no lead so all responsible', () => {
    const t = task(13);
    expect(t.assignments[0]).toMatchObject({ unit: '市税务局', role: 'responsible', convener: true });
    expect(t.assignments.find((a) => a.alias === '市国资委')).toMatchObject({ unit: '市工信局', role: 'responsible' });
    expect(t.assignments.filter((a) => a.group === '各县区政府')).toHaveLength(13);
    expect(t.assignments.every((a) => a.role === 'responsible')).toBe(true);
  });

  it('task 16: 市级包联重点工业企业<项目>成员单位 is one group, bracket included', () => {
    expect(task(16).assignments).toEqual([
      { unit: '市工信局', role: 'lead', written: '市工信局' },
      {
        unit: '市级包联重点工业企业<项目>成员单位',
        role: 'co',
        group: '市级包联重点工业企业<项目>成员单位',
        isGroup: true,
        written: '市级包联重点工业企业<项目>成员单位',
      },
    ]);
  });

  it('task 24: 3.5 万吨 ≥ (以上)', () => {
    expect(task(24).indicators.find((i) => i.unit === '万吨')).toMatchObject({
      value: 3.5,
      comparator: 'ge',
      text: '保持水产品产量3.5万吨以上',
    });
  });

  it('task 38: 2330 个 due 8月底前 → 2019-08-31; “八办三组”成员单位 kept as a group', () => {
    const t = task(38);
    expect(t.indicators[0]).toMatchObject({
      value: 2330,
      unit: '个',
      comparator: 'ge',
      deadline: { phrase: '8月底前', date: '2019-08-31' },
    });
    expect(t.indicators.filter((i) => i.deadline?.date === '2019-08-31').map((i) => i.value)).toEqual([
      2330, 717, 51, 107,
    ]);
    expect(t.indicators.find((i) => i.value === 1 && i.unit === '万户')?.deadline).toBeUndefined();
    expect(t.deadline).toEqual({ phrase: '8月底前', date: '2019-08-31' });
    expect(t.assignments.find((a) => a.isGroup)).toMatchObject({ unit: '“八办三组”成员单位', role: 'co' });
  });

  it('task 43: 市委农工办<市农业农村局> leads under its alias', () => {
    expect(task(43).assignments[0]).toMatchObject({ unit: '市委农工办', alias: '市农业农村局', role: 'lead' });
  });

  it('task 51: three leads, then a group', () => {
    expect(task(51).assignments.map((a) => `${a.unit}:${a.role}`)).toEqual([
      '市城管执法局:lead',
      '市生态环境局:lead',
      '市自然资源局:lead',
      '市政府有关工作部门:co',
    ]);
  });

  it('task 68: "市行政审批局等市政府有关工作部门" is a unit and a group', () => {
    const units = task(68).assignments.map((a) => a.unit);
    expect(units).toContain('市行政审批局');
    expect(units).toContain('市政府有关工作部门');
  });

  it('task 84: 11% ≤ (以下) and 秋季开学前 → 2019-09-01', () => {
    const t = task(84);
    expect(t.indicators.find((i) => i.value === 11)).toMatchObject({ unit: '%', comparator: 'le' });
    expect(t.deadline).toEqual({ phrase: '秋季开学前', date: '2019-09-01' });
  });

  it('task 91: 小于500米 is ≤', () => {
    expect(task(91).indicators.find((i) => i.unit === '米')).toMatchObject({ value: 500, comparator: 'le' });
  });

  it('every task has at least one assignment and exactly one lead-or-responsible structure', () => {
    for (const t of plan.tasks) {
      expect(t.assignments.length, `task ${t.number}`).toBeGreaterThan(0);
      const roles = new Set(t.assignments.map((a) => a.role));
      expect(roles.has('responsible') && roles.has('lead'), `task ${t.number}`).toBe(false);
    }
  });
});
