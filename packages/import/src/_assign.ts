import type { Assignment, ImportWarning, Role } from '@duban/core';
import type { PartKind, RoleInfo } from './_roles.js';
import { nameKey } from './_text.js';
import { looksLikeGroup, looksLikeUnit, type UnitIndex } from './_units.js';

/** One written name after bracket and 等 handling, before lookup. */
interface Item {
  written: string;
  name: string;
  alias?: string;
}

/** "列第一位者为牵头单位" / "排名首位的部门牵头负责": the first listed unit leads (stated once, 下同). */
export const FIRST_LEADS = /(?:第一位|首位)(?:者|的)?(?:责任单位|单位|部门)?(?:为|是)?(?:工作)?牵头/;
// A convention note inside a list: a bracket or clause that mentions 第一位/首位/下同/除标注.
const NOTE = /第一位|首位|下同|除标注|不再(?:做|作|单独)?(?:分工|列出)/;
const VERBISH = /负责|牵头|配合|协同|参与|落实(?![，。])/;

/** Removes convention notes from a written list; says whether one made the first unit the lead. */
export function stripNotes(list: string): { list: string; firstLeads: boolean } {
  let firstLeads = false;
  const noted = (t: string) => {
    if (!NOTE.test(t)) return false;
    if (FIRST_LEADS.test(t)) firstLeads = true;
    return true;
  };
  let out = list.replace(/[（(<]([^（()）<>]*)[）)>]/g, (m, inner: string) => (noted(inner) ? '' : m));
  // A note sentence naming no duty (具体任务均涉及相关市（州）人民政府，不再做分工，下同。) goes whole; in a sentence
  // that also assigns (…等负责，列第一位者为牵头单位，下同) only the note's clauses go.
  out = out
    .split(/(?<=。)/)
    .filter((sentence) => !(NOTE.test(sentence) && !VERBISH.test(sentence) && noted(sentence)))
    .join('');
  out = out
    .split(/(?<=[，；。])|(?=[，；。])/)
    .filter((c) => !noted(c))
    .join('')
    .replace(/^[，；。\s]+|[，；。\s]+$/g, '')
    .replace(/[，；]{2,}/g, '，');
  return { list: out, firstLeads };
}

const SEP = /[、，；,;\s]/;
const OPEN = '（(<〈［[【';
const CLOSE = '）)>〉］]】';

