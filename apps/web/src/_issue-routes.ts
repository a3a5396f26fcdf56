import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DubanError } from '@duban/core';
import type { KeptDocument } from '@duban/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { asOfFor, field, type WebApp } from './_app.js';
import { guards } from './_auth.js';
import { sendAttachment } from './_evidence-view.js';
import type { IssueRequest } from './_options.js';
import { parsePeriod } from './_periods.js';

/** Reporters the office issues from the documents page, with their labels. */
const DOCUMENTS: Record<string, string> = {
  bulletin: '督查通报（PDF）',
  scoresheet: '考核评分表（PDF）',
  ledger: '任务台账（Excel）',
};

/** Issuing documents through the reporters (bulletin, score sheets, ledger, 催办 notices) and downloading them. */
export function registerIssueRoutes(app: FastifyInstance, web: WebApp): void {
  const g = guards(web);

  /**
   * Runs a reporter in a scratch directory, keeps every file it wrote for download and
   * registers the run in the registry of issued documents (发文登记), as `duban report`
   * does: `duban audit verify --document FILE` knows a document issued here.
   */
  async function issue(
    req: FastifyRequest,
    request: IssueRequest,
    meta: { unit?: string; period?: string },
  ): Promise<KeptDocument[]> {
    if (!web.options.issue)
      throw new DubanError('DUBAN_WEB_NO_REPORTERS', 'this server was started without reporters', {
        hint: 'start it with `duban serve`, which wires the reporters',
      });
    const dir = mkdtempSync(join(tmpdir(), 'duban-web-issue-'));
    try {
      const run = await web.options.issue(request, dir);
      return web.ws.issueDocuments(
        {
          reporter: request.reporter,
          unit: meta.unit ?? null,
          period: meta.period ?? null,
          asOf: request.asOf,
          issueNumber: run.issueNumber,
          issueDate: run.issueDate,
          head: run.head,
          verified: run.verified,
          files: run.files.map((f) => ({ name: f.name, mediaType: f.mediaType, data: readFileSync(f.path) })),
        },
        req.user!.username,
      ).documents;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  app.get('/office/documents', { preHandler: g.office }, async (req, reply) => {
    const stored = web.ws.currentPlan();
    const asOf = asOfFor(web, stored?.plan.year, undefined);
    const kinds = Object.entries(DOCUMENTS).map(([name, label]) => ({ name, label }));
    return web.page(req, reply, 'documents', {
      title: '文件签发',
      documents: web.ws.documents(),
      kinds,
      asOf,
      canIssue: Boolean(web.options.issue && stored),
    });
  });

  app.post('/office/issue', { preHandler: g.office }, async (req, reply) => {
    const reporter = field(req.body, 'reporter');
    const stored = web.ws.currentPlan();
    if (!DOCUMENTS[reporter] || !stored) return web.redirect(req, reply, '/office/documents', '请选择要签发的文件。');
    const asOf = asOfFor(web, stored.plan.year, field(req.body, 'asOf'));
    const number = Number(field(req.body, 'issue'));
    const docs = await issue(
      req,
      { reporter, asOf, ...(Number.isInteger(number) && number > 0 ? { issueNumber: number } : {}) },
      {},
    );
    return web.redirect(
      req,
      reply,
      '/office/documents',
      `已签发${DOCUMENTS[reporter]}：${docs.map((d) => d.name).join('、')}`,
    );
  });

  app.post('/office/cuiban', { preHandler: g.office }, async (req, reply) => {
    const stored = web.ws.currentPlan();
    const unit = field(req.body, 'unit');
    const period = parsePeriod(field(req.body, 'period'));
    if (!stored || !period || !stored.plan.tasks.some((t) => t.assignments.some((a) => a.unit === unit))) {
      return web.redirect(req, reply, '/office/reporting', '催办未签发：单位或报送期不正确。');
    }
    const asOf = asOfFor(web, stored.plan.year, undefined);
    const to = period.to > asOf ? asOf : period.to;
    // The notice's number is its 期号 in the registry of issued documents, shared with `duban report cuiban`.
    const number = web.ws.ledger.nextIssueNumber('cuiban');
    // Which tasks are unreported comes from the judged view (the adapter); the reporter only prints them.
    const row = (await web.judging.reporting(web.ws, period.from, to))?.find((r) => r.unit === unit);
    const tasks = row ? row.dutyTasks.filter((t) => !row.reportedTasks.includes(t)) : [];
    if (!tasks.length)
      return web.redirect(
        req,
        reply,
        `/office/reporting?period=${encodeURIComponent(period.key)}`,
        `${unit}本期已报送全部任务，无需催办。`,
      );
    const docs = await issue(
      req,
      {
        reporter: 'cuiban',
        asOf: to,
        issueNumber: number,
        options: { unit, from: period.from, to, periodLabel: period.label, number, tasks },
      },
      { unit, period: period.key },
    );
    return web.redirect(
      req,
      reply,
      `/office/reporting?period=${encodeURIComponent(period.key)}`,
      `已向${unit}签发催办通知（${docs.map((d) => d.name).join('、')}）。`,
    );
  });

  app.get('/documents/:id', { preHandler: g.user }, async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    const doc = Number.isInteger(id) ? web.ws.document(id) : null;
    if (!doc) return web.page(req, reply, 'error', { title: '文件不存在', message: '没有这个文件。' }, 404);
    const user = req.user!;
    // A unit may download the 催办 notices addressed to it, nothing else.
    if (user.role === 'reporter' && doc.unit !== user.unit) return web.refuse(req, reply, '该文件不是发给本单位的');
    const data = web.ws.readFile(doc.sha256);
    if (!data) return web.page(req, reply, 'error', { title: '文件不存在', message: '文件已不在存储中。' }, 404);
    return sendAttachment(reply, data, doc.name, doc.mediaType);
  });
}
