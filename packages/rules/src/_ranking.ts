import type { JudgedUnit, RankingMethod, UnitScore, UnitStanding } from '@duban/core';
import type { ScoringFile } from './_schema.js';
import { printValue } from './_template.js';

const UNGROUPED = '其他单位';

/**
 * Ranks units as an assessment does: within ranking groups by unit kind (from the
 * unit directory), by total, ties broken by workload (more tasks led or answered
 * for first) or shared; units of unranked groups, and units answering for fewer
 * than `minTasks` tasks, are graded but not ranked. Standings come out in print
 * order: group by group, ranked units by rank, then the unranked by total.
 */
export function rankUnits(
  cfg: ScoringFile,
  scores: readonly UnitScore[],
  units: readonly JudgedUnit[],
): { standings: UnitStanding[]; ranking: RankingMethod } {
  const r = cfg.ranking;
  const byName = new Map(units.map((u) => [u.unit, u]));
  const groupOf = (kind: string) => r.groups.find((g) => g.kinds.includes(kind));
  const grade = (total: number) =>
    r.grades.find((g) => total >= g.min - 1e-9)?.name ?? r.grades[r.grades.length - 1]!.name;
  const rows = scores.map((s) => {
    const u = byName.get(s.unit);
    const g = groupOf(u?.kind ?? 'other');
    const mainTasks = u ? new Set(u.tasks.filter((t) => t.role !== 'co').map((t) => t.task)).size : 0;
    const enough = mainTasks >= r.minTasks;
    const ranked = (g?.ranked ?? false) && enough;
    const note = !g?.ranked
      ? '不参加排名，只评定等次'
      : enough
        ? null
        : `承担牵头（负责）任务不足${r.minTasks}项，不参加排名，只评定等次`;
    return {
      unit: s.unit,
      name: u?.name ?? s.unit,
      group: g?.name ?? UNGROUPED,
      ranked,
      rank: null as number | null,
      grade: grade(s.total),
      total: s.total,
      mainTasks,
      note,
    };
  });
  const groupIndex = (name: string) => {
    const i = r.groups.findIndex((g) => g.name === name);
    return i < 0 ? r.groups.length : i;
  };
  const workload = r.tieBreak === 'workload';
  rows.sort(
    (a, b) =>
      groupIndex(a.group) - groupIndex(b.group) ||
      Number(b.ranked) - Number(a.ranked) ||
      b.total - a.total ||
      (workload ? b.mainTasks - a.mainTasks : 0) ||
      a.name.localeCompare(b.name, 'zh-Hans-CN'),
  );
  let prev: (typeof rows)[number] | undefined;
  let place = 0;
  for (const row of rows) {
    if (!row.ranked) continue;
    if (!prev || prev.group !== row.group) place = 0;
    place++;
    const tied =
      prev?.ranked &&
      prev.group === row.group &&
      prev.total === row.total &&
      (!workload || prev.mainTasks === row.mainTasks);
    row.rank = tied ? prev!.rank : place;
    prev = row;
  }
  const ranked = r.groups.filter((g) => g.ranked).map((g) => g.name);
  const unranked = r.groups.filter((g) => !g.ranked).map((g) => g.name);
  const notes = [
    `${ranked.length ? `按${ranked.join('、')}分类排名` : '不排名'}${unranked.length ? `；${unranked.join('、')}只评定等次，不排名` : ''}。`,
    `${r.grades.map((g, i) => (i === r.grades.length - 1 ? `${i ? `不足${printValue(r.grades[i - 1]!.min)}分的` : ''}为${g.name}` : `${printValue(g.min)}分以上${i ? `不足${printValue(r.grades[i - 1]!.min)}分` : ''}的为${g.name}`)).join('，')}。`,
    workload ? '得分相同的，承担牵头（负责）任务多的排名在前；仍相同的，名次并列。' : '得分相同的，名次并列。',
    ...(r.minTasks > 0 ? [`承担牵头（负责）任务不足${r.minTasks}项的单位，不参加排名，只评定等次。`] : []),
  ];
  return {
    standings: rows,
    ranking: {
      groups: r.groups.map((g) => ({ name: g.name, ranked: g.ranked })),
      grades: r.grades.map((g) => ({ name: g.name, min: g.min })),
      notes,
    },
  };
}
