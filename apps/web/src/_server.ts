import { randomBytes } from 'node:crypto';
import { isDubanError } from '@duban/core';
import { openWorkspace, type Workspace } from '@duban/store';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import session from '@fastify/session';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAccountRoutes } from './_account-routes.js';
import { localDate, type WebApp } from './_app.js';
import { registerAssets } from './_assets.js';
import { registerAuth } from './_auth.js';
import { registerFileRoutes } from './_evidence-view.js';
import { registerIssueRoutes } from './_issue-routes.js';
import { Judging } from './_judged.js';
import { registerOfficeRoutes } from './_office-routes.js';
import type { WebOptions } from './_options.js';
import { registerPublicRoutes } from './_public-routes.js';
import { SESSION_TTL_MS, sqliteSessionStore } from './_session-store.js';
import { registerUnitRoutes } from './_unit-routes.js';
import { registerUploadRoutes } from './_upload-routes.js';
import { readMultipart } from './_uploads.js';
import { createViews } from './_views.js';
import './_types.js';

/** Default largest upload: 20 MiB (a scanned PDF of a few pages; notices and workbooks are far smaller). */
export const DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024;

/** A built server: listen() binds it, close() stops it and closes the ledger if it opened it. */
export interface WebServer {
  app: FastifyInstance;
  workspace: Workspace;
  /** Binds host:port and returns the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Builds the web workspace server on the ledger (nothing is bound until listen()). */
export async function createWebServer(options: WebOptions): Promise<WebServer> {
  const owned = !options.workspace;
  const ws =
    options.workspace ?? openWorkspace(options.dbPath, options.officeKey ? { officeKey: options.officeKey } : {});
  // A signed ledger without its key would refuse every login later: say so now.
  try {
    ws.checkKey();
  } catch (e) {
    if (owned) ws.close();
    throw e;
  }
  const judging = new Judging(options.rulesDir);
  const render = createViews();
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;
  const secure = options.secureCookies ?? options.trustProxy === true;
  const app = Fastify({
    logger: options.log ? { level: 'info' } : false,
    trustProxy: options.trustProxy === true,
    bodyLimit: 1024 * 1024,
  });

  // Security headers: no script at all, styles and images only from this server, no framing.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        scriptSrc: ["'none'"],
      },
    },
    // The office's reverse proxy sets HSTS for its own name; a LAN address over HTTP must not pin HTTPS.
    strictTransportSecurity: secure,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(formbody);
  await app.register(multipart, {
    limits: { fileSize: maxUpload, files: 5, fields: 60, fieldSize: 64 * 1024, parts: 70 },
  });
  await app.register(cookie);
  await app.register(session, {
    // A fresh secret per start: a restart signs everyone out, which is acceptable for an office server.
    secret: randomBytes(32).toString('hex'),
    cookieName: 'duban_sid',
    store: sqliteSessionStore(ws.sessions),
    saveUninitialized: false,
    // Not rolling: re-saving the session on every request would be a write per page view.
    rolling: false,
    // Secure when served over HTTPS: --secure-cookies, implied by --trust-proxy (the proxy terminates TLS).
    // Not 'auto': @fastify/session then downgrades SameSite to Lax on plain HTTP.
    cookie: { httpOnly: true, sameSite: 'strict', secure: secure, path: '/', maxAge: SESSION_TTL_MS },
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/session',
    getToken: (req: FastifyRequest) => {
      const body = req.body as Record<string, unknown> | undefined;
      const t = body?._csrf;
      return typeof t === 'string' ? t : undefined;
    },
  } as never);
  await app.register(rateLimit, { global: false });

  app.decorateRequest('user', null);
  app.decorateRequest('uploads', null as never);

  const webApp: WebApp = {
    ws,
    judging,
    options,
    render,
    today: () => options.today ?? localDate(),
    page(req, reply, view, data = {}, status = 200) {
      const notice = req.session.notice;
      if (notice !== undefined) req.session.notice = undefined;
      const user = req.user;
      const html = render(view, {
        ...data,
        notice,
        user: user && {
          username: user.username,
          displayName: user.displayName,
          unit: user.unit,
          role: user.role,
          isOffice: user.role !== 'reporter',
          isAdmin: user.role === 'admin',
        },
        csrf: user || view === 'login' ? reply.generateCsrf() : undefined,
        today: webApp.today(),
      });
      return reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    },
    refuse(req, reply, what) {
      ws.record({
        actor: req.user?.username ?? 'anonymous',
        action: 'web.refused',
        target: `${req.method} ${req.url.slice(0, 200)}: ${what}`,
      });
      return webApp.page(
        req,
        reply,
        'error',
        { title: '无权访问', message: `无权访问：${what}。此次访问已记录。` },
        403,
      );
    },
    redirect(req, reply, to, notice) {
      if (notice !== undefined) req.session.notice = notice;
      return reply.redirect(to, 303);
    },
  };

  // Multipart forms are read (within the limits) before the CSRF check, which needs their _csrf field.
  app.addHook('preValidation', async (req) => {
    req.uploads = [];
    if (req.isMultipart()) await readMultipart(req);
  });
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method !== 'POST') return done();
    app.csrfProtection(req, reply, done);
  });
  // Authentication on every request: a disabled or deleted account's session is ended here.
  app.addHook('preHandler', async (req) => {
    const name = req.session.username;
    if (!name) return;
    const account = ws.account(name);
    if (!account || account.disabled) {
      await req.session.destroy();
      return;
    }
    req.user = account;
  });

  registerAssets(app);
  registerAuth(app, webApp);
  registerUnitRoutes(app, webApp);
  registerFileRoutes(app, webApp);
  registerOfficeRoutes(app, webApp);
  registerIssueRoutes(app, webApp);
  registerUploadRoutes(app, webApp);
  registerAccountRoutes(app, webApp);
  if (options.publicPage) registerPublicRoutes(app, webApp);

  app.setNotFoundHandler((req, reply) =>
    webApp.page(req, reply, 'error', { title: '页面不存在', message: '您访问的页面不存在。' }, 404),
  );
  app.setErrorHandler(
    (error: Error & { statusCode?: number; code?: string }, req: FastifyRequest, reply: FastifyReply) =>
      errorPage(webApp, error, req, reply),
  );

  // Expired sessions are deleted at start and hourly (the timer never keeps the process alive).
  ws.sessions.prune();
  const pruning = setInterval(() => ws.sessions.prune(), 60 * 60 * 1000);
  pruning.unref();
  app.addHook('onClose', async () => clearInterval(pruning));

  return {
    app,
    workspace: ws,
    async listen() {
      await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const host = options.host ?? '127.0.0.1';
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    async close() {
      await app.close();
      if (owned) ws.close();
    },
  };
}

