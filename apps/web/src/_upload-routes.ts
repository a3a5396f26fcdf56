import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan, Problem, UnitDirectory } from '@duban/core';
import type { ProgressRow } from '@duban/intake';
import type { FastifyInstance } from 'fastify';
import { field, localDate, type WebApp } from './_app.js';
import { guards } from './_auth.js';
import { safeName } from './_uploads.js';

/** A parsed notice waiting for the office's confirmation (the review step). */
interface Staged {
  plan: Plan;
  directory: UnitDirectory;
  source: string;
  by: string;
  expires: number;
}

const STAGE_TTL_MS = 30 * 60 * 1000;

/** Uploading a notice (parse → review → confirm) and progress workbooks (all-or-nothing import). */
export function registerUploadRoutes(app: FastifyInstance, web: WebApp): void {
  const g = guards(web);
  const staged = new Map<string, Staged>();

  app.get('/office/uploads', { preHandler: g.office }, async (req, reply) =>
    web.page(req, reply, 'uploads', { title: '上传文件', plan: web.ws.currentPlan()?.plan }),
  );

  app.post('/office/uploads/workbooks', { preHandler: g.office }, async (req, reply) => {
    const files = req.uploads.filter((u) => u.field === 'workbooks' && u.data.length > 0);
    const stored = web.ws.currentPlan();
    if (!stored)
      return web.page(
        req,
        reply,
        'uploads',
        { title: '上传文件', workbookErrors: [{ message: '尚未导入任务分解方案，请先上传方案。' }] },
        400,
      );
    const bad = files.filter((f) => !/\.(xlsx|csv)$/i.test(f.filename));
    if (!files.length || bad.length)
      return web.page(
        req,
        reply,
        'uploads',
        {
          title: '上传文件',
          plan: stored.plan,
          workbookErrors: [
            {
              message: bad.length
                ? `只接受 .xlsx 或 .csv 文件：${bad.map((b) => safeName(b.filename)).join('、')}`
                : '请选择要导入的进展填报表。',
            },
          ],
        },
        400,
      );
    const [
      { attestFile, attestationText, readProgressFiles, createProgressValidator, directoryResolver, verifyBinding },
      { createUnitResolver },
    ] = await Promise.all([import('@duban/intake'), import('@duban/import')]);
    const dir = mkdtempSync(join(tmpdir(), 'duban-web-upload-'));
    try {
      const paths = files.map((f, i) => {
        const p = join(dir, `${i + 1}-${safeName(f.filename)}`);
        writeFileSync(p, f.data);
        return p;
      });
      let problems: Problem[] = [];
      let result;
      try {
        const read = await readProgressFiles(paths);
        const theirs = createUnitResolver(stored.directory);
        const ours = directoryResolver(stored.directory, stored.plan);
        const resolveUnit = (n: string) => theirs(n) ?? ours(n);
        const checked = createProgressValidator({
          plan: stored.plan,
          directory: stored.directory,
          planVersion: stored.version,
          today: web.today(),
          resolveUnit,
        })(read.flatMap((f) => f.rows));
        problems = checked.errors;
        if (!problems.length && checked.value) {
          const actor = req.user!.username;
          // The logged-in office account vouches for the units the workbooks name, as `duban progress import --office`
          // does, through the same attestation: a bound workbook whose binding does not verify is recorded as such.
          const authority = {
            office: true,
            ...(web.options.officeKey ? { key: web.options.officeKey } : {}),
            planVersion: stored.version,
            planDigest: stored.plan.sourceDigest,
            resolveUnit,
            verifyBinding,
          };
          const attested = read.map((f, i) => {
            const { attestation } = attestFile(
              { ...f, file: safeName(files[i]!.filename) },
              unitsNamed(f.rows, resolveUnit),
              authority,
            );
            return {
              ...attestation!,
              authority: attestation!.authority.replace('--office', `office upload by ${actor}`),
            };
          });
          result = web.ws.ledger.appendProgress(checked.value, {
            actor,
            source: files.map((f) => safeName(f.filename)).join(', '),
            planVersion: stored.version,
            attestation: attestationText(attested),
          });
        }
      } catch (e) {
        const err = e as { code?: string; message: string; where?: Problem['where'] };
        if (!err.code?.startsWith('DUBAN_')) throw e;
        problems = [{ code: err.code, message: err.message, where: err.where }];
      }
      if (!result) {
        const shown = problems.slice(0, 200).map((p) => ({
          ...p,
          where: p.where ? { ...p.where, file: p.where.file?.replace(/^.*[\\/]\d+-/, '') } : undefined,
        }));
        return web.page(
          req,
          reply,
          'uploads',
          { title: '上传文件', plan: stored.plan, workbookErrors: shown, more: Math.max(0, problems.length - 200) },
          400,
        );
      }
      return web.redirect(
        req,
        reply,
        '/office/uploads',
        `导入完成：新增${result.added}条，更正${result.superseded}条，未变化${result.unchanged}条。`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  app.post('/office/uploads/notice', { preHandler: g.office }, async (req, reply) => {
    const file = req.uploads.find((u) => u.field === 'notice' && u.data.length > 0);
    if (!file)
      return web.page(
        req,
        reply,
        'uploads',
        { title: '上传文件', noticeErrors: [{ message: '请选择任务分解方案文本文件（.txt）。' }] },
        400,
      );
    const current = web.ws.currentPlan();
    const directory = web.options.unitDirectory?.() ?? current?.directory ?? { units: [], groups: [] };
    const { importNotice } = await import('@duban/import');
    const source = safeName(file.filename);
    const parsed = importNotice(file.data, { directory, sourceName: source });
    if (parsed.errors.length || !parsed.value)
      return web.page(
        req,
        reply,
        'uploads',
        { title: '上传文件', plan: current?.plan, noticeErrors: parsed.errors.slice(0, 100) },
        400,
      );
    for (const [k, s] of staged) if (s.expires < Date.now()) staged.delete(k);
    const id = randomUUID();
    staged.set(id, {
      plan: parsed.value,
      directory,
      source,
      by: req.user!.username,
      expires: Date.now() + STAGE_TTL_MS,
    });
    return web.page(req, reply, 'notice-review', {
      title: '核对任务分解方案',
      id,
      plan: parsed.value,
      source,
      summary: summarize(parsed.value, current?.plan),
    });
  });

  app.post('/office/uploads/notice/confirm', { preHandler: g.office }, async (req, reply) => {
    const id = field(req.body, 'id');
    const stage = staged.get(id);
    if (!stage || stage.by !== req.user!.username || stage.expires < Date.now())
      return web.redirect(req, reply, '/office/uploads', '核对已过期，请重新上传方案。');
    staged.delete(id);
    const { version, created } = web.ws.ledger.importPlan(stage.plan, stage.directory, {
      actor: req.user!.username,
      source: stage.source,
    });
    return web.redirect(
      req,
      reply,
      '/office',
      created ? `方案已导入为第${version}版（${localDate()}）。` : `与第${version}版完全相同，未重复导入。`,
    );
  });
}

/** The units a file's rows name, canonical where the directory knows them, sorted. */
function unitsNamed(rows: readonly ProgressRow[], resolveUnit: (name: string) => string | undefined): string[] {
  const out = new Set<string>();
  for (const r of rows) {
    const u = r.fields.unit === null || r.fields.unit === undefined ? '' : String(r.fields.unit).trim();
    if (u) out.add(resolveUnit(u) ?? u);
  }
  return [...out].sort();
}

/** What the review page shows: the figures the CLI's import summary prints, and what changes against the current version. */
function summarize(plan: Plan, current: Plan | undefined) {
  const units = new Set(plan.tasks.flatMap((t) => t.assignments.map((a) => a.unit)));
  const before = new Map((current?.tasks ?? []).map((t) => [t.number, t.text]));
  const added = plan.tasks.filter((t) => !before.has(t.number)).length;
  const changed = plan.tasks.filter((t) => before.has(t.number) && before.get(t.number) !== t.text).length;
  const removed = (current?.tasks ?? []).filter((t) => !plan.tasks.some((x) => x.number === t.number)).length;
  return {
    sections: plan.sections.length,
    tasks: plan.tasks.length,
    units: units.size,
    indicators: plan.tasks.reduce((n, t) => n + t.indicators.length, 0),
    milestones: plan.milestones.length,
    warnings: plan.warnings,
    hasCurrent: Boolean(current),
    added,
    changed,
    removed,
  };
}
