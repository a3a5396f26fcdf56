import type { UnitDirectory } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { assign, splitList } from './_assign.js';
import { parseLabelled, parseRoleSentence } from './_roles.js';
import { widen } from './_text.js';
import { buildUnitIndex } from './_units.js';

const directory: UnitDirectory = {
  name: '安康市',
  units: [
    { name: '市发改委', fullName: '安康市发展和改革委员会', aliases: ['市飞地办'], kind: 'city_department' },
    { name: '市国土房管局', aliases: [], kind: 'city_department' },
    { name: '市规划局', aliases: [], kind: 'city_department' },
    { name: '市卫健委', aliases: [], kind: 'city_department' },
    { name: '市教体局', aliases: [], kind: 'city_department' },
    { name: '汉滨区政府', aliases: [], kind: 'county_government' },
    { name: '汉阴县政府', aliases: [], kind: 'county_government' },
    { name: '恒口示范区<试验区>管委会', aliases: [], kind: 'zone_committee' },
  ],
  groups: [
    { name: '各县区政府', aliases: [], members: ['汉滨区政府', '汉阴县政府', '恒口示范区<试验区>管委会'] },
    { name: '市政府有关工作部门', aliases: [], members: [] },
  ],
};
const index = buildUnitIndex(directory);
const run = (paren: string, idx = index) => assign(parseRoleSentence(widen(paren)), idx, 7);
const brief = (paren: string) => run(paren).assignments.map((a) => `${a.unit}:${a.role}${a.convener ? '*' : ''}`);

