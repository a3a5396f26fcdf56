// The SAMPLE progress data: deterministic, labelled, identical to what the
// generator produces now, and importable by the real CLI as it stands.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Plan, UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { type ProgressRow, readProgressFile } from '@duban/intake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleProgress, SAMPLE_MARKER, sampleFiles } from '../dev/sample/index.js';
import { ROOT, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';
import { seededLedger } from './_support/progress-files.js';

const SAMPLE = join(ROOT, 'seeds/sample-progress');
let plan: Plan;
let directory: UnitDirectory;
const tmp = tempDir('duban-sample-');
beforeAll(() => {
  directory = UnitDirectory.parse(JSON.parse(readFileSync(SEED_UNITS, 'utf8')));
  plan = importNotice(readFileSync(SEED_NOTICE), { directory, sourceName: 'ankang-2019-notice.txt' }).value!;
});
afterAll(() => tmp.cleanup());

const contentOf = (rows: ProgressRow[]) => rows.map((r) => ({ ...r, where: { ...r.where, file: '' } }));

describe('sample progress (seeds/sample-progress)', () => {
  it('is deterministic: the same seed gives the same reports, another seed others', () => {
    const a = generateSampleProgress(plan, directory, { seed: 2019 });
    expect(generateSampleProgress(plan, directory, { seed: 2019 })).toEqual(a);
    expect(generateSampleProgress(plan, directory, { seed: 7 })).not.toEqual(a);
    // Every report is marked as sample data, and no (task, unit, date) repeats.
    expect(a.every((r) => r.evidence.includes(SAMPLE_MARKER))).toBe(true);
    expect(new Set(a.map((r) => `${r.task}|${r.unit}|${r.date}`)).size).toBe(a.length);
  });

  it('has a realistic shape: most tasks done by year end, some behind, some overdue, units late or missing', () => {
    const reports = generateSampleProgress(plan, directory, { seed: 2019 });
    const lastOf = new Map<number, (typeof reports)[number]>();
    for (const r of reports) lastOf.set(r.task, r);
    const done = [...lastOf.values()].filter((r) => r.state === 'done').length;
    expect(lastOf.size).toBe(plan.tasks.length); // every task is reported on
    expect(done / plan.tasks.length).toBeGreaterThan(0.6);
    expect(done).toBeLessThan(plan.tasks.length); // …but not all
    // Some tasks are due before year end and not done by then: overdue at year end.
    const overdue = plan.tasks.filter((t) => t.deadline.date < '2019-12-31' && lastOf.get(t.number)!.state !== 'done');
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(reports.some((r) => r.state === 'blocked')).toBe(true);
    // Some reports arrive days after the month closes (late units).
    expect(reports.some((r) => Number(r.date.slice(8)) <= 10 && r.date.slice(5, 7) !== '03')).toBe(true);
  });

  it('the committed files equal a fresh generation, each labelled as sample data', async () => {
    const fresh = await sampleFiles(plan, directory, { seed: 2019, planVersion: 1 });
    const committed = readdirSync(SAMPLE)
      .filter((f) => f !== 'README.md')
      .sort();
    expect(fresh.map((f) => f.name).sort()).toEqual(committed);
    for (const f of fresh) {
      expect(f.name.startsWith(SAMPLE_MARKER)).toBe(true);
      if (f.name.endsWith('.csv')) {
        expect(readFileSync(join(SAMPLE, f.name)).equals(f.bytes), f.name).toBe(true);
      } else {
        // Workbooks are zips with timestamps inside; compare what an import reads.
        const file = join(tmp.dir, f.name);
        writeFileSync(file, f.bytes);
        expect(contentOf(await readProgressFile(join(SAMPLE, f.name)))).toEqual(
          contentOf(await readProgressFile(file)),
        );
      }
    }
    const readme = readFileSync(join(SAMPLE, 'README.md'), 'utf8');
    expect(readme).toContain('SAMPLE DATA');
    expect(readme).toContain('seed 2019');
  });

  it('imports in full through the CLI: every generated report is added once', async () => {
    const env = await seededLedger();
    try {
      const files = readdirSync(SAMPLE).map((f) => join(SAMPLE, f)); // README.md included, as `dir/*` would
      const r = await env.duban('progress', 'import', '--office', ...files, '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('skipped');
      const total = generateSampleProgress(plan, directory, { seed: 2019 }).length;
      expect(JSON.parse(r.stdout)).toMatchObject({ rows: total, added: total, superseded: 0, unchanged: 0 });
    } finally {
      env.cleanup();
    }
  });
});
