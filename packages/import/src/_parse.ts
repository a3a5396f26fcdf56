import { createHash } from 'node:crypto';
import type { ImportWarning, Plan, Problem, Section, Task, UnitDirectory, Validated } from '@duban/core';
import { FIRST_LEADS } from './_assign.js';
import { type DeadlineRules, defaultDeadlineRules } from './_deadline.js';
import { readHeader, readHeadline, readMilestones } from './_header.js';
import { cutLayout, LONG_HEADING } from './_layout.js';
import { buildTask } from './_task.js';
import { widen } from './_text.js';
import { buildUnitIndex } from './_units.js';

/** Options of parseNotice / importNotice. */
export interface ParseOptions {
  /** Unit directory used to canonicalise names and expand groups (seeds/ankang-units.json). */
  directory?: UnitDirectory;
  /** File name reported in warnings and kept on the plan. */
  sourceName?: string;
  /** Plan year when the notice does not make it clear. */
  year?: number;
  /** Deadline phrase rules; defaults to `defaultDeadlineRules`. */
  deadlineRules?: DeadlineRules;
}

const NO_TASKS_HINT =
  'expected numbered task lines ("1.…", "1．…", "1、…" or "（一）…") followed by the units, either in a parenthesis ' +
  '("（市发改委牵头，各县区政府负责）") or on label lines ("牵头单位：…", "责任单位：…", "部门分工：X牵头，Y配合。"), ' +
  'or a task table whose header row reads 序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限';

