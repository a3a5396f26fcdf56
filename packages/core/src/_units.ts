import { z } from 'zod';

/** Kinds of unit a supervision office deals with. */
export const UnitKind = z.enum([
  'city_department',
  'county_government',
  'zone_committee',
  'company',
  'central_provincial_agency',
  'other',
]);
export type UnitKind = z.infer<typeof UnitKind>;

/** Who to call about a unit's tasks: 联系人 and 电话, as the office keeps them. */
export const Contact = z.object({
  /** 联系人 (a person's name, as written). */
  person: z.string().optional(),
  /** 电话 (as written: 0915-3212345, 139…). */
  phone: z.string().optional(),
  /** Anything else worth printing (职务, 邮箱 …). */
  note: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;

/** One unit of the directory: canonical short name, full name, aliases, kind, contact. */
export const UnitEntry = z.object({
  /** Canonical name, as the office writes it (市发改委). */
  name: z.string(),
  /** Full official name (市发展和改革委员会). */
  fullName: z.string().optional(),
  /** Other names that mean this unit: abbreviations, old names, names without 市. */
  aliases: z.array(z.string()).default([]),
  kind: UnitKind,
  /** The unit's 联系人 and 电话 for 督办 (optional; printed on 催办 notices). */
  contact: Contact.optional(),
});
export type UnitEntry = z.infer<typeof UnitEntry>;

/** A collective name (各县区政府) and the units it stands for. */
export const GroupEntry = z.object({
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  members: z.array(z.string()),
  /** Where the definition comes from (the notice itself, a directory). */
  source: z.string().optional(),
});
export type GroupEntry = z.infer<typeof GroupEntry>;

/** The unit directory: data, not code. */
export const UnitDirectory = z.object({
  name: z.string().optional(),
  units: z.array(UnitEntry),
  groups: z.array(GroupEntry).default([]),
  /** The supervision office that keeps this directory and its own contact (联系人, 电话), printed where documents ask units to call. */
  office: z.object({ name: z.string().optional(), contact: Contact.optional() }).optional(),
});
export type UnitDirectory = z.infer<typeof UnitDirectory>;
