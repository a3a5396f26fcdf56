import type { Plan, Validated } from '@duban/core';
import { decodeNotice } from './_decode.js';
import { parseNotice, type ParseOptions } from './_parse.js';

/** decodeNotice + parseNotice; plan.sourceDigest is the SHA-256 of the decoded text. Throws decode errors. */
export function importNotice(bytes: Uint8Array, options: ParseOptions = {}): Validated<Plan> {
  return parseNotice(decodeNotice(bytes, options.sourceName), options);
}
