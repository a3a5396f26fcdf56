// A throwaway PostgreSQL cluster for tests and benches: initdb in a temp directory,
// a loopback port, its unix socket in that directory, trust auth for 127.0.0.1,
// stopped and removed at the end. Nothing is mocked: this is Debian's postgresql.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's postgresql-15 puts initdb and pg_ctl (DUBAN_PG_BIN overrides). */
export const PG_BIN = process.env.DUBAN_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A running throwaway cluster. */
export interface PgCluster {
  dir: string;
  port: number;
  /** Superuser URL of the `postgres` database. */
  url: string;
  /** pg_ctl restart -m fast: every connection is cut. */
  restart(): void;
  stop(): void;
}

/** Throws a message naming the package to install when PostgreSQL is not there: tests must not silently skip. */
export function requirePostgres(): void {
  if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'pg_ctl'))) {
    throw new Error(
      `PostgreSQL is not installed (no ${PG_BIN}/initdb): the store tests run against both SQLite and PostgreSQL.\n` +
        'Install it with `apt-get install postgresql` (or `bash scripts/setup.sh`), or set DUBAN_PG_BIN to the directory holding initdb and pg_ctl.',
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root, so root runs the cluster as the `postgres` OS user. */
function asOwner(cmd: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]].flat() : [cmd, ...args];
}

function run(cmd: string, args: string[]): void {
  const [c, ...a] = asOwner(cmd, args);
  const r = spawnSync(c!, a, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/** Starts a new cluster; `fsync` off unless asked (tests), on for benches. */
export async function startCluster(options: { fsync?: boolean } = {}): Promise<PgCluster> {
  requirePostgres();
  const dir = mkdtempSync(join(tmpdir(), 'duban-pg-'));
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  run(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${options.fsync ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'}`;
  const ctl = (...args: string[]) =>
    run(join(PG_BIN, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o', opts, ...args]);
  ctl('start');
  const cluster: PgCluster = {
    dir,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => ctl('restart', '-m', 'fast'),
    stop: () => {
      try {
        ctl('stop', '-m', 'immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return cluster;
}
