import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DubanError,
  type JudgedTask,
  percentText,
  chineseDate as printDate,
  roleLabels,
  stateLabels,
} from '@duban/core';
import Handlebars from 'handlebars';
import { answerable } from './_judged.js';

/** The package root (views/ and public/ live there, beside src/ and dist/). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Renders a page inside the layout; every value is escaped by Handlebars. */
export type Render = (page: string, data: Record<string, unknown>) => string;

/** 2019-07-05 → 2019年7月5日, as the documents print it; anything else as it is. */
function chineseDate(iso: unknown): string {
  const m = /^\d{4}-\d{2}-\d{2}/.exec(String(iso ?? ''));
  return m ? printDate(m[0]) : String(iso ?? '');
}

/**
 * Compiles every view once at start-up. Triple-stash output is refused, as in the
 * PDF templates: nothing a user typed may reach the page unescaped.
 */
export function createViews(dir = join(PACKAGE_ROOT, 'views')): Render {
  const hbs = Handlebars.create();
  hbs.registerHelper({
    eq: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    not: (a: unknown) => !a,
    add: (a: unknown, b: unknown) => Number(a) + Number(b),
    lt: (a: unknown, b: unknown) => Number(a) < Number(b),
    gt: (a: unknown, b: unknown) => Number(a) > Number(b),
    chineseDate,
    pct: (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? `${percentText(v)}%` : '—'),
    dateTime: (iso: unknown) =>
      String(iso ?? '')
        .replace('T', ' ')
        .slice(0, 19),
    kb: (n: unknown) => `${Math.max(1, Math.round(Number(n) / 1024))} KB`,
    concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
    stateLabel: (s: unknown) => stateLabels[s as keyof typeof stateLabels] ?? String(s ?? ''),
    roleLabel: (r: unknown) => roleLabels[r as keyof typeof roleLabels] ?? String(r ?? ''),
    answerable: (t: unknown) => (t && typeof t === 'object' && 'noLead' in t ? answerable(t as JudgedTask) : ''),
    join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : '、') : ''),
    fieldError: (errors: unknown, field: unknown) =>
      errors && typeof errors === 'object' ? ((errors as Record<string, string>)[String(field)] ?? '') : '',
  });
  const pages = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.hbs')) continue;
    const source = readFileSync(join(dir, file), 'utf8');
    if (source.includes('{{{'))
      throw new DubanError('DUBAN_TEMPLATE_UNSAFE', `view ${file} uses {{{ }}}, which prints unescaped text`, {
        where: { file: join(dir, file) },
        hint: 'use {{value}}: every value must be escaped',
      });
    const name = basename(file, '.hbs');
    if (name.startsWith('_')) hbs.registerPartial(name.slice(1), source);
    else pages.set(name, hbs.compile(source, { strict: false, noEscape: false }));
  }
  const layout = pages.get('layout');
  if (!layout) throw new DubanError('DUBAN_WEB_VIEWS', `no layout.hbs in ${dir}`);
  return (page, data) => {
    const view = pages.get(page);
    if (!view) throw new Error(`no view ${page}`);
    const body = new hbs.SafeString(view(data));
    return layout({ ...data, body });
  };
}
