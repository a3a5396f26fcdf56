import type { Comparator, Indicator } from '@duban/core';
import { type DeadlineRules, type FoundDeadline, scanDeadlines } from './_deadline.js';

// A measure word that starts a noun is no measure: 121人才梯队, 3—12个月, 名单, 家庭, 项目, 户籍, 条件.
const WORD_AFTER: Record<string, string> = {
  人: '[才员]',
  个: '月',
  名: '[单称]',
  家: '庭',
  项: '目',
  户: '籍',
  条: '[件例]',
};
// Units of measure as notices write them, longest first so 万亩 wins over 万.
const UNITS = [
  '万平方米',
  '万立方米',
  '平方公里',
  '平方米',
  '立方米',
  '万千瓦',
  '千瓦',
  '兆瓦',
  '万美元',
  '亿美元',
  '亿元',
  '万元',
  '万亩',
  '万吨',
  '微克/立方米',
  '微克',
  '万人次',
  '万人',
  '万户',
  '个百分点',
  '百分点',
  '公里',
  '千米',
  '公顷',
  '人次',
  '场次',
  '元',
  '亩',
  '吨',
  '人',
  '户',
  '个',
  '家',
  '名',
  '座',
  '天',
  '条',
  '部',
  '处',
  '场',
  '项',
  '次',
  '所',
  '台',
  '辆',
  '间',
  '套',
  '张',
  '宗',
  '批',
  '床',
  '米',
  '万',
  '%',
  '％',
].map((u) => u + (WORD_AFTER[u] ? `(?!${WORD_AFTER[u]})` : ''));
// 不低于/不少于 mean ≥, so 小于/低于 must not be read inside them.
const LE_BEFORE = '不超过|不高于|(?<!不)小于|(?<!不)低于|控制在|下降到|下降至|降至|降到|压减到|压减至';
// 1到2个, 3—5所: a range; its low end is the target (its high end under a 以内 / 控制在 ceiling).
const NUMBER = new RegExp(
  `(?<![\\d.第])(${LE_BEFORE})?(?:(\\d+(?:\\.\\d+)?)(?:到|至|—|－|-|～|~))?(\\d+(?:\\.\\d+)?)(${UNITS.join('|')})(?:（含）)?(及以上|及以下|以上|以下|以内|左右)?`,
  'g',
);
// Non-global twin of NUMBER: NUMBER's lastIndex drives the scan and must not be touched.
const LATER_NUMBER = new RegExp(NUMBER.source);
const SENTENCE_END = /[。；！？\n]/;
const CLAUSE_END = /[，、：。；！？\n]/;
const FILLER = /^(?:确保|力促|力争|争取|全年|今年|累计|实现|其中)+/;

interface Hit {
  start: number;
  end: number;
  value: number;
  unit: string;
  comparator: Comparator;
  deadline?: FoundDeadline;
}

function bounds(text: string, at: number, end: RegExp): [number, number] {
  let s = at;
  while (s > 0 && !end.test(text[s - 1]!)) s--;
  let e = at;
  while (e < text.length && !end.test(text[e]!)) e++;
  return [s, e];
}

function hitsIn(wide: string, year: number, rules: DeadlineRules): Hit[] {
  const hits: Hit[] = [];
  const deadlines = scanDeadlines(wide, year, rules);
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(wide); m; m = NUMBER.exec(wide)) {
    const start = m.index;
    if (deadlines.some((d) => start < d.end && m!.index + m![0].length > d.start)) continue;
    const comparator: Comparator = m[1] || m[5] === '以下' || m[5] === '及以下' || m[5] === '以内' ? 'le' : 'ge';
    const value = Number(m[2] !== undefined && comparator === 'ge' ? m[2] : m[3]);
    const hit: Hit = { start, end: start + m[0].length, value, unit: m[4] === '％' ? '%' : m[4]!, comparator };
    // 22.9万贫困人口: a bare 万 counts what the next words name (人口 → 万人, 农户 → 万户).
    if (hit.unit === '万')
      hit.unit += /^[^\d，、。；：]{0,4}?([人户亩吨])/.exec(wide.slice(hit.end, hit.end + 6))?.[1] ?? '';
    if (m[5] && m[5] !== '左右' && isQualifier(wide, hit.end)) continue;
    if (hit.unit === '天' && /^[内之]/.test(wide.slice(hit.end, hit.end + 1))) continue; // 3天内 is a time limit
    // A deadline written earlier in the same sentence (确保8月底前完成2330个…) binds the figure.
    const [sentenceStart] = bounds(wide, start, SENTENCE_END);
    const before = deadlines.filter((d) => d.start >= sentenceStart && d.end <= start);
    if (before.length) hit.deadline = before[before.length - 1]!;
    hits.push(hit);
  }
  return hits;
}

/** Finds quantitative targets (5662公里, 3.5万吨以上, 小于500米 …) in `raw`; `wide` is its widened twin. */
export function extractIndicators(raw: string, wide: string, year: number, rules: DeadlineRules): Indicator[] {
  const hits = hitsIn(wide, year, rules);
  const out: Indicator[] = [];
  let prevMetric = '';
  let prevClause = -1;
  hits.forEach((h, i) => {
    const [cs, ce] = bounds(wide, h.start, CLAUSE_END);
    let s = cs;
    let e = ce;
    const prev = hits[i - 1];
    const next = hits[i + 1];
    // Two figures in one clause (增长8%和9%, 2个…基地和10个…点) split at the connective between them.
    if (prev && prev.end > cs) s = cutBetween(wide, prev.end, h.start);
    if (next && next.start < ce) e = cutBetween(wide, h.end, next.start);
    const text = raw.slice(s, e).replace(/^[和及与\s]+|[和及与\s]+$/g, '');
    let metric = raw.slice(s, h.start) + raw.slice(h.end, e);
    if (h.deadline && h.deadline.start >= s) metric = metric.replace(h.deadline.phrase ?? '', '');
    metric = metric.replace(/^[和及与\s]+|[和及与\s]+$/g, '').replace(FILLER, '');
    if (!metric && prevClause === cs) metric = prevMetric;
    prevMetric = metric;
    prevClause = cs;
    const ind: Indicator = {
      key: String(out.length + 1),
      text,
      metric: metric || text,
      value: h.value,
      unit: h.unit,
      comparator: h.comparator,
    };
    if (h.deadline) ind.deadline = { phrase: h.deadline.phrase, date: h.deadline.date };
    out.push(ind);
  });
  return out;
}

function cutBetween(wide: string, from: number, to: number): number {
  const gap = wide.slice(from, to);
  const k = Math.max(gap.lastIndexOf('和'), gap.lastIndexOf('及'), gap.lastIndexOf('与'));
  return k >= 0 ? from + k : from;
}

const CJK = /[\u4e00-\u9fff]/;

/** "300户以上移民安置社区…" and "以100户以上集中安置社区为重点" describe what is counted; they are not targets. */
function isQualifier(wide: string, end: number): boolean {
  if (!CJK.test(wide[end] ?? '')) return false;
  // 30人（含）以下的企业, 300户以上的社区: the figure says which ones are meant.
  if (wide[end] === '的') return true;
  const [cs, ce] = bounds(wide, end, CLAUSE_END);
  const clause = wide.slice(cs, ce);
  if (/^以.+为/.test(clause)) return true;
  return LATER_NUMBER.test(wide.slice(end, ce));
}