describe('assign', () => {
  it('makes the sole unit of "X负责" the lead', () => {
    expect(run('市发改委负责').assignments).toEqual([{ unit: '市发改委', role: 'lead', written: '市发改委' }]);
  });

  it('makes "A、B分工负责" without a lead all responsible, the first the convener', () => {
    expect(brief('市教体局、市卫健委、市发改委分工负责')).toEqual([
      '市教体局:responsible*',
      '市卫健委:responsible',
      '市发改委:responsible',
    ]);
  });

  it('makes the others of a 牵头 sentence co, whatever their verb', () => {
    for (const verb of ['分工负责', '负责', '配合', '协同', '实施']) {
      expect(brief(`市发改委牵头,市教体局、市卫健委${verb}`)).toEqual(['市发改委:lead', '市教体局:co', '市卫健委:co']);
    }
  });

  it('reads a bracket at the end as an alias and a bracket inside a name as part of it', () => {
    const { assignments, warnings } = run('市发改委<市飞地办>牵头,恒口示范区< 试验区>管委会分工负责');
    expect(assignments).toEqual([
      { unit: '市发改委', role: 'lead', alias: '市飞地办', written: '市发改委<市飞地办>' },
      { unit: '恒口示范区<试验区>管委会', role: 'co', written: '恒口示范区<试验区>管委会' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('accepts the full-width bracket spelling of a name with a bracket', () => {
    expect(brief('恒口示范区（试验区）管委会负责')).toEqual(['恒口示范区<试验区>管委会:lead']);
  });

  it('expands defined groups, keeps undefined ones, and handles a comma before a trailing group', () => {
    const { assignments } = run('市发改委牵头,市卫健委,各县区政府、市政府有关工作部门负责');
    expect(assignments.map((a) => [a.unit, a.role, a.group ?? '', a.isGroup ?? false])).toEqual([
      ['市发改委', 'lead', '', false],
      ['市卫健委', 'co', '', false],
      ['汉滨区政府', 'co', '各县区政府', false],
      ['汉阴县政府', 'co', '各县区政府', false],
      ['恒口示范区<试验区>管委会', 'co', '各县区政府', false],
      ['市政府有关工作部门', 'co', '市政府有关工作部门', true],
    ]);
  });

  it('restores the 市 prefix a list drops after its first item', () => {
    expect(brief('市发改委、国土房管局、规划局分工负责')).toEqual([
      '市发改委:responsible*',
      '市国土房管局:responsible',
      '市规划局:responsible',
    ]);
    // Without a directory the prefix is carried over by the list itself.
    expect(
      run('市发改委、国土房管局、规划局分工负责', buildUnitIndex(undefined)).assignments.map((a) => a.unit),
    ).toEqual(['市发改委', '市国土房管局', '市规划局']);
  });

  it('splits "X等Y" into the unit and the group', () => {
    expect(brief('市发改委牵头,市教体局等市政府有关工作部门负责')).toEqual([
      '市发改委:lead',
      '市教体局:co',
      '市政府有关工作部门:co',
    ]);
  });

  it('resolves full names to canonical names', () => {
    expect(brief('安康市发展和改革委员会负责')).toEqual(['市发改委:lead']);
  });

  it('warns about units missing from the directory, with the line, and keeps them', () => {
    const { assignments, warnings } = run('市发改委牵头,市数据局配合');
    expect(assignments.map((a) => a.unit)).toEqual(['市发改委', '市数据局']);
    expect(warnings).toEqual([
      { code: 'DUBAN_IMPORT_UNKNOWN_UNIT', message: expect.stringContaining('市数据局'), line: 7 },
    ]);
  });

  it('warns when a name fits two units', () => {
    const twoDirectory: UnitDirectory = {
      units: [
        { name: '市教体局', aliases: ['教育局'], kind: 'city_department' },
        { name: '县教体局', aliases: ['教育局'], kind: 'city_department' },
      ],
      groups: [],
    };
    const { warnings } = run('教育局负责', buildUnitIndex(twoDirectory));
    expect(warnings.map((w) => w.code)).toEqual(['DUBAN_IMPORT_AMBIGUOUS_UNIT']);
  });

  it('reads labelled fields: leader and deadline are not units', () => {
    const info = parseLabelled(widen('责任领导:张三;牵头单位:市发改委;责任单位:市教体局、市卫健委;完成时限:6月底前'));
    expect(info.leader).toBe('张三');
    expect(info.deadline).toBe('6月底前');
    expect(assign(info, index, 1).assignments.map((a) => `${a.unit}:${a.role}`)).toEqual([
      '市发改委:lead',
      '市教体局:co',
      '市卫健委:co',
    ]);
  });

  it('reads the prose form 部门分工：X牵头，Y配合。', () => {
    const info = parseLabelled(widen('部门分工：市发改委牵头，市教体局配合。'));
    expect(assign(info, index, 1).assignments.map((a) => `${a.unit}:${a.role}`)).toEqual([
      '市发改委:lead',
      '市教体局:co',
    ]);
  });
});

describe('splitList', () => {
  it('splits on 、 ， , ； and spaces but not inside brackets', () => {
    expect(splitList('市发改委、市教体局,市卫健委，汉滨区政府；恒口示范区< 试验区 >管委会 安康学院')).toEqual([
      '市发改委',
      '市教体局',
      '市卫健委',
      '汉滨区政府',
      '恒口示范区<试验区>管委会',
      '安康学院',
    ]);
  });
});

describe('assign: role marks and lead inference', () => {
  it('reads "X负责，Y配合" as X lead, Y co', () => {
    expect(brief('市发改委负责,市教体局配合')).toEqual(['市发改委:lead', '市教体局:co']);
  });

  it('reads a （牵头） mark after a name as the lead, listed first', () => {
    const info = parseLabelled(widen('责任单位：市教体局、市发改委（牵头）、市卫健委'));
    expect(
      assign(info, index, 1).assignments.map((a) => `${a.unit}:${a.role}${a.alias ? `<${a.alias}>` : ''}`),
    ).toEqual(['市发改委:lead', '市教体局:co', '市卫健委:co']);
  });

  it('reads （排在第一位的为牵头单位） as the first unit leading', () => {
    const info = parseLabelled(widen('责任单位：市卫健委、市教体局、市发改委（排在第一位的为牵头单位）'));
    expect(assign(info, index, 1).assignments.map((a) => `${a.unit}:${a.role}`)).toEqual([
      '市卫健委:lead',
      '市教体局:co',
      '市发改委:co',
    ]);
  });

  it('splits units joined by 和 but not names containing 和', () => {
    expect(brief('市发改委和市教体局负责')).toEqual(['市发改委:responsible*', '市教体局:responsible']);
    const noDirectory = buildUnitIndex(undefined);
    expect(run('市招商和经济合作局负责', noDirectory).assignments.map((a) => a.unit)).toEqual(['市招商和经济合作局']);
    expect(run('市发改委和市财政局负责', noDirectory).assignments.map((a) => a.unit)).toEqual(['市发改委', '市财政局']);
  });

  it('keeps 公司-style names in a list joined by 和 only when both parts are units', () => {
    const noDirectory = buildUnitIndex(undefined);
    expect(run('市城投公司和市财政局负责', noDirectory).assignments.map((a) => a.unit)).toEqual([
      '市城投公司',
      '市财政局',
    ]);
  });

  it('reads "X会同Y负责" as X leading and Y working with it', () => {
    const noDirectory = buildUnitIndex(undefined);
    const roles = (paren: string) => run(paren, noDirectory).assignments.map((a) => `${a.unit}:${a.role}`);
    expect(roles('国家发展改革委会同有关部门负责')).toEqual(['国家发展改革委:lead', '有关部门:co']);
    expect(roles('国家发展改革委、财政部会同有关部门负责')).toEqual([
      '国家发展改革委:lead',
      '财政部:lead',
      '有关部门:co',
    ]);
  });

  it('never takes 市 of 市场监管总局 as a level prefix, and never prefixes 团市委', () => {
    const noDirectory = buildUnitIndex(undefined);
    expect(run('市场监管总局、体育总局、教育部负责', noDirectory).assignments.map((a) => a.unit)).toEqual([
      '市场监管总局',
      '体育总局',
      '教育部',
    ]);
    expect(run('市人社局牵头，市金融办、团市委、规划局配合', noDirectory).assignments.map((a) => a.unit)).toEqual([
      '市人社局',
      '市金融办',
      '团市委',
      '市规划局',
    ]);
  });
});

describe('splitList: collective names and 等', () => {
  it('reads "X等和Y" as X and the group Y', () => {
    expect(splitList('全国总工会等和各省级人民政府')).toEqual(['全国总工会', '各省级人民政府']);
    expect(splitList('商务部、农业农村部等和各有关省级人民政府')).toEqual([
      '商务部',
      '农业农村部',
      '各有关省级人民政府',
    ]);
    expect(splitList('商务部、海关总署等有关部门')).toEqual(['商务部', '海关总署', '有关部门']);
  });

  it('keeps 各区、县级市 and 各开发区、镇（街道） whole, but not 各街道、区直各部门', () => {
    expect(splitList('市委组织部，各区、县级市')).toEqual(['市委组织部', '各区、县级市']);
    expect(splitList('各有关部门,各开发区、镇(街道)')).toEqual(['各有关部门', '各开发区、镇(街道)']);
    expect(splitList('各县、市、区政府')).toEqual(['各县、市、区政府']);
    expect(splitList('各街道、区直各部门、区市场局')).toEqual(['各街道', '区直各部门', '区市场局']);
  });
});

describe('assign: the first-listed convention', () => {
  it('makes the first unit lead, but never a collective name listed first', () => {
    const noDirectory = buildUnitIndex(undefined);
    const roles = (paren: string) =>
      assign(parseRoleSentence(widen(paren)), noDirectory, 1, { firstLeads: true }).assignments.map(
        (a) => `${a.unit}:${a.role}${a.convener ? '*' : ''}`,
      );
    expect(roles('人力资源社会保障部、财政部负责')).toEqual(['人力资源社会保障部:lead', '财政部:co']);
    expect(roles('各有关部门和单位，各省级人民政府按职责分工负责')).toEqual([
      '各有关部门和单位:responsible*',
      '各省级人民政府:responsible',
    ]);
  });
});
