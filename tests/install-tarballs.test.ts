import { execFile } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './_support/cli.js';

// duban as a user gets it: `npm run release:pack` writes the tarballs a registry would
// get; they are installed into an empty project outside the repository (copies, no
// workspace symlinks), together with the example plug-ins and the guide's sample packed
// with `npm pack`, and the whole main job runs there with the real CLI, SQLite file and
// Chromium: import → progress → evaluate → two numbered bulletins (the second compares
// with the first) → the digest and 催办 plug-ins by package name → `reporter init` and its
// tests. Bounded: every npm step has its own timeout. better-sqlite3 comes as a prebuilt
// binary through prebuild-install's documented offline path (a local prebuilds folder,
// here filled from the workspace's own build of the same version); without one it compiles.

const run = promisify(execFile);
const AS_OF = '2019-06-30';
const MINUTE = 60_000;
const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  NO_COLOR: '1',
  PUPPETEER_SKIP_DOWNLOAD: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  ...(existsSync('/usr/include/node/node.h') && !process.env.npm_config_nodedir
    ? { npm_config_nodedir: '/usr', npm_config_jobs: 'max' }
    : {}),
};

interface Packed {
  name: string;
  version: string;
  filename: string;
  files: { path: string }[];
}
let work: ReturnType<typeof tempDir>;
let project: string;
let packed: Map<string, Packed>;
let prebuilt = false;
const tarballs = () => join(work.dir, 'tarballs');
const tarball = (name: string) => join(tarballs(), packed.get(name)!.filename);
const npm = (args: string[], cwd: string, timeout: number) =>
  run('npm', [...args, '--loglevel=error'], { cwd, env: ENV, maxBuffer: 64 << 20, timeout, killSignal: 'SIGKILL' });
const duban = (args: string[], cwd = project) =>
  run(join(project, 'node_modules/.bin/duban'), args, {
    cwd,
    env: ENV,
    maxBuffer: 16 << 20,
    timeout: 3 * MINUTE,
    killSignal: 'SIGKILL',
  });
const json = async <T>(args: string[]) => JSON.parse((await duban([...args, '--json'])).stdout) as T;
type Verdict = { task: number; status: string; lead?: string[] };
const verdictsAt = async (asOf: string) => {
  const r = await json<Verdict[] | { verdicts: Verdict[] }>(['evaluate', '--as-of', asOf]);
  return Array.isArray(r) ? r : r.verdicts;
};
const pdfText = async (file: string) => (await run('pdftotext', ['-layout', file, '-'])).stdout.replace(/\s+/g, '');

/** A prebuild-install tarball of the workspace's better-sqlite3 binary, named as its releases are. */
async function localPrebuild(dir: string): Promise<{ version: string } | null> {
  const pkg = join(ROOT, 'node_modules/better-sqlite3');
  const binary = join(pkg, 'build/Release/better_sqlite3.node');
  if (!existsSync(binary)) return null;
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  mkdirSync(dir, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  await run('tar', ['czf', join(dir, name), '-C', pkg, 'build/Release/better_sqlite3.node']);
  return { version };
}

beforeAll(async () => {
  work = tempDir('duban-install-');
  // 1. What a registry would get (the build is done: scripts/test.sh builds first).
  await run('bash', [join(ROOT, 'scripts/release-pack.sh'), tarballs()], {
    cwd: ROOT,
    env: { ...ENV, DUBAN_SKIP_BUILD: '1' },
    timeout: 3 * MINUTE,
    maxBuffer: 16 << 20,
  });
  const manifest = JSON.parse(readFileSync(join(tarballs(), 'manifest.json'), 'utf8')) as Packed[];
  // 2. The plug-ins, packed as their authors would publish them.
  const plugins = [
    'examples/duban-reporter-digest',
    'examples/duban-reporter-cuibandan',
    'tests/fixtures/reporters/duban-reporter-sample',
  ];
  const { stdout } = await npm(
    ['pack', '--json', '--pack-destination', tarballs(), ...plugins.map((p) => join(ROOT, p))],
    ROOT,
    2 * MINUTE,
  );
  packed = new Map([...manifest, ...(JSON.parse(stdout) as Packed[])].map((p) => [p.name, p]));

  // 3. An office project outside the repository: every package from its tarball, by package name.
  project = join(work.dir, 'county-office');
  mkdirSync(project);
  const prebuild = await localPrebuild(join(work.dir, 'prebuilds'));
  prebuilt = prebuild !== null;
  if (prebuild) ENV.npm_config_better_sqlite3_local_prebuilds = join(work.dir, 'prebuilds');
  const names = [...packed.keys()];
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'county-office',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(names.map((n) => [n, `file:${tarball(n)}`])),
        // A dependency of one @duban package on another resolves to the same tarball; better-sqlite3 to the prebuilt version.
        overrides: {
          ...Object.fromEntries(names.filter((n) => n.startsWith('@duban/')).map((n) => [n, `$${n}`])),
          ...(prebuild ? { 'better-sqlite3': prebuild.version } : {}),
        },
        allowScripts: { 'better-sqlite3': true },
      },
      null,
      2,
    ),
  );
  await npm(['install', '--prefer-offline'], project, (prebuild ? 5 : 10) * MINUTE);

  cpSync(join(ROOT, 'seeds'), join(project, 'seeds'), { recursive: true });
  await duban(['import', 'seeds/ankang-2019-notice.txt', '--units', 'seeds/ankang-units.json']);
  await duban([
    'progress',
    'import',
    '--office',
    ...['03', '04', '05', '06'].map((m) => `seeds/sample-progress/样例数据-2019-${m}.csv`),
  ]);
}, 15 * MINUTE);
afterAll(() => work?.cleanup());