function errorPage(
  webApp: WebApp,
  error: Error & { statusCode?: number; code?: string },
  req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const code = error.code ?? '';
  if (code.startsWith('FST_CSRF')) {
    webApp.ws.record({
      actor: req.user?.username ?? 'anonymous',
      action: 'web.refused',
      target: `${req.method} ${req.url.slice(0, 200)}: CSRF token missing or invalid`,
    });
    return webApp.page(
      req,
      reply,
      'error',
      { title: '表单已失效', message: '表单校验失败（CSRF），请返回上一页刷新后重新提交。' },
      403,
    );
  }
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
    return webApp.page(
      req,
      reply,
      'error',
      {
        title: '文件过大',
        message: `上传的文件超过了${Math.round((webApp.options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD) / 1024 / 1024)} MB 的限制，未保存任何内容。`,
      },
      413,
    );
  }
  if (error.statusCode === 429)
    return webApp.page(req, reply, 'error', { title: '尝试次数过多', message: '登录尝试次数过多，请稍后再试。' }, 429);
  if (isDubanError(error)) {
    return webApp.page(
      req,
      reply,
      'error',
      {
        title: '操作未完成',
        message: error.message,
        code: error.code,
        hint: error.hint,
        problems: error.problems.slice(0, 50),
      },
      400,
    );
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return webApp.page(req, reply, 'error', { title: '请求有误', message: '请求无法处理。' }, error.statusCode);
  }
  req.log.error(error);
  process.stderr.write(`DUBAN_INTERNAL (web): ${error.stack ?? error.message}\n`);
  return webApp.page(req, reply, 'error', { title: '服务器错误', message: '服务器内部错误，已记录。' }, 500);
}
