import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The house rules live in biome.jsonc; these tests run the real checker on a copy of
// that config with one deliberate violation each, so a rule that stops firing fails here.

const ROOT = join(import.meta.dirname, '../..');
const BIOME = join(ROOT, 'node_modules/.bin/biome');
const work = mkdtempSync(join(tmpdir(), 'duban-boundaries-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** Runs `biome ci` on files laid out like the repository, under the repository's biome.jsonc. */
function check(files: Record<string, string>): { status: number | null; output: string } {
  const dir = join(work, `case-${n++}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(ROOT, 'biome.jsonc'), join(dir, 'biome.jsonc'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = spawnSync(BIOME, ['ci', '--vcs-enabled=false', '--colors=off', '--max-diagnostics=50', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: r.status, output: r.stdout + r.stderr };
}

const clean = "import { z } from 'zod';\n\n/** A schema. */\nexport const Name = z.string();\n";

describe('biome.jsonc', () => {
  it('passes a clean file (so the failures below are the violations, not the set-up)', () => {
    const r = check({ 'packages/core/src/_name.ts': clean });
    expect(r.output).not.toMatch(/error/i);
    expect(r.status).toBe(0);
  });

  it('refuses node:* and other packages in core', () => {
    const r = check({
      'packages/core/src/_io.ts':
        "import { readFileSync } from 'node:fs';\nimport { openLedger } from '@duban/store';\n\nexport const x = [readFileSync, openLedger];\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('noNodejsModules');
    expect(r.output).toContain('@duban/core depends on nothing of ours');
    expect(r.output).toContain("'@duban/store'");
  });

  it('lets a reporter import only the reporter contract of ours', () => {
    const ok = check({
      'packages/reporter-x/src/_ok.ts':
        "import { defineReporter } from '@duban/reporter-api';\nimport { createFixtureContext } from '@duban/reporter-api/testing';\n\nexport const x = [defineReporter, createFixtureContext];\n",
    });
    expect(ok.status).toBe(0);
    const r = check({
      'packages/reporter-x/src/_bad.ts':
        "import { judge } from '@duban/rules';\nimport { deep } from '../../store/src/index.js';\n\nexport const x = [judge, deep];\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.output.match(/a reporter imports only @duban\/reporter-api/g)?.length).toBe(2);
  });

  it('lets only the command registry import a command', () => {
    const registry = check({
      'apps/cli/src/_main.ts': "import * as evaluate from './commands/evaluate.js';\n\nexport const x = evaluate;\n",
    });
    expect(registry.status).toBe(0);
    const r = check({
      'apps/cli/src/_other.ts': "import { parseAsOf } from './commands/evaluate.js';\n\nexport const x = parseAsOf;\n",
      'apps/cli/src/commands/report.ts':
        "import { review } from './_review.js';\nimport { parseAsOf } from './evaluate.js';\n\nexport const x = [review, parseAsOf];\n",
      'tests/x.test.ts':
        "import { parseAsOf } from '../apps/cli/src/commands/evaluate.js';\n\nexport const x = parseAsOf;\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.output.match(/only the command registry/g)?.length).toBe(2);
    expect(r.output.match(/a command does not import another command/g)?.length).toBe(1);
    expect(r.output).toContain('apps/cli/src/commands/report.ts:2:');
    expect(r.output).not.toContain('apps/cli/src/commands/report.ts:1:'); // the commands' private helper is fine
  });

  it("keeps a package's modules private to it: the way in is its index", () => {
    const inside = check({ 'packages/rules/src/_a.ts': "import { b } from './_b.js';\n\nexport const a = b;\n" });
    expect(inside.status).toBe(0);
    const r = check({
      'tests/x.test.ts': "import { judge } from '../packages/rules/src/_judge.js';\n\nexport const x = judge;\n",
      'packages/intake/src/_y.ts':
        "import { digest } from '../../store/src/_digest.js';\nimport { z } from '@duban/rules/src/_schema.js';\n\nexport const y = [digest, z];\n",
    });
    expect(r.status).not.toBe(0);
    expect(r.output.match(/a package's modules are private to it/g)?.length).toBe(3);
  });

  it('fails on a format difference, an unsorted import and a lint error', () => {
    expect(check({ 'packages/core/src/_name.ts': clean.replace("'zod'", '"zod"') }).output).toMatch(/format/i);
    const unsorted = check({
      'packages/core/src/_two.ts':
        "import { z } from 'zod';\nimport { a } from './_a.js';\nimport { b } from './_b.js';\n\nexport const x = [z, b, a];\n".replace(
          "import { a } from './_a.js';\nimport { b } from './_b.js';",
          "import { b } from './_b.js';\nimport { a } from './_a.js';",
        ),
    });
    expect(unsorted.status).not.toBe(0);
    expect(unsorted.output).toContain('organizeImports');
    const lint = check({
      'packages/core/src/_dbg.ts': '/** Bad. */\nexport function f(x: number): number {\n  debugger;\n  return x;\n}\n',
    });
    expect(lint.status).not.toBe(0);
    expect(lint.output).toContain('noDebugger');
  });
});
