import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DubanError } from '@duban/core';
import { assertReporterFactory, type ReporterFactory } from '@duban/reporter-api';
import { resolve as resolveModule } from 'import-meta-resolve';

/** Where a reporter came from. */
export type ReporterSource = 'builtin' | 'path' | 'package';

/** A loaded, checked reporter factory and where it was found. */
export interface LoadedReporter {
  factory: ReporterFactory;
  /** The name as the user wrote it (bulletin, ./my.js, foo, @acme/foo). */
  requested: string;
  source: ReporterSource;
  /** Package name or absolute path, for messages. */
  id: string;
  /** The module file that was imported. */
  file: string;
}

// Literal specifiers so the bundler keeps them as separate, lazily imported packages:
// `duban report ledger` never loads the PDF stack, `duban --help` loads none of them.
const BUILTINS: Record<string, { pkg: string; load: () => Promise<{ default: unknown }> }> = {
  bulletin: {
    pkg: '@duban/reporter-bulletin',
    load: () => import('@duban/reporter-bulletin') as Promise<{ default: unknown }>,
  },
  scoresheet: {
    pkg: '@duban/reporter-scoresheet',
    load: () => import('@duban/reporter-scoresheet') as Promise<{ default: unknown }>,
  },
  ledger: {
    pkg: '@duban/reporter-ledger',
    load: () => import('@duban/reporter-ledger') as Promise<{ default: unknown }>,
  },
  cuiban: {
    pkg: '@duban/reporter-cuiban',
    load: () => import('@duban/reporter-cuiban') as Promise<{ default: unknown }>,
  },
};

/** Names of the built-in reporters. */
export const BUILTIN_NAMES = Object.keys(BUILTINS);

/** True when `name` is meant as a file path rather than a package. */
export function isPathLike(name: string): boolean {
  return name.startsWith('.') || isAbsolute(name) || /\.(?:m?js|cjs)$/.test(name);
}

/** Package name for a reporter name: foo → duban-reporter-foo, @acme/foo → @acme/duban-reporter-foo, @acme → @acme/duban-reporter; full names unchanged. */
export function packageNameFor(name: string): string {
  if (name.startsWith('@')) {
    const [scope, rest] = name.split('/', 2) as [string, string | undefined];
    if (rest === undefined || rest === '') return `${scope}/duban-reporter`;
    return rest === 'duban-reporter' || rest.startsWith('duban-reporter-') ? name : `${scope}/duban-reporter-${rest}`;
  }
  return name.startsWith('duban-reporter-') ? name : `duban-reporter-${name}`;
}

/** node_modules directories Node searches from `dir` upwards. */
export function nodeModulesChain(dir: string): string[] {
  const out: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (!d.endsWith('node_modules')) out.push(join(d, 'node_modules'));
    if (dirname(d) === d) return out;
  }
}

/** duban's own install directory (the CLI package), the second place plug-ins are looked up. */
export function dubanDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

async function importFactory(file: string, label: string): Promise<unknown> {
  try {
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return mod.default;
  } catch (e) {
    throw new DubanError(
      'DUBAN_REPORTER_INVALID',
      `reporter plug-in ${label} could not be loaded: ${(e as Error)?.message ?? String(e)}`,
      {
        where: { file },
        hint: 'check that the plug-in is built and its "exports"/"main" point at an ES module (run it with DUBAN_DEBUG=1 for details)',
        cause: e,
      },
    );
  }
}

function resolveFrom(pkg: string, parentDir: string): { file: string } | { error: string } | null {
  try {
    return { file: fileURLToPath(resolveModule(pkg, pathToFileURL(join(parentDir, 'noop.js')).href)) };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND') return null;
    return { error: `${code ?? 'error'}: ${(e as Error).message.split('\n')[0]}` };
  }
}

/**
 * Resolves and imports a reporter: a built-in name, else a path (relative to
 * `cwd`), else a package found from the user's project (`cwd`) first and from
 * duban's own install second. Throws DUBAN_REPORTER_NOT_FOUND / _INVALID / _API_VERSION.
 */
