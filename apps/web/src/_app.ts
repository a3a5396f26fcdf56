import type { Workspace } from '@duban/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Judging } from './_judged.js';
import type { WebOptions } from './_options.js';
import type { Render } from './_views.js';

/** What every route module gets: the workspace, judging, views and page helpers. */
export interface WebApp {
  ws: Workspace;
  judging: Judging;
  options: WebOptions;
  render: Render;
  /** The working date: --today, else the calendar date. */
  today(): string;
  /** Sends a page inside the layout, with the user, CSRF token and flash notice. */
  page(
    req: FastifyRequest,
    reply: FastifyReply,
    view: string,
    data?: Record<string, unknown>,
    status?: number,
  ): FastifyReply;
  /** Refuses a request (403), logs it in the audit chain with the user as actor, and shows why. */
  refuse(req: FastifyRequest, reply: FastifyReply, what: string): FastifyReply;
  /** Sets a one-time message for the next page and redirects (POST → redirect → GET). */
  redirect(req: FastifyRequest, reply: FastifyReply, to: string, notice?: string): FastifyReply;
}

/** Local calendar date as YYYY-MM-DD. */
export function localDate(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A valid YYYY-MM-DD date, or undefined. */
export function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined;
}

/** A plain string field of a parsed form (first value when repeated), trimmed; '' when absent. */
export function field(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.trim() : '';
}

/** The as-of date of a page: ?asOf= when valid, else the working date clamped to the plan year's end. */
export function asOfFor(web: WebApp, planYear: number | undefined, requested: unknown): string {
  const asked = isoDate(Array.isArray(requested) ? requested[0] : requested);
  if (asked) return asked;
  const today = web.today();
  const end = planYear === undefined ? today : `${planYear}-12-31`;
  return today > end ? end : today;
}
