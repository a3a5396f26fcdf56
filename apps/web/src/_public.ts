import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DubanError, ERRORS, statusLabels } from '@duban/core';
import { openWorkspace } from '@duban/store';
import { localDate } from './_app.js';
import { type BoardView, Judging, publicTasks, STATUS_ORDER } from './_judged.js';
import { createViews, PACKAGE_ROOT } from './_views.js';

/** What the public page prints. */
export function publicModel(view: BoardView) {
  const tasks = publicTasks(view);
  return {
    title: `${view.plan.title}落实情况公开`,
    public: true,
    plan: { issuer: view.plan.issuer, docNumber: view.plan.docNumber, title: view.plan.title },
    asOf: view.asOf,
    counts: STATUS_ORDER.filter((s) => s !== 'not_due' || view.counts.not_due > 0).map((s) => ({
      status: s,
      label: statusLabels[s],
      count: view.counts[s],
    })),
    sections: view.plan.sections.map((s) => ({ ...s, tasks: tasks.filter((t) => t.section === s.number) })),
  };
}

/** Writes the public page as a static site (index.html + stylesheet) the office can put on its website. */
export async function exportPublicSite(options: {
  dbPath: string;
  rulesDir: string;
  outDir: string;
  asOf?: string;
}): Promise<{ files: string[]; tasks: number; asOf: string }> {
  const ws = openWorkspace(options.dbPath, { mustExist: true, readonly: true });
  try {
    const stored = ws.currentPlan();
    if (!stored)
      throw new DubanError('DUBAN_WEB_NO_PLAN', ERRORS.LedgerHasNoPlan.message(), { where: { file: options.dbPath } });
    const today = localDate();
    const asOf = options.asOf ?? (today > `${stored.plan.year}-12-31` ? `${stored.plan.year}-12-31` : today);
    const view = (await new Judging(options.rulesDir).view(ws, asOf))!;
    const html = createViews()('public', { ...publicModel(view), assets: '.', exported: true });
    mkdirSync(options.outDir, { recursive: true });
    const files = [join(options.outDir, 'index.html'), join(options.outDir, 'app.css')];
    writeFileSync(files[0]!, html);
    copyFileSync(join(PACKAGE_ROOT, 'public', 'app.css'), files[1]!);
    return { files, tasks: view.tasks.length, asOf };
  } finally {
    ws.close();
  }
}
