import { statusLabels } from '@duban/core';
import type { FastifyInstance } from 'fastify';
import { asOfFor, field, type WebApp } from './_app.js';
import { guards } from './_auth.js';
import { stackedBars } from './_charts.js';
import { evidenceLinks } from './_evidence-view.js';
import { STATUS_ORDER } from './_judged.js';
import { monthOf, parsePeriod, periodsOf } from './_periods.js';

/** The office's board, a task's decision trace, reporting status per period and the audit log. */
export function registerOfficeRoutes(app: FastifyInstance, web: WebApp): void {
  const g = guards(web);

  app.get('/office', { preHandler: g.office }, async (req, reply) => {
    const stored = web.ws.currentPlan();
    if (!stored) return web.page(req, reply, 'office-empty', { title: '督查看板' });
    const asOf = asOfFor(web, stored.plan.year, field(req.query, 'asOf'));
    const view = (await web.judging.view(web.ws, asOf))!;
    const filter = {
      section: field(req.query, 'section'),
      unit: field(req.query, 'unit'),
      status: field(req.query, 'status'),
      q: field(req.query, 'q').slice(0, 100),
    };
    const tasks = view.tasks.filter(
      (t) =>
        (!filter.section || String(t.section) === filter.section) &&
        (!filter.unit || t.byUnit.some((u) => u.unit === filter.unit)) &&
        (!filter.status || t.verdict.status === filter.status) &&
        (!filter.q || t.title.includes(filter.q) || t.text.includes(filter.q)),
    );
    const q = (extra: Record<string, string>) => '/office?' + new URLSearchParams({ asOf, ...extra }).toString();
    const sectionChart = stackedBars(
      view.sections.map((s) => ({ label: s.label.slice(0, 14), href: q({ section: s.key }), counts: s.counts })),
    );
    const unitChart = stackedBars(
      view.unitCounts.map((u) => ({ label: u.label.slice(0, 14), href: q({ unit: u.key }), counts: u.counts })),
    );
    const overall = stackedBars([{ label: '全部任务', counts: view.counts }]);
    const counts = STATUS_ORDER.filter((s) => s !== 'not_due' || view.counts.not_due > 0).map((s) => ({
      status: s,
      label: statusLabels[s],
      count: view.counts[s],
      href: q({ status: s }),
    }));
    return web.page(req, reply, 'board', {
      title: '督查看板',
      view,
      asOf,
      tasks,
      filter,
      counts,
      total: view.tasks.length,
      charts: { overall, sections: sectionChart, units: unitChart },
      sections: view.plan.sections,
      unitNames: view.unitCounts.map((u) => ({ key: u.key, label: u.label })),
      statuses: STATUS_ORDER.map((s) => ({ status: s, label: statusLabels[s] })),
      filtered: Boolean(filter.section || filter.unit || filter.status || filter.q),
    });
  });

  app.get('/office/tasks/:n', { preHandler: g.office }, async (req, reply) => {
    const stored = web.ws.currentPlan();
    const n = Number((req.params as { n: string }).n);
    const asOf = asOfFor(web, stored?.plan.year, field(req.query, 'asOf'));
    const view = stored ? await web.judging.view(web.ws, asOf) : null;
    const task = Number.isInteger(n) ? view?.task(n) : undefined;
    if (!view || !task) return web.page(req, reply, 'error', { title: '任务不存在', message: '没有这项任务。' }, 404);
    const trace = await web.judging.explain(web.ws, asOf, n);
    const history = web.ws.progressHistory({ task: n, limit: 200 });
    const reports = history.reports.map((r) => ({ ...r, files: evidenceLinks(web.ws, r.evidence) }));
    const facts = trace
      ? Object.entries(trace.facts).map(([k, v]) => ({
          name: k,
          value: typeof v === 'object' ? JSON.stringify(v) : String(v),
        }))
      : [];
    const rules =
      trace?.rules.map((r) => ({
        ...r,
        decided: r.rule === task.verdict.rule,
        conditions: r.conditions.map((c) => ({
          ...c,
          value: JSON.stringify(c.value),
          factValue: JSON.stringify(c.factValue),
        })),
      })) ?? [];
    return web.page(req, reply, 'office-task', {
      title: `第${n}项任务`,
      task,
      asOf,
      reports,
      reportCount: history.total,
      facts,
      rules,
    });
  });

  app.get('/office/reporting', { preHandler: g.office }, async (req, reply) => {
    const stored = web.ws.currentPlan();
    if (!stored) return web.page(req, reply, 'office-empty', { title: '报送情况' });
    const asOf = asOfFor(web, stored.plan.year, undefined);
    const period = parsePeriod(field(req.query, 'period')) ?? parsePeriod(monthOf(asOf))!;
    const to = period.to > asOf ? asOf : period.to;
    const rows = (await web.judging.reporting(web.ws, period.from, to)) ?? [];
    const notices = web.ws.documents({ reporter: 'cuiban' }).filter((d) => d.period === period.key);
    const withNotices = rows.map((r) => ({
      ...r,
      notices: notices.filter((d) => d.unit === r.unit),
      needsUrging: r.status !== 'reported',
    }));
    const tally = { reported: 0, partial: 0, late: 0, never: 0 };
    for (const r of rows) tally[r.status]++;
    return web.page(req, reply, 'reporting', {
      title: '报送情况',
      period,
      to,
      periods: periodsOf(stored.plan.year),
      rows: withNotices,
      tally,
      canIssue: Boolean(web.options.issue),
    });
  });

  app.get('/office/audit', { preHandler: g.office }, async (req, reply) => {
    const entries = web.ws.ledger.auditLog({ limit: 200 }).reverse();
    const verification = field(req.query, 'verify') === '1' ? web.ws.ledger.verifyAudit() : null;
    return web.page(req, reply, 'audit', { title: '操作记录', entries, verification });
  });
}
