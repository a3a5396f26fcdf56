/**
 * The reporting period named in the title, from the as-of date: 一季度,
 * 上半年, 前三季度, 全年, or 1—N月 for other month ends.
 */
export function periodLabel(asOf: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (!m) return asOf;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const monthEnd = day >= new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  // Mid-month: the period runs to the previous month end.
  const last = monthEnd ? month : month - 1;
  if (last <= 0) return `${month}月`;
  if (last === 3) return '一季度';
  if (last === 6) return '上半年';
  if (last === 9) return '前三季度';
  if (last === 12) return '全年';
  return last === 1 ? '1月' : `1—${last}月`;
}
