import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDubanError } from '@duban/core';
import { createOutputHelpers, isInside } from '../_output.js';
import { runReporter } from '../_run.js';
import { API_VERSION, type PdfRenderer, type Reporter, type ReporterFactory } from '../_types.js';
import { formatIssuePath, isReporterFactory } from '../_validate.js';
import { createFixtureContext, type FixtureOverrides } from './_fixture.js';

/** What `checkReporter` found. */
export interface CheckResult {
  /** True when no problem was found. */
  ok: boolean;
  /** One sentence per problem, fit to print in a test failure. */
  problems: string[];
  /** Absolute paths of the files the reporter produced in the normal run. */
  outputs: string[];
}

type Hook = 'setup' | 'render' | 'teardown';
const HOOKS: readonly Hook[] = ['setup', 'render', 'teardown'];

/** Wraps a reporter's hooks to record the order they ran in and what they returned. */
function traced(reporter: Reporter, trace: string[], problems: string[]): Reporter {
  const out: Reporter = {};
  for (const hook of HOOKS) {
    const fn = reporter[hook] as ((c: unknown) => unknown) | undefined;
    if (typeof fn !== 'function') continue;
    trace.push(`defines:${hook}`);
    (out as Record<Hook, unknown>)[hook] = async (context: unknown) => {
      trace.push(`${hook}:start`);
      try {
        const value = await fn.call(reporter, context);
        trace.push(`${hook}:ok`);
        if (hook !== 'render' && value !== undefined)
          problems.push(`${hook}() returned a value (${typeof value}); it must return nothing`);
        return value;
      } catch (e) {
        trace.push(`${hook}:throw`);
        throw e;
      }
    };
  }
  return out;
}

/** Files (relative path → size:mtime) under `dir`, recursively, or one level when `deep` is false. */
function snapshot(dir: string, deep: boolean): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        files.set(relative(dir, p) + '/', 'dir');
        if (deep) walk(p);
      } else {
        const s = statSync(p, { throwIfNoEntry: false });
        files.set(relative(dir, p), s ? `${s.size}:${s.mtimeMs}` : '?');
      }
    }
  };
  walk(dir);
  return files;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
}

const injected = () => new Error('injected failure (duban conformance kit)');
const failingPdf: PdfRenderer = {
  renderTemplate: async () => {
    throw injected();
  },
  renderHtml: async () => {
    throw injected();
  },
  renderBatch: async () => {
    throw injected();
  },
  renderTemplateToHtml: async () => {
    throw injected();
  },
  fonts: async () => {
    throw injected();
  },
};

/**
 * Checks a reporter against the contract on the fixture context: meta (name,
 * apiVersion, options schema), option validation, hook results, files written
 * only under the output directory, no mutation of the context, and teardown
 * running (without throwing) after a render that failed.
 */
export async function checkReporter(
  factory: unknown,
  config: { options?: Record<string, unknown>; context?: FixtureOverrides } = {},
): Promise<CheckResult> {
  const problems: string[] = [];
  if (!isReporterFactory(factory)) {
    return {
      ok: false,
      problems: [
        'the default export is not a reporter: expected defineReporter({ name, apiVersion, options, create })',
      ],
      outputs: [],
    };
  }
  const f = factory as ReporterFactory;
  const { name, apiVersion, options: schema } = f.meta;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    problems.push(
      `meta.name "${name}" should be lower-case letters, digits and dashes (the part after duban-reporter-)`,
    );
  if (apiVersion !== API_VERSION)
    problems.push(`meta.apiVersion is ${apiVersion}, but this @duban/reporter-api speaks ${API_VERSION}`);
  if (schema === undefined || typeof (schema as { safeParse?: unknown }).safeParse !== 'function') {
    problems.push('meta.options is missing: declare a zod schema, z.object({}) when the reporter takes no options');
    return { ok: false, problems, outputs: [] };
  }
  const parsed = schema.safeParse(config.options ?? {});
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      problems.push(`options invalid: ${formatIssuePath(i.path) || '(options)'}: ${i.message}`);
    return { ok: false, problems, outputs: [] };
  }

  // Normal run on the fixture context.
  const trace: string[] = [];
  const context = await createFixtureContext({ reporter: f, ...config.context, options: parsed.data as never });
  const wrapped = Object.assign((o: unknown) => traced(f(o as never) as Reporter, trace, problems), {
    meta: f.meta,
  }) as unknown as ReporterFactory;
  const plain = (c: object) => JSON.stringify(c);
  const before = plain(context);
  const rootBefore = snapshot(context.root, true);
  const cwdBefore = snapshot(process.cwd(), false);
  let outputs: string[] = [];
  try {
    const out = await runReporter(wrapped, parsed.data, () => context, createOutputHelpersFor(context), {
      plugin: name,
    });
    outputs = out.map((o) => o.path);
  } catch (e) {
    problems.push(`the reporter failed on the fixture context: ${isDubanError(e) ? e.message : String(e)}`);
  }
  for (const p of outputs)
    if (!isInside(context.output.dir, p))
      problems.push(`output ${p} is outside the output directory ${context.output.dir}`);
  const outRel = relative(context.root, context.output.dir);
  for (const p of changed(rootBefore, snapshot(context.root, true))) {
    if (p !== `${outRel}/` && !p.startsWith(`${outRel}/`)) problems.push(`wrote ${p} outside the output directory`);
  }
  for (const p of changed(cwdBefore, snapshot(process.cwd(), false)))
    problems.push(`wrote ${p} in the current directory instead of under context.output.dir`);
  if (plain(context) !== before) problems.push('the context changed during the run: reporters must not mutate it');

  // Failure run: every write fails; render may throw, teardown must still run and not throw.
  const trace2: string[] = [];
  const wrapped2 = Object.assign((o: unknown) => traced(f(o as never) as Reporter, trace2, []), {
    meta: f.meta,
  }) as unknown as ReporterFactory;
  const failing = await createFixtureContext({
    reporter: f,
    ...config.context,
    options: parsed.data as never,
    pdf: failingPdf,
    out: undefined,
  });
  const failingOut = createOutputHelpersFor(failing);
  const throwingContext = {
    ...failing,
    output: {
      ...failing.output,
      writeFile: async () => {
        throw injected();
      },
    },
  };
  try {
    await runReporter(wrapped2, parsed.data, () => Object.freeze(throwingContext), failingOut, { plugin: name });
  } catch {
    // Expected for any reporter that writes; what matters is what happened to teardown.
  }
  if (trace2.includes('render:throw') && trace2.includes('defines:teardown') && !trace2.includes('teardown:start')) {
    problems.push('teardown() was not called after render() threw');
  }
  if (trace2.includes('teardown:throw'))
    problems.push('teardown() threw after a failed render(); it must release resources without throwing');
  return { ok: problems.length === 0, problems, outputs };
}

/** The recording output behind a fixture context (same directory and file). */
function createOutputHelpersFor(context: { output: { dir: string; file: string | null } }) {
  const rec = createOutputHelpers(context.output.file ?? `${context.output.dir}/`);
  // The fixture records its own writes; merge them so runReporter sees every file.
  const fixture = context as unknown as { written?: () => readonly string[] };
  return { ...rec, written: () => [...new Set([...(fixture.written?.() ?? []), ...rec.written()])] };
}
