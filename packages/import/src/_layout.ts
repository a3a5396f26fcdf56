import { LABEL_LINE, hasLabels, hasRoleVerb } from './_roles.js';
import { chineseNumber, trimAll } from './_text.js';

/** A numbered task as found in the text: its lines, before any interpretation. */
export interface TaskBlock {
  number: number;
  section: number;
  /** 1-based line numbers of the task's text lines (the first one carries the number). */
  textLines: number[];
  /** 1-based line numbers of label lines (牵头单位：…) that belong to the task. */
  labelLines: number[];
  /** Offset of the text after the number on the first line. */
  bodyStart: number;
}

/** A section heading (一、…). */
export interface SectionBlock {
  number: number;
  title: string;
  line: number;
}

/** The notice cut into preamble, sections and task blocks. */
export interface Layout {
  preamble: number[];
  sections: SectionBlock[];
  tasks: TaskBlock[];
}

const SECTION = /^([一二三四五六七八九十]+)、\s*([^。]{1,60})$/;
const ARABIC = /^(\d{1,6})\s*[.．、](?!\d)\s*/;
const PAREN = /^（([一二三四五六七八九十]+)）\s*/;
// Web-page furniture around a scraped notice.
const NOISE = /扫一扫|打印本页|关闭窗口|您当前的位置|当前位置[：]|索引号|公开日期|公开形式|公开目录|公开责任部门|有效性|【字体|字号：|分享到|相关附件|相关链接|原件[：]|语音播报|我是安安|切换$|^(?:首页|返回顶部|上一篇|下一篇)/;

/** True when the line (trimmed) is web-page noise. */
export function isNoise(line: string): boolean {
  return NOISE.test(line);
}

/** True when a line ends with a parenthesis that names responsibilities (…牵头，…负责）). */
function endsWithDuty(wide: string): boolean {
  const t = wide.replace(/[。\s]+$/, '');
  if (!t.endsWith('）')) return false;
  const open = t.lastIndexOf('（');
  const inner = t.slice(open + 1, -1);
  return hasRoleVerb(inner) || hasLabels(inner);
}

/** Cuts widened lines into preamble, sections and tasks; picks 1./1、 or （一） numbering by frequency. */
export function cutLayout(wideLines: string[]): Layout {
  const trimmed = wideLines.map(trimAll);
  let arabic = 0;
  let paren = 0;
  for (const l of trimmed) {
    if (ARABIC.test(l)) arabic++;
    else if (PAREN.test(l)) paren++;
  }
  const taskRe = arabic >= paren ? ARABIC : PAREN;
  const subRe = taskRe === ARABIC ? PAREN : ARABIC;
  const layout: Layout = { preamble: [], sections: [], tasks: [] };
  let task: TaskBlock | undefined;
  let open = false; // the task still accepts continuation text
  let gap = false; // a blank line since the task's last line
  let section = 0;
  trimmed.forEach((l, i) => {
    const line = i + 1;
    if (!l) { gap = true; return; }
    const sec = SECTION.exec(l);
    const num = taskRe.exec(l);
    if (isNoise(l)) { task = undefined; return; }
    if (num && (arabic + paren > 0)) {
      const n = taskRe === ARABIC ? Number(num[1]) : chineseNumber(num[1]!);
      task = { number: n, section, textLines: [line], labelLines: [], bodyStart: wideLines[i]!.indexOf(l) + num[0].length };
      layout.tasks.push(task);
      open = !endsWithDuty(l);
      gap = false;
      return;
    }
    if (sec && !LABEL_LINE.test(l)) {
      section = chineseNumber(sec[1]!);
      layout.sections.push({ number: section, title: sec[2]!, line });
      task = undefined;
      return;
    }
    if (subRe.test(l)) { task = undefined; return; }
    if (task && LABEL_LINE.test(l)) {
      task.labelLines.push(line);
      open = false;
      gap = false;
      return;
    }
    if (task && open && !gap) {
      task.textLines.push(line);
      open = !endsWithDuty(l);
      return;
    }
    task = undefined;
    if (!layout.tasks.length) layout.preamble.push(line);
  });
  return layout;
}
