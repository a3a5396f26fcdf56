import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createPdfRenderer } from '@duban/pdf';
import type { ReporterFactory } from '@duban/reporter-api';
import { createFixtureContext, fixtureProgress } from '@duban/reporter-api/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './_support/cli.js';

// The example plug-ins under examples/ are written against the published API only
// (they import @duban/reporter-api and its /testing kit, nothing else). Here their own
// node:test suites run as an author runs them, and the 催办 notices are rendered by
// duban's real renderer through the kit (its PDF double is replaceable), so page
// counts and text are real. tests/install-tarballs.test.ts installs both from
// tarballs, by package name, in a project outside the repository.

const run = promisify(execFile);
const EXAMPLES = ['duban-reporter-digest', 'duban-reporter-cuibandan'];
// A plain ES module with JSDoc types, loaded as duban loads it (by file URL).
const loadCuiban = async () =>
  (
    (await import(pathToFileURL(join(ROOT, 'examples/duban-reporter-cuibandan/src/index.js')).href)) as {
      default: ReporterFactory;
    }
  ).default;

describe.each(EXAMPLES)('examples/%s', (name) => {
  it('passes its own tests (npm test: node --test with the conformance kit)', async () => {
    const { stdout } = await run(process.execPath, ['--test'], {
      cwd: join(ROOT, 'examples', name),
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(stdout).toMatch(/# fail 0\b/);
    expect(Number(/# pass (\d+)/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(3);
  });

  it('imports nothing but the published contract', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'examples', name, 'package.json'), 'utf8')) as {
      exports: { '.': string };
      peerDependencies: Record<string, string>;
    };
    const source = readFileSync(join(ROOT, 'examples', name, pkg.exports['.']), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.every((i) => i === '@duban/reporter-api')).toBe(true);
    expect(Object.keys(pkg.peerDependencies)).toEqual(['@duban/reporter-api']);
  });
});

describe('the 催办 example with the real renderer', () => {
  const renderer = createPdfRenderer();
  afterAll(() => renderer.close());
  const pdfinfo = async (file: string) => Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [file])).stdout)?.[1]);
  const text = async (file: string) => (await run('pdftotext', ['-layout', file, '-'])).stdout;

  it('prints one one-page notice per unit, with its own template, contacts and a working-day reply date', async () => {
    const cuiban = await loadCuiban();
    const context = await createFixtureContext({
      reporter: cuiban,
      pdf: renderer,
      options: cuiban.meta.options!.parse({}),
      issue: { date: '2019-09-27', number: 7 },
      asOf: '2019-09-20',
    });
    const outputs = (await cuiban(context.options).render?.(context)) ?? [];
    expect(outputs.length).toBeGreaterThan(0);
    for (const o of outputs) expect(await pdfinfo(o.path), o.path).toBe(1);
    const fgw = outputs.find((o) => o.path.includes('市发改委'));
    expect(fgw).toBeDefined();
    const words = (await text(fgw!.path)).replace(/\s+/g, '');
    expect(words).toContain('关于加快推进重点任务的催办通知');
    expect(words).toContain('督办〔2019〕7号');
    expect(words).toContain('请于2019年10月10日前（5个工作日内）');
    expect(words).toContain('贵单位督办联系人：李华（0915-3211001）');
    expect(words).toContain('示例市发展和改革委员会：'); // 主送: the unit's full name, from the shared recipients partial
    expect(words).toContain('示例市人民政府督查室联系人：王明，电话：0915-3210000');
  });

  it('chooses the brief layout when the full one would run past a page (measured, not guessed)', async () => {
    const cuiban = await loadCuiban();
    // Task 1 (市发改委) gets a very long 存在问题: the full layout no longer fits on one page.
    const long = '项目前期手续办理缓慢，资金到位率低，部分项目用地报批尚未完成，'.repeat(40);
    const progress = fixtureProgress.map((p) => (p.task === 1 ? { ...p, problems: long } : p));
    const context = await createFixtureContext({
      reporter: cuiban,
      pdf: renderer,
      progress,
      options: cuiban.meta.options!.parse({ unit: '市发改委', statuses: ['overdue', 'at_risk', 'on_track'] }),
      issue: { date: '2019-07-05' },
    });
    const full = await context.pdf.measureTemplate('notice.hbs', { title: 'x', rows: [], columns: [] });
    expect(full.pages).toBe(1); // an empty notice is one page: the measure is real
    const [out] = (await cuiban(context.options).render?.(context)) ?? [];
    expect(out).toBeDefined();
    expect(await pdfinfo(out!.path)).toBe(1);
    const words = (await text(out!.path)).replace(/\s+/g, '');
    expect(words).not.toContain('项目前期手续办理缓慢');
  });
});