/** Parses decoded notice text into a Plan; warnings are also copied into plan.warnings. */
export function parseNotice(text: string, options: ParseOptions = {}): Validated<Plan> {
  const rules = options.deadlineRules ?? defaultDeadlineRules;
  const raw = text.split('\n');
  const wide = widen(text).split('\n');
  const file = options.sourceName;
  const layout = cutLayout(wide, raw, rules);
  if (!layout.tasks.length) {
    const problem: Problem = { code: 'DUBAN_IMPORT_NO_TASKS', message: `no numbered tasks found; ${NO_TASKS_HINT}` };
    if (file) problem.where = { file };
    return { value: undefined, warnings: [], errors: [problem] };
  }
  const lastBlock = layout.tasks[layout.tasks.length - 1]!;
  const header = readHeader(raw, options.sourceName, [
    layout.tasks[0]!.textLines[0]!,
    Math.max(...lastBlock.textLines, ...lastBlock.labelLines),
  ]);
  const found = options.year ?? header.year ?? yearBefore(raw, layout.tasks[0]!.textLines[0]!);
  if (found === undefined) {
    // Never today's year by default: a 2019 notice imported in 2025 would fall due in the wrong year.
    const problem: Problem = {
      code: 'DUBAN_IMPORT_NO_YEAR',
      message: 'neither the title, the 成文日期, a date before the tasks nor the document number names the plan year',
    };
    if (file) problem.where = { file };
    return { value: undefined, warnings: [], errors: [problem] };
  }
  const year = found;
  const yearWarning: ImportWarning[] = [];
  const index = buildUnitIndex(options.directory);
  const firstLeads = FIRST_LEADS.test(text);
  const built = layout.tasks.map((block) => ({
    block,
    ...buildTask(block, {
      raw,
      wide,
      year,
      rules,
      index,
      firstLeads,
      ...(layout.columns ? { columns: layout.columns } : {}),
    }),
  }));
  // A covering letter numbered like the plan (1.加强领导。…) names no units, and the plan restarts at 1 after it.
  const restart = built.findIndex((b, i) => i > 0 && b.task.number <= built[i - 1]!.task.number);
  const letter =
    restart > 0 && built.slice(0, restart).every((b) => !b.task.assignments.length) ? built.splice(0, restart) : [];
  const firstLine = built[0]!.block.textLines[0]!;
  const preamble = [
    ...layout.loose.filter((n) => n < firstLine),
    ...letter.flatMap((b) => [...b.block.textLines, ...b.block.labelLines]),
  ].sort((a, b) => a - b);
  const warnings: ImportWarning[] = [...yearWarning];
  const tasks: Task[] = [];
  let highest = 0;
  let offset = 0; // tasks restarting at 1 in each section continue the previous section's numbers
  let section = -1;
  for (const { block, task, warnings: w } of built) {
    warnings.push(...w);
    const written = task.number;
    if (block.section !== section && written === 1 && highest > 0 && tasks.length) {
      if (offset === 0)
        warnings.push({
          code: 'DUBAN_IMPORT_SECTION_NUMBERING',
          message: `tasks restart at 1 in each section; they are numbered on from ${highest + 1} so numbers stay unique in the plan`,
          line: block.textLines[0]!,
        });
      offset = highest;
    }
    section = block.section;
    task.number = written + offset;
    if (task.number <= highest) {
      warnings.push({
        code: 'DUBAN_IMPORT_RENUMBERED',
        message: `task number ${written} repeats or goes backwards; numbered ${highest + 1}`,
        line: block.textLines[0]!,
      });
      task.number = highest + 1;
    } else if (highest > 0 && task.number > highest + 1) {
      const gap = task.number - highest - 1;
      warnings.push({
        code: 'DUBAN_IMPORT_SKIPPED_NUMBER',
        message: `task number ${written} follows ${highest - offset > 0 ? highest - offset : highest}: ${gap === 1 ? `number ${highest + 1} is` : `${gap} numbers are`} missing (a task lost while copying?)`,
        line: block.textLines[0]!,
      });
    }
    highest = task.number;
    tasks.push({ ...task, section: block.section || 1 });
  }
  for (const s of layout.sections) {
    if (s.title.length > LONG_HEADING)
      warnings.push({
        code: 'DUBAN_IMPORT_LONG_HEADING',
        message: `section heading ${s.number} is ${s.title.length} characters long; check that it is a heading and not a paragraph that lost its 。`,
        line: s.line,
      });
  }
  const plan: Plan = {
    issuer: header.issuer,
    docNumber: header.docNumber,
    title: header.title,
    date: header.date,
    year,
    headline: readHeadline(raw, wide, preamble, year, rules),
    milestones: readMilestones(raw, wide, preamble, year, rules),
    sections: sectionsOf(layout.sections, tasks, raw),
    tasks,
    units: [...new Set(tasks.flatMap((t) => t.assignments.map((a) => a.unit)))].sort(),
    warnings,
    sourceDigest: createHash('sha256').update(text).digest('hex'),
  };
  if (file) plan.sourceName = file;
  const problems = warnings.map(
    (w): Problem => ({
      code: w.code,
      message: w.message,
      where: { ...(file ? { file } : {}), ...(w.line ? { line: w.line } : {}) },
    }),
  );
  return { value: plan, warnings: problems, errors: [] };
}

/** Sections that hold tasks (headings of the covering letter hold none); an implicit one when the notice has no headings. */
function sectionsOf(
  found: Array<{ number: number; title: string; line: number }>,
  tasks: Task[],
  raw: string[],
): Section[] {
  const used = new Set(tasks.map((t) => t.section));
  const out: Section[] = [];
  for (const s of found) {
    if (!used.has(s.number) || out.some((o) => o.number === s.number)) continue;
    const title = raw[s.line - 1]!.trim()
      .replace(/^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*/, '')
      .replace(/[。\s]+$/, '');
    out.push({ number: s.number, title, source: { startLine: s.line, endLine: s.line } });
  }
  for (const n of [...used].sort((a, b) => a - b))
    if (!out.some((o) => o.number === n)) out.push({ number: n, title: '' });
  return out.sort((a, b) => a.number - b.number);
}

/** The first year written before the first task (2024年重点任务, 2015-03-13, 13.03.2015), for notices without a recognisable title. */
function yearBefore(raw: string[], firstTaskLine: number): number | undefined {
  for (let i = 0; i < firstTaskLine - 1; i++) {
    const m =
      /((?:19|20)\d{2})年|((?:19|20)\d{2})[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)|(?<!\d)(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.((?:19|20)\d{2})(?!\d)/.exec(
        raw[i]!,
      );
    if (m) return Number(m[1] ?? m[2] ?? m[3]);
  }
  return undefined;
}