describe('the packed packages', () => {
  it('carry built code, types, templates, default rules and docs', () => {
    for (const [name, p] of packed) {
      const files = p.files.map((f) => f.path);
      if (name.startsWith('@duban/'))
        expect(files, name).toEqual(
          expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'package.json', 'README.md']),
        );
      expect(
        files.some((f) => f.startsWith('src/') && f.endsWith('.ts')),
        `${name} ships no TypeScript sources`,
      ).toBe(false);
    }
    expect(packed.get('duban')!.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['bin/duban.js', 'dist/index.js']),
    );
    expect(packed.get('@duban/pdf')!.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'templates/official.css',
        'templates/_partials/banji.hbs',
        'templates/bulletin/bulletin.hbs',
      ]),
    );
    expect(packed.get('@duban/rules')!.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['defaults/status.json', 'defaults/scoring.json']),
    );
    expect(packed.get('@duban/reporter-api')!.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['dist/testing/index.js', 'dist/testing/index.d.ts']),
    );
    expect(
      packed
        .get('duban-reporter-cuibandan')!
        .files.map((f) => f.path)
        .sort(),
    ).toEqual(['README.md', 'package.json', 'src/index.js', 'templates/notice.hbs']);
  });

  it('are installed as copies (no symlink into the repository) with a prebuilt better-sqlite3 when one is at hand', () => {
    for (const n of ['@duban/core', '@duban/pdf', 'duban', 'duban-reporter-cuibandan']) {
      expect(lstatSync(join(project, 'node_modules', n)).isSymbolicLink(), n).toBe(false);
    }
    const release = readdirSync(join(project, 'node_modules/better-sqlite3/build/Release'));
    expect(release).toContain('better_sqlite3.node');
    // node-gyp leaves its object files behind; an unpacked prebuild has none.
    if (prebuilt) expect(release).not.toContain('obj.target');
  });
});

