import { z } from 'zod';

/** Kinds of unit a supervision office deals with. */
export const UnitKind = z.enum(['city_department', 'county_government', 'zone_committee', 'company', 'central_provincial_agency', 'other']);
export type UnitKind = z.infer<typeof UnitKind>;

/** One unit of the directory: canonical short name, full name, aliases, kind. */
export const UnitEntry = z.object({
  /** Canonical name, as the office writes it (市发改委). */
  name: z.string(),
  /** Full official name (市发展和改革委员会). */
  fullName: z.string().optional(),
  /** Other names that mean this unit: abbreviations, old names, names without 市. */
  aliases: z.array(z.string()).default([]),
  kind: UnitKind,
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
});
export type UnitDirectory = z.infer<typeof UnitDirectory>;
