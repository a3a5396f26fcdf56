import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile } from './_json.js';

const dir = mkdtempSync(join(tmpdir(), 'duban-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const kind = { what: 'test file', code: 'DUBAN_TEST', hint: 'fix it' };
const schema = z.object({ units: z.array(z.object({ name: z.string() })) });
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('readJsonFile', () => {
  it('points a syntax error at its line and column', () => {
    const file = write(
      'broken.json',
      '{\n  "units": [\n    { "name": "市发改委" }\n    { "name": "市财政局" }\n  ]\n}\n',
    );
    expect(() => readJsonFile(file, schema, kind)).toThrow(
      expect.objectContaining({
        code: 'DUBAN_TEST_JSON',
        where: expect.objectContaining({ file, line: 4, column: 5 }),
      }),
    );
  });

  it('names every invalid field by its JSON path', () => {
    const file = write('invalid.json', JSON.stringify({ units: [{ name: '市发改委' }, { name: 7 }, {}] }));
    try {
      readJsonFile(file, schema, kind);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'DUBAN_TEST_INVALID', hint: 'fix it' });
      expect((e as { problems: { where: { path: string } }[] }).problems.map((p) => p.where.path)).toEqual([
        '$.units[1].name',
        '$.units[2].name',
      ]);
    }
  });

  it('reads a valid file with a byte-order mark', () => {
    const file = write('ok.json', '\uFEFF{"units":[{"name":"市发改委"}]}');
    expect(readJsonFile(file, schema, kind)).toEqual({ units: [{ name: '市发改委' }] });
  });
});
