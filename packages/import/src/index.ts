export { decodeNotice } from './_decode.js';
export { parseNotice, type ParseOptions } from './_parse.js';
export { importNotice, importNoticeFile } from './_import.js';
export { readNoticeFile, noticeKind, type NoticeKind } from './_file.js';
export { htmlToText } from './_html.js';
export { createUnitResolver } from './_units.js';
export { defaultDeadlineRules, resolveDeadline, type DeadlineRule, type DeadlineRules } from './_deadline.js';
export { parseCorrections, applyCorrections, type Corrections } from './_corrections.js';
