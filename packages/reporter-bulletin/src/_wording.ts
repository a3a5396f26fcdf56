/** Default 四、下一步要求: three 一是/二是/三是 paragraphs, replaceable by issue.wording.requirements. */
export const DEFAULT_REQUIREMENTS: readonly string[] = [
  '一是压实工作责任。各牵头单位要切实履行牵头抓总职责，对照任务分解方案逐项梳理、挂图作战；配合单位要主动对接、密切协作，确保各项任务按时保质完成。',
  '二是加快滞后任务推进。对本期通报的进度滞后和逾期未完成任务，责任单位要深入分析原因，逐项制定整改措施，明确完成时限，于下期督查前将整改情况书面报送督查室。',
  '三是及时准确报送进展。各责任单位要按月如实报送任务进展情况，反映存在的问题和困难；督查室将持续跟踪督办，对工作推进不力、进度严重滞后的单位予以通报。',
];

/** Reads a wording entry that may be a string (paragraphs split on new lines) or a list of paragraphs. */
export function paragraphs(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? value.split(/\r?\n/) : [...value];
  const out = list.map((s) => s.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

/** A wording entry as one string (first paragraph), if given. */
export function single(value: string | readonly string[] | undefined): string | undefined {
  return paragraphs(value)?.join('');
}
