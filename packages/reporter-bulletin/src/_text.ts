import { answeringText, type JudgedTask, printable, quoteInner } from '@duban/reporter-api';

// Small wording helpers shared by the bulletin's parts. They print what the
// judged view decided; none of them judges.

/** A task's title as the bulletin quotes it: full-width punctuation, inner quotes single (GB/T 15834), no trailing stop. */
export function titleOf(t: Pick<JudgedTask, 'title'>): string {
  return quoteInner(trimEnd(t.title));
}

/** 第7项“安康国家高新区…” */
export function taskRef(t: Pick<JudgedTask, 'task' | 'title'>): string {
  return `第${t.task}项“${titleOf(t)}”`;
}

/** The units answering for a task as a sentence names them: 市发改委, 市工信局、市金融办, or 市机场办、市发改委等分工负责. */
export function answerable(t: Pick<JudgedTask, 'lead' | 'responsible' | 'noLead'>): string {
  return answeringText(t, 'sentence');
}

/** Text with full-width punctuation and no trailing 。；，、 */
export function trimEnd(text: string): string {
  return printable(text)
    .trim()
    .replace(/[。；;，,、\s]+$/u, '');
}

/** A unit's own words about a problem, or '' when it said nothing (无, 暂无, —). */
export function problemText(text: string): string {
  const t = trimEnd(text);
  return /^(无|暂无|没有|—+|-+|\/)?$/u.test(t) ? '' : t;
}

/**
 * The opening of a narrative in at most `max` characters, cut only between
 * clauses (，；。) and never with “…”; a leading time phrase (截至6月底) is
 * dropped. '' when even the first clause is longer.
 */
export function excerpt(text: string, max: number): string {
  const clauses = printable(text)
    .trim()
    .split(/(?<=[，；。])/u)
    .map((c) => c.trim())
    .filter(Boolean);
  if (clauses.length > 1 && /^(截至|截止)[^，；。]{0,10}[，；]$/u.test(clauses[0]!)) clauses.shift();
  let out = '';
  for (const c of clauses) {
    if ([...out].length + [...c].length > max) break;
    out += c;
    if (/[。；]$/u.test(c)) break;
  }
  return out ? out.replace(/[，；。]$/u, '') + '。' : '';
}

/** Chinese numerals for heading numbers: 1 → 一 … 20 → 二十. */
export function chineseNumber(n: number): string {
  const d = '零一二三四五六七八九';
  if (n <= 10) return n === 10 ? '十' : d[n]!;
  if (n < 20) return `十${d[n - 10]}`;
  return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
}
