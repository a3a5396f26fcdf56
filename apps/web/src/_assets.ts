import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PACKAGE_ROOT } from './_views.js';

/** The stylesheet, read once; a fixed name → file map, so no request path reaches the file system. */
export function registerAssets(app: FastifyInstance): void {
  const css = readFileSync(join(PACKAGE_ROOT, 'public', 'app.css'));
  app.get('/assets/app.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(css),
  );
}
