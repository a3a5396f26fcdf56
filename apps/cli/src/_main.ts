import { DubanError, errorClass, isDubanError } from '@duban/core';
import { Command, CommanderError } from 'commander';
import { createEnv } from './_env.js';
import { EXIT_CODES } from './_exit.js';
import * as auditCmd from './commands/audit.js';
import * as backupCmd from './commands/backup.js';
import * as doctorCmd from './commands/doctor.js';
import * as evaluateCmd from './commands/evaluate.js';
import * as importCmd from './commands/import.js';
import * as initCmd from './commands/init.js';
import * as progressCmd from './commands/progress.js';
import * as reportCmd from './commands/report.js';
import * as reporterCmd from './commands/reporter.js';
import * as rulesCmd from './commands/rules.js';
import * as serveCmd from './commands/serve.js';
import * as tasksCmd from './commands/tasks.js';
import * as usersCmd from './commands/users.js';

const commands = [
  initCmd,
  importCmd,
  tasksCmd,
  progressCmd,
  auditCmd,
  backupCmd,
  evaluateCmd,
  rulesCmd,
  doctorCmd,
  reportCmd,
  reporterCmd,
  serveCmd,
  usersCmd,
];

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
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return 0;
      return 2; // commander already printed the message and usage
    }
    if (isDubanError(e)) {
      process.stderr.write(e.format() + '\n');
      // By code, not e.class: a plug-in may throw a DubanError from an older copy of @duban/core.
      return EXIT_CODES[errorClass(e.code)];
    }
    const io = ioError(e);
    if (io) {
      process.stderr.write(io.format() + '\n');
      return EXIT_CODES[io.class];
    }
    process.stderr.write(
      `DUBAN_INTERNAL: an unexpected error occurred; this is a bug in duban, please report it with the lines below\n${(e as Error)?.stack ?? String(e)}\n`,
    );
    return EXIT_CODES.internal;
  }
}

const IO_WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
};

/**
 * An operating-system error (a missing directory, a read-only disk …) that escaped
 * a command is the user's environment, not a bug: say what and where, no stack trace.
 */
function ioError(e: unknown): DubanError | undefined {
  const err = e as NodeJS.ErrnoException & { dest?: string };
  if (typeof err?.code !== 'string' || !(err.code in IO_WORDS) || typeof err.syscall !== 'string') return undefined;
  const path = err.dest ?? err.path;
  return new DubanError(
    'DUBAN_IO',
    `cannot ${err.syscall}${path ? ` ${path}` : ''}: ${IO_WORDS[err.code]} (${err.code})`,
    {
      ...(path ? { where: { file: path } } : {}),
      hint: 'check the path, its directory and permissions',
    },
  );
}
