export type { AttachmentModel, Cell, Column } from './_attachment.js';
export type { Block } from './_blocks.js';
export type { BulletinModel } from './_model.js';
export { buildBulletinModel, opening } from './_model.js';
export type { StatusCount } from './_overview.js';
export { countsSentence, countVerdicts } from './_overview.js';
export { periodLabel } from './_period.js';
export { ATTACHMENT_TEMPLATE, attachmentFileName, BulletinOptions, bulletinFileName, default } from './_reporter.js';
export { replyDate, requirements } from './_requirements.js';