export async function loadReporter(name: string, cwd: string = process.cwd()): Promise<LoadedReporter> {
  // Own keys only: `constructor` or `__proto__` must not resolve to Object.prototype members.
  const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
  if (builtin) {
    const factory = assertReporterFactory((await builtin.load()).default, builtin.pkg);
    return { factory, requested: name, source: 'builtin', id: builtin.pkg, file: builtin.pkg };
  }
  if (isPathLike(name)) {
    let file = resolve(cwd, name);
    if (existsSync(file) && statSync(file).isDirectory()) {
      const r = resolveFrom(file, cwd);
      if (r && 'file' in r) file = r.file;
    }
    if (!existsSync(file)) {
      throw new DubanError('DUBAN_REPORTER_NOT_FOUND', `reporter ${name} not found: no file ${file}`, {
        where: { file },
        hint: 'check the path; relative paths are resolved from the current directory',
      });
    }
    return {
      factory: assertReporterFactory(await importFactory(file, name), name, file),
      requested: name,
      source: 'path',
      id: file,
      file,
    };
  }
  const pkg = packageNameFor(name);
  const tried: string[] = [];
  const failures: string[] = [];
  for (const base of [cwd, dubanDir()]) {
    const r = resolveFrom(pkg, base);
    if (r && 'file' in r) {
      return {
        factory: assertReporterFactory(await importFactory(r.file, pkg), pkg, r.file),
        requested: name,
        source: 'package',
        id: pkg,
        file: r.file,
      };
    }
    if (r) failures.push(`${base}: ${r.error}`);
    for (const d of nodeModulesChain(base)) if (!tried.includes(d)) tried.push(d);
  }
  throw new DubanError(
    'DUBAN_REPORTER_NOT_FOUND',
    `reporter "${name}" not found: it is not a built-in (${BUILTIN_NAMES.join(', ')}), not a path, and no package ${pkg} is installed`,
    {
      problems: [
        ...failures.map((f) => ({ code: 'DUBAN_REPORTER_RESOLVE', message: f })),
        ...tried.map((d) => ({ code: 'DUBAN_REPORTER_LOOKED_IN', message: `looked for ${pkg} in ${d}` })),
      ],
      hint: `install it in your project: npm install -D ${pkg}  (or name a file: duban report ./path/to/reporter.js)`,
    },
  );
}

/** Installed plug-in packages (duban-reporter-*, @scope/duban-reporter-*) that `loadReporter` can find: the project's first, then duban's own. */
export function findInstalledReporters(cwd: string = process.cwd()): string[] {
  const found: string[] = [];
  const add = (n: string) => void (found.includes(n) || found.push(n));
  for (const nm of [...new Set([...nodeModulesChain(cwd), ...nodeModulesChain(dubanDir())])]) {
    let entries: string[];
    try {
      entries = readdirSync(nm);
    } catch {
      continue;
    }
    for (const e of entries.sort()) {
      if (e.startsWith('duban-reporter-')) add(e);
      else if (e.startsWith('@')) {
        let scoped: string[] = [];
        try {
          scoped = readdirSync(join(nm, e));
        } catch {
          // unreadable scope folder: skip it, listing is best effort
        }
        for (const s of scoped.sort()) if (s === 'duban-reporter' || s.startsWith('duban-reporter-')) add(`${e}/${s}`);
      }
    }
  }
  return found;
}

/** One line per option of a reporter's schema: `name: type = default  description`. */
export async function describeOptions(factory: ReporterFactory): Promise<string[]> {
  const schema = factory.meta.options;
  if (!schema) return [];
  try {
    const { z } = await import('zod');
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, JsonProp>;
      required?: string[];
    };
    return Object.entries(json.properties ?? {}).map(([k, p]) => {
      const req = json.required?.includes(k) && p.default === undefined ? ' (required)' : '';
      const def = p.default === undefined ? '' : ` = ${JSON.stringify(p.default)}`;
      return `${k}: ${typeOf(p)}${def}${req}${p.description ? `  ${p.description}` : ''}`;
    });
  } catch {
    return ['(options schema cannot be summarised; see the plug-in README)'];
  }
}

interface JsonProp {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonProp;
  anyOf?: JsonProp[];
  default?: unknown;
  description?: string;
}

function typeOf(p: JsonProp): string {
  if (p.enum) return p.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (p.const !== undefined) return JSON.stringify(p.const);
  if (p.anyOf) return p.anyOf.map(typeOf).join(' | ');
  if (p.type === 'array') {
    const item = p.items ? typeOf(p.items) : 'unknown';
    return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
  }
  if (Array.isArray(p.type)) return p.type.join(' | ');
  return p.type ?? 'unknown';
}
