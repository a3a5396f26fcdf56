/**
 * Reads who does what from the words of a notice, before any unit is looked up:
 * "X牵头，Y分工负责" sentences, labelled fields (牵头单位：X；责任单位：Y) and the
 * leader / deadline labels that travel with them. Input is widened text (see _text.ts).
 */

/** How a list of units was introduced: 牵头 → lead, 配合/协同 → co, 负责/实施/责任单位 → plain. */
export type PartKind = 'lead' | 'co' | 'plain';

/** One list of written unit names and the role word that governs it. */
export interface RolePart {
  kind: PartKind;
  /** The list as written (市发改委、国土房管局、规划局). */
  list: string;
}

/** Everything read from a responsibility parenthesis or from label lines. */
export interface RoleInfo {
  parts: RolePart[];
  leader?: string;
  /** The people one by one with the label that named them. */
  leaders?: Array<{ name: string; role?: string }>;
  deadline?: string;
}

const VERB_KIND: Record<string, PartKind> = {
  分别牵头: 'lead',
  共同牵头: 'lead',
  牵头负责: 'lead',
  牵头: 'lead',
  主责: 'lead',
  配合: 'co',
  协同: 'co',
  协助: 'co',
  协办: 'co',
  参与: 'co',
  按职责分工负责: 'plain',
  按职责分别负责: 'plain',
  分别负责: 'plain',
  分工负责: 'plain',
  共同负责: 'plain',
  具体负责: 'plain',
  负总责: 'plain',
  负责: 'plain',
  实施: 'plain',
  落实: 'plain',
};
// Longest first; the verb must end its clause so 负责人 or 实施方案 never match.
const VERBS = Object.keys(VERB_KIND).sort((a, b) => b.length - a.length);
const VERB_RE = new RegExp(`(${VERBS.join('|')})(?=[，；。、\\s]|$)`, 'g');

const LABELS: Record<string, PartKind | 'leader' | 'deadline' | 'prose'> = {
  牵头单位: 'lead',
  牵头部门: 'lead',
  主责单位: 'lead',
  牵头责任单位: 'lead',
  主要责任单位: 'lead',
  牵头责任部门: 'lead',
  协同责任单位: 'co',
  协同配合单位: 'co',
  配合责任单位: 'co',
  配合单位: 'co',
  配合部门: 'co',
  协同单位: 'co',
  协办单位: 'co',
  参与单位: 'co',
  责任单位: 'plain',
  责任部门: 'plain',
  实施单位: 'plain',
  承办单位: 'plain',
  牵头负责领导: 'leader',
  责任领导: 'leader',
  分管领导: 'leader',
  牵头领导: 'leader',
  包抓领导: 'leader',
  联系领导: 'leader',
  完成时限: 'deadline',
  完成时间: 'deadline',
  时限要求: 'deadline',
  时间要求: 'deadline',
  时间节点: 'deadline',
  部门分工: 'prose',
  责任分工: 'prose',
  职责分工: 'prose',
};
// People, never units: 分管省领导, 牵头市领导, 责任县领导, 分管副市长, 包抓领导 … (one pattern for every level).
const LEADER_LABEL =
  '(?:分管|牵头|责任|联系|包抓|包联|主管|牵头负责)(?:副)?(?:省|市|县|区|镇|乡)?(?:级)?(?:政府)?(?:领导(?:同志)?|省长|市长|县长|区长)';
const LABEL_NAMES = Object.keys(LABELS).sort((a, b) => b.length - a.length);
const LABEL_ALT = `${LABEL_NAMES.join('|')}|${LEADER_LABEL}`;
const LABEL_RE = new RegExp(`(${LABEL_ALT})\\s*：`, 'g');
const LEADER_RE = new RegExp(`^${LEADER_LABEL}$`);
/** A line that starts with one of the known labels. */
export const LABEL_LINE = new RegExp(`^[\\s\\u3000]*(?:${LABEL_ALT})\\s*：`);

