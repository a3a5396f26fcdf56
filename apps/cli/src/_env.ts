import { userInfo } from 'node:os';
import type { Ledger, OpenOptions } from '@duban/store';
import type { Command } from 'commander';
import { type Config, loadConfig } from './_config.js';

/** What every command gets: config, global options, output. The CLI's only wiring point. */
export interface CliEnv {
  /** Configuration, loaded on first use (so --config is honoured). */
  config(): Config;
  /** The ledger path: --db, else config.db. */
  dbPath(): string;
  /** The actor recorded in the audit chain: --actor, else the OS user. */
  actor(): string;
  /** Writes a line to stdout. */
  out(text: string): void;
  /** Writes a line to stderr (warnings, progress). */
  err(text: string): void;
  /** Prints JSON to stdout. */
  json(value: unknown): void;
  /** Options every ledger open needs besides its own: the office key (env DUBAN_AUDIT_KEY, else config auditKey), read once. */
  ledgerOptions(options?: OpenOptions): Promise<OpenOptions>;
  /** Opens the ledger (--db / config.db), runs `use`, and closes it whatever happens. */
  withLedger<T>(options: OpenOptions, use: (ledger: Ledger) => T | Promise<T>): Promise<T>;
}

/** Creates the environment from the root program's global options. */
export function createEnv(program: Command): CliEnv {
  let config: Config | undefined;
  let key: { value: Uint8Array | undefined } | undefined;
  const opts = () => program.opts<{ config?: string; db?: string; actor?: string }>();
  return {
    config: () => (config ??= loadConfig(opts().config)),
    dbPath() {
      return opts().db ?? this.config().db;
    },
    actor: () => opts().actor ?? process.env.DUBAN_ACTOR ?? safeUser(),
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
    json: (value) => void process.stdout.write(JSON.stringify(value, null, 2) + '\n'),
    async ledgerOptions(options = {}) {
      if (!key) {
        const file = process.env.DUBAN_AUDIT_KEY || this.config().auditKey;
        // Loaded on demand: better-sqlite3 is not needed by every command.
        key = { value: file ? (await import('@duban/store')).readOfficeKey(file) : undefined };
      }
      return key.value ? { ...options, officeKey: key.value } : options;
    },
    async withLedger(options, use) {
      const { openLedger } = await import('@duban/store');
      const ledger = openLedger(this.dbPath(), await this.ledgerOptions(options));
      try {
        return await use(ledger);
      } finally {
        ledger.close();
      }
    },
  };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
