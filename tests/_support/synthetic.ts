// Synthetic plans with progress for tests and benchmarks: deterministic (fixed
// seed), shaped like a city's notice (~1 lead + 2 co units per task, some tasks
// 分工负责), judged by the real rules into a real ReportContext — the same code
// path as `duban report`, so a reporter tested here prints what it prints in use.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import {
  type Assignment,
  createWorkingCalendar,
  type Plan,
  type ProgressReport,
  type Task,
  type UnitDirectory,
} from '@duban/core';
import {
  contextPdf,
  createContextMaker,
  type IssueInput,
  type OutputHelpers,
  type PdfRenderer,
  type ReportContext,
} from '@duban/reporter-api';
import { judgeView, loadDefaultRuleSet } from '@duban/rules';

/** A plan, its directory and a year of progress. */
export interface SyntheticData {
  plan: Plan;
  directory: UnitDirectory;
  progress: ProgressReport[];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const COUNTIES = ['汉滨区', '汉阴县', '石泉县', '宁陕县', '紫阳县', '岚皋县', '平利县', '镇坪县', '旬阳县', '白河县'];
const VERBS = ['推进', '实施', '完成', '加快', '抓好', '落实'];
const THINGS = [
  '重点项目建设',
  '脱贫攻坚任务',
  '交通基础设施建设',
  '城乡供水工程',
  '营商环境改革',
  '农村人居环境整治',
  '生态环境保护',
  '产业园区提升',
];

/** A synthetic plan of `unitCount` units and `taskCount` tasks (default 1.2 per unit) with monthly progress. */
export function syntheticData(
  unitCount: number,
  taskCount = Math.max(6, Math.round(unitCount * 1.2)),
  seed = 2019,
): SyntheticData {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const names = Array.from({ length: unitCount }, (_, i) =>
    i < COUNTIES.length ? `${COUNTIES[i]}政府` : `市第${i + 1}工作部门`,
  );
  const tasks: Task[] = [];
  const progress: ProgressReport[] = [];
  for (let n = 1; n <= taskCount; n++) {
    const first = names[(n - 1) % unitCount]!;
    const others = [pick(names), pick(names)].filter((u, i, a) => u !== first && a.indexOf(u) === i);
    const shared = n % 5 === 0;
    const assignments: Assignment[] = shared
      ? [
          { unit: first, role: 'responsible', convener: true },
          ...others.map((unit) => ({ unit, role: 'responsible' as const })),
        ]
      : [{ unit: first, role: 'lead' }, ...others.map((unit) => ({ unit, role: 'co' as const }))];
    const title = `${pick(VERBS)}${pick(THINGS)}`;
    const month = 3 + Math.floor(rand() * 10);
    const deadline = month === 12 ? '2019-12-31' : `2019-${String(month).padStart(2, '0')}-28`;
    tasks.push({
      number: n,
      section: 1 + ((n - 1) % 6),
      title,
      text: `${title}，确保年内完成第${n}批次目标任务。`,
      source: { startLine: n, endLine: n },
      assignments,
      indicators: [],
      deadline: { phrase: month === 12 ? null : `${month}月底前`, date: deadline },
    });
    // Monthly reports by the first unit; its pace decides the verdicts (on schedule, behind, done early, stalled).
    const pace = pick([1.1, 1, 1, 0.9, 0.7, 0.5]);
    const months = month;
    for (let m = 3; m <= 12; m++) {
      const percent = Math.min(100, Math.round((m / months) * 100 * pace));
      const date = `2019-${String(m).padStart(2, '0')}-${m === 2 ? 28 : 28}`;
      progress.push({
        task: n,
        unit: first,
        date,
        percent,
        values: {},
        state: percent >= 100 ? 'done' : 'in_progress',
        progress: `${title}累计完成${percent}%。`,
        problems: pace < 0.8 ? '资金到位较慢' : '',
        nextSteps: '',
        evidence: [],
      });
      if (percent >= 100) break;
    }
    if (rand() < 0.3 && others[0])
      progress.push({
        task: n,
        unit: others[0],
        date: '2019-06-30',
        percent: 40,
        values: {},
        state: 'in_progress',
        progress: '配合推进。',
        problems: '',
        nextSteps: '',
        evidence: [],
      });
  }
  progress.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  progress.forEach((r, i) => (r.id = i + 1));
  const plan: Plan = {
    issuer: '安康市人民政府',
    docNumber: '安政发〔2019〕6号',
    title: '合成测试方案（样例数据）',
    date: '2019-02-28',
    year: 2019,
    headline: [],
    milestones: [{ key: '推进方案', text: '推进方案', deadline: { phrase: '3月8日12时前', date: '2019-03-08' } }],
    sections: Array.from({ length: 6 }, (_, i) => ({ number: i + 1, title: `第${i + 1}部分` })),
    tasks,
    units: [...names].sort(),
    warnings: [],
    sourceDigest: 'synthetic',
  };
  const directory: UnitDirectory = {
    units: names.map((name, i) => ({
      name,
      aliases: [],
      kind: i < COUNTIES.length ? 'county_government' : 'city_department',
    })),
    groups: [],
  };
  return { plan, directory, progress };
}

/** Output helpers over a directory (or one file), as the CLI provides them. */
export function directoryOutput(dirOrFile: string, isFile = false): OutputHelpers {
  const dir = isFile ? dirname(resolve(dirOrFile)) : resolve(dirOrFile);
  return {
    dir,
    file: isFile ? resolve(dirOrFile) : null,
    resolve(rel: string) {
      const abs = resolve(dir, rel);
      const r = relative(dir, abs);
      if (r.startsWith('..') || isAbsolute(r)) throw new Error(`${rel} escapes ${dir}`);
      return abs;
    },
    async writeFile(rel: string, data: string | Uint8Array) {
      const abs = this.resolve(rel);
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(`${abs}.tmp`, data);
      await rename(`${abs}.tmp`, abs);
      return abs;
    },
  };
}

/** Issue metadata fit for the synthetic plan. */
export const SYNTHETIC_ISSUE: IssueInput = {
  number: null,
  publication: '督查通报',
  office: '安康市人民政府督查室',
  issuer: '安康市人民政府',
  date: '2020-01-15',
  replyDays: 10,
  replyCounting: 'calendar',
  contact: null,
  format: 'document',
  reportTo: '',
  sendTo: '',
  recipients: '各县区人民政府，市政府各工作部门、直属机构',
  cc: '',
  printer: '安康市人民政府办公室',
  wording: {},
};

/** A frozen ReportContext over synthetic (or any) data, judged by the default rules through the context builder the CLI uses. */
export async function contextFor<O>(
  data: SyntheticData,
  options: O,
  output: OutputHelpers,
  pdf: PdfRenderer,
  asOf = '2019-12-31',
  issue: Partial<IssueInput> = {},
): Promise<ReportContext<O>> {
  const ruleSet = loadDefaultRuleSet();
  const maker = await createContextMaker({
    plan: data.plan,
    planVersion: 1,
    directory: data.directory,
    asOf,
    judge: async (date) =>
      (await judgeView({ plan: data.plan, directory: data.directory, progress: data.progress, asOf: date, ruleSet }))
        .view,
    issue: { ...SYNTHETIC_ISSUE, ...issue },
    issued: [],
    nextNumber: () => 1,
    calendar: createWorkingCalendar(),
  });
  return (await maker.forReporter({
    meta: { name: 'synthetic' },
    options,
    output,
    pdf: contextPdf(
      pdf,
      async () => pdf,
      (n) => n,
    ),
    log: { info: () => {}, warn: () => {} },
  })) as ReportContext<O>;
}
