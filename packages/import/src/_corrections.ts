/**
 * The corrections file an office keeps beside a notice (notice.corrections.yaml, or
 * .yml/.json): what the importer read wrong, fixed by task number, without code.
 * It is applied on every import and re-import; entries that no longer match the
 * notice (a task number gone, or `was:` text no longer at the start of the task) are
 * reported instead of being applied to the wrong task.
 *
 *   12:
 *     was: 启动南外环高速公路         # optional: how the task began when this was written
 *     title: 南外环高速公路
 *     lead: [区交通运输局]
 *     co: [区发改局, 区林业局]
 *     deadline: 2023-06-30           # a date, or a phrase such as 6月底前
 *     indicators: [{ metric: 新建公路, value: 12, unit: 公里 }]
 *     leaders: [洪声耀]
 */
import { createHash } from 'node:crypto';
import type { Assignment, Indicator, Plan, Problem, Validated } from '@duban/core';
import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import { type DeadlineRules, defaultDeadlineRules, resolveDeadline } from './_deadline.js';

const Names = z.array(z.string().min(1)).max(500);
const Entry = z
  .object({
    was: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
    lead: Names.optional(),
    co: Names.optional(),
    responsible: Names.optional(),
    deadline: z.union([z.string().min(1), z.date()]).optional(),
    indicators: z
      .array(
        z
          .object({
            metric: z.string().min(1),
            value: z.number().finite(),
            unit: z.string(),
            comparator: z.enum(['ge', 'le', 'eq']).optional(),
            deadline: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    leaders: Names.optional(),
  })
  .strict();
type Entry = z.infer<typeof Entry>;

/** A parsed corrections file: entries by task number with the line each starts on. */
export interface Corrections {
  name: string;
  digest: string;
  entries: Array<{ task: number; line: number; entry: Entry }>;
}

const CODE = 'DUBAN_CORRECTIONS';

/** Parses and validates a corrections file (YAML or JSON); errors point at file:line. */
export function parseCorrections(text: string, name: string): Validated<Corrections> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  const problem = (message: string, line: number | undefined, path?: string): Problem => ({
    code: CODE,
    message,
    where: { file: name, ...(line ? { line } : {}), ...(path ? { path } : {}) },
  });
  const errors: Problem[] = doc.errors.map((e) => problem(e.message.split('\n')[0]!, e.linePos?.[0]?.line));
  if (errors.length) return { value: undefined, warnings: [], errors };
  const root = doc.contents;
  const digest = createHash('sha256').update(text).digest('hex');
  if (root === null || (isScalar(root) && root.value === null))
    return { value: { name, digest, entries: [] }, warnings: [], errors: [] };
  if (!isMap(root))
    return {
      value: undefined,
      warnings: [],
      errors: [problem('expected task numbers as keys (12: { lead: [...] })', at(root))],
    };
  const entries: Corrections['entries'] = [];
  for (const pair of root.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const line = at(keyNode) ?? 1;
    if (!/^\d{1,6}$/.test(key) || Number(key) < 1) {
      errors.push(problem(`"${key}" is not a task number; keys are the numbers of the tasks to correct`, line));
      continue;
    }
    const parsed = Entry.safeParse((pair.value as Node | null)?.toJSON?.() ?? pair.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // Point at the field's own line when the YAML has it; an unknown field at its key.
        const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
        let node: unknown = pair.value;
        for (const [k, seg] of path.entries()) {
          if (isMap(node))
            node =
              k === path.length - 1 && issue.code === 'unrecognized_keys'
                ? node.items.find((it) => isScalar(it.key) && it.key.value === seg)?.key
                : node.get(seg as string, true);
          else node = (node as { items?: unknown[] } | undefined)?.items?.[seg as number];
        }
        const msg =
          issue.code === 'unrecognized_keys'
            ? `unknown field "${issue.keys.join('", "')}"; fields are was, title, text, lead, co, responsible, deadline, indicators, leaders`
            : issue.message;
        errors.push(
          problem(
            msg,
            at(node as Node) ?? line,
            `$.${key}${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`,
          ),
        );
      }
      continue;
    }
    entries.push({ task: Number(key), line, entry: parsed.data });
  }
  return errors.length
    ? { value: undefined, warnings: [], errors }
    : { value: { name, digest, entries }, warnings: [], errors: [] };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Applies corrections to a plan (in place); warns for entries that no longer match the notice. */
export function applyCorrections(
  plan: Plan,
  corrections: Corrections,
  rules: DeadlineRules = defaultDeadlineRules,
): Problem[] {
  const warnings: Problem[] = [];
  const where = (line: number) => ({ file: corrections.name, line });
  plan.corrections = [];
  for (const { task: number, line, entry } of corrections.entries) {
    const task = plan.tasks.find((t) => t.number === number);
    if (!task) {
      warnings.push({
        code: 'DUBAN_IMPORT_CORRECTION_UNMATCHED',
        message: `correction for task ${number} matches no task of the notice (it has ${plan.tasks.length}); not applied`,
        where: where(line),
      });
      continue;
    }
    if (entry.was && !task.text.replace(/\s/g, '').startsWith(entry.was.replace(/\s/g, ''))) {
      warnings.push({
        code: 'DUBAN_IMPORT_CORRECTION_UNMATCHED',
        message: `correction for task ${number} was written for a task starting "${entry.was}", but task ${number} now starts "${task.text.slice(0, 20)}"; not applied`,
        where: where(line),
      });
      continue;
    }
    const fields: string[] = [];
    if (entry.title) {
      task.title = entry.title;
      fields.push('title');
    }
    if (entry.text) {
      task.text = entry.text;
      fields.push('text');
    }
    if (entry.lead || entry.co || entry.responsible) {
      const make = (names: string[] | undefined, role: Assignment['role']) =>
        (names ?? []).map((unit): Assignment => ({ unit, role, written: unit }));
      const list = [...make(entry.lead, 'lead'), ...make(entry.co, 'co'), ...make(entry.responsible, 'responsible')];
      const first = list.find((a) => a.role === 'responsible');
      if (first && !entry.lead?.length && (entry.responsible?.length ?? 0) > 1) first.convener = true;
      task.assignments = list;
      fields.push('units');
    }
    if (entry.deadline !== undefined) {
      const phrase = entry.deadline instanceof Date ? iso(entry.deadline) : entry.deadline;
      const date = /^\d{4}-\d{2}-\d{2}$/.test(phrase) ? phrase : resolveDeadline(phrase, plan.year, rules)?.date;
      if (!date)
        warnings.push({
          code: 'DUBAN_IMPORT_CORRECTION_DEADLINE',
          message: `task ${number}: deadline "${phrase}" names no date; write it as YYYY-MM-DD or a phrase such as 6月底前`,
          where: where(line),
        });
      else {
        task.deadline = { phrase, date };
        fields.push('deadline');
      }
    }
    if (entry.indicators) {
      task.indicators = entry.indicators.map((i, k): Indicator => {
        const ind: Indicator = {
          key: String(k + 1),
          text: `${i.metric}${i.value}${i.unit}`,
          metric: i.metric,
          value: i.value,
          unit: i.unit,
          comparator: i.comparator ?? 'ge',
        };
        const d = i.deadline ? resolveDeadline(i.deadline, plan.year, rules) : null;
        if (d) ind.deadline = d;
        return ind;
      });
      fields.push('indicators');
    }
    if (entry.leaders) {
      task.leaders = entry.leaders.map((name) => ({ name }));
      task.leader = entry.leaders.join('、');
      fields.push('leaders');
    }
    if (fields.length) {
      task.corrected = true;
      // What the office fixed is no longer uncertain.
      if (task.review && fields.includes('units'))
        task.review = task.review.filter((n) => !/UNIT|ASSIGNMENT|PARENTHESIS|BY_ORDER/.test(n.code));
      if (task.review && fields.includes('deadline'))
        task.review = task.review.filter((n) => n.code !== 'DUBAN_IMPORT_DEADLINE_UNCLEAR');
      if (task.review?.length === 0) delete task.review;
      plan.corrections.push({ task: number, fields, line });
    }
  }
  plan.units = [...new Set(plan.tasks.flatMap((t) => t.assignments.map((a) => a.unit)))].sort();
  plan.correctionsSource = { name: corrections.name, digest: corrections.digest };
  return warnings;
}
