import { roleLabels } from '@duban/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { asOfFor, field, type WebApp } from './_app.js';
import { guards } from './_auth.js';
import { evidenceLinks } from './_evidence-view.js';
import { REPORT_FIELDS, readReportForm, validateReport } from './_progress-form.js';
import { type CheckedFile, checkEvidence } from './_uploads.js';

const HISTORY_SHOWN = 50;

const DONE: Record<string, string> = {
  added: '进展已提交。',
  superseded: '已提交更正：新报告取代同日的旧报告（旧报告保留可查）。',
  unchanged: '内容与已提交的报告相同，未重复保存。',
};

/** A unit reporter's pages: its tasks, one task with the report form, 推进方案 filings. */
export function registerUnitRoutes(app: FastifyInstance, web: WebApp): void {
  const g = guards(web);
  // A unit's pages judge only its own tasks, one by one (see Judging.tasks).
  const mine = (unit: string) =>
    web.ws
      .currentPlan()
      ?.plan.tasks.filter((t) => t.assignments.some((a) => a.unit === unit))
      .map((t) => t.number) ?? [];

  app.get('/unit', { preHandler: g.reporter }, async (req, reply) => {
    const stored = web.ws.currentPlan();
    if (!stored) return web.page(req, reply, 'error', { title: '尚无任务', message: '督查室尚未导入任务分解方案。' });
    const unit = req.user!.unit!;
    const asOf = asOfFor(web, stored.plan.year, undefined);
    const judged = (await web.judging.tasks(web.ws, asOf, mine(unit))) ?? [];
    const tasks = judged.map((t) => {
      const own = t.byUnit.find((u) => u.unit === unit);
      return { ...t, role: own ? roleLabels[own.role] : '', reports: t.reportingUnit === unit };
    });
    const filings = web.ws.filings({ unit });
    const milestones = stored.plan.milestones.map((m) => ({
      ...m,
      filing: filings.find((f) => f.milestone === m.key) ?? null,
    }));
    const notices = web.ws.documents({ reporter: 'cuiban', unit });
    return web.page(req, reply, 'unit', { title: `${unit} · 我的任务`, unit, asOf, tasks, milestones, notices });
  });

  async function taskPage(req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const raw = (req.params as { n: string }).n;
    const n = Number(raw);
    const stored = web.ws.currentPlan();
    const planned = Number.isInteger(n) ? stored?.plan.tasks.find((t) => t.number === n) : undefined;
    if (!stored || !planned)
      return web.page(req, reply, 'error', { title: '任务不存在', message: `没有第${raw.slice(0, 20)}项任务。` }, 404);
    const unit = req.user!.unit!;
    // Authorization on the server: a unit sees and reports only on tasks it is assigned to.
    if (!planned.assignments.some((a) => a.unit === unit)) return web.refuse(req, reply, `${unit}未承担第${n}项任务`);
    const asOf = asOfFor(web, stored.plan.year, undefined);
    const task = (await web.judging.tasks(web.ws, asOf, [n]))![0]!;
    // The newest 50 are shown; the ledger workbook has them all.
    const history = web.ws.progressHistory({ task: n, unit, limit: HISTORY_SHOWN });
    const reports = history.reports.map((r) => ({ ...r, files: evidenceLinks(web.ws, r.evidence) }));
    const form = (extra.form as Record<string, string> | undefined) ?? { date: asOf };
    const done = DONE[field(req.query, 'done')];
    return web.page(
      req,
      reply,
      'unit-task',
      {
        title: `第${n}项任务`,
        unit,
        asOf,
        task,
        reports,
        reportCount: history.total,
        form,
        fields: REPORT_FIELDS,
        done,
        ...extra,
      },
      status,
    );
  }

  app.get('/unit/tasks/:n', { preHandler: g.reporter }, async (req, reply) => taskPage(req, reply));

  app.post('/unit/tasks/:n/report', { preHandler: g.reporter }, async (req, reply) => {
    const n = Number((req.params as { n: string }).n);
    const stored = web.ws.currentPlan();
    const task = stored?.plan.tasks.find((t) => t.number === n);
    const unit = req.user!.unit!;
    // A forged form for another unit's task is refused and logged before anything is read from it.
    if (!stored || !task) return web.page(req, reply, 'error', { title: '任务不存在', message: '没有这项任务。' }, 404);
    if (!task.assignments.some((a) => a.unit === unit))
      return web.refuse(req, reply, `${unit}未承担第${n}项任务，不能填报`);
    const form = readReportForm(req.body, task);
    const { report, errors } = validateReport(form, task, unit, stored, web.today());
    const files: CheckedFile[] = [];
    for (const u of req.uploads.filter((x) => x.field === 'evidence')) {
      const checked = await checkEvidence(u);
      if ('problem' in checked)
        errors.evidence = errors.evidence ? `${errors.evidence}；${checked.problem}` : checked.problem;
      else files.push(checked);
    }
    if (!report || Object.keys(errors).length) {
      return taskPage(req, reply, { form, errors, errorCount: Object.keys(errors).length }, 400);
    }
    const actor = req.user!.username;
    const refs = files.map(
      (f) => `sha256:${web.ws.addEvidence({ data: f.data, name: f.name, mediaType: f.mediaType, unit }, actor).sha256}`,
    );
    report.evidence = [...report.evidence, ...refs];
    report.source = `网页填报 ${actor}`;
    // The account is the authority for the unit, as a bound workbook is on import (recorded in the audit entry).
    const result = web.ws.ledger.appendProgress([report], {
      actor,
      source: `web:${actor}`,
      planVersion: stored.version,
      attestation: `units: web form=${unit} (account ${actor})`,
    });
    // The outcome travels in the URL, not the session: no session write on the busiest request.
    const done = result.added ? 'added' : result.superseded ? 'superseded' : 'unchanged';
    return reply.redirect(`/unit/tasks/${n}?done=${done}`, 303);
  });

  app.get('/unit/filings', { preHandler: g.reporter }, async (req, reply) => filingsPage(req, reply));

  async function filingsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const stored = web.ws.currentPlan();
    const unit = req.user!.unit!;
    const filings = web.ws
      .filings({ unit, includeSuperseded: true })
      .reverse()
      .map((f) => ({
        ...f,
        files: evidenceLinks(
          web.ws,
          f.evidence.map((s) => `sha256:${s}`),
        ),
      }));
    return web.page(
      req,
      reply,
      'unit-filings',
      {
        title: '推进方案报送',
        unit,
        milestones: stored?.plan.milestones ?? [],
        filings,
        form: { date: asOfFor(web, stored?.plan.year, undefined) },
        ...extra,
      },
      status,
    );
  }

  app.post('/unit/filings', { preHandler: g.reporter }, async (req, reply) => {
    const stored = web.ws.currentPlan();
    const unit = req.user!.unit!;
    const form = {
      milestone: field(req.body, 'milestone'),
      date: field(req.body, 'date'),
      title: field(req.body, 'title'),
      summary: field(req.body, 'summary'),
    };
    const errors: Record<string, string> = {};
    const milestone = stored?.plan.milestones.find((m) => m.key === form.milestone);
    if (!milestone) errors.milestone = '请选择方案要求报送的事项';
    const year = String(stored?.plan.year ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date) || Number.isNaN(Date.parse(form.date)))
      errors.date = '日期格式应为 2019-03-08';
    else if (form.date.slice(0, 4) !== year || form.date > web.today()) errors.date = '日期须在方案年度内且不晚于今天';
    if (!form.title) errors.title = '请填写方案名称';
    if (form.title.length > 200) errors.title = '方案名称不超过200字';
    if (form.summary.length > 5000) errors.summary = '内容摘要不超过5000字';
    const files: CheckedFile[] = [];
    for (const u of req.uploads.filter((x) => x.field === 'evidence')) {
      const checked = await checkEvidence(u);
      if ('problem' in checked) errors.evidence = checked.problem;
      else files.push(checked);
    }
    if (!files.length && !errors.evidence) errors.evidence = '请附上推进方案文件（PDF 或 Word）';
    if (!stored || Object.keys(errors).length)
      return filingsPage(req, reply, { form, errors, errorCount: Object.keys(errors).length }, 400);
    const actor = req.user!.username;
    const shas = files.map(
      (f) => web.ws.addEvidence({ data: f.data, name: f.name, mediaType: f.mediaType, unit }, actor).sha256,
    );
    const { created } = web.ws.addFiling(
      { unit, milestone: form.milestone, date: form.date, title: form.title, summary: form.summary, evidence: shas },
      { actor, planVersion: stored.version },
    );
    return web.redirect(
      req,
      reply,
      '/unit/filings',
      created ? '推进方案已报送。' : '与已报送的推进方案相同，未重复保存。',
    );
  });
}
