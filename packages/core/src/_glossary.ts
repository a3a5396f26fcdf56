/**
 * The one place where the domain's Chinese terms meet the English names used in
 * code. Data, templates and user-facing text use the Chinese; code uses the English.
 */
export const glossary = {
  重点任务分解方案: 'Plan',
  重点任务: 'Task',
  台账: 'ledger',
  牵头: 'lead',
  配合: 'co',
  分工负责: 'co (under a lead) / responsible (no lead)',
  负责: 'responsible',
  牵头单位: 'lead unit',
  责任单位: 'responsible unit',
  召集单位: 'convener',
  责任领导: 'leader',
  时限: 'deadline',
  序时进度: 'elapsedRatio',
  完成进度: 'progressRatio',
  滞后: 'scheduleGap',
  进展情况: 'progress',
  存在问题: 'problems',
  下一步措施: 'nextSteps',
  已完成: 'completed',
  按序时推进: 'on_track',
  进度滞后: 'at_risk',
  逾期未完成: 'overdue',
  未到期: 'not_due',
  督查通报: 'bulletin',
  考核评分表: 'scoresheet',
  期数: 'issue number',
  主送: 'recipients',
  抄送: 'cc',
  版记: 'colophon (banji)',
  发文字号: 'docNumber',
  推进方案: 'implementation plan milestone',
} as const;

/** Chinese labels for verdict statuses, as printed in documents. */
export const statusLabels = {
  completed: '已完成',
  on_track: '正常推进',
  at_risk: '进度滞后',
  overdue: '逾期未完成',
  not_due: '未到期',
} as const;

/** Chinese labels for assignment roles. */
export const roleLabels = { lead: '牵头', co: '配合', responsible: '负责' } as const;

/** Chinese labels for progress states. */
export const stateLabels = { in_progress: '推进中', done: '已完成', blocked: '受阻' } as const;

/** The order statuses are counted and printed in, everywhere. */
export const STATUS_ORDER = ['completed', 'on_track', 'at_risk', 'overdue', 'not_due'] as const;
