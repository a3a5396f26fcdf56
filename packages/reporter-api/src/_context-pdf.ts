import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContextPdfRenderer } from './_context-types.js';
import type { PdfRenderer, ReporterMeta } from './_types.js';

/**
 * Where a plug-in's template names resolve: the user's override directory under
 * `<override>/<reporter name>/` first (an office adjusts a plug-in's layout
 * without forking it), then the plug-in's own `meta.templates` directory. A name
 * found in neither is passed on unchanged, so duban's own templates
 * (`bulletin/bulletin.hbs`) stay reachable. Found names become absolute paths.
 */
export function pluginTemplateResolver(
  meta: Pick<ReporterMeta, 'name' | 'templates'>,
  overrideDir?: string,
): (name: string) => string {
  const own =
    meta.templates === undefined
      ? undefined
      : meta.templates instanceof URL || String(meta.templates).startsWith('file:')
        ? fileURLToPath(meta.templates)
        : String(meta.templates);
  const dirs = [overrideDir ? join(overrideDir, meta.name) : undefined, own].filter(
    (d): d is string => d !== undefined,
  );
  if (dirs.length === 0) return (name) => name;
  return (name) => {
    const clean = normalize(name);
    if (isAbsolute(clean) || clean.startsWith('..')) return name;
    for (const dir of dirs) {
      const file = join(dir, clean);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
    return name;
  };
}

/**
 * The renderer a reporter sees: `placed` (the guarded renderer that writes under the
 * output directory and records files) with plug-in template names resolved, plus
 * `measureHtml` / `measureTemplate`, which render through `measure` into a temporary
 * file, read the page count and delete it.
 */
export function contextPdf(
  placed: PdfRenderer,
  measure: () => Promise<PdfRenderer>,
  template: (name: string) => string,
): ContextPdfRenderer {
  const counted = async (render: (renderer: PdfRenderer, out: string) => Promise<{ pages: number }>) => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-measure-'));
    try {
      const { pages } = await render(await measure(), join(dir, 'measure.pdf'));
      return { pages };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return {
    renderTemplate: (name, data, outPath, options) => placed.renderTemplate(template(name), data, outPath, options),
    renderHtml: (html, outPath, options) => placed.renderHtml(html, outPath, options),
    renderBatch: (documents, options) =>
      placed.renderBatch(
        documents.map((d) => (d.template === undefined ? d : { ...d, template: template(d.template) })),
        options,
      ),
    renderTemplateToHtml: (name, data) => placed.renderTemplateToHtml(template(name), data),
    fonts: () => placed.fonts(),
    measureHtml: (html, options) => counted((r, out) => r.renderHtml(html, out, options)),
    measureTemplate: (name, data, options) => counted((r, out) => r.renderTemplate(template(name), data, out, options)),
  };
}
