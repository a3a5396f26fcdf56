import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_VERSION, contextUnits, defineReporter, z } from '@duban/reporter-api';
import { createFixtureContext, fixtureDirectory, fixturePlan, fixtureProgress } from '@duban/reporter-api/testing';
import bulletin, { buildBulletinModel } from '@duban/reporter-bulletin';
import { openLedger } from '@duban/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './_support/cli.js';

// What the context gives beyond the judged view — history, contacts, groups, the
// calendar, numbering — first through the kit (the same builder as the CLI), then
// end to end through `duban report` on a real ledger.

const bulletin2 = {
  reporter: 'bulletin',
  number: 2,
  asOf: '2019-03-31',
  issueDate: '2019-04-05',
  files: 2,
  verified: true,
};

describe("the context the kit builds (the CLI's builder)", () => {
  it('lists collective names with their members, and units with contacts and groups', async () => {
    const c = await createFixtureContext();
    expect(c.groups).toEqual([
      {
        name: '各县区政府',
        members: ['甲县人民政府', '乙区人民政府'],
        defined: true,
        source: 'fixture',
        tasks: [3, 6],
      },
    ]);
    const fgw = c.units.find((u) => u.unit === '市发改委')!;
    expect(fgw.contact).toEqual({ person: '李华', phone: '0915-3211001' });
    expect(c.units.find((u) => u.unit === '市住建局')!.contact).toBeNull();
    // A member unit knows its collective names (the fixture plan assigns the group, not its members).
    const member = { ...fgw, unit: '甲县人民政府', name: '甲县人民政府' };
    expect(contextUnits({ units: [member] }, fixtureDirectory)[0]).toMatchObject({
      groups: ['各县区政府'],
      contact: null,
    });
    expect(c.issue.contact).toEqual({ person: '王明', phone: '0915-3210000' });
  });

  it('works out the reply date in calendar or working days', async () => {
    expect((await createFixtureContext({ issue: { date: '2019-09-27', replyDays: 5 } })).issue.replyBy).toBe(
      '2019-10-02',
    );
    expect(
      (await createFixtureContext({ issue: { date: '2019-09-27', replyDays: 5, replyCounting: 'working' } })).issue
        .replyBy,
    ).toBe('2019-10-10');
    // A local calendar year replaces the built-in one.
    const local = await createFixtureContext({
      issue: { date: '2019-09-27', replyDays: 5, replyCounting: 'working' },
      calendar: [{ year: 2019, source: 'test', off: [], work: [] }],
    });
    expect(local.issue.replyBy).toBe('2019-10-04');
  });

  it('gives the previous issue judged as of its date, and any other date, by the same rules', async () => {
    const named = defineReporter({
      name: 'bulletin',
      apiVersion: API_VERSION,
      options: z.object({}),
      numbered: true,
      create: () => ({}),
    });
    const c = await createFixtureContext({ reporter: named, issued: [bulletin2], issue: { number: null } });
    expect(c.issue.number).toBe(3); // one past the registry's 第2期
    expect(c.history.issued).toEqual([bulletin2]);
    expect(c.history.previous?.document).toEqual(bulletin2);
    const alone = await createFixtureContext({ asOf: '2019-03-31' });
    expect(c.history.previous?.view.tasks.map((t) => [t.task, t.verdict.status, t.figure.percent])).toEqual(
      alone.tasks.map((t) => [t.task, t.verdict.status, t.figure.percent]),
    );
    expect(c.history.previous?.view.counts).toEqual(alone.counts);
    expect((await c.history.verdictsAsOf('2019-03-31')).counts).toEqual(alone.counts);
    await expect(c.history.verdictsAsOf('31/3/2019')).rejects.toThrow(/YYYY-MM-DD/);
    // Another reporter's documents are not this one's previous issue.
    expect((await createFixtureContext({ issued: [bulletin2] })).history.previous).toBeNull();
  });

  it('lets the bulletin say how the counts moved since the previous issue (较上期)', async () => {
    const c = await createFixtureContext({ reporter: bulletin, issued: [bulletin2] });
    const model = buildBulletinModel(c, { attachment: false });
    const prev = c.history.previous!.view.counts;
    const moved = (['completed', 'on_track', 'at_risk', 'overdue'] as const).filter((s) => c.counts[s] !== prev[s]);
    expect(moved.length).toBeGreaterThan(0);
    const text = JSON.stringify(model);
    expect(text).toContain('与上期（第2期，截至3月31日）相比');
    const labels = { completed: '已完成', on_track: '正常推进', at_risk: '进度滞后', overdue: '逾期未完成' };
    for (const s of moved)
      expect(text).toContain(
        `${labels[s]}${c.counts[s] > prev[s] ? '增加' : '减少'}${Math.abs(c.counts[s] - prev[s])}项`,
      );
    expect(
      JSON.stringify(buildBulletinModel(await createFixtureContext({ reporter: bulletin }), { attachment: false })),
    ).not.toContain('与上期');
  });
});

