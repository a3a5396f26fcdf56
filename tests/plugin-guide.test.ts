import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createDocxWriter } from '@duban/docx';
import { createPdfRenderer } from '@duban/pdf';
import * as api from '@duban/reporter-api';
import * as testing from '@duban/reporter-api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, SEED_NOTICE, SEED_UNITS, tempDir } from './_support/cli.js';

// Every code sample of the authoring guide (packages/reporter-api/README.md) is run,
// so the guide cannot drift from the code:
// - a block with `export default` is a plug-in: it must pass checkReporter (one with
//   meta.templates is also rendered by the real renderer from the handlebars block after it);
// - a block importing node:test is a plug-in's test file: it runs with `node --test`
//   against the first plug-in block, in a package that links the built contract;
// - a block using `context` is a fragment of a hook: it runs on a fixture context
//   (with a bulletin in the registry, and duban's real renderer when it measures pages);
// - any other js block is a script; a `console.log(…); // X` line must print X;
// - json blocks must parse; `npx duban` lines of sh blocks run against a real ledger.
//   (npm lines — installing from the registry or from tarballs — are what
//   tests/install-tarballs.test.ts does, outside the repository.)

const README = readFileSync(join(ROOT, 'packages/reporter-api/README.md'), 'utf8');
const blocks = [...README.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1]!,
  code: m[2]!,
  line: README.slice(0, m.index).split('\n').length,
}));
const js = blocks.filter((b) => b.lang === 'js');
const isPlugin = (code: string) => /^export default /m.test(code);
/** A fragment of a hook uses the `context` it is given; a script that makes its own (the kit's samples) is a script. */
const isFragment = (code: string) => !isPlugin(code) && /\bcontext\./.test(code) && !/const context = /.test(code);
const names = { ...api, ...testing, createPdfRenderer } as Record<string, unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

/** Runs a block in-process: imports become names in scope (they are all exports of the contract, its kit, or @duban/pdf), `export default` the result. */
async function evaluate(
  code: string,
  scope: Record<string, unknown>,
  fileUrl = pathToFileURL(join(ROOT, 'packages/reporter-api/guide.js')).href,
): Promise<unknown> {
  const imported = [...code.matchAll(/^import \{([^}]+)\} from '([^']+)';$/gm)].flatMap((m) =>
    m[1]!
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  );
  for (const n of imported)
    if (!(n in scope) && !(n in names)) throw new Error(`the guide imports ${n}, which the contract does not export`);
  const body = code
    .replace(/^import .*;$/gm, '')
    .replace(/^export default /m, 'return ')
    .replaceAll('import.meta.url', JSON.stringify(fileUrl));
  const all = { ...names, ...scope };
  return new AsyncFunction(...Object.keys(all), body)(...Object.values(all));
}

function printed(code: string): string[] {
  return code
    .split('\n')
    .filter((l) => /console\.log\(.*\);\s+\/\/ /.test(l))
    .map((l) => l.slice(l.lastIndexOf('// ') + 3));
}

function capture(): { console: Pick<Console, 'log'>; lines: string[] } {
  const lines: string[] = [];
  return { lines, console: { log: (...a: unknown[]) => void lines.push(a.map(String).join(' ')) } };
}

let renderer: ReturnType<typeof createPdfRenderer>;
beforeAll(() => void (renderer = createPdfRenderer()));
afterAll(() => renderer?.close());

