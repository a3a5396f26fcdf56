import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DubanError } from '@duban/core';
import { z } from 'zod';
import { readJsonFile } from './_json.js';

const FontRoles = z
  .object({
    xiaobiaosong: z.string(),
    fangsong: z.string(),
    heiti: z.string(),
    kaiti: z.string(),
    songti: z.string(),
  })
  .partial();

const ReporterEntry = z.union([z.string(), z.tuple([z.string(), z.record(z.string(), z.unknown())])]);

/** duban.config.json: every field optional; paths are relative to the config file. */
export const ConfigSchema = z
  .object({
    /** The SQLite ledger file. */
    db: z.string().default('duban.db'),
    /** Unit directory JSON used on import. */
    units: z.string().optional(),
    /** Rule set directory (status.json, scoring.json, tests/); default ./rules when it exists, else the rules shipped with @duban/rules. */
    rules: z.string().optional(),
    /** A directory whose templates override duban's own, file by file. */
    templates: z.string().optional(),
    /** Browser executable for PDF rendering (env DUBAN_BROWSER wins). */
    browser: z.string().optional(),
    /** Official fonts by role: a font file path or an installed family name. */
    fonts: FontRoles.default({}),
    /** Document metadata: publication, office, issuer, recipients, cc, printer, wording. */
    issue: z.record(z.string(), z.unknown()).default({}),
    /** Working-day calendar file: years of statutory holidays and 调休 that add to or replace the built-in ones. */
    calendar: z.string().optional(),
    /** Office key file (outside the ledger): every audit entry gets a MAC under it (env DUBAN_AUDIT_KEY wins). */
    auditKey: z.string().optional(),
    /** Input limits for progress files (see SECURITY.md); each optional, defaults in @duban/intake. */
    limits: z
      .object({
        maxFileBytes: z.number().int().positive(),
        maxRows: z.number().int().positive(),
        maxCellChars: z.number().int().positive(),
        maxUncompressedBytes: z.number().int().positive(),
        maxZipEntries: z.number().int().positive(),
        maxCompressionRatio: z.number().positive(),
      })
      .partial()
      .strict()
      .default({}),
    /** Reporter options by reporter name, or reporters to run as name | [name, options]. */
    reporters: z.union([z.record(z.string(), z.record(z.string(), z.unknown())), z.array(ReporterEntry)]).default({}),
  })
  .strict();

/** Loaded configuration with paths resolved against the config file's directory. */
export type Config = Omit<z.output<typeof ConfigSchema>, 'rules'> & {
  rules: string;
  file: string | null;
  root: string;
};

/** Reads `--config FILE`, else ./duban.config.json if present, else defaults. */
export function loadConfig(explicit: string | undefined, cwd = process.cwd()): Config {
  const file = explicit ? resolve(cwd, explicit) : resolve(cwd, 'duban.config.json');
  if (!existsSync(file)) {
    if (explicit)
      throw new DubanError('DUBAN_CONFIG_MISSING', `config file ${explicit} does not exist`, {
        where: { file },
        hint: 'check the --config path, or omit it to use defaults',
      });
    return finish(ConfigSchema.parse({}), null, cwd);
  }
  const data = readJsonFile(file, ConfigSchema, {
    what: 'config file',
    code: 'DUBAN_CONFIG',
    hint: 'see README.md "Configuration" for the fields and their types',
  });
  return finish(data, file, dirname(file));
}

/** The rule set shipped inside @duban/rules (defaults/), found without loading the package. */
export function defaultRulesDir(): string {
  return fileURLToPath(new URL('../defaults/', import.meta.resolve('@duban/rules')));
}

function finish(data: z.output<typeof ConfigSchema>, file: string | null, root: string): Config {
  const abs = (p: string | undefined) => (p === undefined ? undefined : isAbsolute(p) ? p : resolve(root, p));
  return {
    ...data,
    db: abs(data.db)!,
    units: abs(data.units),
    rules:
      abs(data.rules) ??
      (existsSync(resolve(root, 'rules', 'status.json')) ? resolve(root, 'rules') : defaultRulesDir()),
    templates: abs(data.templates),
    auditKey: abs(data.auditKey),
    calendar: abs(data.calendar),
    // A font given as a path is relative to the config file; a family name ("FangSong_GB2312") stays as it is.
    fonts: Object.fromEntries(Object.entries(data.fonts).map(([role, v]) => [role, v && /[\\/]/.test(v) ? abs(v) : v])),
    file,
    root,
  };
}
