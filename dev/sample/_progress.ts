/**
 * Deterministic SAMPLE progress for a plan: a plausible year of monthly reports
 * (most tasks on schedule, some behind, some done early, a few overdue or
 * blocked; some units report late or skip months). Seeded, so every run and
 * every machine produces the same reports. Never real data.
 */
import type { Assignment, Indicator, Plan, ProgressReport, Task, UnitDirectory } from '@duban/core';
import { mulberry32, weighted } from './_prng.js';

/** Options for {@link generateSampleProgress}. */
export interface SampleOptions {
  /** PRNG seed; the committed sample uses 2019. */
  seed: number;
  /** Year to report in; defaults to the plan's year. */
  year?: number;
  /** First month reported (1–12); default 3, after the 推进方案 milestone. */
  firstMonth?: number;
}

/** The marker every sample report carries in its evidence, so it is never mistaken for real data. */
export const SAMPLE_MARKER = '样例数据';

type Profile = 'early' | 'on_track' | 'behind' | 'overdue' | 'blocked';
type Habit = 'punctual' | 'late' | 'sloppy';

const PROBLEMS = [
  '项目前期手续办理周期较长',
  '资金到位较慢，配套资金缺口较大',
  '受雨季天气影响，施工进度放缓',
  '征地拆迁协调难度大',
  '部分县区工作推进不平衡',
  '专业技术人才不足',
];
const NEXT = [
  '加强协调调度，倒排工期，确保按期完成',
  '积极争取上级资金支持，加快资金拨付',
  '强化督导检查，每月通报进展',
  '加快前期手续办理，尽早开工建设',
  '细化责任分工，压实县区责任',
];

/** Generates a year of sample progress reports for the plan, sorted by date, task, unit. */
export function generateSampleProgress(
  plan: Plan,
  _directory: UnitDirectory,
  options: SampleOptions,
): ProgressReport[] {
  const rand = mulberry32(options.seed);
  const year = options.year ?? plan.year;
  const first = options.firstMonth ?? 3;
  const habits = new Map<string, Habit>();
  const habitOf = (unit: string): Habit => {
    let h = habits.get(unit);
    if (!h) habits.set(unit, (h = weighted<Habit>(rand, { punctual: 75, late: 15, sloppy: 10 })));
    return h;
  };
  const out: ProgressReport[] = [];
  const yearEnd = `${year}-12-31`;
  let earlyDeadlines = 0;
  for (const task of plan.tasks) {
    let profile = weighted<Profile>(rand, { early: 15, on_track: 57, behind: 16, overdue: 8, blocked: 4 });
    // Only tasks due before year end can be overdue at the year-end evaluation; the first two are.
    if (task.deadline.date < yearEnd)
      profile = earlyDeadlines++ === 0 ? 'overdue' : earlyDeadlines === 2 ? 'blocked' : profile;
    const shape = {
      profile,
      gap: 12 + rand() * 18,
      stall: 65 + Math.floor(rand() * 20),
      noise: rand() * 5,
      quick: rand() < 0.35,
      slip: rand() < 0.5 ? 31 : 0,
    };
    for (const a of reportersFor(task, rand)) {
      const habit = habitOf(a.unit);
      for (let m = first; m <= 12; m++) {
        if (a.role === 'co' && m % 3 !== 0) continue; // co units report quarterly
        if (habit === 'sloppy' && m < 12 && rand() < 0.35) continue;
        const r = reportFor(`${year}-01-01`, task, a, shape, year, m, habit, rand);
        if (!r) break;
        out.push(r);
        if (r.state === 'done') break;
      }
    }
  }
  out.push(...milestoneReports(plan, habitOf, rand));
  return out.sort((x, y) =>
    x.date < y.date ? -1 : x.date > y.date ? 1 : x.task - y.task || (x.unit < y.unit ? -1 : x.unit > y.unit ? 1 : 0),
  );
}

/**
 * The notice-level milestone (推进方案 by 3月8日12时): punctual units file it a few
 * days early, late units a few days after, sloppy units not at all, each on the
 * first task it is assigned. Runs after the monthly reports so their draws are unchanged.
 */
function milestoneReports(plan: Plan, habitOf: (unit: string) => Habit, rand: () => number): ProgressReport[] {
  const milestone = plan.milestones[0];
  if (!milestone) return [];
  const due = Date.parse(milestone.deadline.date);
  const firstTask = new Map<string, Task>();
  for (const task of plan.tasks)
    for (const a of task.assignments) if (!a.isGroup && !firstTask.has(a.unit)) firstTask.set(a.unit, task);
  const out: ProgressReport[] = [];
  for (const [unit, task] of firstTask) {
    const habit = habitOf(unit);
    if (habit === 'sloppy') continue;
    const date =
      habit === 'punctual' ? due - (1 + Math.floor(rand() * 6)) * dayMs : due + (3 + Math.floor(rand() * 5)) * dayMs;
    out.push({
      task: task.number,
      unit,
      date: iso(date),
      percent: 1 + Math.floor(rand() * 4),
      values: {},
      state: 'in_progress',
      progress: `已制定${task.title}等重点工作推进方案，明确时间表、路线图和责任人，报送市政府督查室。`,
      problems: '无',
      nextSteps: '按推进方案逐月抓好落实',
      evidence: [SAMPLE_MARKER],
    });
  }
  return out;
}

