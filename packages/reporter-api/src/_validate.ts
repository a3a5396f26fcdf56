import { DubanError, type Problem } from '@duban/core';
import { API_VERSION, type ReporterFactory } from './_types.js';

/** True when `value` looks like what `defineReporter` returns (checked by shape, not identity: plug-ins may bundle their own copy of this package). */
export function isReporterFactory(value: unknown): value is ReporterFactory {
  if (typeof value !== 'function') return false;
  const meta = (value as { meta?: unknown }).meta;
  if (typeof meta !== 'object' || meta === null) return false;
  const m = meta as Record<string, unknown>;
  return typeof m.name === 'string' && m.name.length > 0 && typeof m.apiVersion === 'number';
}

/** Checks a module's default export is a reporter factory speaking duban's apiVersion; throws DUBAN_REPORTER_INVALID or DUBAN_REPORTER_API_VERSION. */
export function assertReporterFactory(value: unknown, plugin: string, where?: string): ReporterFactory {
  if (!isReporterFactory(value)) {
    const got =
      value === undefined
        ? 'no default export'
        : typeof value === 'function'
          ? 'a function without `meta` (name, apiVersion)'
          : `a default export of type ${value === null ? 'null' : typeof value}`;
    throw new DubanError('DUBAN_REPORTER_INVALID', `reporter plug-in ${plugin} is not a reporter: found ${got}`, {
      where: where ? { file: where } : undefined,
      hint: "a reporter's default export must be `defineReporter({ name, apiVersion: API_VERSION, options, create })` from @duban/reporter-api",
    });
  }
  const { apiVersion, name } = value.meta;
  if (apiVersion !== API_VERSION) {
    throw new DubanError(
      'DUBAN_REPORTER_API_VERSION',
      `reporter plug-in ${plugin} (${name}) was written for reporter apiVersion ${apiVersion}, but this duban speaks apiVersion ${API_VERSION}`,
      {
        where: where ? { file: where } : undefined,
        hint:
          apiVersion < API_VERSION
            ? `upgrade the plug-in to a release made for apiVersion ${API_VERSION}, or use an older duban`
            : `upgrade duban (npm install -D duban@latest), or use a release of the plug-in made for apiVersion ${API_VERSION}`,
      },
    );
  }
  if (
    value.meta.options !== undefined &&
    typeof (value.meta.options as { safeParse?: unknown }).safeParse !== 'function'
  ) {
    throw new DubanError(
      'DUBAN_REPORTER_INVALID',
      `reporter plug-in ${plugin} (${name}) declares options that are not a zod schema`,
      {
        where: where ? { file: where } : undefined,
        hint: 'declare options with the `z` exported by @duban/reporter-api, e.g. options: z.object({ title: z.string().default("…") })',
      },
    );
  }
  return value;
}

/** Formats a zod issue path as `a.b[0].c`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/** Validates raw options (config merged with the command line) against the reporter's schema; throws DUBAN_REPORTER_OPTIONS with one `path: message` per issue. */
export function validateReporterOptions(
  factory: ReporterFactory,
  raw: Record<string, unknown>,
  plugin = factory.meta.name,
): unknown {
  const schema = factory.meta.options;
  if (schema === undefined) {
    const keys = Object.keys(raw);
    if (keys.length === 0) return {};
    throw new DubanError('DUBAN_REPORTER_OPTIONS', `reporter ${plugin} takes no options, but got: ${keys.join(', ')}`, {
      problems: keys.map((k) => ({ code: 'DUBAN_REPORTER_OPTION', message: `${k}: not an option of ${plugin}` })),
      hint: `remove these options from duban.config.json "reporters" and the --option flags (see: duban report --list)`,
    });
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems: Problem[] = parsed.error.issues.map((i) => {
    const path = formatIssuePath(i.path);
    // The path leads the message (`limit: expected number`), as rule and config errors read.
    return { code: 'DUBAN_REPORTER_OPTION', message: `${path || '(options)'}: ${i.message}` };
  });
  throw new DubanError('DUBAN_REPORTER_OPTIONS', `options for reporter ${plugin} are invalid`, {
    problems,
    hint: `fix them in duban.config.json "reporters" or the --option flags; duban report --list shows the options of ${plugin}`,
  });
}
