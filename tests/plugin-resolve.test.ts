import { join } from 'node:path';
import { optionTakesText, pathOption, pathOptionKeys, z } from '@duban/reporter-api';
import { fixturePlan } from '@duban/reporter-api/testing';
import { describe, expect, it } from 'vitest';
import type { Config } from '../apps/cli/src/_config.js';
import { defaultAsOf, issueInfo } from '../apps/cli/src/_report-context.js';
import {
  configuredOptions,
  mergeOptions,
  parseOptionFlag,
  resolvePathOptions,
} from '../apps/cli/src/_report-options.js';
import { isPathLike, loadReporter, nodeModulesChain, packageNameFor } from '../apps/cli/src/_reporters.js';
import { ROOT } from './_support/cli.js';

describe('reporter names', () => {
  it('map to package names as ESLint maps plug-ins', () => {
    expect(packageNameFor('foo')).toBe('duban-reporter-foo');
    expect(packageNameFor('duban-reporter-foo')).toBe('duban-reporter-foo');
    expect(packageNameFor('@acme/foo')).toBe('@acme/duban-reporter-foo');
    expect(packageNameFor('@acme/duban-reporter-foo')).toBe('@acme/duban-reporter-foo');
    expect(packageNameFor('@acme')).toBe('@acme/duban-reporter');
  });
  it('tell paths from packages', () => {
    expect(['./x', '../x', '/abs/x', 'x.js', 'x.mjs'].map(isPathLike)).toEqual([true, true, true, true, true]);
    expect(['foo', '@acme/foo', 'bulletin'].map(isPathLike)).toEqual([false, false, false]);
  });
  it('search node_modules from the directory up to the root', () => {
    expect(nodeModulesChain('/a/b')).toEqual(['/a/b/node_modules', '/a/node_modules', '/node_modules']);
  });
  it('resolve a built-in before a package of the same name', async () => {
    const r = await loadReporter('ledger', ROOT);
    expect(r).toMatchObject({ source: 'builtin', id: '@duban/reporter-ledger' });
    const s = await loadReporter('sample', ROOT);
    expect(s).toMatchObject({
      source: 'package',
      id: 'duban-reporter-sample',
      file: join(ROOT, 'tests/fixtures/reporters/duban-reporter-sample/index.js'),
    });
  });
});

describe('--option and config', () => {
  it('parses JSON values, keeps text, nests dotted keys', () => {
    expect(parseOptionFlag('limit=3')).toEqual({ limit: 3 });
    expect(parseOptionFlag('title=第二季度')).toEqual({ title: '第二季度' });
    expect(parseOptionFlag('a.b.c=true')).toEqual({ a: { b: { c: true } } });
    expect(parseOptionFlag('x=a=b')).toEqual({ x: 'a=b' });
    expect(() => parseOptionFlag('=3')).toThrow(/is not key=value/);
  });
  it("keeps a value as text where the reporter's schema wants a string, and finds its path options", () => {
    const schema = z.object({
      title: z.string().default('x'),
      limit: z.number().default(3),
      kind: z.enum(['a', 'b']).optional(),
      mixed: z.union([z.string(), z.number()]).optional(),
      nested: z.object({ label: z.string(), logo: pathOption().optional() }).optional(),
      logo: pathOption().optional(),
      extra: z.array(pathOption()).default([]),
    });
    const takes = (p: readonly string[]) => optionTakesText(schema, p);
    expect(parseOptionFlag('title=2019', takes)).toEqual({ title: '2019' });
    expect(parseOptionFlag('title=true', takes)).toEqual({ title: 'true' });
    expect(parseOptionFlag('nested.label=007', takes)).toEqual({ nested: { label: '007' } });
    expect(parseOptionFlag('limit=5', takes)).toEqual({ limit: 5 });
    expect(parseOptionFlag('mixed=5', takes)).toEqual({ mixed: 5 }); // string or number: JSON decides
    expect(parseOptionFlag('unknown=5', takes)).toEqual({ unknown: 5 });
    expect(takes(['kind'])).toBe(true);
    expect(pathOptionKeys(schema)).toEqual([['nested', 'logo'], ['logo'], ['extra']]);
    expect(
      resolvePathOptions(
        { logo: 'img/logo.png', extra: ['a.css', '/abs/b.css'], nested: { logo: '../l.png' }, title: 'img/x' },
        pathOptionKeys(schema),
        '/office/config',
      ),
    ).toEqual({
      logo: '/office/config/img/logo.png',
      extra: ['/office/config/a.css', '/abs/b.css'],
      nested: { logo: '/office/l.png' },
      title: 'img/x',
    });
  });
  it('merges config then command line, objects key by key, arrays replaced', () => {
    expect(mergeOptions({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: 3 }, l: [9] })).toEqual({
      a: { b: 1, c: 3 },
      l: [9],
    });
  });
  it("finds configured options in both config forms, under any of the reporter's names", () => {
    const byName = { reporters: { 'duban-reporter-foo': { x: 1 } } } as unknown as Config;
    expect(configuredOptions(byName, ['foo', 'duban-reporter-foo'])).toEqual({ x: 1 });
    const list = { reporters: ['bulletin', ['foo', { y: 2 }]] } as unknown as Config;
    expect(configuredOptions(list, ['foo'])).toEqual({ y: 2 });
    expect(configuredOptions(list, ['bulletin'])).toEqual({});
  });
});

