import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './_support/cli.js';

// `duban reporter init` output, tested as generated against this repository's
// built @duban/reporter-api (tests/plugin-pack.test.ts does the same against the
// packed tarball, installed with npm).

const run = promisify(execFile);
let work: ReturnType<typeof tempDir>;
beforeAll(() => {
  work = tempDir('duban-plugin-init-');
});
afterAll(() => work?.cleanup());

describe('duban reporter init', () => {
  it('scaffolds a package whose own tests pass as generated', async () => {
    const r = await runCli(['reporter', 'init', 'county-digest', '--dir', work.dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const dir = join(work.dir, 'duban-reporter-county-digest');
    expect(JSON.parse(r.stdout)).toEqual({
      package: 'duban-reporter-county-digest',
      dir,
      files: ['package.json', 'src/index.js', 'test/index.test.js', 'README.md', '.gitignore'].map((f) => join(dir, f)),
    });
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      type: 'module',
      keywords: ['duban-reporter', 'duban'],
      peerDependencies: { '@duban/reporter-api': '^0.1.0' },
      scripts: { test: 'node --test' },
    });
    // Stand-in for `npm install`: link the built contract package into the scaffold.
    mkdirSync(join(dir, 'node_modules/@duban'), { recursive: true });
    symlinkSync(join(ROOT, 'packages/reporter-api'), join(dir, 'node_modules/@duban/reporter-api'));
    const test = await run('npm', ['test'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    expect(test.stdout).toMatch(/# pass 3\b/);
    expect(test.stdout).toMatch(/# fail 0\b/);
    // duban loads it by path: the plug-in checks pass and the run gets as far as the (missing) ledger.
    const byPath = await runCli(['--db', 'none.db', 'report', './src/index.js', '--option', 'title=x'], { cwd: dir });
    expect(byPath.stderr).toMatch(/^DUBAN_STORE_MISSING: /);
    // title is a string in the schema: --option title=2019 keeps the text "2019" (valid); an empty title is what fails.
    const numeric = await runCli(['--db', 'none.db', 'report', './src/index.js', '--option', 'title=2019'], {
      cwd: dir,
    });
    expect(numeric.stderr).toMatch(/^DUBAN_STORE_MISSING: /);
    const badOption = await runCli(['--db', 'none.db', 'report', './src/index.js', '--option', 'title='], { cwd: dir });
    expect(badOption.stderr).toMatch(
      /^DUBAN_REPORTER_OPTIONS: options for reporter .*src[\\/]index\.js are invalid\n {2}- title: /,
    );
  });

  it('scopes names and refuses to overwrite', async () => {
    const r = await runCli(['reporter', 'init', '@acme/word-bulletin', '--dir', work.dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(work.dir, 'duban-reporter-word-bulletin/package.json'), 'utf8')).name).toBe(
      '@acme/duban-reporter-word-bulletin',
    );
    const again = await runCli(['reporter', 'init', 'word-bulletin', '--dir', work.dir]);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^DUBAN_REPORTER_INIT_EXISTS: /);
    const bad = await runCli(['reporter', 'init', 'Bad Name', '--dir', work.dir]);
    expect(bad.stderr).toMatch(/^DUBAN_REPORTER_INIT_NAME: "Bad Name" is not a valid reporter name/);
  });
});
