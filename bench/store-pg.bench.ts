// The ledger on PostgreSQL vs SQLite, in the same run (issue 18), in-process through
// the store's one interface: (1) a 100,000-row CSV progress import (read, validate,
// appendProgress: one transaction, COPY batches on PostgreSQL); (2) evaluating a
// 100,000-task plan as `duban evaluate` does it (open, read the plan and the progress
// as of a date, judge with the default rules). Goal: PostgreSQL within 2× of SQLite.
// The PostgreSQL is a throwaway cluster on loopback with fsync on (durable commits,
// as SQLite's WAL here); the value is PostgreSQL's, the baseline SQLite's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plan, UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { bulkReports, createProgressValidator, readProgressFile, toProgressCsv } from '@duban/intake';
import { createJudge, loadRuleSet } from '@duban/rules';
import { openLedger } from '@duban/store';
// biome-ignore lint/style/noRestrictedImports: the bench creates and drops its databases through the store's own PostgreSQL connection, which the store does not export
import { PgDatabase } from '../packages/store/src/_pg.js';
import { startCluster } from '../tests/_support/pg-cluster.js';
import { type BenchResult, median, round } from './_lib.js';
import { syntheticPlan } from './evaluate.bench.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const AS_OF = '2019-09-30';

export default async function bench(): Promise<BenchResult[]> {
  const cluster = await startCluster({ fsync: true });
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-pg-'));
  let databases = 0;
  const location = (engine: 'sqlite' | 'postgres') => {
    const name = `b${++databases}`;
    if (engine === 'sqlite') return join(dir, `${name}.db`);
    const admin = new PgDatabase(cluster.url);
    try {
      admin.exec(`CREATE DATABASE ${name}`);
    } finally {
      admin.close();
    }
    return cluster.url.replace(/\/postgres$/, `/${name}`);
  };
  try {
    const out: BenchResult[] = [];
    // (1) progress import
    const directory = UnitDirectory.parse(JSON.parse(readFileSync(join(root, 'seeds/ankang-units.json'), 'utf8')));
    const plan = importNotice(readFileSync(join(root, 'seeds/ankang-2019-notice.txt')), { directory }).value!;
    const csv = join(dir, 'p100k.csv');
    writeFileSync(csv, toProgressCsv(bulkReports(plan, 100_000)));
    const importMs = { sqlite: [] as number[], postgres: [] as number[] };
    for (let run = 0; run < 3; run++) {
      for (const engine of ['sqlite', 'postgres'] as const)
        importMs[engine].push(await importOnce(location(engine), plan, directory, csv));
    }
    const imp = { sqlite: median(importMs.sqlite), postgres: median(importMs.postgres) };
    process.stderr.write(
      `[bench] store-pg import 100k: SQLite ${importMs.sqlite.map(Math.round).join('/')} ms, PostgreSQL ${importMs.postgres.map(Math.round).join('/')} ms\n`,
    );
    out.push({
      name: 'store-pg.import.csv-100k',
      value: Math.round(100_000 / (imp.postgres / 1000)),
      unit: 'rows/s',
      baseline: Math.round(100_000 / (imp.sqlite / 1000)),
      ratio: round(imp.sqlite / imp.postgres),
      goal: 'PostgreSQL within 2× of SQLite (ratio ≥ 0.5)',
      pass: imp.postgres <= 2 * imp.sqlite,
    });

    // (2) evaluate 100,000 tasks read from the ledger
    const big = syntheticPlan(100_000);
    const bigDirectory: UnitDirectory = {
      units: big.plan.units.map((name) => ({ name, aliases: [], kind: 'city_department' as const })),
      groups: [],
    };
    const judge = createJudge(loadRuleSet(join(root, 'packages/rules/defaults')).value!);
    const evalMs: Record<'sqlite' | 'postgres', number[]> = { sqlite: [], postgres: [] };
    for (const engine of ['sqlite', 'postgres'] as const) {
      const at = location(engine);
      const l = openLedger(at);
      try {
        l.importPlan(big.plan, bigDirectory, { actor: 'bench', source: 'synthetic' });
        l.appendProgress(big.progress, { actor: 'bench', source: 'synthetic', planVersion: 1 });
      } finally {
        l.close();
      }
      for (let run = 0; run < 4; run++) evalMs[engine].push(await evaluateOnce(at, judge));
    }
    const ev = { sqlite: median(evalMs.sqlite.slice(1)), postgres: median(evalMs.postgres.slice(1)) };
    process.stderr.write(
      `[bench] store-pg evaluate 100k (${big.progress.length} reports): SQLite ${evalMs.sqlite.map(Math.round).join('/')} ms, PostgreSQL ${evalMs.postgres.map(Math.round).join('/')} ms\n`,
    );
    out.push({
      name: 'store-pg.evaluate.100k',
      value: Math.round(100_000 / (ev.postgres / 1000)),
      unit: 'tasks/s',
      baseline: Math.round(100_000 / (ev.sqlite / 1000)),
      ratio: round(ev.sqlite / ev.postgres),
      goal: 'PostgreSQL within 2× of SQLite (ratio ≥ 0.5)',
      pass: ev.postgres <= 2 * ev.sqlite,
    });
    return out;
  } finally {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importOnce(at: string, plan: Plan, directory: UnitDirectory, csv: string): Promise<number> {
  const l = openLedger(at);
  try {
    const { version } = l.importPlan(plan, directory, { actor: 'bench', source: 'seed' });
    const t0 = performance.now();
    const rows = await readProgressFile(csv);
    const checked = createProgressValidator({ plan, directory, planVersion: version, today: '2026-01-01' })(rows);
    if (!checked.value) throw new Error('bench input is invalid');
    const r = l.appendProgress(checked.value, { actor: 'bench', source: csv, planVersion: version });
    const ms = performance.now() - t0;
    if (r.added !== 100_000) throw new Error(`expected 100000 added, got ${r.added}`);
    return ms;
  } finally {
    l.close();
  }
}

async function evaluateOnce(at: string, judge: ReturnType<typeof createJudge>): Promise<number> {
  const t0 = performance.now();
  const l = openLedger(at, { readonly: true });
  try {
    const { plan, progress } = l.snapshot(() => ({
      plan: l.currentPlan()!.plan,
      progress: l.listProgress({ asOf: AS_OF }),
    }));
    const ev = await judge.evaluate({ plan, progress, asOf: AS_OF });
    if (ev.verdicts.length !== 100_000) throw new Error('evaluation incomplete');
    return performance.now() - t0;
  } finally {
    l.close();
  }
}
