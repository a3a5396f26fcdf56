import type { Indicator, Milestone } from '@duban/core';
import { type DeadlineRules, scanDeadlines } from './_deadline.js';
import { extractIndicators } from './_indicators.js';
import { pad2, trimAll } from './_text.js';

/** Notice-level facts: who issued it, its number, date, title and year. */
export interface Header {
  issuer: string;
  docNumber: string | null;
  title: string;
  date: string | null;
  year: number | undefined;
}

const TITLE = /^(\S{2,40}?)关于\S{2,120}的(?:通知|意见|决定|函)$/;
const PLAN_TITLE = /^\S{0,60}(?:分解方案|任务分解|任务分工|责任分工)\S{0,20}$/;
const ISSUER_END = /(?:政府|办公室|办公厅|委员会|委|局|厅|办)$/;
const DOC_NO = /([\u4e00-\u9fa5]{1,12})\s*[〔［【[（(]\s*(\d{4})\s*[〕］】\]）)]\s*(\d{1,4})\s*号/;
const LABEL_DATE = /成文日期[：:\s|｜]*(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})/;
const LINE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const ISSUER_LABEL = /(?:发布机构|发文机关|发文单位)[：:\s|｜]+([^\s|｜]+)/;
const TITLE_LABEL = /^(?:标题|文件名称|名称)[：:\s]*/;
const SIGNATURE = /^\S{2,30}(?:人民政府|办公室|办公厅)$/;

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${pad2(Number(m))}-${pad2(Number(d))}`;
}

/** Reads issuer, document number, date, title and year from the notice's lines; `tasks` is the 1-based line span of the tasks. */
export function readHeader(
  lines: string[],
  sourceName: string | undefined,
  tasks: [first: number, last: number],
): Header {
  const trimmed = lines.map((l) => trimAll(l).replace(TITLE_LABEL, ''));
  let title = '';
  let issuer = '';
  let date: string | null = null;
  let docNumber: string | null = null;
  let signature = '';
  for (let i = 0; i < trimmed.length; i++) {
    const l = trimmed[i]!;
    // A PDF copy breaks the title after the issuer: 安康市人民政府 / 关于印发…的通知.
    const joined = l.startsWith('关于') && i > 0 ? `${trimmed[i - 1]}${l}` : l;
    const t = TITLE.exec(joined);
    if (!title && t) {
      title = joined;
      if (ISSUER_END.test(t[1]!)) issuer = t[1]!;
    }
    // Tasks cite other documents (按照陕政发〔2018〕12号要求); the notice's own number sits around them.
    if (!docNumber && (i < tasks[0] - 1 || i > tasks[1] - 1)) {
      const d = DOC_NO.exec(l);
      if (d) docNumber = `${d[1]!.replace(/^(?:发文字号|文号|字号|原件)/, '')}〔${d[2]}〕${d[3]}号`;
    }
    const ld = LABEL_DATE.exec(l);
    if (ld && !date) date = isoDate(ld[1]!, ld[2]!, ld[3]!);
    const ln = LINE_DATE.exec(l);
    if (ln) {
      if (!date) date = isoDate(ln[1]!, ln[2]!, ln[3]!);
      const prev = trimmed
        .slice(Math.max(0, i - 3), i)
        .reverse()
        .find((p) => p);
      if (!signature && prev && SIGNATURE.test(prev)) signature = prev;
    }
    const il = ISSUER_LABEL.exec(l);
    if (il && !issuer) issuer = il[1]!;
  }
  if (!issuer) issuer = signature;
  if (!title) title = trimmed.find((l) => PLAN_TITLE.test(l)) ?? sourceName ?? '';
  const y = /(\d{4})年/.exec(title)?.[1] ?? date?.slice(0, 4) ?? /〔(\d{4})〕/.exec(docNumber ?? '')?.[1];
  return { issuer, docNumber, title, date, year: y === undefined ? undefined : Number(y) };
}

const HEADLINE = /(?:预期目标|主要目标|发展目标|目标任务)(?:为|是)?[：]?/;
const HEADLINE_END = /为确保|为实现|为完成|现就|现将/;

/** Headline targets: figures in the preamble sentence that states the year's goals. */
export function readHeadline(
  raw: string[],
  wide: string[],
  preamble: number[],
  year: number,
  rules: DeadlineRules,
): Indicator[] {
  for (const n of preamble) {
    const w = wide[n - 1]!;
    const m = HEADLINE.exec(w);
    if (!m || !/\d/.test(w.slice(m.index))) continue;
    const start = m.index + m[0].length;
    const endAt = w.slice(start).search(HEADLINE_END);
    const end = endAt < 0 ? w.length : start + endAt;
    const found = extractIndicators(raw[n - 1]!.slice(start, end), w.slice(start, end), year, rules);
    if (found.length) return found;
  }
  return [];
}

const FILED = /报|报送|提交|上报|制定/;

/** Notice-level milestones: preamble sentences that set a dated deadline for filing something. */
export function readMilestones(
  raw: string[],
  wide: string[],
  preamble: number[],
  year: number,
  rules: DeadlineRules,
): Milestone[] {
  const out: Milestone[] = [];
  for (const n of preamble) {
    const w = wide[n - 1]!;
    const r = raw[n - 1]!;
    let from = 0;
    for (const piece of w.split(/(?<=[。；])/)) {
      const at = from;
      from += piece.length;
      if (!FILED.test(piece)) continue;
      const d = scanDeadlines(piece, year, rules)[0];
      if (!d) continue;
      const text = trimAll(r.slice(at, at + piece.length)).replace(/^[一二三四五六七八九十]+、[^。]{1,12}。/, '');
      const m: Milestone = { key: String(out.length + 1), text, deadline: { phrase: d.phrase, date: d.date } };
      if (d.time) m.time = d.time;
      out.push(m);
    }
  }
  return out;
}
