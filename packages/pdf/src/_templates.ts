/**
 * Handlebars templates under `templates/` (duban's own) and an optional override
 * directory that wins file by file. Values are always escaped: a template whose
 * parsed form prints anything unescaped (`{{{x}}}`, `{{& x}}`, `{{~{x}~}}`) is
 * refused, and the only unescaped output is the stylesheet the `styles` helper
 * emits, which comes from the templates, never from data. Template files are
 * read only when their real path (symbolic links resolved) is inside a templates
 * directory.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DubanError } from '@duban/core';
import Handlebars from 'handlebars';
import { helpers } from './_helpers.js';
import { real, within } from './_sandbox.js';

/** The first statement of a parsed template that prints a value unescaped, if any. */
export function unescapedOutput(ast: hbs.AST.Program): hbs.AST.MustacheStatement | undefined {
  let found: hbs.AST.MustacheStatement | undefined;
  class Finder extends Handlebars.Visitor {
    override MustacheStatement(node: hbs.AST.MustacheStatement): void {
      // `escaped` is false for {{{x}}} and {{& x}}, whatever the whitespace control around it.
      if (!found && node.escaped === false) found = node;
      super.MustacheStatement(node);
    }
  }
  new Finder().accept(ast);
  return found;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * duban's own templates: the repository's `templates/` in development, the copy
 * packed into `@duban/pdf/templates` when installed from a tarball.
 */
export const templatesDir: string = (() => {
  const packaged = resolve(here, '../templates');
  const repo = resolve(here, '../../../templates');
  const installed = here.split(sep).includes('node_modules');
  if (!installed && existsSync(join(repo, 'official.css'))) return repo;
  return existsSync(join(packaged, 'official.css')) ? packaged : repo;
})();

/** Loads, compiles and caches templates from the override dir (if any) then duban's own. */
export class TemplateSet {
  /** Directories searched, override first. */
  readonly dirs: readonly string[];
  private readonly cache = new Map<string, { mtime: number; fn: HandlebarsTemplateDelegate }>();
  private readonly hb = Handlebars.create();

  constructor(
    override: string | undefined,
    private readonly stylesheet: () => string,
  ) {
    this.dirs = override ? [resolve(override), templatesDir] : [templatesDir];
    for (const [name, fn] of Object.entries(helpers)) this.hb.registerHelper(name, fn);
    this.hb.registerHelper(
      'styles',
      () => new Handlebars.SafeString(`<style data-duban-styles>\n${this.stylesheet()}\n</style>`),
    );
  }

  /** Absolute path of a template file, override first; throws DUBAN_TEMPLATE_MISSING. */
  locate(name: string): string {
    const clean = normalize(name);
    // A plug-in's own template comes as an absolute path (resolved from its package by
    // the host); it still gets the shared partials and helpers. Only .hbs files.
    if (isAbsolute(clean) && clean.endsWith('.hbs') && existsSync(clean) && statSync(clean).isFile()) return clean;
    if (isAbsolute(clean) || clean.startsWith('..')) {
      throw new DubanError(
        'DUBAN_TEMPLATE_MISSING',
        `template name ${name} must be a path inside the templates directory`,
        { hint: 'name templates relative to templates/, e.g. bulletin/bulletin.hbs' },
      );
    }
    for (const dir of this.dirs) {
      const p = join(dir, clean);
      if (existsSync(p) && statSync(p).isFile()) return this.inside(p, name);
    }
    throw new DubanError('DUBAN_TEMPLATE_MISSING', `template ${name} not found`, {
      where: { file: name },
      hint: `looked in ${this.dirs.join(' and ')}; check the template name or the "templates" override directory in duban.config.json`,
    });
  }

  /** `path` when its real path is inside a templates directory; a symbolic link pointing out is refused. */
  private inside(path: string, name: string): string {
    const target = real(path);
    if (target && this.dirs.some((d) => within(real(d) ?? resolve(d), target))) return path;
    throw new DubanError(
      'DUBAN_TEMPLATE_UNSAFE',
      `template ${name} is a link to a file outside the templates directories`,
      {
        where: { file: path },
        hint: 'copy the file into the templates directory instead of linking to it',
      },
    );
  }

  /** Reads a text file from the templates (override first): the stylesheet, for instance. */
  read(name: string): string {
    return readFileSync(this.locate(name), 'utf8');
  }

  /** Renders a template with `data` to HTML. */
  render(name: string, data: unknown): string {
    this.loadPartials();
    const fn = this.compile(this.locate(name));
    try {
      return fn(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (e) {
      const message = (e as Error).message;
      const partial = /The partial (.+) could not be found/.exec(message);
      if (partial) {
        throw new DubanError('DUBAN_TEMPLATE_MISSING', `partial ${partial[1]} used by ${name} not found`, {
          where: { file: name },
          hint: `add templates/_partials/${partial[1]}.hbs or fix the {{> ${partial[1]}}} call`,
        });
      }
      throw new DubanError('DUBAN_TEMPLATE_RENDER', `template ${name} failed to render: ${message}`, {
        where: { file: name },
        hint: 'check the helpers and partials the template uses',
      });
    }
  }

  private compile(file: string): HandlebarsTemplateDelegate {
    const mtime = statSync(file).mtimeMs;
    const hit = this.cache.get(file);
    if (hit && hit.mtime === mtime) return hit.fn;
    const source = readFileSync(file, 'utf8');
    const where = file;
    let ast: hbs.AST.Program;
    try {
      ast = this.hb.parse(source);
    } catch (e) {
      const message = (e as Error).message;
      const line = Number(/line (\d+)/.exec(message)?.[1] ?? 0) || undefined;
      throw new DubanError('DUBAN_TEMPLATE_SYNTAX', `template has a syntax error: ${message.split('\n')[0]}`, {
        where: { file: where, line },
        hint: 'fix the Handlebars syntax at that line ({{name}}, {{#each list}}…{{/each}}, {{> partial}})',
      });
    }
    const raw = unescapedOutput(ast);
    if (raw) {
      throw new DubanError(
        'DUBAN_TEMPLATE_UNSAFE',
        'template prints a value unescaped ({{{ }}} or {{& }}), which would put data into the page as markup',
        {
          where: { file: where, line: raw.loc?.start.line },
          hint: 'use {{ }} (escaped); the stylesheet comes in with {{styles}}',
        },
      );
    }
    const fn = this.hb.compile(ast as unknown as string, { strict: false, preventIndent: true });
    this.cache.set(file, { mtime, fn });
    return fn;
  }

  /** Registers every `_partials/*.hbs`, the override's winning by name. */
  private loadPartials(): void {
    for (const dir of [...this.dirs].reverse()) {
      const partials = join(dir, '_partials');
      if (!existsSync(partials)) continue;
      for (const f of readdirSync(partials)) {
        if (!f.endsWith('.hbs')) continue;
        const file = this.inside(join(partials, f), `_partials/${f}`);
        const fn = this.compile(file);
        this.hb.registerPartial(f.slice(0, -4), fn);
      }
    }
  }
}
