import { DubanError, Plan, UnitDirectory } from '@duban/core';
import type Database from 'better-sqlite3';
import { nextAudit, payloadHasher, writeAudit } from './_audit.js';
import { canonicalJson, sha256 } from './_digest.js';
import { type PlanTaskRow, type PlanVersionRow, planTaskDigest, planVersionDigest } from './_rows.js';
import type { PlanVersionInfo, StoredPlan } from './_types.js';

/** Content digest of a plan: the source file's name is left out, so the same notice from another path is "identical". */
export function planDigest(plan: Plan): string {
  const { sourceName: _ignored, ...content } = plan;
  return sha256(canonicalJson(content));
}

/** Stores a new plan version unless it equals the current one; one transaction, one audit entry. */
export function importPlan(
  db: Database.Database,
  input: Plan,
  inputDirectory: UnitDirectory,
  meta: { actor: string; source: string },
  key?: Uint8Array,
): { version: number; created: boolean } {
  // Whatever is stored here is read back by every other package, so it must match the schema.
  const plan = checked(Plan, input, 'plan');
  const directory = checked(UnitDirectory, inputDirectory, 'unit directory');
  assertUniqueTasks(plan);
  const digest = planDigest(plan);
  const directoryDigest = sha256(canonicalJson(directory));
  return db
    .transaction(() => {
      const current = db
        .prepare('SELECT version, digest, directory_digest FROM plan_versions ORDER BY version DESC LIMIT 1')
        .get() as { version: number; digest: string; directory_digest: string } | undefined;
      if (current && current.digest === digest && current.directory_digest === directoryDigest)
        return { version: current.version, created: false };

      const version = (current?.version ?? 0) + 1;
      const { seq, prevHash } = nextAudit(db);
      const at = new Date().toISOString();
      const head: PlanVersionRow = {
        version,
        digest,
        directory_digest: directoryDigest,
        plan_json: JSON.stringify(plan),
        directory_json: JSON.stringify(directory),
        tasks: plan.tasks.length,
        imported_at: at,
        actor: meta.actor,
        source: meta.source,
        audit_seq: seq,
      };
      const tasks: PlanTaskRow[] = [...plan.tasks]
        .sort((a, b) => a.number - b.number)
        .map((t) => ({
          plan_version: version,
          number: t.number,
          section: t.section,
          title: t.title,
          deadline: t.deadline.date,
          task_json: JSON.stringify(t),
          audit_seq: seq,
        }));
      const payload = payloadHasher();
      const headDigest = planVersionDigest(head);
      payload.add(headDigest);
      const taskDigests = tasks.map((t) => planTaskDigest(t));
      for (const d of taskDigests) payload.add(d);

      writeAudit(
        db,
        {
          seq,
          at,
          actor: meta.actor,
          action: 'plan.import',
          target: `plan v${version} (${plan.tasks.length} tasks, ${meta.source})`,
          payloadDigest: payload.digest(),
          prevHash,
        },
        key,
      );
      db.prepare(`INSERT INTO plan_versions (version, digest, directory_digest, plan_json, directory_json, tasks, imported_at, actor, source, audit_seq, row_digest)
      VALUES (@version, @digest, @directory_digest, @plan_json, @directory_json, @tasks, @imported_at, @actor, @source, @audit_seq, @row_digest)`).run(
        { ...head, row_digest: headDigest },
      );
      const insertTask =
        db.prepare(`INSERT INTO plan_tasks (plan_version, number, section, title, deadline, task_json, audit_seq, row_digest)
      VALUES (@plan_version, @number, @section, @title, @deadline, @task_json, @audit_seq, @row_digest)`);
      tasks.forEach((t, i) => insertTask.run({ ...t, row_digest: taskDigests[i] }));
      return { version, created: true };
    })
    .immediate();
}

function checked<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  what: string,
): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new DubanError('DUBAN_STORE_BAD_PLAN', `the ${what} does not match duban's schema; nothing was stored`, {
    problems: r.error.issues.slice(0, 50).map((i) => ({
      code: 'DUBAN_STORE_BAD_PLAN_FIELD',
      message: i.message,
      where: { path: '$' + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') },
    })),
    hint: 'this is a bug in the program that produced the plan; report it with the problems above',
  });
}

function assertUniqueTasks(plan: Plan): void {
  const seen = new Set<number>();
  for (const t of plan.tasks) {
    if (seen.has(t.number)) {
      throw new DubanError(
        'DUBAN_STORE_DUPLICATE_TASK',
        `the plan numbers two tasks ${t.number}; task numbers must be unique within a plan`,
        {
          where: { line: t.source.startLine },
          hint: 'fix the numbering in the notice and import it again',
        },
      );
    }
    seen.add(t.number);
  }
}

/** A stored version, or the current (highest) one when `version` is undefined. */
export function readPlan(db: Database.Database, version?: number): StoredPlan | null {
  const row = (
    version === undefined
      ? db.prepare('SELECT * FROM plan_versions ORDER BY version DESC LIMIT 1').get()
      : db.prepare('SELECT * FROM plan_versions WHERE version = ?').get(version)
  ) as PlanVersionRow | undefined;
  if (!row) return null;
  return {
    version: row.version,
    plan: JSON.parse(row.plan_json) as Plan,
    directory: JSON.parse(row.directory_json) as UnitDirectory,
    importedAt: row.imported_at,
    actor: row.actor,
    source: row.source,
  };
}

/** Every stored version, oldest first; the highest is current. */
export function listPlanVersions(db: Database.Database): PlanVersionInfo[] {
  const rows = db
    .prepare('SELECT version, imported_at, digest, directory_digest, tasks FROM plan_versions ORDER BY version')
    .all() as { version: number; imported_at: string; digest: string; directory_digest: string; tasks: number }[];
  const last = rows[rows.length - 1]?.version;
  return rows.map((r) => ({
    version: r.version,
    importedAt: r.imported_at,
    digest: r.digest,
    tasks: r.tasks,
    current: r.version === last,
  }));
}
