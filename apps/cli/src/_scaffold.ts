import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DubanError } from '@duban/core';

// `duban reporter init` writes a plug-in package that passes its own tests as
// generated: plain ES modules with JSDoc types (no build step), node:test (no
// test runner to install), the conformance kit from @duban/reporter-api/testing.

/**
 * The peer range a new plug-in declares: the line of the contract package this duban
 * has installed (^0.1.0 for 0.1.x, ^1.0.0 for 1.x), so a scaffold always installs
 * against the duban that wrote it.
 */
export function reporterApiRange(version: string = reporterApiVersion()): string {
  const [major = '0', minor = '0'] = version.split('.');
  return major === '0' ? `^0.${minor}.0` : `^${major}.0.0`;
}

/** The version of the @duban/reporter-api this duban runs with. */
export function reporterApiVersion(): string {
  const file = fileURLToPath(import.meta.resolve('@duban/reporter-api/package.json'));
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Package and folder names for `init NAME`: foo → duban-reporter-foo, @acme/foo → @acme/duban-reporter-foo. */
export function scaffoldNames(name: string): { pkg: string; folder: string; short: string } {
  const m = /^(?:(@[a-z0-9][a-z0-9-._]*)\/)?(?:duban-reporter-)?([a-z0-9][a-z0-9-]*)$/.exec(name);
  if (!m) {
    throw new DubanError('DUBAN_REPORTER_INIT_NAME', `"${name}" is not a valid reporter name`, {
      hint: 'use lower-case letters, digits and dashes, optionally scoped: dashboard, @acme/word-bulletin',
    });
  }
  const short = m[2]!;
  return {
    pkg: m[1] ? `${m[1]}/duban-reporter-${short}` : `duban-reporter-${short}`,
    folder: `duban-reporter-${short}`,
    short,
  };
}

/** The files of a new reporter package, by relative path. */
export function scaffoldFiles(
  name: string,
  range: string = reporterApiRange(),
  apiVersion = 2,
): Record<string, string> {
  const { pkg, short } = scaffoldNames(name);
  const packageJson = {
    name: pkg,
    version: '0.1.0',
    description: `duban reporter: ${short} (a CSV of every task with its verdict; replace with your own output)`,
    type: 'module',
    license: 'MIT',
    keywords: ['duban-reporter', 'duban'],
    exports: { '.': './src/index.js' },
    files: ['src'],
    scripts: { test: 'node --test' },
    engines: { node: '>=20.11' },
    peerDependencies: { '@duban/reporter-api': range },
    devDependencies: { '@duban/reporter-api': range },
  };
  const index = `// @ts-check
// ${pkg}: a duban reporter. Its default export is what duban loads when a user
// runs \`duban report ${short}\` (see the authoring guide in @duban/reporter-api's README).
import { API_VERSION, defineReporter, z } from '@duban/reporter-api';

/**
 * Quotes a CSV cell. Text starting with = + - @ or a tab/CR would run as a formula when
 * the file is opened in Excel or WPS (CSV injection): a leading ' keeps it text.
 */
const cell = (/** @type {unknown} */ v) => {
  const text = String(v ?? '');
  const safe = /^[=+\\-@\\t\\r]/.test(text) ? \`'\${text}\` : text;
  return \`"\${safe.replaceAll('"', '""')}"\`;
};

export default defineReporter({
  name: '${short}',
  apiVersion: API_VERSION,
  description: 'every task with its verdict, as CSV',
  options: z.object({
    title: z.string().min(1).default('${short}').describe('first line of the file'),
  }),
  defaultOutput: 'out/${short}.csv',
  create(options) {
    return {
      async render(context) {
        // The judged view decides every figure and name: print them, never recompute them.
        const rows = context.tasks.map((t) =>
          [t.task, t.title, t.noLead ? '' : t.lead.join('、'), t.noLead ? t.responsible.join('、') : t.co.join('、'), t.deadline.text, t.figure.text, t.verdict.label, t.verdict.reason].map(cell).join(','));
        const header = ['序号', '重点任务', '牵头单位', '配合/责任单位', '时限', '完成进度', '评价', '原因'].map(cell).join(',');
        // The BOM makes Excel read the file as UTF-8.
        const text = '\\uFEFF' + [cell(options.title), header, ...rows].join('\\r\\n') + '\\r\\n';
        const path = await context.output.writeFile(context.output.file ?? '${short}.csv', text);
        return [{ path, kind: 'csv', description: options.title }];
      },
    };
  },
});
`;
  const test = `import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { checkReporter, createFixtureContext } from '@duban/reporter-api/testing';
import reporter from '../src/index.js';

test('meets the duban reporter contract', async () => {
  const result = await checkReporter(reporter, { options: { title: '测试' } });
  assert.deepEqual(result.problems, []);
  assert.equal(result.outputs.length, 1);
});

test('writes one row per task under its title', async () => {
  const context = await createFixtureContext({ options: reporter.meta.options.parse({ title: '督办台账' }) });
  const outputs = await reporter(context.options).render?.(context);
  assert.ok(outputs && outputs[0]);
  const raw = await readFile(outputs[0].path);
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]); // the BOM Excel needs
  const lines = raw.toString('utf8').trim().split('\\r\\n');
  assert.equal(lines[0], '"督办台账"');
  assert.equal(lines.length, 2 + context.plan.tasks.length);
});

test('rejects options of the wrong type', () => {
  assert.equal(reporter.meta.options.safeParse({ title: 3 }).success, false);
});
`;
  const readme = `# ${pkg}

A [duban](https://www.npmjs.com/package/duban) reporter: ${packageJson.description}.

## Install

\`\`\`sh
npm install -D ${pkg}
\`\`\`

## Usage

\`\`\`sh
npx duban report ${name.startsWith('@') ? name : short} --as-of 2019-06-30 --out out/${short}.csv
\`\`\`

## Options

Set them in \`duban.config.json\` (\`"reporters": { "${short}": { "title": "…" } }\`) or on the command line (\`--option title=…\`).

| option | type | default | meaning |
|---|---|---|---|
| title | string | \`${short}\` | first line of the file |

## Develop

\`npm install && npm test\`: the tests run the reporter against the fixture context of
\`@duban/reporter-api/testing\` (judged by duban's own rules, PDFs by a test double)
and check the contract. See the authoring guide in the README of \`@duban/reporter-api\`.

### Against a local build of duban

Before a duban release reaches the registry, test against its tarballs (the files
\`npm publish\` would upload). In duban's repository:

\`\`\`sh
npm run release:pack          # builds, writes dist-tarballs/*.tgz
\`\`\`

Then here (the contract's kit needs @duban/core and @duban/rules beside it):

\`\`\`sh
T=../duban/dist-tarballs
npm install -D $T/duban-reporter-api-*.tgz $T/duban-core-*.tgz $T/duban-rules-*.tgz
npm test
\`\`\`

End to end, in an office project (real ledger, real PDFs): \`npm install $T/*.tgz\`,
\`npm pack\` here and \`npm install ./${pkg.replace('@', '').replace('/', '-')}-0.1.0.tgz\` there, then \`npx duban report ${name.startsWith('@') ? name : short}\`.

## Compatibility

Reporter apiVersion ${apiVersion}; peer dependency \`@duban/reporter-api ${range}\`.
`;
  return {
    'package.json': JSON.stringify(packageJson, null, 2) + '\n',
    'src/index.js': index,
    'test/index.test.js': test,
    'README.md': readme,
    '.gitignore': 'node_modules/\nout/\n',
  };
}