describe('the authoring guide', () => {
  it('has code samples of every kind this test runs', () => {
    expect(js.filter((b) => isPlugin(b.code)).length).toBeGreaterThanOrEqual(3);
    expect(js.filter((b) => isFragment(b.code)).length).toBeGreaterThanOrEqual(4);
    expect(js.filter((b) => printed(b.code).length > 0).length).toBeGreaterThanOrEqual(4);
    expect(blocks.filter((b) => b.lang === 'sh').length).toBeGreaterThanOrEqual(2);
  });

  it.each(js.filter((b) => isPlugin(b.code)).map((b) => [b.line, b] as const))(
    'plug-in at README.md:%i passes the conformance kit',
    async (_line, b) => {
      const dir = tempDir('duban-guide-');
      try {
        const next = blocks[blocks.indexOf(b) + 1];
        if (/templates: new URL\('\.\/templates\/'/.test(b.code) && next?.lang === 'handlebars') {
          mkdirSync(join(dir.dir, 'templates'));
          writeFileSync(join(dir.dir, 'templates/notice.hbs'), next.code);
        }
        const factory = (await evaluate(
          b.code,
          {},
          pathToFileURL(join(dir.dir, 'index.js')).href,
        )) as api.ReporterFactory;
        const result = await testing.checkReporter(factory);
        expect(result.problems).toEqual([]);
        if (factory.meta.templates) {
          // Its own template, with duban's shared partials, rendered for real.
          const context = await testing.createFixtureContext({ reporter: factory, pdf: renderer });
          const [out] = (await factory(context.options).render?.(context)) ?? [];
          const { stdout } = await promisify(execFile)('pdftotext', [out!.path, '-']);
          expect(stdout.replace(/\s+/g, '')).toContain('关于加快推进重点任务的催办通知');
        }
      } finally {
        dir.cleanup();
      }
    },
  );

  it.each(js.filter((b) => isFragment(b.code)).map((b) => [b.line, b] as const))(
    'fragment at README.md:%i runs in a hook on the fixture context',
    async (_line, b) => {
      const measures = /measure|fit(Most|ToPages)/.test(b.code);
      const bulletin = {
        reporter: 'bulletin',
        number: 2,
        asOf: '2019-03-31',
        issueDate: '2019-04-05',
        files: 2,
        verified: true,
      };
      // A fragment writing Word gets duban's DOCX writer, as `duban report` gives it.
      const docx = /context\.docx|requireDocx/.test(b.code) ? { docx: createDocxWriter() } : {};
      const context = await testing.createFixtureContext({
        issued: [bulletin],
        ...(measures ? { pdf: renderer } : {}),
        ...docx,
      });
      const out = capture();
      await evaluate(b.code, { context, console: out.console });
      expect(
        [...context.written(), ...context.messages()].length,
        'the fragment wrote a file or a message',
      ).toBeGreaterThan(0);
    },
  );

  it.each(
    js
      .filter((b) => !isPlugin(b.code) && !isFragment(b.code) && !/node:test/.test(b.code))
      .map((b) => [b.line, b] as const),
  )('script at README.md:%i prints what its comments say', async (_line, b) => {
    const out = capture();
    await evaluate(b.code, { console: out.console });
    expect(out.lines).toEqual(printed(b.code));
  });

  it('test file sample passes with node --test against the first plug-in sample', async () => {
    const test = js.find((b) => /from 'node:test'/.test(b.code))!;
    const plugin = js.find((b) => isPlugin(b.code))!;
    const dir = tempDir('duban-guide-test-');
    try {
      mkdirSync(join(dir.dir, 'src'));
      mkdirSync(join(dir.dir, 'test'));
      mkdirSync(join(dir.dir, 'node_modules/@duban'), { recursive: true });
      symlinkSync(join(ROOT, 'packages/reporter-api'), join(dir.dir, 'node_modules/@duban/reporter-api'));
      writeFileSync(join(dir.dir, 'package.json'), JSON.stringify({ name: 'duban-reporter-guide', type: 'module' }));
      writeFileSync(join(dir.dir, 'src/index.js'), plugin.code);
      writeFileSync(join(dir.dir, 'test/index.test.js'), test.code);
      const { stdout } = await promisify(execFile)(process.execPath, ['--test'], { cwd: dir.dir });
      expect(stdout).toMatch(/# pass 1\b/);
      expect(stdout).toMatch(/# fail 0\b/);
    } finally {
      dir.cleanup();
    }
  });

  it('json samples parse, and name the contract line this repository has', () => {
    const version = (
      JSON.parse(readFileSync(join(ROOT, 'packages/reporter-api/package.json'), 'utf8')) as { version: string }
    ).version;
    for (const b of blocks.filter((x) => x.lang === 'json')) {
      const parsed = JSON.parse(b.code.trim().startsWith('{') ? b.code : `{${b.code}}`) as {
        peerDependencies?: Record<string, string>;
      };
      if (parsed.peerDependencies)
        expect(parsed.peerDependencies['@duban/reporter-api']).toBe(`^${version.split('.').slice(0, 2).join('.')}.0`);
    }
  });

  it('`npx duban` commands of the sh samples run against a real ledger', async () => {
    const dir = tempDir('duban-guide-cli-');
    try {
      const db = join(dir.dir, 'duban.db');
      expect((await runCli(['--db', db, 'import', SEED_NOTICE, '--units', SEED_UNITS], { cwd: dir.dir })).code).toBe(0);
      const csv = ['03', '04', '05', '06'].map((m) => join(ROOT, `seeds/sample-progress/样例数据-2019-${m}.csv`));
      expect((await runCli(['--db', db, 'progress', 'import', '--office', ...csv], { cwd: dir.dir })).code).toBe(0);
      const commands = blocks
        .filter((b) => b.lang === 'sh')
        .flatMap((b) => b.code.split('\n'))
        .map((l) => l.replace(/\s+#.*$/, '').trim())
        .filter((l) => l.startsWith('npx duban '));
      expect(commands.length).toBeGreaterThanOrEqual(2);
      for (const line of commands) {
        const r = await runCli(['--db', db, ...line.slice('npx duban '.length).split(/\s+/)], {
          cwd: dir.dir,
          timeoutMs: 180_000,
        });
        expect(r.code, `${line}\n${r.stderr}`).toBe(0);
      }
    } finally {
      dir.cleanup();
    }
  });
});
