import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reporterApiRange } from '../apps/cli/src/_scaffold.js';
import { ROOT, tempDir } from './_support/cli.js';

// The changesets release flow, rehearsed on a copy: `changeset version` consumes the
// pending changesets as a release would. After it, every duban package must share one
// version, every dependency between them must still resolve, and every plug-in in this
// repository (the examples, the test fixtures, a new scaffold) must still accept the
// contract it would be installed with — the peer-range trap of 0.x caret ranges.

const run = promisify(execFile);
type Pkg = {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** Does `version` satisfy a caret or exact range (the only forms duban's manifests use)? */
function satisfies(version: string, range: string): boolean {
  const v = version.split('.').map(Number) as [number, number, number];
  const exact = /^\d+\.\d+\.\d+$/.exec(range);
  if (exact) return range === version;
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!m) throw new Error(`unexpected range ${range}`);
  const r = [Number(m[1]), Number(m[2]), Number(m[3])] as const;
  const atLeast = v[0] > r[0] || (v[0] === r[0] && (v[1] > r[1] || (v[1] === r[1] && v[2] >= r[2])));
  if (!atLeast) return false;
  return r[0] > 0 ? v[0] === r[0] : r[1] > 0 ? v[0] === 0 && v[1] === r[1] : v[0] === 0 && v[1] === 0 && v[2] === r[2];
}

const manifests = (root: string, dirs: string[]) =>
  dirs.flatMap((d) =>
    readdirSync(join(root, d))
      .map((x) => join(root, d, x, 'package.json'))
      .filter(existsSync),
  );
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Pkg;

let copy: ReturnType<typeof tempDir>;
let after: Map<string, Pkg>;
beforeAll(async () => {
  copy = tempDir('duban-release-');
  for (const f of [join(ROOT, 'package.json'), ...manifests(ROOT, ['packages', 'apps', 'tests/fixtures/reporters'])]) {
    const to = join(copy.dir, f.slice(ROOT.length));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(f, to);
  }
  cpSync(join(ROOT, '.changeset'), join(copy.dir, '.changeset'), { recursive: true });
  await run(process.execPath, [join(ROOT, 'node_modules/@changesets/cli/bin.js'), 'version'], {
    cwd: copy.dir,
    timeout: 60_000,
  });
  after = new Map(
    manifests(copy.dir, ['packages', 'apps', 'tests/fixtures/reporters'])
      .map((f) => read(f))
      .map((p) => [p.name, p]),
  );
});
afterAll(() => copy?.cleanup());

describe('changeset version on a copy of the repository', () => {
  it('gives every public duban package the same version, past the current one', () => {
    const published = [...after.values()].filter((p) => !p.private);
    expect(published.length).toBeGreaterThanOrEqual(11);
    expect(new Set(published.map((p) => p.version)).size).toBe(1);
    const before = read(join(ROOT, 'packages/core/package.json')).version;
    expect(published[0]!.version).not.toBe(before);
  });

  it('keeps every dependency between duban packages satisfied', () => {
    for (const p of after.values()) {
      for (const deps of [p.dependencies, p.devDependencies, p.peerDependencies]) {
        for (const [name, range] of Object.entries(deps ?? {})) {
          const target = after.get(name);
          if (target)
            expect(satisfies(target.version, range), `${p.name} → ${name}@${range} (now ${target.version})`).toBe(true);
        }
      }
    }
  });

  it('leaves every plug-in of this repository able to install against the released contract', () => {
    const api = after.get('@duban/reporter-api')!.version;
    const plugins = [...manifests(copy.dir, ['tests/fixtures/reporters']), ...manifests(ROOT, ['examples'])].map(read);
    expect(plugins.map((p) => p.name)).toEqual(
      expect.arrayContaining(['duban-reporter-digest', 'duban-reporter-cuibandan', 'duban-reporter-sample']),
    );
    for (const p of plugins)
      expect(
        satisfies(api, p.peerDependencies!['@duban/reporter-api']!),
        `${p.name} peer ${p.peerDependencies!['@duban/reporter-api']} vs ${api}`,
      ).toBe(true);
    expect(satisfies(api, reporterApiRange(api))).toBe(true);
  });

  it('checks ranges the way npm does for the forms duban uses', () => {
    expect([
      satisfies('0.1.5', '^0.1.0'),
      satisfies('0.2.0', '^0.1.0'),
      satisfies('1.4.0', '^1.0.0'),
      satisfies('2.0.0', '^1.0.0'),
      satisfies('0.1.0', '0.1.0'),
    ]).toEqual([true, false, true, false, true]);
    expect([reporterApiRange('0.1.7'), reporterApiRange('0.3.0'), reporterApiRange('1.2.3')]).toEqual([
      '^0.1.0',
      '^0.3.0',
      '^1.0.0',
    ]);
  });
});
