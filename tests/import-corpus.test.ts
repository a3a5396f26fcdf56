// Scores the importer against hand-written answer keys for real public notices
// (tests/fixtures/notices/corpus/keys.json). A task counts as exact when its lead,
// co and responsible units, its deadline date and its indicator values all match.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan, Task } from '@duban/core';
import { importNotice } from '@duban/import';
import { describe, expect, it } from 'vitest';
import { ROOT } from './_support/cli.js';

interface KeyTask {
  n: number;
  lead?: string[];
  co?: string[];
  resp?: string[];
  deadline: string;
  values: number[];
  leader?: string;
}
interface KeyNotice {
  file: string;
  source: string;
  issuer: string;
  level: string;
  year?: number;
  families: string[];
  tasks: KeyTask[];
}

const dir = join(ROOT, 'tests/fixtures/notices/corpus');
const keys = (JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as { notices: KeyNotice[] }).notices;
/** Brackets of any width compare equal; whitespace is ignored. */
const norm = (s: string) =>
  s
    .replace(/\s/g, '')
    .replace(/[（(〈<［[【]/g, '(')
    .replace(/[）)〉>］\]】]/g, ')');
const sorted = (xs: string[] | undefined) => (xs ?? []).map(norm).sort();

/** Every way the task differs from its key; empty when exact. */
function differences(key: KeyTask, task: Task | undefined): string[] {
  if (!task) return ['missing'];
  const out: string[] = [];
  const by = (role: string) =>
    task.assignments.filter((a) => a.role === role).map((a) => (a.isGroup ? a.unit : (a.written ?? a.unit)));
  for (const [name, want, got] of [
    ['lead', key.lead, by('lead')],
    ['co', key.co, by('co')],
    ['resp', key.resp, by('responsible')],
  ] as const) {
    if (JSON.stringify(sorted(want)) !== JSON.stringify(sorted(got)))
      out.push(`${name}: want ${sorted(want).join('、') || '—'}, got ${sorted(got).join('、') || '—'}`);
  }
  const convener = task.assignments.find((a) => a.convener);
  if (key.resp && key.resp.length > 1 && norm(convener?.written ?? convener?.unit ?? '') !== norm(key.resp[0]!))
    out.push(`convener: want ${key.resp[0]}, got ${convener?.unit ?? '—'}`);
  if (task.deadline.date !== key.deadline)
    out.push(`deadline: want ${key.deadline}, got ${task.deadline.date} (${task.deadline.phrase ?? 'no phrase'})`);
  const values = task.indicators.map((i) => i.value).sort((a, b) => a - b);
  const want = [...key.values].sort((a, b) => a - b);
  if (JSON.stringify(values) !== JSON.stringify(want))
    out.push(`values: want ${want.join(',') || '—'}, got ${values.join(',') || '—'}`);
  return out;
}

/** The plan, or an empty one when the importer refused the notice (every keyed task then counts as missed). */
function load(k: KeyNotice): Plan {
  const r = importNotice(readFileSync(join(dir, k.file)), { sourceName: k.file, ...(k.year ? { year: k.year } : {}) });
  return r.value ?? ({ tasks: [] } as unknown as Plan);
}

describe('corpus of real notices', () => {
  const results = keys.map((k) => {
    const plan = load(k);
    return {
      k,
      plan,
      tasks: k.tasks.map((t) => ({
        t,
        diff: differences(
          t,
          plan.tasks.find((x) => x.number === t.n),
        ),
      })),
    };
  });
  const all = results.flatMap((r) => r.tasks);
  const exact = all.filter((x) => x.diff.length === 0).length;

  // The issue asks for 20 notices from 15 issuers and 150 keyed tasks; the floors are what the corpus holds today
  // (above that goal), so it cannot shrink unnoticed.
  it('holds at least 26 notices from 22 issuers (国务院/国办, provinces, cities, counties) and 232 keyed tasks', () => {
    console.log(
      `corpus: ${keys.length} notices, ${new Set(keys.map((k) => k.issuer)).size} issuers, ${all.length} keyed tasks`,
    );
    expect(keys.length).toBeGreaterThanOrEqual(26);
    expect(new Set(keys.map((k) => k.issuer)).size).toBeGreaterThanOrEqual(22);
    expect(new Set(keys.map((k) => k.level))).toEqual(new Set(['国务院', 'province', 'city', 'county']));
    expect(all.length).toBeGreaterThanOrEqual(232);
    // Each notice is keyed once (a task missing from the plan counts as missed, never skipped).
    expect(new Set(keys.map((k) => k.file)).size).toBe(keys.length);
  });

  it('scores at least 95% exact tasks', () => {
    const misses = results.flatMap((r) =>
      r.tasks.filter((x) => x.diff.length).map((x) => `${r.k.file} task ${x.t.n}: ${x.diff.join('; ')}`),
    );
    console.log(
      `corpus score: ${exact}/${all.length} exact tasks (${((100 * exact) / all.length).toFixed(1)}%)${misses.length ? `\n${misses.join('\n')}` : ''}`,
    );
    expect(exact / all.length).toBeGreaterThanOrEqual(0.95);
  });

  it('never takes a person for a unit: leaders are kept on the task', () => {
    for (const r of results) {
      for (const t of r.k.tasks.filter((x) => x.leader)) {
        const task = r.plan.tasks.find((x) => x.number === t.n);
        expect(task?.leader, `${r.k.file} task ${t.n}`).toBe(t.leader);
      }
    }
  });
});
