/**
 * What a task-table column holds, read from its header text. Offices word headers
 * freely (牵头单位 / 牵头责任单位 / 牵头 单位, 督查内容 / 民生实事 / 主要任务,
 * 1-10月推进情况 …), so roles are recognised by the words they contain, in an order
 * where the more specific role wins (完成时限 before 完成情况, 全年目标任务 before 任务).
 */

/** The role of one table column. */
export type ColumnRole = 'number' | 'text' | 'lead' | 'co' | 'plain' | 'leader' | 'deadline' | 'target' | 'other';

const ROLES: Array<[ColumnRole, RegExp]> = [
  ['number', /^(?:序号|编号|序列号|项次)$/],
  ['leader', /领导|省长|市长|县长|区长/],
  ['deadline', /时限|完成时间|时间节点|时间要求|完成期限|截止时间/],
  ['other', /进展|推进情况|完成情况|落实情况|完成率|是否|说明|备注|存在问题|下一步|评价|分值|类别|类型/],
  ['co', /配合|协同|协办|参与|协助/],
  ['lead', /牵头|主责|主办/],
  ['plain', /责任单位|责任部门|责任主体|实施单位|承办单位|落实单位|负责单位|责任处室/],
  ['target', /目标任务|年度目标|全年目标|目标值|预期目标|指标值|目标$/],
  ['text', /任务|工作|内容|事项|实事|项目|名称|举措|措施|目标|要点/],
];

/** The role of a header cell (spaces ignored); `undefined` when it names nothing duban reads. */
export function columnRole(header: string): ColumnRole | undefined {
  const h = header.replace(/[\s\u3000|｜]/g, '');
  if (!h || h.length > 16) return undefined;
  return ROLES.find(([, re]) => re.test(h))?.[0];
}

/** True when the roles make a task table: a number, a task text and at least one unit column. */
export function isTaskTable(roles: Array<ColumnRole | undefined>): boolean {
  return (
    roles.includes('number') && roles.includes('text') && roles.some((r) => r === 'lead' || r === 'co' || r === 'plain')
  );
}
