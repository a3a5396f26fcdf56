import { createRequire } from 'node:module';

// pg-native (node-postgres' libpq binding) answers synchronously (querySync), so the
// store keeps its synchronous better-sqlite3-shaped API on PostgreSQL too: every
// caller (CLI, web, reporter contexts) stays as it is. A worker thread with Atomics
// (synckit) would do the same in pure JS but copy every row between threads.

let pgNative: unknown;

/** The error fields libpq reports. */
export interface PqError {
  sqlState?: string;
  messagePrimary?: string;
}
/** The part of pg-native's Client (and its libpq handle) the store uses. */
export interface NativeClient {
  connectSync(url: string): void;
  querySync(text: string, values?: (string | null)[]): Record<string, unknown>[];
  prepareSync(name: string, text: string, nParams: number): void;
  executeSync(name: string, values: (string | null)[]): Record<string, unknown>[];
  end(cb?: () => void): void;
  pq: {
    exec(text: string): void;
    putCopyData(b: Buffer): number;
    putCopyEnd(): number;
    getResult(): boolean;
    resultStatus(): string;
    resultErrorMessage(): string;
    cmdTuples(): string;
    errorMessage?(): string;
    resultErrorFields(): PqError | undefined;
    connected?: boolean;
    finish(): void;
    transactionStatus(): number;
  };
}

// Values arrive as text from libpq. The schema holds only TEXT and BIGINT (SQLite's
// INTEGER), so numbers (int2/4/8, numeric of SUM, float8) become JS numbers (duban's
// are far inside 2^53), booleans (EXISTS) 1/0 as SQLite returns them, the rest text.
const NUMERIC_OIDS = new Set([20, 21, 23, 26, 700, 701, 1700]);
const asText = (v: string) => v;
const types = {
  getTypeParser(oid: number): (v: string) => unknown {
    if (NUMERIC_OIDS.has(oid)) return Number;
    if (oid === 16) return (v: string) => (v === 't' ? 1 : 0);
    return asText;
  },
};

/** A new, unconnected client with duban's value parsing. */
export function newClient(): NativeClient {
  // Loaded on first use: a SQLite ledger (every command on the default engine) never pays for libpq.
  pgNative ??= createRequire(import.meta.url)('pg-native') as unknown;
  // CommonJS exports the class; a loader with ES-module interop (vitest) wraps it as { default }.
  const Client = typeof pgNative === 'function' ? pgNative : (pgNative as { default: unknown }).default;
  return new (Client as new (o: { types: typeof types }) => NativeClient)({ types });
}

// libpq's finish() closes its libuv poll handle asynchronously, and the handle lives
// inside the native connection object: if that object is collected before the loop
// completes the close, libuv aborts (uv__finish_close). Closed clients are kept
// reachable for two loop turns.
const closing = new Set<NativeClient>();
export function finish(client: NativeClient): void {
  closing.add(client);
  try {
    client.pq.finish();
  } catch {
    // already closed by the server
  }
  setImmediate(() => setImmediate(() => closing.delete(client)));
}

export function safeFields(client: NativeClient): PqError | undefined {
  try {
    return client.pq.resultErrorFields();
  } catch {
    return undefined;
  }
}

export function firstLine(s: string): string {
  return s
    .trim()
    .split('\n')[0]!
    .replace(/^ERROR:\s+/, '')
    .trim();
}
