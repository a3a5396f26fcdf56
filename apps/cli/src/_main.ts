import { Command, CommanderError } from 'commander';
import { isDubanError } from '@duban/core';
import { createEnv } from './_env.js';
import * as importCmd from './commands/import.js';
import * as tasksCmd from './commands/tasks.js';
import * as progressCmd from './commands/progress.js';
import * as auditCmd from './commands/audit.js';
import * as backupCmd from './commands/backup.js';
import * as evaluateCmd from './commands/evaluate.js';
import * as rulesCmd from './commands/rules.js';
import * as doctorCmd from './commands/doctor.js';
import * as reportCmd from './commands/report.js';
import * as reporterCmd from './commands/reporter.js';
import * as serveCmd from './commands/serve.js';
import * as usersCmd from './commands/users.js';

const commands = [importCmd, tasksCmd, progressCmd, auditCmd, backupCmd, evaluateCmd, rulesCmd, doctorCmd, reportCmd, reporterCmd, serveCmd, usersCmd];

/** Builds the `duban` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('duban')
    .description('督办 duban: key-task ledger, rule-based judging and official supervision documents')
    .version('0.1.0')
    .option('--config <file>', 'configuration file (default ./duban.config.json)')
    .option('--db <file>', 'ledger file (default duban.db, or config.db)')
    .option('--actor <name>', 'who is acting, recorded in the audit chain (default: OS user)')
    .showHelpAfterError()
    .exitOverride();
  const env = createEnv(program);
  for (const c of commands) c.register(program, env);
  return program;
}

/** Runs the CLI; returns the exit code. The only place that decides it. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2; // commander already printed the message and usage
    }
    if (isDubanError(e)) {
      process.stderr.write(e.format() + '\n');
      return e.exitCode;
    }
    process.stderr.write(`DUBAN_INTERNAL: an unexpected error occurred; this is a bug in duban, please report it with the lines below\n${(e as Error)?.stack ?? String(e)}\n`);
    return 70;
  }
}
