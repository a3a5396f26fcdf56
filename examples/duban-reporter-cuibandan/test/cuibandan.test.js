import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkReporter, createFixtureContext } from '@duban/reporter-api/testing';
import cuiban from '../src/index.js';

const template = fileURLToPath(new URL('../templates/notice.hbs', import.meta.url));

test('meets the duban reporter contract', async () => {
  const result = await checkReporter(cuiban, { options: {} });
  assert.deepEqual(result.problems, []);
});

test('one notice per unit that reports on an overdue or lagging task, from its own template', async () => {
  const context = await createFixtureContext({
    reporter: cuiban,
    options: cuiban.meta.options.parse({}),
    issue: { number: null, date: '2019-09-27' },
  });
  const outputs = (await cuiban(context.options).render?.(context)) ?? [];
  const wanted = context.units.filter((u) =>
    u.tasks.some(
      (t) =>
        t.reports &&
        ['overdue', 'at_risk'].includes(context.tasks.find((x) => x.task === t.task)?.verdict.status ?? ''),
    ),
  );
  assert.ok(wanted.length > 0, 'the fixture has units to urge');
  assert.equal(outputs.length, wanted.length);
  const renders = context.pdfDouble?.calls().filter((c) => c.method === 'renderTemplate') ?? [];
  // Each notice is measured first (fit to one page), then printed: both from this package's template.
  assert.ok(renders.length >= 2 * wanted.length);
  assert.ok(renders.every((c) => c.template === template));
  const printed = renders.filter((c) => c.outPath?.startsWith(context.output.dir));
  assert.deepEqual(printed.map((c) => c.data.recipient).sort(), wanted.map((u) => u.fullName ?? u.name).sort());
});

test('asks for a reply within N working days, holidays counted, and prints both contacts', async () => {
  // Issued Friday 27 September 2019: Sunday 29 September is a 调休 working day, 1–7 October are off.
  const context = await createFixtureContext({
    reporter: cuiban,
    options: cuiban.meta.options.parse({ unit: '市发改委' }),
    issue: { date: '2019-09-27' },
    asOf: '2019-09-20',
  });
  await cuiban(context.options).render?.(context);
  const last = context.pdfDouble
    ?.calls()
    .filter((c) => c.method === 'renderTemplate')
    .at(-1);
  assert.ok(last);
  assert.match(last.data.request, /请于2019年10月10日前（5个工作日内）/);
  assert.match(last.data.contacts, /贵单位督办联系人：李华（0915-3211001）/);
  assert.match(last.data.contacts, /示例市人民政府督查室联系人：王明，电话：0915-3210000/);
  assert.equal(last.data.number, '督办〔2019〕3号');
});

test('refuses a unit that holds no task', async () => {
  const result = await checkReporter(cuiban, { options: { unit: '市气象局' } });
  assert.match(result.problems.join('\n'), /unit 市气象局 holds no task/);
});
