import { describe, expect, it } from 'vitest';
import { defaultDeadlineRules } from './_deadline.js';
import { extractIndicators } from './_indicators.js';
import { widen } from './_text.js';

const extract = (text: string) => extractIndicators(text, widen(text), 2019, defaultDeadlineRules);

describe('extractIndicators', () => {
  it('reads value, unit and metric', () => {
    expect(extract('新改建整治通村组公路5662公里。')).toEqual([
      {
        key: '1',
        text: '新改建整治通村组公路5662公里',
        metric: '新改建整治通村组公路',
        value: 5662,
        unit: '公里',
        comparator: 'ge',
      },
    ]);
  });

  it('keeps compound Chinese units of measure', () => {
    const found = extract('完成年度投资490亿元,利用外资4000万美元以上,保持水产品产量3.5万吨以上,新建茶园11万亩');
    expect(found.map((i) => [i.value, i.unit, i.comparator])).toEqual([
      [490, '亿元', 'ge'],
      [4000, '万美元', 'ge'],
      [3.5, '万吨', 'ge'],
      [11, '万亩', 'ge'],
    ]);
  });

  it('maps 以下, 以内, 小于 and 控制在 to ≤ but 不低于 to ≥', () => {
    const found = extract('“大班额”占比下降到11%以下,失业率控制在4.5%以内,公厕布点半径小于500米,处理率不低于95%');
    expect(found.map((i) => [i.value, i.unit, i.comparator])).toEqual([
      [11, '%', 'le'],
      [4.5, '%', 'le'],
      [500, '米', 'le'],
      [95, '%', 'ge'],
    ]);
  });

  it('gives figures the deadline written before them in the same sentence', () => {
    const found = extract('确保8月底前完成2330个交通项目、717个水利项目。同步推进1万户非贫困户不安全住房搬迁');
    expect(found.map((i) => [i.value, i.unit, i.deadline?.date])).toEqual([
      [2330, '个', '2019-08-31'],
      [717, '个', '2019-08-31'],
      [1, '万户', undefined],
    ]);
    expect(found[0]!.metric).toBe('完成交通项目');
  });

  it('ignores years, dates, ordinals, model numbers and names', () => {
    expect(
      extract(
        '实施2019“项目攻坚年”行动,第19届汉江龙舟节,新中国成立70周年,4G网络,5A景区,316国道,800千伏特高压,3月8日前',
      ),
    ).toEqual([]);
  });

  it('skips counts that only qualify what is counted', () => {
    const found = extract(
      '县域工业集中区和300户以上移民安置社区新建标准化厂房50万平方米,以100户以上集中安置社区为重点',
    );
    expect(found.map((i) => i.value)).toEqual([50]);
  });

  it('splits two figures of one clause at the connective', () => {
    const found = extract('城乡居民收入分别增长8%和9%');
    expect(found.map((i) => [i.text, i.metric, i.value])).toEqual([
      ['城乡居民收入分别增长8%', '城乡居民收入分别增长', 8],
      ['9%', '城乡居民收入分别增长', 9],
    ]);
  });

  it('reads 及以上 / 及以下 and drops 左右 from the metric', () => {
    const found = extract('地区生产总值增长6%左右,优良天数达到330天及以上,PM2.5浓度35微克及以下,新建学校5所及以上');
    expect(found.map((i) => [i.metric, i.value, i.unit, i.comparator])).toEqual([
      ['地区生产总值增长', 6, '%', 'ge'],
      ['优良天数达到', 330, '天', 'ge'],
      ['PM2.5浓度', 35, '微克', 'le'],
      ['新建学校', 5, '所', 'ge'],
    ]);
    expect(extract('办结时限压缩到3天内')).toEqual([]);
  });

  it('reads full-width digits', () => {
    expect(extract('新建公厕３９座').map((i) => [i.value, i.unit, i.text])).toEqual([[39, '座', '新建公厕３９座']]);
  });

  it('completes a bare 万 from the counted noun', () => {
    expect(extract('实现22.9万贫困人口脱贫,带动3万农户增收,新增10万平方米').map((i) => [i.value, i.unit])).toEqual([
      [22.9, '万人'],
      [3, '万户'],
      [10, '万平方米'],
    ]);
  });

  it('reads a range (1到2个, 3—5所) as its low end, or its high end under a ceiling', () => {
    expect(extract('建设1到2个人才培养基地,新建3—5所幼儿园').map((i) => [i.value, i.unit, i.comparator])).toEqual([
      [1, '个', 'ge'],
      [3, '所', 'ge'],
    ]);
    expect(extract('失业率控制在3-4%以内').map((i) => [i.value, i.comparator])).toEqual([[4, 'le']]);
  });

  it('takes no measure word that starts a noun: 121人才梯队, 3—12个月, 名单', () => {
    expect(extract('121人才梯队项目,重点培养不少于10名院士后备人才').map((i) => i.value)).toEqual([10]);
    expect(extract('组织失业青年参加3—12个月的就业见习')).toEqual([]);
    expect(extract('公布2批名单,新增就业1000人')).toEqual([
      expect.objectContaining({ value: 2, unit: '批' }),
      expect.objectContaining({ value: 1000, unit: '人' }),
    ]);
  });
});
