import type { z } from 'zod';
import type { Reporter, ReporterFactory, ReporterMeta } from './_types.js';

/**
 * Declares a reporter. The result is the plug-in's default export: a factory
 * `(options) => Reporter` that also carries its `meta` (name, apiVersion, options schema).
 */
export function defineReporter<Schema extends z.ZodType>(
  definition: ReporterMeta<Schema> & { create: (options: z.output<Schema>) => Reporter<z.output<Schema>> },
): ReporterFactory<Schema> {
  const { create, ...meta } = definition;
  const factory = ((options: z.output<Schema>) => create(options)) as ReporterFactory<Schema>;
  Object.defineProperty(factory, 'meta', { value: Object.freeze(meta), enumerable: true });
  return factory;
}
