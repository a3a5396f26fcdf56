import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DubanError } from '@duban/core';
import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';
import { reporterApiRange, scaffoldFiles, scaffoldNames } from '../_scaffold.js';

/** Registers `duban reporter init NAME [--dir DIR]`. */
export function register(program: Command, env: CliEnv): void {
  const reporter = program.command('reporter').description('work on reporter plug-ins');
  reporter
    .command('init')
    .description('scaffold a reporter plug-in package (duban-reporter-NAME/) that passes its own tests as generated')
    .argument('<name>', 'reporter name: foo (duban-reporter-foo) or @scope/foo (@scope/duban-reporter-foo)')
    .option('--dir <dir>', 'create the package folder in this directory (default: the current directory)')
    .option('--json', 'print the files written as JSON')
    .action(async (name: string, flags: { dir?: string; json?: boolean }) => {
      const { folder, pkg } = scaffoldNames(name);
      const target = resolve(flags.dir ?? '.', folder);
      if (existsSync(target) && readdirSync(target).length > 0) {
        throw new DubanError('DUBAN_REPORTER_INIT_EXISTS', `${target} already exists and is not empty`, {
          where: { file: target },
          hint: 'choose another name or --dir, or remove the folder',
        });
      }
      const written: string[] = [];
      const { API_VERSION } = await import('@duban/reporter-api');
      for (const [rel, content] of Object.entries(scaffoldFiles(name, reporterApiRange(), API_VERSION))) {
        const file = join(target, rel);
        await mkdir(resolve(file, '..'), { recursive: true });
        await writeFile(file, content, { flag: 'wx' });
        written.push(file);
      }
      if (flags.json) return env.json({ package: pkg, dir: target, files: written });
      for (const f of written) env.out(relative(process.cwd(), f) || f);
      env.err(`created ${pkg}; next: cd ${relative(process.cwd(), target) || '.'} && npm install && npm test`);
    });
}