/** Who reports: the lead(s), else the convener, else the first assignee; plus a few co units. */
function reportersFor(task: Task, rand: () => number): Assignment[] {
  const leads = task.assignments.filter((a) => a.role === 'lead');
  const main = leads.length ? leads : task.assignments.filter((a) => a.convener).slice(0, 1);
  const chosen = main.length ? main : task.assignments.slice(0, 1);
  const co = task.assignments.filter((a) => !chosen.includes(a) && rand() < 0.2);
  return [...chosen, ...co];
}

const dayMs = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function reportFor(
  startDate: string,
  task: Task,
  a: Assignment,
  shape: { profile: Profile; gap: number; stall: number; noise: number; quick: boolean; slip: number },
  year: number,
  m: number,
  habit: Habit,
  rand: () => number,
): ProgressReport | undefined {
  // The 序时 clock starts on 1 January, as the default rules count 序时进度 (rules/status.json schedule.basis).
  const start = Date.parse(startDate);
  const deadline = Math.max(Date.parse(task.deadline.date), start + 60 * dayMs);
  const monthEnd = Date.UTC(year, m, 0);
  const elapsed = Math.min(1, (monthEnd - start) / (deadline - start));
  let percent: number;
  switch (shape.profile) {
    case 'early': {
      // Done one to three months before the deadline; quick ones (one-off measures) within four months.
      const doneAt = shape.quick
        ? start + (25 + (task.number % 4) * 30) * dayMs
        : Math.max(start + 45 * dayMs, deadline - (30 + rand() * 60) * dayMs);
      percent = Math.min(100, ((monthEnd - start) / (doneAt - start)) * 100);
      break;
    }
    case 'on_track':
      percent = elapsed >= 1 ? 100 : Math.min(99, elapsed * 100 + shape.noise);
      break;
    case 'behind': {
      // Lags 序时进度 most of the year; catches up at the deadline or slips a month past it.
      const lagged = Math.min(1, (monthEnd - start) / (deadline + shape.slip * dayMs - start));
      percent = lagged >= 1 ? 100 : Math.max(5, lagged * 100 - shape.gap * (1 - lagged));
      break;
    }
    case 'overdue':
      percent = Math.min(shape.stall, Math.max(5, elapsed * 100 - shape.gap));
      break;
    case 'blocked':
      percent = Math.min(shape.stall - 20, Math.max(5, elapsed * 100 - shape.gap));
      break;
  }
  percent = Math.round(percent);
  const done = percent >= 100;
  const blocked = shape.profile === 'blocked' && m >= 6;
  let date = monthEnd;
  if (
    done &&
    shape.profile !== 'behind' &&
    Date.parse(task.deadline.date) < monthEnd &&
    Date.parse(task.deadline.date) >= Date.UTC(year, m - 1, 1)
  )
    date = Date.parse(task.deadline.date);
  if (habit === 'late' && m < 12) date = monthEnd + (3 + Math.floor(rand() * 6)) * dayMs;
  const values: Record<string, number> = {};
  for (const ind of task.indicators) values[ind.key] = actualOf(ind, percent, shape.profile, rand);
  const mm = `${m}月`;
  const problems = done
    ? ''
    : shape.profile === 'on_track' || shape.profile === 'early'
      ? rand() < 0.7
        ? '无'
        : pick(PROBLEMS, rand)
      : pick(PROBLEMS, rand);
  return {
    task: task.number,
    unit: a.unit,
    date: iso(date),
    percent,
    values,
    state: done ? 'done' : blocked ? 'blocked' : 'in_progress',
    progress: done
      ? `${task.title}已全面完成。`
      : `截至${mm}底，${task.title}累计完成${percent}%${indicatorText(task.indicators, values)}。`,
    problems,
    nextSteps: done ? '巩固成果，做好总结验收' : pick(NEXT, rand),
    evidence: [SAMPLE_MARKER],
  };
}

function actualOf(ind: Indicator, percent: number, profile: Profile, rand: () => number): number {
  if (ind.unit === '%' || ind.unit === '％') {
    // Rates (增长9%) are not cumulative: they hover around the target.
    const off =
      profile === 'overdue' || profile === 'blocked' || profile === 'behind'
        ? -(0.5 + rand() * 2.5)
        : -0.3 + rand() * 1.3;
    const v = ind.comparator === 'le' ? ind.value - Math.abs(off) : ind.value + off;
    return Math.round(v * 10) / 10;
  }
  if (ind.comparator === 'le') return Math.round(ind.value * (0.7 + rand() * 0.25) * 10) / 10;
  const v = (ind.value * percent) / 100;
  // Whole-number targets (个, 户, 所) get whole-number actuals.
  return Number.isInteger(ind.value) ? Math.round(v) : Math.round(v * 100) / 100;
}

function indicatorText(inds: readonly Indicator[], values: Record<string, number>): string {
  const parts = inds
    .filter((i) => i.unit !== '%')
    .slice(0, 2)
    .map((i) => `${i.metric}${values[i.key]}${i.unit}`);
  return parts.length ? `，其中${parts.join('，')}` : '';
}

function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!;
}
