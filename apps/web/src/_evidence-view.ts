import type { Workspace } from '@duban/store';
import type { FastifyInstance } from 'fastify';
import type { WebApp } from './_app.js';
import { guards } from './_auth.js';

/** Links for a report's evidence references (sha256:<hex>); other references are shown as text. */
export function evidenceLinks(ws: Workspace, refs: readonly string[]): { sha256?: string; name: string }[] {
  return refs.map((ref) => {
    const m = /^sha256:([0-9a-f]{64})$/.exec(ref);
    if (!m) return { name: ref };
    return { sha256: m[1]!, name: ws.evidence(m[1]!)[0]?.name ?? `${m[1]!.slice(0, 12)}…` };
  });
}

/**
 * Evidence downloads: the office may open any file, a unit only its own uploads.
 * Files are always attachments with their checked type, never rendered by the browser.
 */
export function registerFileRoutes(app: FastifyInstance, web: WebApp): void {
  const g = guards(web);
  app.get('/files/:sha', { preHandler: g.user }, async (req, reply) => {
    const sha = (req.params as { sha: string }).sha;
    if (!/^[0-9a-f]{64}$/.test(sha))
      return web.page(req, reply, 'error', { title: '文件不存在', message: '没有这个文件。' }, 404);
    const records = web.ws.evidence(sha);
    const user = req.user!;
    const mine = user.role !== 'reporter' ? records[0] : records.find((r) => r.unit === user.unit);
    if (records.length && !mine) return web.refuse(req, reply, '该文件不属于本单位');
    const data = mine ? web.ws.readFile(sha) : null;
    if (!mine || !data) return web.page(req, reply, 'error', { title: '文件不存在', message: '没有这个文件。' }, 404);
    return sendAttachment(reply, data, mine.name, mine.mediaType);
  });
}

/** Sends bytes as a download: attachment disposition, fixed type, no sniffing, sandboxed if opened anyway. */
export function sendAttachment(reply: import('fastify').FastifyReply, data: Buffer, name: string, mediaType: string) {
  return reply
    .header('Content-Type', mediaType)
    .header(
      'Content-Disposition',
      `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .send(data);
}
