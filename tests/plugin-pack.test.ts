import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './_support/cli.js';

// Proven from outside: duban and a third-party reporter are packed with
// `npm pack`, installed from the tarballs into a fresh project, and run there as
// a user would (`npx duban …`). The plug-in is found by package name in the
// project's node_modules, with options from duban.config.json and --option.
// better-sqlite3 compiles from source in the project (npm 11 runs its install
// script only when allowed), which is most of this file's time (2-6 minutes,
// depending on how busy the machine is).

const run = promisify(execFile);
const WORKSPACES = [
  'packages/core', 'packages/import', 'packages/intake', 'packages/store', 'packages/rules', 'packages/pdf',
  'packages/reporter-api', 'packages/reporter-bulletin', 'packages/reporter-scoresheet', 'packages/reporter-ledger', 'packages/reporter-cuiban',
  'apps/web',
  'apps/cli', 'tests/fixtures/reporters/duban-reporter-sample',
];
const AS_OF = '2019-06-30';
// npm_config_jobs: node-gyp compiles better-sqlite3's two translation units in parallel.
// npm_config_nodedir: the system's Node headers, so node-gyp needs no download.
const ENV = {
  ...process.env, NO_COLOR: '1', PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_update_notifier: 'false', npm_config_jobs: 'max',
  ...(existsSync('/usr/include/node/node.h') && !process.env.npm_config_nodedir ? { npm_config_nodedir: '/usr' } : {}),
};

interface Packed { name: string; filename: string; files: { path: string }[] }
let work: ReturnType<typeof tempDir>;
let project: string;
let packed: Map<string, Packed>;
const tarball = (name: string) => join(work.dir, 'tarballs', packed.get(name)!.filename);
const duban = (args: string[], cwd = project) => run('npx', ['--no-install', 'duban', ...args], { cwd, env: ENV, maxBuffer: 16 << 20 });

beforeAll(async () => {
  work = tempDir('duban-plugin-pack-');
  mkdirSync(join(work.dir, 'tarballs'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', join(work.dir, 'tarballs'), ...WORKSPACES.flatMap((w) => ['-w', w])], { cwd: ROOT, env: ENV, maxBuffer: 64 << 20 });
  packed = new Map((JSON.parse(stdout) as Packed[]).map((p) => [p.name, p]));

  project = join(work.dir, 'county-office');
  mkdirSync(project);
  // Every @duban package from its tarball, also where another package depends on it (overrides).
  const deps = Object.fromEntries([...packed.keys()].map((n) => [n, `file:${tarball(n)}`]));
  const overrides = Object.fromEntries([...packed.keys()].filter((n) => n.startsWith('@duban/')).map((n) => [n, `$${n}`]));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'county-office', private: true, type: 'module', dependencies: deps, overrides, allowScripts: { 'better-sqlite3': true } }, null, 2));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project, env: ENV, maxBuffer: 64 << 20 });

  cpSync(join(ROOT, 'packages/rules/defaults'), join(project, 'rules'), { recursive: true });
  cpSync(join(ROOT, 'seeds'), join(project, 'seeds'), { recursive: true });
  writeFileSync(join(project, 'duban.config.json'), JSON.stringify({
    reporters: { sample: { title: '第二季度督办摘要', statuses: ['overdue', 'at_risk', 'completed'] } },
  }));
  await duban(['import', 'seeds/ankang-2019-notice.txt', '--units', 'seeds/ankang-units.json']);
  await duban(['progress', 'import', '--office', ...['03', '04', '05', '06'].map((m) => `seeds/sample-progress/样例数据-2019-${m}.csv`)]);
}, 420_000);
afterAll(() => work?.cleanup());

describe('packed packages', () => {
  it('carry their built code, templates and docs', () => {
    for (const [name, p] of packed) {
      const files = p.files.map((f) => f.path);
      if (name === 'duban-reporter-sample') expect(files.sort()).toEqual(['index.js', 'package.json']);
      else expect(files, name).toContain('dist/index.js');
    }
    expect(packed.get('duban')!.files.map((f) => f.path)).toContain('bin/duban.js');
    expect(packed.get('@duban/pdf')!.files.map((f) => f.path)).toEqual(expect.arrayContaining(['templates/official.css', 'templates/_partials/banji.hbs']));
    expect(packed.get('@duban/reporter-api')!.files.map((f) => f.path)).toEqual(expect.arrayContaining(['dist/testing/index.js', 'dist/index.d.ts', 'README.md']));
  });
});

describe('a third-party reporter installed from its tarball', () => {
  it('runs as `npx duban report sample`, resolved by package name, with config and CLI options', async () => {
    const { stdout } = await duban(['report', 'sample', '--as-of', AS_OF, '--option', 'limit=4', '--out', 'out/摘要.md', '--json']);
    const result = JSON.parse(stdout) as { package: string; file: string; outputs: { path: string }[] };
    expect(result.package).toBe('duban-reporter-sample');
    expect(result.file).toBe(join(project, 'node_modules/duban-reporter-sample/index.js'));
    expect(result.outputs.map((o) => o.path)).toEqual([join(project, 'out/摘要.md')]);
    const text = readFileSync(join(project, 'out/摘要.md'), 'utf8');
    const listed = text.split('\n').filter((l) => l.startsWith('- 任务'));
    expect(text.split('\n')[0]).toBe('# 第二季度督办摘要'); // from duban.config.json
    expect(listed).toHaveLength(4); // from --option limit=4
    // statuses from config: only overdue, at-risk and completed tasks, in task order, as `duban evaluate` judged them.
    const evaluated = JSON.parse((await duban(['evaluate', '--as-of', AS_OF, '--json'])).stdout) as { task: number; status: string }[] | { verdicts: { task: number; status: string }[] };
    const verdicts = Array.isArray(evaluated) ? evaluated : evaluated.verdicts;
    const expected = verdicts.filter((v) => ['overdue', 'at_risk', 'completed'].includes(v.status)).slice(0, 4).map((v) => v.task);
    expect(listed.map((l) => Number(/^- 任务(\d+)/.exec(l)?.[1]))).toEqual(expected);
    expect(text).toContain(`共 ${verdicts.length} 项任务`);
  });

  it('is listed by `duban report --list` with its options', async () => {
    const { stdout } = await duban(['report', '--list']);
    expect(stdout).toMatch(/^sample {2}\(duban-reporter-sample\)/m);
    expect(stdout).toContain('limit: integer = 20');
  });
});

describe('a reporter scaffolded by `duban reporter init`', () => {
  it('passes its own tests against the packed @duban/reporter-api', async () => {
    await duban(['reporter', 'init', 'county-digest', '--dir', work.dir]);
    const dir = join(work.dir, 'duban-reporter-county-digest');
    // Its devDependency is ^0.1.0 of the contract; here it comes from the tarball (with @duban/core, its dependency).
    // (the contract's testing kit judges its fixture with @duban/rules, so that tarball comes too)
    await run('npm', ['install', '-D', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball('@duban/reporter-api'), tarball('@duban/core'), tarball('@duban/rules')], { cwd: dir, env: ENV });
    const { stdout } = await run('npm', ['test'], { cwd: dir, env: ENV });
    expect(stdout).toMatch(/# pass 3\b/);
    expect(stdout).toMatch(/# fail 0\b/);
  });
});
