// Web workspace load (issue 17): 50 concurrent unit sessions, each logged in as its
// own unit, submitting progress reports through the real `duban serve` on loopback
// for 60 s (closed loop, no think time: every session posts again as soon as it is
// answered). Afterwards the ledger is checked: one progress row and one audit entry
// per accepted submission, and the audit chain verifies. Goal: p95 ≤ 200 ms, zero
// errors, zero lost writes. Baseline (same run): one session submitting alone. A third,
// 20 s run follows each submission with the page it redirects to (figures without a goal).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnitDirectory } from '@duban/core';
import { importNotice } from '@duban/import';
import { openWorkspace } from '@duban/store';
import { createAccount } from '@duban/web';
import { type BenchResult, round } from './_lib.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const SESSIONS = 50;
const SECONDS = Number(process.env.DUBAN_BENCH_WEB_SECONDS ?? 60);
const PASSWORD = 'bench-password-1';

interface Session {
  unit: string;
  task: number;
  cookie: string;
  token: string;
}

export default async function bench(): Promise<BenchResult[]> {
  const main = await withServer(
    async (url, sessions, cpuMs) => {
      const single = await load(url, sessions.slice(0, 1), Math.min(10, SECONDS));
      const cpu0 = cpuMs();
      const client0 = process.cpuUsage();
      const full = await load(url, sessions, SECONDS);
      const client = process.cpuUsage(client0);
      // CPU per submission, the server's and the load generator's: figures the other jobs on a shared machine do not move much.
      return {
        single,
        full,
        serverCpu: round((cpuMs() - cpu0) / Math.max(1, full.ok), 2),
        clientCpu: round((client.user + client.system) / 1000 / Math.max(1, full.ok), 2),
      };
    },
    (r) => r.single.ok + r.full.ok,
  );
  // Informational, on a fresh ledger (60 s of closed-loop posting leaves ~1000 corrections on every
  // task, which no real task has): each submission followed by the page it redirects to, as a browser does.
  const page = await withServer(
    (url, sessions) => load(url, sessions, Math.min(20, SECONDS), true),
    (r) => r.ok,
  );
  const { single, full } = main.result;
  const p = (xs: number[], q: number) => round(percentile(xs, q), 1);
  const p95 = p(full.latencies, 0.95);
  const errors = single.errors + full.errors + page.result.errors;
  const lost = main.lost.lost + page.lost.lost;
  const chain = main.lost.chain === 'ok' && page.lost.chain === 'ok';
  process.stderr.write(
    `[bench] web: ${full.ok} submissions in ${SECONDS} s by ${SESSIONS} sessions, p50 ${p(full.latencies, 0.5)} ms, p95 ${p95} ms, p99 ${p(full.latencies, 0.99)} ms, ${errors} errors; ledger: ${main.lost.rows} rows, chain ${main.lost.chain}; with page: ${page.result.ok} in ${Math.min(20, SECONDS)} s, p95 ${p(page.result.latencies, 0.95)} ms\n`,
  );
  return [
    {
      name: 'web.load.p95',
      value: p95,
      unit: 'ms',
      baseline: p(single.latencies, 0.95),
      goal: '≤ 200 ms (50 sessions, 60 s)',
      pass: p95 <= 200,
    },
    { name: 'web.load.p50', value: p(full.latencies, 0.5), unit: 'ms' },
    { name: 'web.load.p99', value: p(full.latencies, 0.99), unit: 'ms' },
    {
      name: 'web.load.throughput',
      value: round(full.ok / SECONDS, 1),
      unit: 'submissions/s',
      baseline: round(single.ok / Math.min(10, SECONDS), 1),
    },
    { name: 'web.load.server-cpu', value: main.result.serverCpu, unit: 'cpu-ms/submission' },
    // The load generator runs on the same 2 cores: its share is CPU the server did not get.
    { name: 'web.load.client-cpu', value: main.result.clientCpu, unit: 'cpu-ms/submission' },
    { name: 'web.load.with-page.p95', value: p(page.result.latencies, 0.95), unit: 'ms' },
    {
      name: 'web.load.with-page.throughput',
      value: round(page.result.ok / Math.min(20, SECONDS), 1),
      unit: 'submissions/s',
    },
    { name: 'web.load.errors', value: errors, unit: 'errors', goal: '0', pass: errors === 0 },
    {
      name: 'web.load.lost-writes',
      value: lost,
      unit: 'rows',
      goal: '0 (row counts and audit chain verified)',
      pass: lost === 0 && chain,
    },
  ];
}

