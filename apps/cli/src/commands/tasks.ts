import {
  answeringText,
  assignmentNames,
  DubanError,
  ERRORS,
  type Role,
  roleLabels,
  type Task,
  taskUnits,
} from '@duban/core';
import type { StoredPlan } from '@duban/store';
import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';
import { table } from '../_table.js';

/** Registers `duban tasks`, `duban task N`, `duban units` and `duban plans`: read-only views of the plan. */
export function register(program: Command, env: CliEnv): void {
  program
    .command('plans')
    .description('list the plan versions in the ledger (every import of a changed notice adds one)')
    .option('--json', 'print [{ version, importedAt, digest, tasks, current }]')
    .action(async (options: { json?: boolean }) => {
      await env.withLedger({ readonly: true }, async (ledger) => {
        const versions = ledger.planVersions();
        if (options.json) return env.json(versions);
        env.out(
          table(versions, [
            { header: '版本', get: (v) => `v${v.version}${v.current ? ' (当前)' : ''}` },
            { header: '导入时间', get: (v) => v.importedAt },
            { header: '任务数', get: (v) => v.tasks, align: 'right' },
            { header: '摘要', get: (v) => v.digest.slice(0, 12) },
          ]),
        );
      });
    });

  program
    .command('tasks')
    .description('list the tasks of the current plan')
    .option('--unit <name>', 'only tasks assigned to this unit (name, alias or full name) or group')
    .option('--section <n>', 'only tasks of this section (1-based)')
    .option('--json', 'print the tasks as JSON (Task[] as in the Plan)')
    .option('--plan <version>', 'read this plan version instead of the current one')
    .action(async (options: { unit?: string; section?: string; json?: boolean; plan?: string }) => {
      const stored = await readPlan(env, options.plan);
      let tasks = stored.plan.tasks;
      if (options.section !== undefined) {
        const n = positiveInt(options.section, '--section');
        const known = stored.plan.sections.map((s) => s.number);
        if (!known.includes(n)) {
          throw new DubanError('DUBAN_TASKS_SECTION_UNKNOWN', `section ${n} is not in plan v${stored.version}`, {
            hint: `sections are ${known.join(', ')}`,
          });
        }
        tasks = tasks.filter((t) => t.section === n);
      }
      if (options.unit !== undefined) {
        const unit = await resolveUnit(options.unit, stored);
        tasks = tasks.filter((t) => t.assignments.some((a) => a.unit === unit || a.group === unit));
      }
      if (options.json) return env.json(tasks);
      env.out(
        table(tasks, [
          { header: '序号', get: (t) => t.number, align: 'right' },
          { header: '部分', get: (t) => t.section, align: 'right' },
          { header: '任务', get: (t) => t.title, max: 34 },
          { header: '牵头/责任单位', get: (t) => answering(t), max: 30 },
          { header: '时限', get: (t) => t.deadline.date },
        ]),
      );
      env.out(`${tasks.length} task${tasks.length === 1 ? '' : 's'} (plan v${stored.version})`);
    });

  program
    .command('task')
    .description('show one task of the current plan in full')
    .argument('<n>', 'task number')
    .option('--json', 'print the Task as JSON')
    .option('--plan <version>', 'read this plan version instead of the current one')
    .action(async (raw: string, options: { json?: boolean; plan?: string }) => {
      const stored = await readPlan(env, options.plan);
      const n = positiveInt(raw, 'task number');
      const task = stored.plan.tasks.find((t) => t.number === n);
      if (!task) {
        const numbers = stored.plan.tasks.map((t) => t.number);
        throw new DubanError('DUBAN_TASK_UNKNOWN', `task ${n} is not in plan v${stored.version}`, {
          hint: `tasks are numbered ${Math.min(...numbers)}–${Math.max(...numbers)} (${numbers.length} tasks); run \`duban tasks\` to list them`,
        });
      }
      if (options.json) return env.json(task);
      env.out(describeTask(task, stored));
    });

  program
    .command('units')
    .description('list the units and groups of the current plan with their tasks')
    .option('--json', 'print JSON: [{ name, kind, fullName?, isGroup, tasks: [{ task, role }] }]')
    .option('--plan <version>', 'read this plan version instead of the current one')
    .action(async (options: { json?: boolean; plan?: string }) => {
      const stored = await readPlan(env, options.plan);
      const units = unitsOf(stored);
      if (options.json) return env.json(units);
      const count = (u: UnitView, role: Role) => u.tasks.filter((t) => t.role === role).length || '';
      env.out(
        table(units, [
          { header: '单位', get: (u) => u.name, max: 30 },
          { header: '类别', get: (u) => kindLabels[u.kind] ?? u.kind },
          { header: '牵头', get: (u) => count(u, 'lead'), align: 'right' },
          { header: '配合', get: (u) => count(u, 'co'), align: 'right' },
          { header: '负责', get: (u) => count(u, 'responsible'), align: 'right' },
          { header: '全称', get: (u) => u.fullName ?? '', max: 30 },
        ]),
      );
      env.out(
        `${units.filter((u) => !u.isGroup).length} units, ${units.filter((u) => u.isGroup).length} groups (plan v${stored.version})`,
      );
    });
}

/** Opens the ledger read-only and returns the current plan; the ledger is never changed. */
export function readCurrentPlan(env: CliEnv): Promise<StoredPlan> {
  return readPlan(env, undefined);
}

