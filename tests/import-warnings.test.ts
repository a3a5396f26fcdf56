// Numbering and heading problems import, but never silently (issue 13).
import { parseNotice } from '@duban/import';
import { describe, expect, it } from 'vitest';

const codes = (text: string) => parseNotice(text, { year: 2024 }).value!.warnings.map((w) => [w.code, w.line]);

describe('import warnings', () => {
  it('keeps a heading longer than 60 characters as a heading (no merged sections) and warns about it', () => {
    const long = `二、${'坚持以人民为中心的发展思想'.repeat(6)}`;
    const r = parseNotice(`一、短标题\n1.甲项工作。（市发改委负责）\n${long}\n2.乙项工作。（市财政局负责）\n`, {
      year: 2024,
    });
    expect(r.value!.sections.map((s) => s.number)).toEqual([1, 2]);
    expect(r.value!.tasks.map((t) => t.section)).toEqual([1, 2]);
    expect(r.value!.warnings).toEqual([expect.objectContaining({ code: 'DUBAN_IMPORT_LONG_HEADING', line: 3 })]);
  });

  it('warns on each duplicate and each skipped number, with its line', () => {
    expect(
      codes('1.甲。（市发改委负责）\n2.乙。（市财政局负责）\n2.丙。（市教体局负责）\n5.丁。（市水利局负责）\n'),
    ).toEqual([
      ['DUBAN_IMPORT_RENUMBERED', 3],
      ['DUBAN_IMPORT_SKIPPED_NUMBER', 4],
    ]);
  });

  it('numbers tasks on across sections when each section restarts at 1, and says so once', () => {
    const r = parseNotice(
      '一、甲类\n1.甲。（市发改委负责）\n2.乙。（市财政局负责）\n二、乙类\n1.丙。（市教体局负责）\n2.丁。（市水利局负责）\n',
      { year: 2024 },
    );
    expect(r.value!.tasks.map((t) => [t.number, t.section])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 2],
    ]);
    expect(r.value!.warnings.map((w) => w.code)).toEqual(['DUBAN_IMPORT_SECTION_NUMBERING']);
  });
});
