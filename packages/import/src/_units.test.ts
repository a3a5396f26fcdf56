import type { UnitDirectory } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { createUnitResolver } from './_units.js';

const directory: UnitDirectory = {
  name: '安康市',
  units: [
    { name: '市发改委', fullName: '安康市发展和改革委员会', aliases: ['市发展改革委'], kind: 'city_department' },
    { name: '市市场监管局', aliases: [], kind: 'city_department' },
    { name: '汉阴县政府', fullName: '安康市汉阴县人民政府', aliases: ['汉阴县人民政府'], kind: 'county_government' },
    { name: '恒口示范区<试验区>管委会', aliases: [], kind: 'zone_committee' },
  ],
  groups: [{ name: '“八办三组”成员单位', aliases: [], members: [] }],
};

describe('createUnitResolver', () => {
  const resolve = createUnitResolver(directory);
  it.each([
    ['市发改委', '市发改委'],
    ['发改委', '市发改委'],
    ['安康市发改委', '市发改委'],
    ['安康市发展和改革委员会', '市发改委'],
    ['市发展和改革委员会', '市发改委'],
    ['市发展改革委', '市发改委'],
    ['市场监管局', '市市场监管局'],
    ['汉阴县人民政府', '汉阴县政府'],
    ['恒口示范区(试验区)管委会', '恒口示范区<试验区>管委会'],
    ['恒口示范区（试验区）管委会', '恒口示范区<试验区>管委会'],
    ['"八办三组"成员单位', '“八办三组”成员单位'],
  ])('%s → %s', (written, canonical) => {
    expect(resolve(written)).toBe(canonical);
  });

  it('returns null for unknown names', () => {
    expect(resolve('市数据局')).toBeNull();
  });
});
