import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * Serves the built shell at `/`. Returns whether it is built; unknown GET paths then fall back
 * to index.html (see not-found handler) so the shell's own routes work on reload.
 */
export function serveShell(app: FastifyInstance, shellDist: string, logger: Logger): boolean {
  const index = path.join(shellDist, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dir: shellDist }, `the dashboard is not built (${index} is missing); run npm run build`);
    app.get('/', async (_request, reply) =>
      reply.code(503).type('text/plain').send('The Qusto dashboard is not built. Run `npm run build`, then restart.'),
    );
    return false;
  }
  // The static plugin answers a directory (`/`) with 403 when `index` is off; `/` is a page.
  app.get('/', async (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html', shellDist));
  app.register(fastifyStatic, {
    root: shellDist,
    prefix: '/',
    index: false,
    // The build writes .br and .gz beside each asset (PrecompressAssetsPlugin): no per-request CPU.
    preCompressed: true,
    setHeaders: (reply, filePath) => {
      const hashed = /\.[0-9a-f]{8,}\.(js|css|json|woff2?|svg|png)(\.br|\.gz)?$/.test(filePath);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}
