import { describe, expect, it } from 'vitest';
import { blockOf, blockRange, blocksNeeded, coreCodePoints, rareBlocks } from './_coverage.js';

describe('prepared font coverage', () => {
  it('the core is GB 2312 and the symbols documents use; rarer characters fall in blocks', () => {
    const core = coreCodePoints();
    for (const ch of '督查通报安康瀛湖，。〔〕①㎡—') expect(core.has(ch.codePointAt(0)!), ch).toBe(true);
    for (const ch of '堃镕㵘') expect(core.has(ch.codePointAt(0)!), ch).toBe(false);
    expect(blockRange(blockOf(0x5803))).toBe('U+5800-58FF');
    const face = new Set(rareBlocks([0x5803, 0x4e00, 0x3d58]));
    expect([...face]).toEqual([0x3d, 0x58]);
    expect(blocksNeeded([0x4e00, 0x5803], face)).toEqual([0x58]);
  });
});
