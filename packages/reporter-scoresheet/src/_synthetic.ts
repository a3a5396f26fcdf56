// Synthetic plans, verdicts and scores for tests and benchmarks: deterministic
// (fixed seed), shaped like a city's notice (~1 lead + 2 co units per task), and
// scored with the same invariants the scoring rules promise. Not exported from
// index.ts: tests and bench import it by path.
import { roleLabels, type Plan, type Role, type ScoreItem, type ScoreLine, type Status, type Task, type UnitScore, type Verdict } from '@duban/core';
import type { OutputHelpers, PdfRenderer, ReportContext, UnitInfo } from '@duban/reporter-api';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { roundPoints } from './_format.js';

/** Data of a synthetic plan: the parts of a ReportContext a score sheet reads. */
export interface SyntheticData {
  plan: Plan;
  units: UnitInfo[];
  verdicts: Verdict[];
  scores: UnitScore[];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const COUNTIES = ['汉滨区', '汉阴县', '石泉县', '宁陕县', '紫阳县', '岚皋县', '平利县', '镇坪县', '旬阳县', '白河县'];
const VERBS = ['推进', '实施', '完成', '加快', '抓好', '落实'];
const THINGS = ['重点项目建设', '脱贫攻坚任务', '交通基础设施建设', '城乡供水工程', '营商环境改革', '农村人居环境整治', '生态环境保护', '产业园区提升'];
const STATUSES: Status[] = ['completed', 'on_track', 'on_track', 'on_track', 'at_risk', 'overdue'];

/** A synthetic plan of `unitCount` units and `taskCount` tasks (default 1.2 per unit) with scores. */
export function syntheticData(unitCount: number, taskCount = Math.max(6, Math.round(unitCount * 1.2)), seed = 2019): SyntheticData {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const names = Array.from({ length: unitCount }, (_, i) => (i < COUNTIES.length ? `${COUNTIES[i]}政府` : `市第${i + 1}工作部门`));
  const tasks: Task[] = [];
  const verdicts: Verdict[] = [];
  const held = new Map<string, { task: number; role: Role }[]>(names.map((n) => [n, []]));
  for (let n = 1; n <= taskCount; n++) {
    const lead = names[(n - 1) % unitCount]!;
    const co = [pick(names), pick(names)].filter((u, i, a) => u !== lead && a.indexOf(u) === i);
    const title = `${pick(VERBS)}${pick(THINGS)}`;
    const month = 3 + Math.floor(rand() * 10);
    tasks.push({
      number: n, section: 1 + ((n - 1) % 6), title, text: `${title}，确保年内完成第${n}批次目标任务。`,
      source: { startLine: n, endLine: n },
      assignments: [{ unit: lead, role: 'lead' }, ...co.map((unit) => ({ unit, role: 'co' as const }))],
      indicators: [], deadline: { phrase: `${month}月底前`, date: `2019-${String(month).padStart(2, '0')}-28` },
    });
    held.get(lead)!.push({ task: n, role: 'lead' });
    for (const u of co) held.get(u)!.push({ task: n, role: 'co' });
    const status = pick(STATUSES);
    verdicts.push({ task: n, status, rule: `status-${status}`, reason: status === 'at_risk' ? '进度45%，低于序时进度58%，滞后13个百分点' : status === 'overdue' ? '已超过时限，尚未完成' : '按序时推进', facts: {}, conditions: [] });
  }
  const statusOf = new Map(verdicts.map((v) => [v.task, v.status]));
  const titles = new Map(tasks.map((t) => [t.number, t.title]));
  const scores = names.map((unit) => scoreUnit(unit, held.get(unit)!, statusOf, titles, rand));
  scores.sort((a, b) => b.total - a.total);
  const plan: Plan = {
    issuer: '安康市人民政府', docNumber: '安政发〔2019〕6号', title: '合成测试方案（样例数据）', date: '2019-02-28', year: 2019,
    headline: [], milestones: [], sections: Array.from({ length: 6 }, (_, i) => ({ number: i + 1, title: `第${i + 1}部分` })),
    tasks, units: [...names].sort(), warnings: [], sourceDigest: 'synthetic',
  };
  const units: UnitInfo[] = names.map((name) => ({ name, kind: 'city_department', isGroup: false, tasks: held.get(name)! }));
  return { plan, units, verdicts, scores };
}

// 推进方案 line worth 10; the other 90 points shared by weight (lead 2, co 1) in
// half points, the last task line absorbing the rounding so 分值 sums to 100.
function scoreUnit(unit: string, held: { task: number; role: Role }[], status: Map<number, Status>, titles: Map<number, string>, rand: () => number): UnitScore {
  const lines: ScoreLine[] = [];
  const items: ScoreItem[] = [];
  const late = rand() < 0.2;
  lines.push({ task: null, role: null, item: '推进方案报送', max: 10, score: late ? 8 : 10 });
  if (late) items.push({ task: null, role: null, points: -2, rule: 'plan-late', reason: '推进方案未按时报送' });
  const weight = held.reduce((s, h) => s + (h.role === 'lead' ? 2 : 1), 0) || 1;
  let left = 90;
  held.forEach((h, i) => {
    const max = i === held.length - 1 ? left : Math.round(((h.role === 'lead' ? 2 : 1) * 90) / weight * 2) / 2;
    left = roundPoints(left - max);
    const st = status.get(h.task);
    const cut = st === 'overdue' ? roundPoints(max * 0.6) : st === 'at_risk' ? roundPoints(max * 0.3) : 0;
    if (cut > 0) items.push({ task: h.task, role: h.role, points: -cut, rule: `${st === 'overdue' ? 'overdue' : 'at-risk'}-${h.role}`, reason: st === 'overdue' ? '逾期未完成' : '进度滞后于序时进度' });
    lines.push({ task: h.task, role: h.role, item: `${titles.get(h.task)}（${roleLabels[h.role]}）`, max, score: roundPoints(max - cut) });
  });
  if (!held.length) lines[0] = { ...lines[0]!, max: 100, score: late ? 98 : 100 };
  const total = roundPoints(lines.reduce((s, l) => s + l.score, 0));
  return { unit, base: 100, total, items, lines };
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

/** A frozen ReportContext over synthetic (or any) data, for tests and benchmarks. */
export function contextFor<O>(data: SyntheticData, options: O, output: OutputHelpers, pdf: PdfRenderer, asOf = '2019-12-31'): ReportContext<O> {
  const counts = { completed: 0, on_track: 0, at_risk: 0, overdue: 0, not_due: 0 };
  for (const v of data.verdicts) counts[v.status]++;
  return Object.freeze({
    apiVersion: 1, asOf, plan: data.plan, planVersion: 1, directory: { units: [], groups: [] }, units: data.units,
    verdicts: data.verdicts, counts, scores: data.scores, progress: data.plan.tasks.map((t) => ({ task: t.number, reports: [], latest: null })),
    issue: { number: null, publication: '督查通报', office: '安康市人民政府督查室', issuer: '安康市人民政府', date: asOf, recipients: '', cc: '', printer: '安康市人民政府办公室', wording: {} },
    options, output, pdf, log: { info: () => {}, warn: () => {} },
  });
}
