/**
 * Binds an intake workbook to the unit and plan version it was made for: a MAC
 * under the office key over format, plan version, plan digest and unit, stored in
 * the metadata sheet. The sheet can be unhidden and edited by anyone; without the
 * key nobody can make a matching MAC for another unit.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { TEMPLATE_FORMAT } from './_layout.js';

/** What a workbook is bound to. */
export interface BindingSubject {
  planVersion: number;
  /** plan.sourceDigest */
  planDigest: string;
  unit: string;
}

/** The MAC written into a workbook made with the office key. */
export function bindingOf(key: Uint8Array, s: BindingSubject): string {
  return createHmac('sha256', key)
    .update(['duban-intake-binding', TEMPLATE_FORMAT, s.planVersion, s.planDigest, s.unit].join('\u001f'))
    .digest('hex');
}

/** True when `mac` binds the workbook to exactly this unit, plan version and plan. */
export function verifyBinding(key: Uint8Array, s: BindingSubject, mac: string | undefined): boolean {
  if (!mac || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(bindingOf(key, s), 'hex'), Buffer.from(mac, 'hex'));
}
