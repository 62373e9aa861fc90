import type { FastifyError, FastifyInstance } from 'fastify';

/** Paths that belong to the server, never to the shell's client-side router. */
const SERVER_PREFIXES = ['/api/', '/plugins/', '/js/', '/metrics'];
/** A missing file like these is a 404, not a page (`/example.com` is a page). */
const ASSET_PATH = /\.(js|mjs|css|map|json|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|txt|xml|html)$/i;

/**
 * Client mistakes get a 4xx that names the problem; anything else is logged and answered with
 * a 500 that carries the request id (never a stack trace). Unknown GETs of page paths get the
 * shell's index.html when the shell is built.
 */
export function installErrorHandlers(app: FastifyInstance, options: { shellDist: string | null }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const where = error.validationContext ?? 'request';
      return reply.code(400).send({ error: `Invalid ${where}: ${error.message}` });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: `Internal server error (request ${request.id})` });
  });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const isServerPath = SERVER_PREFIXES.some((prefix) => url.startsWith(prefix));
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !isServerPath && !ASSET_PATH.test(url);
    if (isPage && options.shellDist) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', options.shellDist);
    }
    return reply.code(404).send({ error: `No route for ${request.method} ${url}` });
  });
}