/** What a label introduces; generic leader labels (分管省领导 …) are people. */
function labelKind(label: string): PartKind | 'leader' | 'deadline' | 'prose' {
  return LABELS[label] ?? (LEADER_RE.test(label) ? 'leader' : 'plain');
}

/** True when the text contains at least one labelled field (牵头单位：…). */
export function hasLabels(wide: string): boolean {
  LABEL_RE.lastIndex = 0;
  return LABEL_RE.test(wide);
}

/** True when the text contains a role verb that ends a clause (牵头, 负责, 配合 …). */
export function hasRoleVerb(wide: string): boolean {
  VERB_RE.lastIndex = 0;
  return VERB_RE.test(wide);
}

/** Splits "X牵头，Y、Z分工负责" into lists governed by their role verbs; a list with no verb is `plain`. */
export function parseRoleSentence(wide: string, into: RoleInfo = { parts: [] }): RoleInfo {
  const text = wide.replace(/[。\s]+$/, '');
  let from = 0;
  VERB_RE.lastIndex = 0;
  for (let m = VERB_RE.exec(text); m; m = VERB_RE.exec(text)) {
    const list = text
      .slice(from, m.index)
      .replace(/^[，；、。\s]+|[，；、。\s]+$/g, '')
      .replace(/^(?:由|以及|并由)/, '');
    if (list) pushList(into, VERB_KIND[m[1]!]!, list);
    from = m.index + m[0].length;
  }
  const rest = text.slice(from).replace(/^[，；、。\s]+|[，；、。\s]+$/g, '');
  if (rest) pushList(into, 'plain', rest);
  return into;
}

/** "X会同Y负责": X leads and Y, named after 会同 (together with), works under it. */
function pushList(into: RoleInfo, kind: PartKind, list: string): void {
  const k = list.indexOf('会同');
  if (k > 0 && k < list.length - 2) {
    into.parts.push({ kind: 'lead', list: list.slice(0, k) });
    into.parts.push({ kind: kind === 'lead' ? 'co' : kind, list: list.slice(k + 2) });
  } else into.parts.push({ kind, list });
}

/** 刘 哲 → 刘哲: a two-character name padded to the width of three-character ones is one person. */
function unpad(names: string): string {
  return names.replace(/(^|[、，；\s])([\u4e00-\u9fff])[\s\u3000]+([\u4e00-\u9fff])(?=$|[、，；\s])/gu, '$1$2$3');
}

/** Reads labelled fields (牵头单位：X；配合单位：Y；责任领导：张三；完成时限：6月底前). */
export function parseLabelled(wide: string, into: RoleInfo = { parts: [] }): RoleInfo {
  const found: Array<{ label: string; start: number; end: number }> = [];
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(wide); m; m = LABEL_RE.exec(wide))
    found.push({ label: m[1]!, start: m.index, end: m.index + m[0].length });
  found.forEach((f, i) => {
    const value = wide.slice(f.end, found[i + 1]?.start ?? wide.length).replace(/^[\s：]+|[，；。\s]+$/g, '');
    const kind = labelKind(f.label);
    if (!value) return;
    if (kind === 'leader') {
      const people = unpad(value);
      into.leader = into.leader ? `${into.leader}、${people}` : people;
      for (const name of people.split(/[、，；\s]+/).filter(Boolean))
        (into.leaders ??= []).push({ name, role: f.label });
    } else if (kind === 'deadline') into.deadline = value;
    else if (kind === 'prose') parseRoleSentence(value, into);
    else if (hasRoleVerb(value)) {
      // 责任单位：市人力社保局、市农业农村局分别牵头 — the words in the value outrank the label.
      const inner = parseRoleSentence(value);
      for (const part of inner.parts) into.parts.push(part.kind === 'plain' ? { kind, list: part.list } : part);
    } else into.parts.push({ kind, list: value });
  });
  return into;
}
