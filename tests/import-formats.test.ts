// The same notice as .txt, .docx, .html and .pdf (each made by a real tool) gives the same plan.
import type { Plan } from '@duban/core';
import { importNoticeFile } from '@duban/import';
import { beforeAll, describe, expect, it } from 'vitest';
import { asDocx, asHtml, asPdf, asText } from './_support/notice-files.js';

/** What must agree across formats: everything but where in the extracted text a task sat. */
function essence(plan: Plan) {
  return {
    title: plan.title,
    docNumber: plan.docNumber,
    date: plan.date,
    year: plan.year,
    sections: plan.sections.map((s) => `${s.number} ${s.title}`),
    tasks: plan.tasks.map((t) => ({
      n: t.number,
      section: t.section,
      text: t.text,
      deadline: t.deadline,
      units: t.assignments.map((a) => `${a.unit}:${a.role}`),
      values: t.indicators.map((i) => `${i.value}${i.unit}`),
    })),
  };
}

const files: Record<string, Uint8Array> = {};
beforeAll(async () => {
  files['notice.txt'] = Buffer.from(asText());
  files['notice.html'] = Buffer.from(asHtml());
  files['notice.docx'] = await asDocx();
  files['notice.pdf'] = await asPdf();
}, 120_000);

describe('one notice, four file types', () => {
  it('reads the text notice: 6 tasks in 2 sections, units by column, deadlines from 完成时限', async () => {
    const r = await importNoticeFile(files['notice.txt']!, { sourceName: 'notice.txt' });
    expect(r.errors).toEqual([]);
    const e = essence(r.value!);
    expect(e).toMatchObject({ docNumber: '鞍立政发〔2023〕2号', date: '2023-03-28', year: 2023 });
    expect(e.sections).toEqual(['1 经济社会发展的主要预期目标', '2 聚焦民生保障']);
    expect(e.tasks.map((t) => [t.n, t.section])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 2],
      [6, 2],
    ]);
    expect(e.tasks[2]).toMatchObject({
      units: ['区发改局:lead', '立山经济开发区:co', '各街道:co', '区直各部门:co'],
      deadline: { phrase: '11月底前', date: '2023-11-30' },
      values: ['15%', '40个', '25个'],
    });
    expect(e.tasks[4]!.deadline).toEqual({ phrase: '上半年', date: '2023-06-30' });
    expect(r.value!.warnings).toEqual([]);
  });

  for (const name of ['notice.html', 'notice.docx', 'notice.pdf']) {
    it(`${name} gives the same plan as the text`, async () => {
      const text = await importNoticeFile(files['notice.txt']!, { sourceName: 'notice.txt' });
      const other = await importNoticeFile(files[name]!, { sourceName: name });
      expect(other.kind).toBe(name.split('.')[1]);
      expect(other.errors).toEqual([]);
      expect(essence(other.value!)).toEqual(essence(text.value!));
    });
  }

  it('drops the page furniture and script of the HTML page', async () => {
    const r = await importNoticeFile(files['notice.html']!, { sourceName: 'notice.html' });
    expect(r.text).not.toMatch(/首页|不是任务|主办/);
  });
});
