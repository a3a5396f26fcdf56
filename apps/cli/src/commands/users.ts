import { DubanError } from '@duban/core';
import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';

const ROLES = ['admin', 'staff', 'reporter'] as const;

/** Registers `duban users`: accounts of the web workspace (add, list, reset, disable, enable). */
export function register(program: Command, env: CliEnv): void {
  const users = program
    .command('users')
    .description('accounts of the web workspace (duban serve): office admin, office staff, unit reporters');

  users
    .command('add')
    .description('create an account; prints a temporary password the user must change at first login')
    .argument('<username>', 'login name (letters, digits, Chinese, _ . @ -)')
    .option('--unit <unit>', 'the unit a reporter reports for (any of its names); implies --role reporter')
    .option('--role <role>', `${ROLES.join(' | ')} (default: reporter with --unit, else staff)`)
    .option('--name <text>', 'display name (default: the unit, or the username)')
    .option('--password-stdin', 'read the password from standard input instead of generating a temporary one')
    .option('--json', 'print { username, role, unit, password? } as JSON')
    .action(
      async (
        username: string,
        o: { unit?: string; role?: string; name?: string; passwordStdin?: boolean; json?: boolean },
      ) => {
        const role = (o.role ?? (o.unit ? 'reporter' : 'staff')) as (typeof ROLES)[number];
        if (!ROLES.includes(role))
          throw new DubanError('DUBAN_USERS_ROLE', `unknown role ${o.role}`, {
            hint: `use one of ${ROLES.join(', ')}`,
          });
        const password = o.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
        const { createAccount } = await import('@duban/web');
        // The first account (the office's admin) may come before the notice: it creates the ledger.
        const r = await withWorkspace(
          env,
          (ws) => createAccount(ws, { username, role, unit: o.unit, displayName: o.name, password }, env.actor()),
          role !== 'reporter',
        );
        if (o.json)
          return env.json({
            username: r.account.username,
            role: r.account.role,
            unit: r.account.unit,
            ...(r.temporary ? { password: r.password } : {}),
          });
        env.out(
          `account ${r.account.username} created (${r.account.role}${r.account.unit ? `, ${r.account.unit}` : ''})`,
        );
        if (r.temporary) env.out(`temporary password: ${r.password}  (shown once; it must be changed at first login)`);
      },
    );

  users
    .command('list', { isDefault: true })
    .description('(default) every account with its role, unit and state')
    .option('--json', 'print JSON (never the password hashes)')
    .action(async (o: { json?: boolean }) => {
      const accounts = await withWorkspace(env, (ws) => ws.accounts());
      const rows = accounts.map((a) => ({
        username: a.username,
        role: a.role,
        unit: a.unit,
        displayName: a.displayName,
        disabled: a.disabled,
        mustChangePassword: a.mustChangePassword,
      }));
      if (o.json) return env.json(rows);
      if (!rows.length) return env.out('no accounts yet; create one with `duban users add NAME --role admin`');
      const { table } = await import('../_table.js');
      env.out(
        table(rows, [
          { header: '账号', get: (r) => r.username },
          { header: '角色', get: (r) => r.role },
          { header: '单位', get: (r) => r.unit ?? '' },
          { header: '状态', get: (r) => (r.disabled ? '已停用' : r.mustChangePassword ? '待修改密码' : '正常') },
        ]),
      );
    });

  users
    .command('reset')
    .description("reset a password to a new temporary one (printed once) and end the account's sessions")
    .argument('<username>')
    .action(async (username: string) => {
      const { resetPassword } = await import('@duban/web');
      const password = await withWorkspace(env, (ws) => resetPassword(ws, username, env.actor()));
      env.out(
        `password of ${username} reset; temporary password: ${password}  (shown once; it must be changed at next login)`,
      );
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(name)
      .description(
        disabled
          ? 'disable an account (its sessions end at once; nothing is deleted)'
          : 'enable a disabled account again',
      )
      .argument('<username>')
      .action(async (username: string) => {
        const { setDisabled } = await import('@duban/web');
        await withWorkspace(env, (ws) => setDisabled(ws, username, disabled, env.actor()));
        env.out(`account ${username} ${disabled ? 'disabled' : 'enabled'}`);
      });
  }
}

async function withWorkspace<T>(
  env: CliEnv,
  use: (ws: import('@duban/store').Workspace) => T | Promise<T>,
  create = false,
): Promise<T> {
  const { openWorkspace } = await import('@duban/store');
  // With the office key, as every command that writes: account entries carry its MAC.
  const ws = openWorkspace(env.dbPath(), await env.ledgerOptions({ mustExist: !create }));
  try {
    return await use(ws);
  } finally {
    ws.close();
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin
      .setEncoding('utf8')
      .on('data', (d) => (data += d))
      .on('end', () => resolve(data))
      .on('error', reject);
  });
}
