/**
 * Records what `duban report` issued in the ledger's registry of issued documents
 * (发文登记): one row per reporter run, with each output file's SHA-256 and the
 * audit head the documents were made from (the one printed on them).
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { DubanError } from '@duban/core';
import type { IssueInfo } from '@duban/reporter-api';
import type { IssuedOutput } from '@duban/store';
import type { CliEnv } from './_env.js';

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Hashes the outputs and registers each run; a failure here says the files exist but are not registered. */
export async function registerIssued(
  env: CliEnv,
  runs: { reporter: string; paths: readonly string[] }[],
  meta: { asOf: string; issue: IssueInfo; verified: boolean },
): Promise<void> {
  const docs: { reporter: string; outputs: IssuedOutput[] }[] = [];
  for (const run of runs) {
    const outputs: IssuedOutput[] = [];
    for (const path of run.paths) outputs.push({ path, sha256: await sha256(path), bytes: statSync(path).size });
    docs.push({ reporter: run.reporter, outputs });
  }
  try {
    await env.withLedger({ mustExist: true }, (ledger) => {
      for (const d of docs) {
        ledger.recordIssuedDocument({
          reporter: d.reporter,
          issueNumber: meta.issue.number,
          asOf: meta.asOf,
          issueDate: meta.issue.date,
          outputs: d.outputs,
          head: meta.issue.auditHead ?? null,
          verified: meta.verified,
          actor: env.actor(),
        });
      }
    });
  } catch (e) {
    const files = runs.flatMap((r) => r.paths).join(', ');
    throw new DubanError(
      'DUBAN_REPORT_REGISTER',
      `the document(s) were written (${files}) but could not be recorded in the registry of issued documents: ${(e as Error).message}`,
      {
        where: { file: env.dbPath() },
        cause: e,
        hint:
          (e as { hint?: string }).hint ??
          'fix the cause and issue the document again; an unregistered document cannot be checked against the ledger later',
      },
    );
  }
}
