export { default } from './_reporter.js';
export { BulletinOptions, bulletinFileName } from './_reporter.js';
export { buildBulletinModel, countVerdicts, countsSentence, isAhead, deadlineText, progressText, STATUS_ORDER } from './_model.js';
export type { BulletinModel, StatusCount, TaskLine } from './_model.js';
export { percentShares, formatShare } from './_shares.js';
export { periodLabel } from './_period.js';
export { leadUnits, otherUnits } from './_units.js';
export { DEFAULT_REQUIREMENTS } from './_wording.js';
