import { DubanError } from '@duban/core';
import type Database from 'better-sqlite3';
import { statement } from './_statements.js';
import { type AccountEventRow, accountEventDigest } from './_workspace-rows.js';
import { auditedInsert } from './_workspace-write.js';

/** Roles of the web workspace: the office's administrator and staff, and a unit's reporter. */
export type AccountRole = 'admin' | 'staff' | 'reporter';

/** An account as it stands after all its events. The password hash is only for the login check. */
export interface Account {
  username: string;
  role: AccountRole;
  /** The unit a reporter reports for (canonical name); null for office accounts. */
  unit: string | null;
  displayName: string;
  passwordHash: string;
  disabled: boolean;
  /** True after the office reset the password: the user must choose a new one. */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A change to an account, recorded as an event (accounts are never updated in place). */
export type AccountChange =
  | {
      kind: 'create';
      username: string;
      role: AccountRole;
      unit: string | null;
      displayName: string;
      passwordHash: string;
    }
  | { kind: 'reset' | 'password'; username: string; passwordHash: string }
  | { kind: 'disable' | 'enable'; username: string };

const USERNAME = /^[\p{L}\p{N}_.@-]{2,64}$/u;

/** Folds an account's events, oldest first, into its current state. */
function fold(events: AccountEventRow[]): Account | null {
  let a: Account | null = null;
  for (const e of events) {
    if (e.kind === 'create') {
      a = {
        username: e.username,
        role: e.role as AccountRole,
        unit: e.unit,
        displayName: e.display_name ?? e.username,
        passwordHash: e.password_hash ?? '',
        disabled: false,
        mustChangePassword: false,
        createdAt: e.at,
        updatedAt: e.at,
      };
      continue;
    }
    if (!a) continue;
    a.updatedAt = e.at;
    if (e.kind === 'reset' || e.kind === 'password') {
      a.passwordHash = e.password_hash ?? a.passwordHash;
      a.mustChangePassword = e.kind === 'reset';
    } else a.disabled = e.kind === 'disable';
  }
  return a;
}

/** The current state of one account, or null. */
export function readAccount(db: Database.Database, username: string): Account | null {
  return fold(
    statement(db, 'SELECT * FROM account_events WHERE username = ? ORDER BY id').all(username) as AccountEventRow[],
  );
}

/** Every account, by username. */
export function listAccounts(db: Database.Database): Account[] {
  const byUser = new Map<string, AccountEventRow[]>();
  for (const e of statement(db, 'SELECT * FROM account_events ORDER BY id').all() as AccountEventRow[]) {
    const list = byUser.get(e.username) ?? [];
    list.push(e);
    byUser.set(e.username, list);
  }
  return [...byUser.values()]
    .map(fold)
    .filter((a): a is Account => a !== null)
    .sort((a, b) => a.username.localeCompare(b.username));
}

/** Records one account change with its audit entry; the target never carries the hash. */
export function changeAccount(db: Database.Database, change: AccountChange, actor: string, key?: Uint8Array): Account {
  return db
    .transaction(() => {
      const current = readAccount(db, change.username);
      check(change, current);
      const target =
        change.kind === 'create'
          ? `account ${change.username} (${change.role}${change.unit ? `, ${change.unit}` : ''})`
          : `account ${change.username}`;
      auditedInsert<AccountEventRow>(
        db,
        { actor, action: `account.${change.kind}`, target, key },
        'account_events',
        accountEventDigest,
        ({ seq, at, nextId }) => [
          {
            id: nextId(),
            username: change.username,
            kind: change.kind,
            role: change.kind === 'create' ? change.role : null,
            unit: change.kind === 'create' ? change.unit : null,
            display_name: change.kind === 'create' ? change.displayName : null,
            password_hash: 'passwordHash' in change ? change.passwordHash : null,
            at,
            actor,
            audit_seq: seq,
          },
        ],
      );
      return readAccount(db, change.username)!;
    })
    .immediate();
}

function check(change: AccountChange, current: Account | null): void {
  const where = { path: `account ${change.username}` };
  if (change.kind === 'create') {
    if (!USERNAME.test(change.username))
      throw new DubanError('DUBAN_ACCOUNT_NAME', `account name "${change.username}" is not allowed`, {
        where,
        hint: 'use 2–64 letters, digits, Chinese characters, _ . @ or -, no spaces',
      });
    if (current)
      throw new DubanError('DUBAN_ACCOUNT_EXISTS', `an account named ${change.username} already exists`, {
        where,
        hint: "choose another name, or reset the existing account's password",
      });
    if (change.role === 'reporter' && !change.unit)
      throw new DubanError('DUBAN_ACCOUNT_UNIT', 'a unit reporter account needs its unit', {
        where,
        hint: 'give the unit, e.g. --unit 市交通局',
      });
    if (change.role !== 'reporter' && change.unit)
      throw new DubanError('DUBAN_ACCOUNT_UNIT', 'office accounts (admin, staff) belong to no unit', {
        where,
        hint: 'drop the unit, or make the account a reporter',
      });
    return;
  }
  if (!current)
    throw new DubanError('DUBAN_ACCOUNT_UNKNOWN', `no account named ${change.username}`, {
      where,
      hint: 'list the accounts with `duban users list`',
    });
}
