import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { checkReporter, createFixtureContext } from '@duban/reporter-api/testing';
import digest from '../index.js';

const bulletin2 = {
  reporter: 'bulletin',
  number: 2,
  asOf: '2019-03-31',
  issueDate: '2019-04-05',
  files: 2,
  verified: true,
};

test('meets the duban reporter contract', async () => {
  const result = await checkReporter(digest, { options: { since: '2019-03-31' } });
  assert.deepEqual(result.problems, []);
});

test('lists exactly the tasks whose verdict changed since the last bulletin, worst first', async () => {
  const context = await createFixtureContext({
    reporter: digest,
    issued: [bulletin2],
    options: digest.meta.options.parse({}),
  });
  // The view as of the last bulletin, judged on its own (not through the reporter).
  const then = await createFixtureContext({ asOf: '2019-03-31' });
  const was = new Map(then.tasks.map((t) => [t.task, t.verdict.status]));
  const expected = context.tasks.filter((t) => was.get(t.task) !== t.verdict.status);
  assert.ok(expected.length > 0, 'the fixture has verdicts that changed between March and June');

  const [out] = (await digest(context.options).render?.(context)) ?? [];
  assert.ok(out);
  const text = await readFile(out.path, 'utf8');
  const listed = text
    .split('\n')
    .filter((l) => l.startsWith('- 任务'))
    .map((l) => Number(/^- 任务(\d+)/.exec(l)?.[1]));
  assert.deepEqual(
    [...listed].sort((a, b) => a - b),
    expected.map((t) => t.task),
  );
  assert.match(text, /与上期（第2期，截至2019年3月31日）相比/);
  for (const t of expected)
    assert.ok(
      text.includes(`${t.figure.text}；${t.verdict.reason}`),
      `task ${t.task} is quoted with its figure and reason`,
    );
  // Worst first: an overdue task is never listed after an on-track one.
  const order = listed.map((n) => context.tasks.find((t) => t.task === n)?.verdict.status);
  assert.ok(
    order.lastIndexOf('overdue') < Math.max(order.indexOf('on_track'), order.indexOf('completed'), order.length),
  );
});

test('says so when nothing changed, and refuses a "since" that is not earlier', async () => {
  const same = await createFixtureContext({
    reporter: digest,
    options: digest.meta.options.parse({ since: '2019-06-20' }),
  });
  const then = await createFixtureContext({ asOf: '2019-06-20' });
  const moved = same.tasks.filter(
    (t) => then.tasks.find((x) => x.task === t.task)?.verdict.status !== t.verdict.status,
  ).length;
  const [out] = (await digest(same.options).render?.(same)) ?? [];
  assert.ok(out);
  const text = await readFile(out.path, 'utf8');
  assert.equal(text.split('\n').filter((l) => l.startsWith('- 任务')).length, moved);
  assert.equal(text.includes('各项任务评价均无变化'), moved === 0);
  const late = await createFixtureContext({
    reporter: digest,
    options: digest.meta.options.parse({ since: '2019-07-01' }),
  });
  await assert.rejects(async () => digest(late.options).render?.(late), /not before the as-of date/);
});
