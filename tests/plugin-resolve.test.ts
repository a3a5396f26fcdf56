import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPathLike, loadReporter, nodeModulesChain, packageNameFor } from '../apps/cli/src/_reporters.js';
import { configuredOptions, mergeOptions, parseOptionFlag } from '../apps/cli/src/commands/report.js';
import { defaultAsOf, issueInfo } from '../apps/cli/src/_report-context.js';
import { fixturePlan } from '@duban/reporter-api/testing';
import type { Config } from '../apps/cli/src/_config.js';
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
    expect(s).toMatchObject({ source: 'package', id: 'duban-reporter-sample', file: join(ROOT, 'tests/fixtures/reporters/duban-reporter-sample/index.js') });
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
  it('merges config then command line, objects key by key, arrays replaced', () => {
    expect(mergeOptions({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: 3 }, l: [9] })).toEqual({ a: { b: 1, c: 3 }, l: [9] });
  });
  it('finds configured options in both config forms, under any of the reporter\'s names', () => {
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
    const info = issueInfo(fixturePlan, { recipients: '各县区政府', wording: { opening: '现将…通报如下', bad: 3 } }, 2, '2019-07-05');
    expect(info).toEqual({
      number: 2, publication: '督查通报', office: '示例市人民政府督查室', issuer: '示例市人民政府', date: '2019-07-05', replyDays: 10, format: 'document', reportTo: '', sendTo: '',
      recipients: '各县区政府', cc: '市委办公室，市人大常委会办公室，市政协办公室', printer: '示例市人民政府办公室', wording: { opening: '现将…通报如下' },
    });
    // 主送 covers every kind of unit the text addresses: 有关单位 when enterprises or central/provincial agencies answer for tasks.
    expect(issueInfo(fixturePlan, {}, null, '2019-07-05', ['city_department', 'company']).recipients).toBe('各县区人民政府，市政府各工作部门、直属机构，有关单位');
    expect(issueInfo(fixturePlan, {}, null, '2019-07-05', ['city_department']).recipients).toBe('各县区人民政府，市政府各工作部门、直属机构');
    expect(issueInfo(fixturePlan, { replyDays: 7 }, null, '2019-07-05').replyDays).toBe(7);
  });
});
