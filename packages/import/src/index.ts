export { applyCorrections, type Corrections, parseCorrections } from './_corrections.js';
export { type DeadlineRule, type DeadlineRules, defaultDeadlineRules, resolveDeadline } from './_deadline.js';
export { decodeNotice } from './_decode.js';
export { type NoticeKind, noticeKind, readNoticeFile } from './_file.js';
export { htmlToText } from './_html.js';
export { importNotice, importNoticeFile } from './_import.js';
export { type ParseOptions, parseNotice } from './_parse.js';
export { createUnitResolver } from './_units.js';
