import { describe, expect, it } from 'vitest';
import { answeringText } from './_roles.js';

describe('answeringText: who answers for a task, as every output prints it', () => {
  it('prints the leads when the notice names them, never the responsible units', () => {
    expect(answeringText({ lead: ['市发改委', '市工信局'], responsible: ['市财政局'], noLead: false })).toBe(
      '市发改委、市工信局',
    );
  });
  it('marks several responsible units 分工负责 when there is no lead, as a label or in a sentence', () => {
    const units = { lead: [], responsible: ['市机场办', '市发改委'], noLead: true };
    expect(answeringText(units)).toBe('市机场办、市发改委（分工负责）');
    expect(answeringText(units, 'sentence')).toBe('市机场办、市发改委分工负责');
  });
  it('prints a single responsible unit plainly', () => {
    expect(answeringText({ lead: [], responsible: ['市教育局'], noLead: true }, 'sentence')).toBe('市教育局');
  });
});
