// Numbering styles and row layouts beyond 1. and （一） (issue 12: every numbering style, tables aligned with spaces).
import type { Task } from '@duban/core';
import { parseNotice } from '@duban/import';
import { describe, expect, it } from 'vitest';

const roles = (t: Task) => t.assignments.map((a) => `${a.unit}:${a.role}`);
const plan = (text: string) => {
  const r = parseNotice(text, { year: 2024 });
  expect(r.errors).toEqual([]);
  return r.value!;
};

describe('numbering styles', () => {
  it('reads （1） tasks under 1. headings', () => {
    const p = plan(
      '一、稳增长\n1.扩大有效投资\n（1）实施重点项目100个。（市发改委牵头，市财政局配合）\n（2）新开工项目50个。（市住建局负责）\n2.促进消费\n（1）举办促消费活动20场。（市商务局负责）\n',
    );
    expect(p.tasks.map((t) => [t.number, roles(t)])).toEqual([
      [1, ['市发改委:lead', '市财政局:co']],
      [2, ['市住建局:lead']],
      [3, ['市商务局:lead']],
    ]);
    expect(p.tasks.map((t) => t.indicators[0]?.value)).toEqual([100, 50, 20]);
  });

  it('reads ① tasks, 第一条 articles and 一是 lines, each with their units', () => {
    expect(
      plan('①改造老旧小区16个。（市住建局负责）\n②新建公园3个。（市城管局负责）\n').tasks.map((t) => [
        t.number,
        roles(t),
      ]),
    ).toEqual([
      [1, ['市住建局:lead']],
      [2, ['市城管局:lead']],
    ]);
    expect(
      plan('第一条 建成县医院门诊楼。（县卫健局负责）\n第二条 改造农村公路50公里。（县交通局负责）\n').tasks.map(
        (t) => t.number,
      ),
    ).toEqual([1, 2]);
    expect(
      plan('一是加快项目建设。（市发改委负责）\n二是优化营商环境。（市行政审批局负责）\n').tasks.map((t) => roles(t)),
    ).toEqual([['市发改委:lead'], ['市行政审批局:lead']]);
  });

  it('reads 一、 tasks when they carry the duties (no deeper numbering)', () => {
    const p = plan(
      '一、实施城市更新行动，改造老旧小区30个。（市住建局牵头，各区政府负责）\n二、新增城镇就业2万人。（市人社局负责）\n',
    );
    expect(p.tasks.map((t) => [t.number, roles(t)])).toEqual([
      [1, ['市住建局:lead', '各区政府:co']],
      [2, ['市人社局:lead']],
    ]);
  });

  it('keeps 1﹒ numbering', () => {
    expect(
      plan('1﹒修建公路10公里。（县交通局负责）\n2﹒建成幼儿园2所。（县教体局负责）\n').tasks.map((t) => t.number),
    ).toEqual([1, 2]);
  });
});

describe('a table aligned with single spaces, one row per line', () => {
  it('matches the words to the columns by kind, a space-separated unit list included', () => {
    const p = plan(
      '2024年重点工作任务分解表\n序号 工作任务 牵头单位 配合单位 完成时限\n1 加快阳安铁路复线建设 市交通局 市发改委 市自然资源局 12月底前\n2 新建5G基站800个 市工信局 6月底前\n3 实施城乡供水一体化工程 市水利局 各县区政府 年底前\n',
    );
    expect(p.tasks.map((t) => [t.number, t.text, roles(t), t.deadline.date])).toEqual([
      [1, '加快阳安铁路复线建设', ['市交通局:lead', '市发改委:co', '市自然资源局:co'], '2024-12-31'],
      [2, '新建5G基站800个', ['市工信局:lead'], '2024-06-30'],
      [3, '实施城乡供水一体化工程', ['市水利局:lead', '各县区政府:co'], '2024-12-31'],
    ]);
    expect(p.tasks[1]!.indicators.map((i) => i.value)).toEqual([800]);
  });
});

describe('the plan year from dates written other ways', () => {
  for (const date of ['2015-03-13', '13.03.2015', '2015/3/13']) {
    it(`reads 2015 from ${date} before the tasks`, () => {
      const r = parseNotice(`重点工作分工\n印发日期 ${date}\n1.甲项工作。（市发改委负责）\n`);
      expect(r.errors).toEqual([]);
      expect(r.value!.year).toBe(2015);
    });
  }
});

describe('a task number followed by a figure', () => {
  it('reads 11.121人才梯队项目 as task 11 when 11 is the next number, and 1.5万亩 in running text as a figure', () => {
    const p = plan(
      '1.博士后培养项目。（市人社局负责）\n2.121人才梯队项目。重点培养不少于10名后备人才。（市人社局负责）\n3.新建公园。（市城管局负责）\n',
    );
    expect(p.tasks.map((t) => [t.number, t.title])).toEqual([
      [1, '博士后培养项目'],
      [2, '121人才梯队项目'],
      [3, '新建公园'],
    ]);
    expect(p.tasks[1]!.indicators.map((i) => i.value)).toEqual([10]);
    const q = plan('1.扩大种植面积，\n1.5万亩高标准农田年内建成。（市农业局负责）\n2.新建公园。（市城管局负责）\n');
    expect(q.tasks.map((t) => t.number)).toEqual([1, 2]);
    expect(q.tasks[0]!.indicators.map((i) => i.value)).toEqual([1.5]);
  });
});

describe('several duty parentheses inside one task', () => {
  it('reads every duty that closes a sentence, keeps an explaining parenthesis as text', () => {
    const p = plan(
      '（一）鼓励创新创业。推进商事制度改革。（市场监管总局负责）加强创新创业教育服务。（体育总局、教育部负责）鼓励新技术应用（含人工智能）。（体育总局、科技部负责）\n（二）实行直通车机制（企业直接向国家发展改革委申报）。（国家发展改革委负责）\n',
    );
    expect(p.tasks.map(roles)).toEqual([
      ['市场监管总局:responsible', '体育总局:responsible', '教育部:responsible', '科技部:responsible'],
      ['国家发展改革委:lead'],
    ]);
    expect(p.tasks[0]!.assignments[0]!.convener).toBe(true);
    expect(p.tasks[0]!.text).toBe(
      '鼓励创新创业。推进商事制度改革。加强创新创业教育服务。鼓励新技术应用（含人工智能）。',
    );
    expect(p.tasks[1]!.text).toBe('实行直通车机制（企业直接向国家发展改革委申报）。');
  });
});

describe('leaders', () => {
  it('reads 刘 哲 (a two-character name padded to three) as one person', () => {
    const p = plan(
      '1.规上工业增加值增长7%。\n牵头领导:刘 哲\n牵头单位:市工信局\n2.新建公园。\n牵头领导:张三 李四\n牵头单位:市城管局\n',
    );
    expect(p.tasks.map((t) => [t.leader, t.leaders?.map((l) => l.name)])).toEqual([
      ['刘哲', ['刘哲']],
      ['张三 李四', ['张三', '李四']],
    ]);
    expect(p.tasks.map(roles)).toEqual([['市工信局:lead'], ['市城管局:lead']]);
  });
});