describe('duban report: numbering, contacts, --unit and path options end to end', () => {
  let work: ReturnType<typeof tempDir>;
  const cli = (args: string[], cwd = work.dir) => runCli(['--db', join(work.dir, 'duban.db'), ...args], { cwd });
  // A plug-in that writes what it was given: its 期号, the unit, a path option, the contacts, the reply date.
  const PLUGIN = `import { API_VERSION, defineReporter, pathOption, z } from '@duban/reporter-api';
export default defineReporter({
  name: 'probe', apiVersion: API_VERSION, numbered: true, defaultOutput: 'out/probe/',
  options: z.object({ logo: pathOption().optional(), unit: z.string().optional(), label: z.string().default('x') }),
  create: (o) => ({ async render(c) {
    const unit = c.units.find((u) => u.unit === o.unit);
    await c.output.writeFile('probe.json', JSON.stringify({ number: c.issue.number, unit: o.unit ?? null, logo: o.logo ?? null, label: o.label, contact: unit?.contact ?? null, office: c.issue.contact, replyBy: c.issue.replyBy, previous: c.history.previous?.document.number ?? null }));
  } }),
});
`;
  beforeAll(() => {
    work = tempDir('duban-plugin-context-');
    const ledger = openLedger(join(work.dir, 'duban.db'));
    const { version } = ledger.importPlan(fixturePlan, fixtureDirectory, { actor: 'test', source: 'fixture' });
    ledger.appendProgress(
      fixtureProgress.map(({ id: _id, supersedes: _s, ...r }) => r),
      { actor: 'test', source: 'fixture', planVersion: version },
    );
    ledger.close();
    mkdirSync(join(work.dir, 'office/plugins'), { recursive: true });
    mkdirSync(join(work.dir, 'node_modules/@duban'), { recursive: true });
    writeFileSync(join(work.dir, 'office/plugins/probe.mjs'), PLUGIN);
    // The plug-in file imports the contract from the project, as an installed plug-in would.
    writeFileSync(join(work.dir, 'package.json'), '{"type":"module"}');
    symlinkSync(join(ROOT, 'packages/reporter-api'), join(work.dir, 'node_modules/@duban/reporter-api'));
    // A newer directory file: phones changed since the import.
    writeFileSync(
      join(work.dir, 'office/units.json'),
      JSON.stringify({
        ...fixtureDirectory,
        units: fixtureDirectory.units.map((u) =>
          u.name === '市交通局' ? { ...u, contact: { person: '新联系人', phone: '0915-9999999' } } : u,
        ),
        office: { name: '示例市人民政府督查室', contact: { person: '值班室', phone: '0915-1111111' } },
      }),
    );
    writeFileSync(
      join(work.dir, 'office/duban.config.json'),
      JSON.stringify({
        rules: join(ROOT, 'packages/rules/defaults'),
        units: 'units.json',
        issue: { replyDays: 3, replyCounting: 'working' },
        reporters: { probe: { logo: 'img/logo.png' } },
      }),
    );
  });
  afterAll(() => work?.cleanup());

  it('numbers a numbered plug-in from the registry, resolves its path option against the config file, and reads contacts from the directory file', async () => {
    const first = await cli([
      '--config',
      'office/duban.config.json',
      'report',
      './office/plugins/probe.mjs',
      '--as-of',
      '2019-05-31',
      '--date',
      '2019-09-27',
      '--unit',
      '示例市交通运输局',
      '--option',
      'label=2019',
      '--out',
      'out/1/',
    ]);
    expect(first.code, first.stderr).toBe(0);
    const one = JSON.parse(readFileSync(join(work.dir, 'out/1/probe.json'), 'utf8'));
    expect(one).toEqual({
      number: 1,
      unit: '市交通局',
      logo: join(work.dir, 'office/img/logo.png'),
      label: '2019',
      contact: { person: '新联系人', phone: '0915-9999999' },
      office: { person: '值班室', phone: '0915-1111111' },
      replyBy: '2019-10-08',
      previous: null,
    });
    const second = await cli([
      '--config',
      'office/duban.config.json',
      'report',
      './office/plugins/probe.mjs',
      '--as-of',
      '2019-06-30',
      '--option',
      'logo=here.png',
      '--out',
      'out/2/',
    ]);
    expect(second.code, second.stderr).toBe(0);
    const two = JSON.parse(readFileSync(join(work.dir, 'out/2/probe.json'), 'utf8'));
    expect([two.number, two.previous, two.logo]).toEqual([2, 1, join(work.dir, 'here.png')]); // --option paths: the current directory
    const explicit = await cli([
      '--config',
      'office/duban.config.json',
      'report',
      './office/plugins/probe.mjs',
      '--as-of',
      '2019-06-30',
      '--issue',
      '9',
      '--out',
      'out/3/',
    ]);
    expect(JSON.parse(readFileSync(join(work.dir, 'out/3/probe.json'), 'utf8')).number, explicit.stderr).toBe(9);
  });

  it('passes a --unit the directory does not know on as written, for the reporter to judge', async () => {
    const r = await cli([
      '--config',
      'office/duban.config.json',
      'report',
      './office/plugins/probe.mjs',
      '--as-of',
      '2019-06-30',
      '--unit',
      '市气象局',
      '--out',
      'out/x/',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(work.dir, 'out/x/probe.json'), 'utf8')).unit).toBe('市气象局');
    const alias = await cli([
      '--config',
      'office/duban.config.json',
      'report',
      './office/plugins/probe.mjs',
      '--as-of',
      '2019-06-30',
      '--unit',
      '市发展改革委',
      '--out',
      'out/y/',
    ]);
    expect(JSON.parse(readFileSync(join(work.dir, 'out/y/probe.json'), 'utf8')).unit, alias.stderr).toBe('市发改委');
  });

  it('names the plug-in when it throws a duban error of its own making', async () => {
    writeFileSync(
      join(work.dir, 'office/plugins/bad.mjs'),
      `import { API_VERSION, DubanError, defineReporter, z } from '@duban/reporter-api';
export default defineReporter({ name: 'bad', apiVersion: API_VERSION, options: z.object({}), create: () => ({ render() { throw new DubanError('ACME_NO_TEMPLATE', 'no template for 催办', { hint: 'install the templates' }); } }) });
`,
    );
    const r = await cli([
      '--config',
      'office/duban.config.json',
      'report',
      './office/plugins/bad.mjs',
      '--out',
      'out/bad/',
    ]);
    expect(r.stderr).toMatch(
      /^ACME_NO_TEMPLATE: reporter plug-in .*bad\.mjs failed in render\(\): no template for 催办\n {2}hint: install the templates/,
    );
  });
});