describe('report context defaults', () => {
  it('clamps today to the plan year end', () => {
    expect(defaultAsOf(fixturePlan, new Date(2026, 10, 27))).toBe('2019-12-31');
    expect(defaultAsOf({ ...fixturePlan, year: 2030 }, new Date(2026, 0, 5))).toBe('2026-01-05');
  });
  it('derives issue metadata from the plan issuer unless config says otherwise', () => {
    const info = issueInfo(
      fixturePlan,
      { recipients: '各县区政府', wording: { opening: '现将…通报如下', bad: 3 } },
      2,
      '2019-07-05',
    );
    expect(info).toEqual({
      number: 2,
      publication: '督查通报',
      office: '示例市人民政府督查室',
      issuer: '示例市人民政府',
      date: '2019-07-05',
      replyDays: 10,
      replyCounting: 'calendar',
      contact: null,
      format: 'document',
      reportTo: '',
      sendTo: '',
      recipients: '各县区政府',
      cc: '市委办公室，市人大常委会办公室，市政协办公室',
      printer: '示例市人民政府办公室',
      wording: { opening: '现将…通报如下' },
    });
    // 主送 covers every kind of unit the text addresses: 有关单位 when enterprises or central/provincial agencies answer for tasks.
    expect(issueInfo(fixturePlan, {}, null, '2019-07-05', ['city_department', 'company']).recipients).toBe(
      '各县区人民政府，市政府各工作部门、直属机构，有关单位',
    );
    expect(issueInfo(fixturePlan, {}, null, '2019-07-05', ['city_department']).recipients).toBe(
      '各县区人民政府，市政府各工作部门、直属机构',
    );
    expect(issueInfo(fixturePlan, { replyDays: 7 }, null, '2019-07-05').replyDays).toBe(7);
  });
  it('takes the office contact from config, else from the unit directory, and refuses a malformed one', () => {
    const office = { name: '示例市政府督查室', contact: { person: '王明', phone: '0915-3210000' } };
    expect(issueInfo(fixturePlan, {}, null, '2019-07-05', [], undefined, office)).toMatchObject({
      office: '示例市政府督查室',
      contact: office.contact,
    });
    expect(
      issueInfo(fixturePlan, { contact: { person: '张三' } }, null, '2019-07-05', [], undefined, office).contact,
    ).toEqual({ person: '张三' });
    expect(() => issueInfo(fixturePlan, { contact: '张三' }, null, '2019-07-05')).toThrow(
      expect.objectContaining({ code: 'DUBAN_CONFIG' }),
    );
    expect(() => issueInfo(fixturePlan, { replyCounting: 'workdays' }, null, '2019-07-05')).toThrow(/replyCounting/);
    expect(issueInfo(fixturePlan, { replyCounting: 'working' }, null, '2019-07-05').replyCounting).toBe('working');
  });
});
