import type { FastifyPluginAsync } from 'fastify';
import type { ClientIpRequest } from './client-ip.ts';
import type { IngestionService } from './ingestion-service.ts';

const MAX_BODY_BYTES = 1_000_000;

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'Content-Type',
  'access-control-max-age': '86400',
};

/**
 * `POST /api/event`, Plausible's Events API: JSON sent as application/json or text/plain
 * (browsers use text/plain to skip the preflight). 202 `ok` for accepted and dropped events,
 * 400 naming the field for malformed input, 413 for oversized bodies, 503 if the spool is full.
 */
export const eventRoutes: FastifyPluginAsync<{ ingestion: IngestionService; clientIp: (request: ClientIpRequest) => string }> = async (
  app,
  { ingestion, clientIp },
) => {
  // Any content type: the body is read as text and parsed here, so errors use the API's shape.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.headers(CORS_HEADERS);
    done(null, payload);
  });

  // Answers scripts on other sites: no page security headers (see security-headers.ts).
  const config = { crossOriginApi: true };
  app.options('/api/event', { config }, async (_request, reply) => reply.code(204).send());

  app.post('/api/event', { config }, async (request, reply) => {
    let body: unknown;
    try {
      body = typeof request.body === 'string' && request.body !== '' ? JSON.parse(request.body) : undefined;
    } catch {
      body = undefined;
    }
    if (body === undefined) return reply.code(400).send({ errors: { request: ['Unable to parse request body as json'] } });

    const result = await ingestion.ingest({
      body,
      ip: clientIp(request),
      userAgent: request.headers['user-agent'] ?? '',
      at: new Date(),
    });
    switch (result.status) {
      case 'invalid':
        return reply.code(400).send({ errors: result.errors });
      case 'unavailable':
        return reply.code(503).header('retry-after', '30').send({ error: result.reason });
      case 'accepted':
        if (result.dropped.length > 0) {
          reply.header('x-qusto-dropped', String(result.dropped.length));
          reply.header('x-plausible-dropped', String(result.dropped.length));
        }
        return reply.code(202).type('text/plain; charset=utf-8').send('ok');
    }
  });
};
