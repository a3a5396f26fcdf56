import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { field, type WebApp } from './_app.js';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './_password.js';

const TEN_MINUTES = 10 * 60 * 1000;

/** Guards: checked on the server for every request to a route, whatever the page showed. */
export function guards(web: WebApp) {
  const need =
    (allowed: (role: string) => boolean, what: string): preHandlerAsyncHookHandler =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.user) return reply.redirect(`/login?next=${encodeURIComponent(req.url.slice(0, 300))}`, 303);
      if (req.user.mustChangePassword) return reply.redirect('/account/password', 303);
      if (!allowed(req.user.role)) return web.refuse(req, reply, what);
    };
  return {
    user: need(() => true, '需要登录'),
    office: need((r) => r === 'admin' || r === 'staff', '仅督查室人员可访问'),
    admin: need((r) => r === 'admin', '仅督查室管理员可管理账号'),
    reporter: need((r) => r === 'reporter', '仅责任单位填报人员可访问'),
  };
}

/** A local redirect target only (no //host or scheme), else the home page. */
function safeNext(next: string): string {
  return /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) && !next.startsWith('/login') ? next : '/';
}

/** Login, logout, home redirect and the own-password page. */
export function registerAuth(app: FastifyInstance, web: WebApp): void {
  app.get('/', async (req, reply) => {
    if (!req.user) return reply.redirect('/login', 303);
    return reply.redirect(req.user.role === 'reporter' ? '/unit' : '/office', 303);
  });

  app.get('/login', async (req, reply) =>
    web.page(req, reply, 'login', { title: '登录', next: field(req.query, 'next') }),
  );

  // Two limits, both checked on every attempt: one per client address (password spraying) and
  // one per account name (guessing one password from many addresses). Successes count too, so
  // the limit cannot be reset by logging into an account the attacker owns.
  const perIp = app.createRateLimit({ max: web.options.loginAttemptsPerIp ?? 30, timeWindow: TEN_MINUTES });
  const perAccount = app.createRateLimit({
    max: web.options.loginAttemptsPerAccount ?? 5,
    timeWindow: TEN_MINUTES,
    keyGenerator: (req: FastifyRequest) => `account:${field(req.body, 'username').toLowerCase().slice(0, 64)}`,
  });
  const throttle: preHandlerAsyncHookHandler = async (req, reply) => {
    const [ip, account] = [await perIp(req), await perAccount(req)];
    for (const over of [ip, account]) {
      if (over.isAllowed || !over.isExceeded) continue;
      web.ws.record({
        actor: 'anonymous',
        action: 'web.login-throttled',
        target: `account ${field(req.body, 'username').slice(0, 64)} from ${req.ip}`,
      });
      return web.page(
        req,
        reply.header('Retry-After', String(over.ttlInSeconds)),
        'login',
        { title: '登录', error: '登录尝试次数过多，请10分钟后再试。' },
        429,
      );
    }
  };
  app.post('/login', { preHandler: throttle }, async (req, reply) => {
    const username = field(req.body, 'username');
    const password =
      typeof (req.body as Record<string, unknown>)?.password === 'string'
        ? String((req.body as Record<string, unknown>).password)
        : '';
    const account = username ? web.ws.account(username) : null;
    // Same work for unknown names as for wrong passwords: response time does not reveal which accounts exist.
    const ok = await verifyPassword(password, account?.passwordHash || DUMMY_HASH);
    if (!account || !ok || account.disabled) {
      web.ws.record({
        actor: 'anonymous',
        action: 'web.login-failed',
        target: `account ${username.slice(0, 64) || '(empty)'} from ${req.ip}`,
      });
      return web.page(
        req,
        reply,
        'login',
        {
          title: '登录',
          username,
          next: field(req.body, 'next'),
          error: account?.disabled && ok ? '该账号已停用，请联系督查室。' : '账号或密码错误。',
        },
        401,
      );
    }
    // A new session id at login: an id planted before login (session fixation) is worth nothing after it.
    await req.session.regenerate();
    req.session.username = account.username;
    web.ws.record({ actor: account.username, action: 'web.login', target: `session from ${req.ip}` });
    if (account.mustChangePassword) return reply.redirect('/account/password', 303);
    return reply.redirect(safeNext(field(req.body, 'next')), 303);
  });

  app.post('/logout', async (req, reply) => {
    if (req.user) web.ws.record({ actor: req.user.username, action: 'web.logout', target: 'session' });
    await req.session.destroy();
    return reply.redirect('/login', 303);
  });

  app.get('/account/password', async (req, reply) => {
    if (!req.user) return reply.redirect('/login', 303);
    return web.page(req, reply, 'password', { title: '修改密码', forced: req.user.mustChangePassword });
  });
  app.post('/account/password', async (req, reply) => {
    if (!req.user) return reply.redirect('/login', 303);
    const body = req.body as Record<string, unknown>;
    const current = String(body.current ?? '');
    const next = String(body.password ?? '');
    const again = String(body.again ?? '');
    const errors: Record<string, string> = {};
    if (!(await verifyPassword(current, req.user.passwordHash))) errors.current = '当前密码不正确';
    const problem = passwordProblem(next);
    if (problem) errors.password = problem;
    else if (next !== again) errors.again = '两次输入的新密码不一致';
    else if (next === current) errors.password = '新密码不能与当前密码相同';
    if (Object.keys(errors).length)
      return web.page(req, reply, 'password', { title: '修改密码', forced: req.user.mustChangePassword, errors }, 400);
    web.ws.changeAccount(
      { kind: 'password', username: req.user.username, passwordHash: await hashPassword(next) },
      req.user.username,
    );
    // Other sessions of this account (a stolen one) end with the old password.
    const name = req.user.username;
    web.ws.sessions.destroyWhere((d) => (JSON.parse(d) as { username?: string }).username === name);
    await req.session.regenerate(['username']);
    return web.redirect(req, reply, '/', '密码已修改。');
  });
}