/** Splits at separators outside brackets: 各县（市、区）政府 stays one name. */
function splitTop(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEP.test(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

// A level of local government written bare after a 各… name: 市, 县级市, 镇（街道）, 区政府, 乡镇人民政府.
const LEVEL =
  /^(?:县级市|乡镇|街道|开发区|园区|[县市区镇乡])(?:[（(<][^（()）<>]*[）)>])?(?:人民)?(?:政府|办事处|管委会)?$/;

/** 各县、市、区政府 / 各区、县级市 / 各开发区、镇（街道）: one collective name written with 、 inside it. */
function joinLevels(items: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    let item = items[i]!;
    // Only a short 各… name takes bare levels after it; 区市场局 or 市直部门 stand on their own.
    if (/^各(?:有关|相关)?[^、，]{1,4}$/.test(item)) {
      let j = i + 1;
      while (j < items.length && LEVEL.test(items[j]!)) j++;
      if (j > i + 1) {
        item = items.slice(i, j).join('、');
        i = j - 1;
      }
    }
    out.push(item);
  }
  return out;
}

/** Splits a written list into names: separators 、 ， , ；, spaces (outside brackets); "X等Y" and "X等和Y" → X and Y. */
export function splitList(list: string): string[] {
  // Spaces inside brackets are typos (恒口示范区< 试验区>管委会), not separators.
  const tidy = list.replace(/([<（(〈])[\s\u3000]+/g, '$1').replace(/[\s\u3000]+([>）)〉])/g, '$1');
  const out: string[] = [];
  for (const raw of joinLevels(splitTop(tidy))) {
    const m = /^(.+?)等(?:和|及|以及|与)?(.*)$/.exec(raw);
    if (m && (m[2] === '' || m[2] === '单位' || m[2] === '部门' || looksLikeGroup(m[2]!))) {
      out.push(m[1]!);
      if (m[2] && m[2] !== '单位' && m[2] !== '部门') out.push(m[2]);
    } else out.push(raw);
  }
  return out;
}

function toItem(written: string, index: UnitIndex): Item {
  const key = nameKey(written);
  const m = /^(.+)<([^<>]+)>$/.exec(key);
  // A trailing bracket is an alias (市发改委<市飞地办>) unless the whole string is a known name;
  // a bracket followed by more name characters (恒口示范区<试验区>管委会) is part of the name.
  if (m && index.resolve(key).kind === 'unknown' && !looksLikeGroup(key)) return { written, name: m[1]!, alias: m[2]! };
  return { written, name: key };
}

// Role marks written after a name: 市发改委（牵头）, or after a list: （排在第一位的为牵头单位）.
const MARK_LEAD = /<(?:牵头|牵头单位|主责|召集|召集单位)>$/;
const MARK_FIRST = /<[^<>]*第一[^<>]*牵头[^<>]*>$/;

/** Lists with their role marks applied: a marked unit moves to a lead list of its own. */
function markLeads(
  info: RoleInfo,
  index: UnitIndex,
  docFirstLeads: boolean,
): Array<{ kind: PartKind; names: string[]; byOrder?: boolean }> {
  const lists: Array<{ kind: PartKind; names: string[]; byOrder?: boolean }> = [];
  const explicitLead = info.parts.some((p) => p.kind === 'lead');
  for (const p of info.parts) {
    const names: string[] = [];
    const stripped = stripNotes(p.list);
    // The notice's convention (列第一位者为牵头单位) applies where the task names no lead itself.
    let firstLeads = stripped.firstLeads || (docFirstLeads && !explicitLead && p.kind === 'plain');
    for (const n of splitList(stripped.list).flatMap((x) => splitJoined(x, index))) {
      const k = nameKey(n);
      if (MARK_FIRST.test(k)) {
        firstLeads = true;
        names.push(k.replace(MARK_FIRST, ''));
      } else if (MARK_LEAD.test(k)) lists.push({ kind: 'lead', names: [k.replace(MARK_LEAD, '')] });
      else names.push(n);
    }
    // A collective name listed first (各有关部门和单位，各省级人民政府按职责分工负责) leads nothing: the list stays shared.
    if (firstLeads && names.length > 1 && !looksLikeGroup(nameKey(names[0]!)))
      lists.push({ kind: 'lead', names: names.splice(0, 1), byOrder: true });
    if (names.length) lists.push({ kind: p.kind, names });
  }
  return lists;
}

/** "市发改委和市财政局" is two units when the whole is unknown and each part is a unit. */
function splitJoined(name: string, index: UnitIndex): string[] {
  if (!/[和及与]/.test(name) || index.resolve(nameKey(name)).kind !== 'unknown') return [name];
  const parts = name.split(/[和及与]/);
  const ok = parts.every(
    (p) => p.length >= 2 && (index.resolve(p).kind !== 'unknown' || looksLikeUnit(p) || looksLikeGroup(p)),
  );
  return ok ? parts : [name];
}

/** Assignments and warnings for one task. */
export interface AssignResult {
  assignments: Assignment[];
  warnings: ImportWarning[];
}

/** Turns role parts into assignments: resolves names, expands groups, applies lead/co/responsible rules. */
export function assign(
  info: RoleInfo,
  index: UnitIndex,
  line: number,
  options: { firstLeads?: boolean } = {},
): AssignResult {
  const warnings: ImportWarning[] = [];
  const lists = markLeads(info, index, options.firstLeads ?? false);
  const hasLead = lists.some((l) => l.kind === 'lead');
  const plain = lists.filter((l) => l.kind === 'plain').flatMap((l) => l.names);
  // "X负责" with X alone is a lead, and so is "X负责，Y配合"; "A、B分工负责" with no lead makes all responsible;
  // a collective name alone (国务院各部门分别负责) has no single lead: each member is responsible.
  const soleLead =
    !hasLead &&
    plain.length > 0 &&
    ((plain.length === 1 && !looksLikeGroup(nameKey(plain[0]!))) || lists.some((l) => l.kind === 'co'));
  const byUnit = new Map<string, Assignment>();
  const add = (a: Assignment) => {
    const seen = byUnit.get(a.unit);
    if (!seen) byUnit.set(a.unit, a);
    else if (a.role === 'lead' && seen.role !== 'lead') seen.role = 'lead';
  };
  let prefix = '';
  for (const l of lists) {
    const role: Role = l.kind !== 'plain' ? l.kind : hasLead ? 'co' : soleLead ? 'lead' : 'responsible';
    for (const written of l.names) {
      const item = toItem(written, index);
      const r = index.resolve(item.name);
      const base: Assignment = { unit: item.name, role, written };
      if (l.byOrder) base.byOrder = true;
      let used = r.kind === 'unit' ? r.name : item.name;
      if (item.alias) base.alias = item.alias;
      if (r.kind === 'unit') add({ ...base, unit: r.name });
      else if (r.kind === 'group' && r.members.length)
        for (const u of r.members) add({ ...base, unit: u, group: r.name });
      else if (r.kind === 'group') add({ ...base, unit: r.name, group: r.name, isGroup: true });
      else if (r.kind === 'ambiguous') {
        warnings.push({
          code: 'DUBAN_IMPORT_AMBIGUOUS_UNIT',
          message: `unit "${written}" could be ${r.candidates.join(' or ')}; kept as written`,
          line,
        });
        add(base);
      } else if (looksLikeGroup(item.name)) add({ ...base, group: item.name, isGroup: true });
      else {
        // 市发改委、国土房管局、规划局: the level prefix (市/县/区) is written once for the whole list
        // (团市委 already names its level).
        const name =
          prefix && !/[市县区]/.test(item.name) && /(局|委|办|中心|处|室)$/.test(item.name)
            ? `${prefix}${item.name}`
            : item.name;
        if (index.hasDirectory)
          warnings.push({
            code: 'DUBAN_IMPORT_UNKNOWN_UNIT',
            message: `unit "${written}" is not in the unit directory`,
            line,
          });
        add({ ...base, unit: name, ...(index.hasDirectory ? { unknown: true } : {}) });
        used = name;
      }
      // 市场监管总局 names a market, not the city: it sets no level prefix for the names after it.
      // 团市委 names its own level and leaves the prefix as it was.
      prefix = /^(?:市(?!场)|县(?!域)|区(?!域))/.exec(used)?.[0] ?? (/^[^市县区]+[市县区]/.test(used) ? prefix : '');
    }
  }
  const assignments = [...byUnit.values()];
  const first = assignments[0];
  if (first && first.role === 'responsible' && assignments.length > 1) first.convener = true;
  return { assignments, warnings };
}
