import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDirectory, fixturePlan, fixtureProgress } from '@duban/reporter-api/testing';
import { openLedger } from '@duban/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliJson, tempDir } from './_support/cli.js';

// `duban report` with third-party plug-ins, through the real built CLI. The
// ledger holds the conformance kit's small plan (made with @duban/store, so these
// tests do not depend on the notice importer); rules are the repository's.
// The plug-ins are the workspace packages under tests/fixtures/reporters/, which
// npm links into the repository's node_modules: duban finds them from its own
// install, as it would find a plug-in installed next to it.

const AS_OF = '2019-06-30';
let work: ReturnType<typeof tempDir>;
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(['--db', 'duban.db', ...args], { cwd: work.dir, env });

beforeAll(() => {
  work = tempDir('duban-plugin-report-');
  const ledger = openLedger(join(work.dir, 'duban.db'));
  const { version } = ledger.importPlan(fixturePlan, fixtureDirectory, { actor: 'test', source: 'fixture' });
  const entries = fixtureProgress.map(({ id: _id, supersedes: _s, ...r }) => r);
  ledger.appendProgress(entries, { actor: 'test', source: 'fixture', planVersion: version });
  ledger.close();
  writeFileSync(
    join(work.dir, 'duban.config.json'),
    JSON.stringify({
      rules: join(ROOT, 'packages/rules/defaults'),
      reporters: {
        sample: { title: '配置里的标题', statuses: ['completed', 'on_track', 'at_risk', 'overdue', 'not_due'] },
      },
    }),
  );
});
afterAll(() => work?.cleanup());

