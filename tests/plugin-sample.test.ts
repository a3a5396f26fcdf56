import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReporterFactory } from '@duban/reporter-api';
import { checkReporter, createFixtureContext } from '@duban/reporter-api/testing';
import { describe, expect, it } from 'vitest';
import { ROOT } from './_support/cli.js';

const SAMPLE = join(ROOT, 'tests/fixtures/reporters/duban-reporter-sample');
const README = readFileSync(join(ROOT, 'packages/reporter-api/README.md'), 'utf8');

/** The fenced block of `lang` that follows the line "`name`:" in the guide's worked example. */
function block(name: string, lang: string): string {
  const start = README.indexOf('## Worked example');
  const m = new RegExp(`\`${name.replace('.', '\\.')}\`:\\n\\n\`\`\`${lang}\\n([\\s\\S]*?)\`\`\`\\n`).exec(
    README.slice(start),
  );
  if (!m?.[1]) throw new Error(`no ${lang} block for ${name} in the worked example`);
  return m[1];
}

describe("the authoring guide's worked example", () => {
  it('is exactly the code of tests/fixtures/reporters/duban-reporter-sample', () => {
    expect(block('index.js', 'js')).toBe(readFileSync(join(SAMPLE, 'index.js'), 'utf8'));
    expect(block('package.json', 'json')).toBe(readFileSync(join(SAMPLE, 'package.json'), 'utf8'));
  });

  it('documents every ReportContext field', async () => {
    const context = await createFixtureContext();
    const documented = [...README.matchAll(/^\| `([a-zA-Z]+)` \|/gm)].map((m) => m[1]);
    for (const key of Object.keys(context).filter((k) => !['pdfDouble', 'root', 'written', 'messages'].includes(k))) {
      expect(documented, key).toContain(key);
    }
  });
});

describe('duban-reporter-sample against the conformance kit', () => {
  it('passes checkReporter with defaults and with options', async () => {
    const { default: sample } = (await import(join(SAMPLE, 'index.js'))) as { default: ReporterFactory };
    const plain = await checkReporter(sample);
    expect(plain.problems).toEqual([]);
    expect(plain.outputs.map((p) => p.split('/').pop())).toEqual(['sample.md']);
    const withPdf = await checkReporter(sample, { options: { pdf: true, limit: 1 } });
    expect(withPdf.problems).toEqual([]);
    expect(withPdf.outputs.map((p) => p.split('/').pop())).toEqual(['sample.md', 'sample.pdf']);
  });

  it("lists the fixture's overdue and at-risk tasks, and honours unit and limit", async () => {
    const { default: sample } = (await import(join(SAMPLE, 'index.js'))) as { default: ReporterFactory };
    const options = sample.meta.options!.parse({ unit: '市住建局' });
    const context = await createFixtureContext({ options });
    await sample(options).render?.(context);
    const text = readFileSync(join(context.output.dir, 'sample.md'), 'utf8');
    // Fixture: task 4 is overdue (分工负责, convened by 市住建局), task 3 at risk (市交通局): only 4 belongs to the unit.
    expect(text.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      expect.stringMatching(
        /^- 任务4【逾期未完成】3月底前完成棚户区改造项目开工（市住建局、市财政局）：完成60%（市住建局3月20日报）；完成时限为2019年3月31日/,
      ),
    ]);
    const bad = await checkReporter(sample, { options: { unit: '市不存在局' } });
    expect(bad.problems.join('\n')).toMatch(/failed in setup\(\): unit 市不存在局 holds no task/);
  });
});