/** Opens the ledger read-only and returns plan version `raw` (current when undefined). */
async function readPlan(env: CliEnv, raw: string | undefined): Promise<StoredPlan> {
  const version = raw === undefined ? undefined : positiveInt(raw, '--plan');
  return await env.withLedger({ readonly: true }, async (ledger) => {
    const stored = version === undefined ? ledger.currentPlan() : ledger.planVersion(version);
    if (stored) return stored;
    const versions = ledger.planVersions();
    if (!versions.length)
      throw new DubanError('DUBAN_STORE_EMPTY', ERRORS.LedgerHasNoPlan.message(), { where: { file: ledger.path } });
    throw new DubanError('DUBAN_PLAN_UNKNOWN', `plan version ${version} is not in the ledger`, {
      where: { file: ledger.path },
      hint: `versions are 1–${versions.length}; run \`duban plans\` to list them`,
    });
  });
}

function positiveInt(raw: string, what: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new DubanError('DUBAN_CLI_BAD_NUMBER', `${what} must be a positive whole number, got "${raw}"`, {
      hint: 'for example 6',
    });
  return n;
}

/** Canonical name of a unit or group as the plan uses it: directory aliases and full names accepted. */
async function resolveUnit(name: string, stored: StoredPlan): Promise<string> {
  const known = new Set(
    stored.plan.tasks.flatMap((t) => t.assignments.flatMap((a) => (a.group ? [a.unit, a.group] : [a.unit]))),
  );
  if (known.has(name)) return name;
  const { createUnitResolver } = await import('@duban/import');
  const resolved = createUnitResolver(stored.directory)(name);
  if (resolved !== null && known.has(resolved)) return resolved;
  const similar = [...known].filter((k) => k.includes(name) || name.includes(k)).slice(0, 5);
  throw new DubanError(
    'DUBAN_UNIT_UNKNOWN',
    resolved !== null
      ? `${name} (${resolved}) has no task in plan v${stored.version}`
      : `no unit or group named ${name} in plan v${stored.version}`,
    {
      hint: similar.length
        ? `did you mean ${similar.join('、')}? run \`duban units\` for the full list`
        : 'run `duban units` for the full list',
    },
  );
}

/** Units of a task with the given roles, printed as every document prints them (core assignmentNames). */
function unitsIn(task: Task, roles: Role[]): string {
  return assignmentNames(task.assignments.filter((a) => roles.includes(a.role))).join('、');
}

/** The units answering for a task: its 牵头 units, else its 责任单位 marked 分工负责 (core taskUnits decides which). */
function answering(task: Task): string {
  return answeringText(taskUnits(task));
}

function describeTask(task: Task, stored: StoredPlan): string {
  const section = stored.plan.sections.find((s) => s.number === task.section);
  const lines = [
    `任务 ${task.number}（第${task.section}部分${section ? ` ${section.title}` : ''}）`,
    `  标题      ${task.title}`,
    `  全文      ${task.text}`,
  ];
  for (const role of ['lead', 'responsible', 'co'] as const) {
    const names = unitsIn(task, [role]);
    if (names) lines.push(`  ${roleLabels[role]}单位${' '.repeat(2)}${names}`);
  }
  const leaders = task.leaders?.map((l) => l.name) ?? (task.leader ? [task.leader] : []);
  if (leaders.length) lines.push(`  责任领导  ${leaders.join('、')}`);
  lines.push(
    `  时限      ${task.deadline.date}${task.deadline.phrase ? `（${task.deadline.phrase}）` : '（未写明，按年底）'}`,
  );
  lines.push(
    `  来源      第${task.source.startLine}${task.source.endLine !== task.source.startLine ? `–${task.source.endLine}` : ''}行  (plan v${stored.version})`,
  );
  if (task.indicators.length) {
    lines.push('  指标');
    const cmp = { ge: '≥', le: '≤', eq: '=' } as const;
    lines.push(
      table(task.indicators, [
        { header: '编号', get: (i) => i.key },
        { header: '指标', get: (i) => i.metric, max: 30 },
        { header: '目标', get: (i) => `${cmp[i.comparator]} ${i.value} ${i.unit}` },
        { header: '时限', get: (i) => i.deadline?.date ?? '' },
      ])
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
    );
  }
  return lines.join('\n');
}

/** Chinese names of unit kinds, as a supervision office would write them. */
const kindLabels: Record<string, string> = {
  city_department: '市直部门',
  county_government: '县区政府',
  zone_committee: '园区管委会',
  company: '企业',
  central_provincial_agency: '中省驻市单位',
  other: '其他',
  group: '单位集合',
};

/** One entry of `duban units --json`. */
interface UnitView {
  name: string;
  kind: string;
  fullName?: string;
  isGroup: boolean;
  tasks: { task: number; role: Role }[];
}

/** Every unit and group the plan assigns, in the plan's order, with the tasks and roles each holds. */
function unitsOf(stored: StoredPlan): UnitView[] {
  const byName = new Map<string, UnitView>();
  const entry = (name: string, isGroup: boolean): UnitView => {
    let u = byName.get(name);
    if (!u) {
      const dir = stored.directory.units.find((d) => d.name === name);
      u = {
        name,
        kind: dir?.kind ?? (isGroup ? 'group' : 'other'),
        ...(dir?.fullName ? { fullName: dir.fullName } : {}),
        isGroup,
        tasks: [],
      };
      byName.set(name, u);
    }
    return u;
  };
  const add = (u: UnitView, task: number, role: Role) => {
    if (!u.tasks.some((t) => t.task === task && t.role === role)) u.tasks.push({ task, role });
  };
  for (const t of stored.plan.tasks) {
    for (const a of t.assignments) {
      add(entry(a.unit, a.isGroup === true), t.number, a.role);
      if (a.group) add(entry(a.group, true), t.number, a.role);
    }
  }
  const order = new Map(stored.plan.units.map((n, i) => [n, i]));
  return [...byName.values()].sort(
    (a, b) => (order.get(a.name) ?? Infinity) - (order.get(b.name) ?? Infinity) || a.name.localeCompare(b.name, 'zh'),
  );
}
