import type { FastifyInstance } from 'fastify';
import { asOfFor, type WebApp } from './_app.js';
import { publicModel } from './_public.js';

/** The read-only public page (when enabled): every task's status and progress line, nothing internal. */
export function registerPublicRoutes(app: FastifyInstance, web: WebApp): void {
  app.get('/public', async (req, reply) => {
    const stored = web.ws.currentPlan();
    const view = stored ? await web.judging.view(web.ws, asOfFor(web, stored.plan.year, undefined)) : null;
    if (!view) return web.page(req, reply, 'error', { title: '暂无公开信息', message: '尚未导入任务分解方案。' }, 404);
    return web.page(req, reply, 'public', { ...publicModel(view), assets: '/assets' });
  });
}
