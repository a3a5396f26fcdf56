import { isDubanError } from '@duban/core';
import type { AccountRole } from '@duban/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createAccount, ROLE_LABELS, resetPassword, setDisabled } from './_accounts.js';
import { field, type WebApp } from './_app.js';
import { guards } from './_auth.js';

/** Account management for the office administrator. */
export function registerAccountRoutes(app: FastifyInstance, web: WebApp): void {
  const g = guards(web);

  function page(req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const stored = web.ws.currentPlan();
    const units = stored
      ? [...new Set(stored.plan.tasks.flatMap((t) => t.assignments.filter((a) => !a.isGroup).map((a) => a.unit)))].sort(
          (a, b) => a.localeCompare(b, 'zh'),
        )
      : [];
    const accounts = web.ws
      .accounts()
      .map((a) => ({ ...a, roleLabel: ROLE_LABELS[a.role], self: a.username === req.user!.username }));
    const roles = Object.entries(ROLE_LABELS).map(([role, label]) => ({ role, label }));
    return web.page(
      req,
      reply,
      'accounts',
      { title: '账号管理', accounts, units, roles, form: { role: 'reporter' }, ...extra },
      status,
    );
  }

  app.get('/office/accounts', { preHandler: g.admin }, async (req, reply) => page(req, reply));

  app.post('/office/accounts', { preHandler: g.admin }, async (req, reply) => {
    const form = {
      username: field(req.body, 'username'),
      role: field(req.body, 'role'),
      unit: field(req.body, 'unit'),
      displayName: field(req.body, 'displayName'),
    };
    if (!(form.role in ROLE_LABELS)) return page(req, reply, { form, errors: { role: '请选择角色' } }, 400);
    try {
      const { account, password } = await createAccount(
        web.ws,
        {
          username: form.username,
          role: form.role as AccountRole,
          unit: form.role === 'reporter' ? form.unit : undefined,
          displayName: form.displayName,
        },
        req.user!.username,
      );
      return page(req, reply, { created: { username: account.username, password, unit: account.unit } });
    } catch (e) {
      if (!isDubanError(e)) throw e;
      const key = e.code.includes('UNIT') ? 'unit' : e.code.includes('PASSWORD') ? 'password' : 'username';
      return page(req, reply, { form, errors: { [key]: e.message } }, 400);
    }
  });

  app.post('/office/accounts/:username/:action', { preHandler: g.admin }, async (req, reply) => {
    const { username, action } = req.params as { username: string; action: string };
    const account = web.ws.account(username);
    if (!account) return web.redirect(req, reply, '/office/accounts', `没有账号 ${username}。`);
    if (username === req.user!.username && action !== 'reset')
      return web.redirect(req, reply, '/office/accounts', '不能停用自己的账号。');
    if (action === 'reset') {
      const password = await resetPassword(web.ws, username, req.user!.username);
      return page(req, reply, { reset: { username, password } });
    }
    if (action === 'disable' || action === 'enable') {
      setDisabled(web.ws, username, action === 'disable', req.user!.username);
      return web.redirect(
        req,
        reply,
        '/office/accounts',
        `账号 ${username} 已${action === 'disable' ? '停用' : '启用'}。`,
      );
    }
    return web.page(req, reply, 'error', { title: '页面不存在', message: '没有这个操作。' }, 404);
  });
}
