import { randomInt } from 'node:crypto';
import { DubanError } from '@duban/core';
import { directoryResolver } from '@duban/intake';
import type { Account, AccountRole, Workspace } from '@duban/store';
import { hashPassword, passwordProblem } from './_password.js';

/** Chinese labels of the roles. */
export const ROLE_LABELS: Record<AccountRole, string> = {
  admin: '督查室管理员',
  staff: '督查室工作人员',
  reporter: '单位填报员',
};

/** A temporary password: 12 characters without look-alikes (0/O, 1/l/I), to read out or hand over on paper. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** The canonical name of a unit as written (any alias), if the current plan assigns it a task. */
export function resolveUnit(ws: Workspace, written: string): string {
  const stored = ws.currentPlan();
  if (!stored)
    throw new DubanError('DUBAN_ACCOUNT_NO_PLAN', 'unit accounts can be created once the notice is imported', {
      hint: 'import the notice first: duban import NOTICE.txt',
    });
  const unit = directoryResolver(stored.directory, stored.plan)(written);
  if (!unit || !stored.plan.tasks.some((t) => t.assignments.some((a) => a.unit === unit && !a.isGroup))) {
    throw new DubanError(
      'DUBAN_ACCOUNT_UNIT_UNKNOWN',
      `${written} is not a unit with tasks in plan v${stored.version}`,
      { where: { path: '--unit' }, hint: 'use a unit name as `duban units` lists it (aliases work too)' },
    );
  }
  return unit;
}

/** Creates an account; without a password a temporary one is generated and must be changed at first login. */
export async function createAccount(
  ws: Workspace,
  input: { username: string; role: AccountRole; unit?: string; displayName?: string; password?: string },
  actor: string,
): Promise<{ account: Account; password: string; temporary: boolean }> {
  const unit = input.role === 'reporter' ? resolveUnit(ws, input.unit ?? '') : null;
  if (input.role !== 'reporter' && input.unit)
    throw new DubanError('DUBAN_ACCOUNT_UNIT', 'office accounts (admin, staff) belong to no unit', {
      hint: 'drop --unit, or use --role reporter',
    });
  const temporary = input.password === undefined;
  const password = input.password ?? temporaryPassword();
  const problem = passwordProblem(password);
  if (problem)
    throw new DubanError('DUBAN_ACCOUNT_PASSWORD', `the password is too weak: ${problem}`, {
      hint: 'use at least 10 characters, or omit it to get a temporary password',
    });
  let account = ws.changeAccount(
    {
      kind: 'create',
      username: input.username,
      role: input.role,
      unit,
      displayName: input.displayName || (unit ?? input.username),
      passwordHash: await hashPassword(password),
    },
    actor,
  );
  // A generated password is known to whoever handed it over: the user must replace it.
  if (temporary)
    account = ws.changeAccount({ kind: 'reset', username: input.username, passwordHash: account.passwordHash }, actor);
  return { account, password, temporary };
}

/** Resets a password to a new temporary one (shown once), ending the account's sessions. */
export async function resetPassword(ws: Workspace, username: string, actor: string): Promise<string> {
  const password = temporaryPassword();
  ws.changeAccount({ kind: 'reset', username, passwordHash: await hashPassword(password) }, actor);
  endSessions(ws, username);
  return password;
}

/** Disables or enables an account; disabling ends its sessions at once. */
export function setDisabled(ws: Workspace, username: string, disabled: boolean, actor: string): Account {
  const account = ws.changeAccount({ kind: disabled ? 'disable' : 'enable', username }, actor);
  if (disabled) endSessions(ws, username);
  return account;
}

function endSessions(ws: Workspace, username: string): void {
  ws.sessions.destroyWhere((d) => (JSON.parse(d) as { username?: string }).username === username);
}