describe('duban report with a plug-in package', () => {
  it('resolves `sample` to duban-reporter-sample and merges config and --option', async () => {
    const verdicts = await runCliJson<{ task: number; status: string }[]>(
      ['--db', 'duban.db', 'evaluate', '--as-of', AS_OF, '--json'],
      { cwd: work.dir },
    );
    const r = await cli([
      'report',
      'sample',
      '--as-of',
      AS_OF,
      '--out',
      'out/摘要.md',
      '--option',
      'limit=2',
      '--json',
    ]);
    expect(r.stderr).toContain('sample: listed 2 task(s)');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as {
      reporter: string;
      source: string;
      package: string;
      outputs: { path: string; kind: string }[];
    };
    expect(result).toMatchObject({ reporter: 'sample', source: 'package', package: 'duban-reporter-sample' });
    expect(result.outputs).toEqual([{ path: join(work.dir, 'out/摘要.md'), kind: 'md', description: '配置里的标题' }]);
    const text = readFileSync(join(work.dir, 'out/摘要.md'), 'utf8');
    // title from config; statuses from config (all five); limit from the command line.
    expect(text.split('\n')[0]).toBe('# 配置里的标题');
    const listed = text
      .split('\n')
      .filter((l) => l.startsWith('- 任务'))
      .map((l) => Number(/^- 任务(\d+)/.exec(l)?.[1]));
    const evaluated = Array.isArray(verdicts) ? verdicts : (verdicts as { verdicts: { task: number }[] }).verdicts;
    expect(listed).toEqual(evaluated.slice(0, 2).map((v) => v.task));
  });

  it('passes --unit as options.unit, and a dotted --option nests', async () => {
    const r = await cli([
      'report',
      'duban-reporter-sample',
      '--as-of',
      AS_OF,
      '--out',
      'out/u.md',
      '--unit',
      '市交通局',
      '--option',
      'limit=9',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(join('out', 'u.md'));
    const lines = readFileSync(join(work.dir, 'out/u.md'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('- 任务'));
    expect(lines.map((l) => l.match(/（(.+?)）/)?.[1])).toEqual(['市交通局']);
    const nested = await cli(['report', 'sample', '--as-of', AS_OF, '--option', 'title.zh=通报']);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toMatch(/- title: .*expected string/);
  });

  it("renders a PDF through duban's renderer (real Chromium) when the plug-in asks for one", async () => {
    const r = await cli([
      'report',
      'sample',
      '--as-of',
      AS_OF,
      '--out',
      'out/pdf/摘要.md',
      '--option',
      'pdf=true',
      '--option',
      'title=督办摘要<script>',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([join('out', 'pdf', '摘要.md'), join('out', 'pdf', '摘要.pdf')]);
    const pdf = join(work.dir, 'out/pdf/摘要.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('督办摘要<script>'); // escaped by the plug-in, so printed as text
    expect(text).toContain('序号重点任务评价原因');
    // config lists all five statuses: all six fixture tasks, their labels printed in the table.
    expect(text).toContain('共6项任务，列出6项');
    for (const label of ['已完成', '正常推进', '进度滞后', '逾期未完成']) expect(text).toContain(label);
  });

  it('runs every reporter listed in config when no name is given, each with its own options', async () => {
    writeFileSync(
      join(work.dir, 'list.json'),
      JSON.stringify({
        rules: join(ROOT, 'packages/rules/defaults'),
        reporters: [['sample', { title: '列表里的', limit: 1 }], 'ledger'],
      }),
    );
    const r = await cli(['--config', 'list.json', 'report', '--as-of', AS_OF, '--out', 'out/all', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const runs = JSON.parse(r.stdout) as { reporter: string; outputs: { path: string }[] }[];
    expect(runs.map((x) => x.reporter)).toEqual(['sample', 'ledger']);
    // Each reporter of a listed run writes into its own folder under --out.
    for (const x of runs)
      for (const o of x.outputs)
        expect(existsSync(o.path) && o.path.startsWith(join(work.dir, 'out/all', x.reporter) + '/'), o.path).toBe(true);
    expect(readFileSync(join(work.dir, 'out/all/sample/sample.md'), 'utf8')).toMatch(/^# 列表里的\n/);
    // A bad entry stops the run before anything is read or written.
    writeFileSync(
      join(work.dir, 'bad.json'),
      JSON.stringify({ rules: join(ROOT, 'packages/rules/defaults'), reporters: ['sample', 'nope'] }),
    );
    const bad = await cli(['--config', 'bad.json', 'report', '--as-of', AS_OF, '--out', 'out/bad']);
    expect(bad.stderr).toMatch(/^DUBAN_REPORTER_NOT_FOUND: reporter "nope"/);
    expect(existsSync(join(work.dir, 'out/bad'))).toBe(false);
  });

  it('loads a reporter by path', async () => {
    const file = join(ROOT, 'tests/fixtures/reporters/duban-reporter-sample/index.js');
    const r = await cli(['report', file, '--as-of', AS_OF, '--out', 'out/p.md', '--option', 'title=路径']);
    expect(r.code, r.stderr).toBe(0);
    // Config options are keyed by the name as given, the package name or meta.name: "sample" matches.
    expect(readFileSync(join(work.dir, 'out/p.md'), 'utf8')).toMatch(/^# 路径\n/);
  });

  it('lists built-ins and installed plug-ins with their options', async () => {
    const r = await cli(['report', '--list']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bulletin {2}\(built-in\)/m);
    expect(r.stdout).toMatch(/^sample {2}\(duban-reporter-sample\)/m);
    expect(r.stdout).toMatch(/limit: integer = 20 {2}list at most this many tasks/);
    expect(r.stdout).toMatch(/duban-reporter-oldapi[^\n]*\n\s+! DUBAN_REPORTER_API_VERSION/);
  });
});

describe('plug-in errors name the plug-in and say what to do', () => {
  it('unknown name: where it looked and how to install it', async () => {
    const r = await cli(['report', 'nope', '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^DUBAN_REPORTER_NOT_FOUND: reporter "nope" not found/);
    expect(r.stderr).toContain(`looked for duban-reporter-nope in ${join(work.dir, 'node_modules')}`);
    expect(r.stderr).toContain(`looked for duban-reporter-nope in ${join(ROOT, 'node_modules')}`);
    expect(r.stderr).toContain('npm install -D duban-reporter-nope');
    const scoped = await cli(['report', '@acme/word', '--as-of', AS_OF]);
    expect(scoped.stderr).toContain('npm install -D @acme/duban-reporter-word');
  });

  it('mismatched apiVersion', async () => {
    const r = await cli(['report', 'oldapi', '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^DUBAN_REPORTER_API_VERSION: reporter plug-in duban-reporter-oldapi \(oldapi\) was written for reporter apiVersion 0, but this duban speaks apiVersion 2/,
    );
  });

  it('default export is not a reporter', async () => {
    const r = await cli(['report', 'notareporter', '--as-of', AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^DUBAN_REPORTER_INVALID: reporter plug-in duban-reporter-notareporter is not a reporter/);
  });

  it('options that fail validation: one `path: message` per problem', async () => {
    const r = await cli([
      'report',
      'sample',
      '--as-of',
      AS_OF,
      '--option',
      'limit=abc',
      '--option',
      'statuses=["late"]',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^DUBAN_REPORTER_OPTIONS: options for reporter duban-reporter-sample are invalid/);
    expect(r.stderr).toMatch(/\n {2}- limit: /);
    expect(r.stderr).toMatch(/\n {2}- statuses\[0\]: /);
    expect(existsSync(join(work.dir, 'out/sample.md'))).toBe(false);
  });

  it('a hook that throws: plug-in and hook named, no stack unless DUBAN_DEBUG=1, teardown still ran', async () => {
    const r = await cli(['report', 'throws', '--as-of', AS_OF, '--out', 'out/t/', '--option', 'marker=teardown.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^DUBAN_REPORTER_FAILED: reporter plug-in duban-reporter-throws failed in render\(\): 模板数据缺少牵头单位/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(work.dir, 'out/t/teardown.txt'), 'utf8')).toBe('teardown ran\n');
    const debug = await cli(['report', 'throws', '--as-of', AS_OF, '--out', 'out/t2/'], { DUBAN_DEBUG: '1' });
    expect(debug.stderr).toMatch(/- at .*duban-reporter-throws[\\/]index\.js/);
  });

  it('bad flags: a non-date --as-of, a non-number --issue', async () => {
    expect((await cli(['report', 'sample', '--as-of', '2019-02-30'])).stderr).toMatch(
      /^DUBAN_REPORT_DATE: --as-of 2019-02-30 is not a date/,
    );
    expect((await cli(['report', 'sample', '--issue', 'three'])).stderr).toMatch(/^DUBAN_REPORT_ISSUE/);
  });
});