describe('the main job in a project outside the repository', () => {
  it('judges with the rules and prints with the templates shipped inside the packages', async () => {
    expect(existsSync(join(project, 'rules'))).toBe(false);
    const verdicts = await verdictsAt(AS_OF);
    expect(verdicts).toHaveLength(91);
    expect(new Set(verdicts.map((v) => v.status)).size).toBeGreaterThan(2);
    const { stdout } = await run(
      process.execPath,
      ['-e', "import('@duban/pdf').then((m) => console.log(m.templatesDir))"],
      { cwd: project, env: ENV },
    );
    expect(stdout.trim()).toBe(join(project, 'node_modules/@duban/pdf/templates'));
  });

  it('numbers the bulletins itself from the registry and compares each with the previous one', async () => {
    const first = await json<{ issue: number; outputs: { path: string }[] }>([
      'report',
      'bulletin',
      '--as-of',
      '2019-05-31',
      '--date',
      '2019-06-05',
      '--out',
      'out/',
    ]);
    expect(first.issue).toBe(1);
    expect(first.outputs[0]!.path).toBe(join(project, 'out/督查通报-第1期.pdf'));
    const second = await json<{ issue: number; outputs: { path: string }[] }>([
      'report',
      'bulletin',
      '--as-of',
      AS_OF,
      '--date',
      '2019-07-05',
      '--out',
      'out/',
    ]);
    expect(second.issue).toBe(2);
    const text = await pdfText(second.outputs[0]!.path);
    expect(text).toContain('第2期');
    expect(text).toMatch(/与上期（第1期，截至5月31日）相比，/);
    // The registry (发文登记) holds both.
    const docs = await json<
      { reporter: string; issueNumber: number }[] | { documents: { reporter: string; issueNumber: number }[] }
    >(['audit', 'documents']);
    const list = Array.isArray(docs) ? docs : docs.documents;
    expect(list.filter((d) => d.reporter === 'bulletin').map((d) => d.issueNumber)).toEqual([1, 2]);
  });

  it('runs the digest plug-in by package name: the tasks whose verdict changed since the last bulletin', async () => {
    const before = new Map((await verdictsAt('2019-05-31')).map((v) => [v.task, v.status]));
    const now = await verdictsAt(AS_OF);
    const changed = now
      .filter((v) => before.get(v.task) !== v.status)
      .map((v) => v.task)
      .sort((a, b) => a - b);
    const result = await json<{ package: string; file: string; outputs: { path: string }[] }>([
      'report',
      'digest',
      '--as-of',
      AS_OF,
      '--out',
      'out/周报.md',
    ]);
    expect(result.package).toBe('duban-reporter-digest');
    expect(result.file).toBe(join(project, 'node_modules/duban-reporter-digest/index.js'));
    const text = readFileSync(join(project, 'out/周报.md'), 'utf8');
    expect(text).toContain('与上期（第1期，截至2019年5月31日）相比'); // the last bulletin before 30 June is 第1期 (31 May)
    const listed = text
      .split('\n')
      .filter((l) => l.startsWith('- 任务'))
      .map((l) => Number(/^- 任务(\d+)/.exec(l)?.[1]))
      .sort((a, b) => a - b);
    expect(listed).toEqual(changed);
  });

  it('runs the 催办 plug-in for a unit named by its full name, with its contact and a working-day reply date', async () => {
    const units = JSON.parse(readFileSync(join(project, 'seeds/ankang-units.json'), 'utf8')) as {
      units: { name: string; fullName?: string; contact?: unknown }[];
    };
    const tasks = await verdictsAt(AS_OF);
    // A unit that reports on an overdue or lagging task, chosen from the judged view, and its full name.
    const unit = units.units.find(
      (u) =>
        u.fullName && tasks.some((t) => ['overdue', 'at_risk'].includes(t.status) && (t.lead ?? []).includes(u.name)),
    );
    expect(unit, 'the seed has a lead unit with a lagging task').toBeDefined();
    unit!.contact = { person: '刘洋', phone: '0915-3288888' };
    writeFileSync(join(project, 'units.json'), JSON.stringify(units));
    writeFileSync(
      join(project, 'duban.config.json'),
      JSON.stringify({ units: 'units.json', issue: { contact: { person: '王明', phone: '0915-3210000' } } }),
    );
    const result = await json<{ issue: number; outputs: { path: string }[] }>([
      'report',
      'cuibandan',
      '--as-of',
      AS_OF,
      '--date',
      '2019-09-27',
      '--unit',
      unit!.fullName!,
      '--out',
      'out/催办/',
    ]);
    expect(result.outputs).toHaveLength(1);
    expect(result.issue).toBe(1);
    const text = await pdfText(result.outputs[0]!.path);
    expect(text).toContain(`${unit!.fullName}：`);
    expect(text).toContain('督办〔2019〕1号');
    expect(text).toContain('请于2019年10月10日前（5个工作日内）'); // 29 Sep is a 调休 working day, 1–7 Oct are off
    expect(text).toContain('贵单位督办联系人：刘洋（0915-3288888）');
    expect(text).toContain('联系人：王明，电话：0915-3210000');
    expect(Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [result.outputs[0]!.path])).stdout)?.[1])).toBe(1);
  });

  it('lists every installed plug-in with its options, and keeps a text option text', async () => {
    const { stdout } = await duban(['report', '--list']);
    for (const p of ['digest', 'cuibandan', 'sample'])
      expect(stdout).toMatch(new RegExp(`^${p} {2}\\(duban-reporter-${p}\\)`, 'm'));
    expect(stdout).toContain('replyWorkingDays: integer = 5');
    await duban([
      'report',
      'sample',
      '--as-of',
      AS_OF,
      '--option',
      'title=2019',
      '--option',
      'limit=2',
      '--out',
      'out/sample.md',
    ]);
    expect(readFileSync(join(project, 'out/sample.md'), 'utf8').split('\n')[0]).toBe('# 2019');
  });
});

describe('duban init and reporter init, outside the repository', () => {
  it('writes a starter project whose copied rules pass their own tests', async () => {
    await duban(['init', 'office', '--office', '安康市人民政府督查室'], work.dir);
    const office = join(work.dir, 'office');
    for (const f of [
      'duban.config.json',
      'units.json',
      'rules/status.json',
      'rules/scoring.json',
      'templates/README.md',
    ])
      expect(existsSync(join(office, f)), f).toBe(true);
    const { stdout } = await duban(['rules', 'test'], office);
    expect(stdout).toMatch(/(\d+) passed, 0 failed/);
    await expect(duban(['init', 'office'], work.dir)).rejects.toMatchObject({
      stderr: expect.stringMatching(/^DUBAN_INIT_EXISTS: /),
    });
  });

  it('scaffolds a plug-in that passes its own tests against the packed contract', async () => {
    await duban(['reporter', 'init', 'county-digest', '--dir', work.dir]);
    const dir = join(work.dir, 'duban-reporter-county-digest');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      peerDependencies: Record<string, string>;
    };
    expect(pkg.peerDependencies['@duban/reporter-api']).toBe(
      `^${packed.get('@duban/reporter-api')!.version.split('.').slice(0, 2).join('.')}.0`,
    );
    // Exactly what the scaffold's README says to do against a local build.
    await npm(
      [
        'install',
        '-D',
        '--prefer-offline',
        tarball('@duban/reporter-api'),
        tarball('@duban/core'),
        tarball('@duban/rules'),
      ],
      dir,
      4 * MINUTE,
    );
    const { stdout } = await npm(['test'], dir, 2 * MINUTE);
    expect(stdout).toMatch(/# pass 3\b/);
    expect(stdout).toMatch(/# fail 0\b/);
  });
});