/** A fresh ledger with 50 logged-in unit sessions on the real server; checks the ledger after `run`. */
async function withServer<T>(
  run: (url: string, sessions: Session[], cpuMs: () => number) => Promise<T>,
  accepted: (result: T) => number,
): Promise<{ result: T; lost: ReturnType<typeof check> }> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-web-'));
  const db = join(dir, 'duban.db');
  try {
    const sessions = await prepare(db);
    const server = await serve(db);
    let result: T;
    try {
      for (const [i, s] of sessions.entries()) await login(server.url, s, i);
      result = await run(server.url, sessions, server.cpuMs);
    } finally {
      await server.stop();
    }
    return { result, lost: check(db, accepted(result)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports the seed notice and creates one reporter account per unit for the first 50 units that lead a task. */
async function prepare(db: string): Promise<Session[]> {
  const directory = UnitDirectory.parse(JSON.parse(readFileSync(join(root, 'seeds/ankang-units.json'), 'utf8')));
  const plan = importNotice(readFileSync(join(root, 'seeds/ankang-2019-notice.txt')), { directory }).value!;
  const ws = openWorkspace(db);
  try {
    ws.ledger.importPlan(plan, directory, { actor: 'bench', source: 'seed' });
    const picked = new Map<string, number>();
    for (const t of plan.tasks)
      for (const a of t.assignments) if (!a.isGroup && !picked.has(a.unit)) picked.set(a.unit, t.number);
    const sessions = [...picked].slice(0, SESSIONS).map(([unit, task]) => ({ unit, task, cookie: '', token: '' }));
    if (sessions.length < SESSIONS) throw new Error(`only ${sessions.length} units in the seed`);
    for (const [i, s] of sessions.entries())
      await createAccount(ws, { username: `u${i}`, role: 'reporter', unit: s.unit, password: PASSWORD }, 'bench');
    return sessions;
  } finally {
    ws.close();
  }
}

function serve(db: string): Promise<{ url: string; stop: () => Promise<void>; cpuMs: () => number }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.DUBAN_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      join(root, 'apps/cli/bin/duban.js'),
      '--db',
      db,
      'serve',
      '--port',
      '0',
      '--today',
      '2019-12-31',
      '--login-attempts',
      '1000',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /duban serve: (http:\/\/\S+)/.exec(out);
      if (m)
        ok({
          url: m[1]!,
          stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
          cpuMs: () => cpuOf(child.pid!),
        });
    });
    child.once('exit', (code) => fail(new Error(`duban serve exited ${code}: ${out}`)));
  });
}

async function login(url: string, s: Session, index: number): Promise<void> {
  const page = await fetch(`${url}/login`);
  const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username: `u${index}`, password: PASSWORD }),
  });
  if (res.status !== 303) throw new Error(`login of ${s.unit} failed: ${res.status}`);
  s.cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const form = await fetch(`${url}/unit/tasks/${s.task}`, { headers: { cookie: s.cookie } });
  s.token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
}

// The load generator shares the 2 cores with the server, so it must be cheap: node:http with a
// keep-alive agent and a hand-built multipart body (undici's fetch + FormData cost the client more
// CPU per request than the server spent answering it).
const agent = new Agent({ keepAlive: true, maxSockets: SESSIONS });
const BOUNDARY = '----dubanbench7MA4YWxkTrZu0gW';

function multipart(fields: Record<string, string>): Buffer {
  let body = '';
  for (const [k, v] of Object.entries(fields))
    body += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  return Buffer.from(body + `--${BOUNDARY}--\r\n`);
}

function get(url: string, path: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { agent, headers: { cookie } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function post(url: string, path: string, cookie: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url + path,
      {
        method: 'POST',
        agent,
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Every session posts the report form (multipart, as the browser sends it) in a loop until the
 * time is up; with `follow`, each submission also loads the page the browser is redirected to.
 */
async function load(
  url: string,
  sessions: Session[],
  seconds: number,
  follow = false,
): Promise<{ latencies: number[]; ok: number; errors: number }> {
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  let counter = 0;
  await Promise.all(
    sessions.map(async (s) => {
      while (performance.now() < end) {
        const n = ++counter;
        const body = multipart({
          _csrf: s.token,
          date: `2019-${String(1 + (n % 12)).padStart(2, '0')}-15`,
          percent: String(n % 100),
          progress: `压测提交第${n}次：${s.unit}推进情况`,
        });
        const t0 = performance.now();
        try {
          const status = await post(url, `/unit/tasks/${s.task}/report`, s.cookie, body);
          if (follow && status === 303) await get(url, `/unit/tasks/${s.task}?done=added`, s.cookie);
          latencies.push(performance.now() - t0);
          if (status === 303) ok++;
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, ok, errors };
}

/**
 * Every accepted submission must be exactly one progress row written by exactly one audit entry,
 * and the chain must verify. `lost` counts the difference either way (a missing or a doubled write).
 */
function check(db: string, accepted: number): { rows: number; lost: number; chain: string } {
  const ws = openWorkspace(db, { readonly: true });
  try {
    const rows = ws.ledger
      .listProgress({ includeSuperseded: true })
      .filter((r) => r.source?.startsWith('网页填报')).length;
    const entries = ws.ledger.auditLog({ action: 'progress.append' }).length;
    const v = ws.ledger.verifyAudit();
    return {
      rows,
      lost: Math.abs(accepted - rows) + Math.abs(accepted - entries),
      chain: v.ok ? 'ok' : `broken at ${v.firstBad?.seq}: ${v.firstBad?.reason}`,
    };
  } finally {
    ws.close();
  }
}

/** User + system CPU time of a process in ms (Linux /proc; clock ticks are 1/100 s). */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}
