import type { Account } from '@duban/store';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in, enabled account, or null. */
    user: Account | null;
    /** Files of a multipart form, read into memory within the upload limit. */
    uploads: Upload[];
  }
}

declare module '@fastify/session' {
  interface FastifySessionObject {
    username?: string;
    /** Flash message shown once on the next page. */
    notice?: string;
  }
}

/** One uploaded file of a multipart form. */
export interface Upload {
  field: string;
  filename: string;
  mimetype: string;
  data: Buffer;
}
