export { decodeNotice } from './_decode.js';
export { parseNotice, type ParseOptions } from './_parse.js';
export { importNotice } from './_import.js';
export { createUnitResolver } from './_units.js';
export { defaultDeadlineRules, resolveDeadline, type DeadlineRule, type DeadlineRules } from './_deadline.js';
