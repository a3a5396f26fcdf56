import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DubanError, isDubanError } from '@duban/core';
import type { RecordingOutput } from './_output.js';
import type { ReportContext, Reporter, ReporterFactory, ReportOutput } from './_types.js';

/** Hooks in the order duban calls them. */
export type HookName = 'create' | 'setup' | 'render' | 'teardown';

/** Options of one reporter run. */
export interface RunOptions {
  /** Name used in messages (the package or path the user gave). */
  plugin?: string;
  /** Include the plug-in's stack trace in failures (the CLI sets this from DUBAN_DEBUG=1). */
  debug?: boolean;
  /** Called when a hook starts, for tests and tracing. */
  onHook?: (hook: HookName) => void;
}

function failed(plugin: string, hook: HookName, e: unknown, debug: boolean): DubanError {
  const prefix = `reporter plug-in ${plugin} failed in ${hook}(): `;
  // duban's own errors (a missing template, no browser) and a plug-in's DubanError keep their
  // code, hint and location; the message always names the plug-in and the hook, so a user
  // running several reporters knows which one to look at. One from another copy of
  // @duban/core is rebuilt the same way, so the CLI can rely on format().
  if (isDubanError(e)) {
    const { code, message, hint, where, problems } = e as Partial<DubanError> & { code: string; message: string };
    if (message.startsWith(prefix)) return e as DubanError;
    return new DubanError(code, prefix + message, {
      hint,
      where,
      problems: Array.isArray(problems) ? problems : [],
      cause: e,
    });
  }
  const message = e instanceof Error ? e.message : String(e);
  const stack =
    debug && e instanceof Error && e.stack
      ? e.stack
          .split('\n')
          .slice(1)
          .map((l) => ({ code: 'STACK', message: l.trim() }))
      : [];
  return new DubanError('DUBAN_REPORTER_FAILED', prefix + message, {
    problems: stack,
    hint: debug
      ? 'the stack above is from the plug-in; report it to its authors'
      : 'this is a problem in the plug-in; run again with DUBAN_DEBUG=1 to see its stack trace and report it to its authors',
    cause: e,
  });
}

function checkOutputs(value: unknown, plugin: string, output: RecordingOutput): ReportOutput[] {
  if (value === undefined || value === null) return [];
  const bad = (why: string) =>
    new DubanError(
      'DUBAN_REPORTER_FAILED',
      `reporter plug-in ${plugin} returned an invalid result from render(): ${why}`,
      {
        hint: 'render() must return nothing or an array of { path, kind, description? } for files it wrote',
      },
    );
  if (!Array.isArray(value)) throw bad(`expected an array, got ${typeof value}`);
  return value.map((o: unknown, i) => {
    if (
      typeof o !== 'object' ||
      o === null ||
      typeof (o as ReportOutput).path !== 'string' ||
      typeof (o as ReportOutput).kind !== 'string'
    )
      throw bad(`item [${i}] is not { path: string, kind: string }`);
    const out = o as ReportOutput;
    const path = resolve(output.dir, out.path);
    if (!existsSync(path)) throw bad(`item [${i}] names ${out.path}, which does not exist`);
    output.resolve(path); // throws for a file outside the output directory
    return { ...out, path };
  });
}

/**
 * Runs one reporter: create(options) → setup → render → teardown (teardown
 * always runs once setup started, even when render threw). Returns every file
 * produced, the ones render() listed first, then any others written through
 * context.output or context.pdf. A hook that throws becomes DUBAN_REPORTER_FAILED
 * naming the plug-in and the hook.
 */
export async function runReporter(
  factory: ReporterFactory,
  options: unknown,
  makeContext: (options: unknown) => ReportContext | Promise<ReportContext>,
  output: RecordingOutput,
  run: RunOptions = {},
): Promise<ReportOutput[]> {
  const plugin = run.plugin ?? factory.meta.name;
  const debug = run.debug ?? false;
  let hook: HookName = 'create';
  let reporter: Reporter;
  try {
    run.onHook?.('create');
    reporter = factory(options as never) as Reporter;
    if (typeof reporter !== 'object' || reporter === null)
      throw new Error(
        `the factory returned ${reporter === null ? 'null' : typeof reporter} instead of a reporter object`,
      );
  } catch (e) {
    throw failed(plugin, hook, e, debug);
  }
  const context = await makeContext(options);
  let listed: unknown;
  try {
    hook = 'setup';
    run.onHook?.('setup');
    await reporter.setup?.(context);
    hook = 'render';
    run.onHook?.('render');
    listed = await reporter.render?.(context);
  } catch (e) {
    try {
      run.onHook?.('teardown');
      await reporter.teardown?.(context);
    } catch {
      // The render failure is the one worth reporting; a teardown that also fails adds nothing.
    }
    throw failed(plugin, hook, e, debug);
  }
  try {
    hook = 'teardown';
    run.onHook?.('teardown');
    await reporter.teardown?.(context);
  } catch (e) {
    throw failed(plugin, hook, e, debug);
  }
  const outputs = checkOutputs(listed, plugin, output);
  for (const path of output.written()) {
    if (!outputs.some((o) => o.path === path))
      outputs.push({ path, kind: path.split('.').pop()?.toLowerCase() ?? 'file' });
  }
  return outputs;
}
