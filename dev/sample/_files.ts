/**
 * Lays the sample reports out as the files units would send: one CSV per monthly
 * round and, for the last round, filled-in workbooks of the two lead units with
 * the most tasks. Every file name starts with 样例数据 and every report carries it
 * as evidence, so sample data is never mistaken for real reports.
 */
import type { Plan, ProgressReport, UnitDirectory } from '@duban/core';
import { buildTemplate, fileNameForUnit, fillTemplate, toProgressCsv } from '@duban/intake';
import { generateSampleProgress, SAMPLE_MARKER } from './_progress.js';

/** One generated file: name, bytes and how many reports it holds. */
export interface SampleFile {
  name: string;
  bytes: Buffer;
  reports: number;
}

/** The reporting round a report belongs to: reports filed in a month's first ten days answer the previous round. */
export function roundOf(date: string): string {
  const d = new Date(Date.parse(date) - 10 * 86_400_000);
  const [y, m] = [date.slice(0, 4), d.getUTCMonth() + 1];
  return `${y}-${String(d.getUTCFullYear() < Number(y) ? 1 : m).padStart(2, '0')}`;
}

/** Generates the sample reports and renders them as files, in a stable order. */
export async function sampleFiles(
  plan: Plan,
  directory: UnitDirectory,
  options: { seed: number; planVersion: number },
): Promise<SampleFile[]> {
  const reports = generateSampleProgress(plan, directory, { seed: options.seed });
  const rounds = new Map<string, ProgressReport[]>();
  for (const r of reports) {
    const k = roundOf(r.date);
    rounds.set(k, [...(rounds.get(k) ?? []), r]);
  }
  const lastRound = [...rounds.keys()].sort().pop()!;
  const leadCounts = new Map<string, number>();
  for (const t of plan.tasks)
    for (const a of t.assignments) if (a.role === 'lead') leadCounts.set(a.unit, (leadCounts.get(a.unit) ?? 0) + 1);
  const workbookUnits = [...leadCounts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 2)
    .map(([u]) => u);

  const files: SampleFile[] = [];
  for (const [round, list] of [...rounds.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const inCsv = round === lastRound ? list.filter((r) => !workbookUnits.includes(r.unit)) : list;
    files.push({
      name: `${SAMPLE_MARKER}-${round}.csv`,
      bytes: Buffer.from(toProgressCsv(inCsv), 'utf8'),
      reports: inCsv.length,
    });
  }
  const fixedDate = new Date(Date.UTC(plan.year, 11, 31));
  for (const unit of workbookUnits) {
    const mine = reports.filter((r) => r.unit === unit);
    const previous = mine.filter((r) => roundOf(r.date) !== lastRound);
    const current = mine.filter((r) => roundOf(r.date) === lastRound);
    const template = await buildTemplate({ plan, planVersion: options.planVersion, unit, previous, fixedDate });
    const bytes = await fillTemplate(template, current, { fixedDate });
    files.push({ name: `${SAMPLE_MARKER}-${lastRound}-${fileNameForUnit(unit)}`, bytes, reports: current.length });
  }
  return files;
}
