import type { FastifyPluginAsync } from 'fastify';
import { siteOf } from '../auth/request-auth.ts';
import type { IngestionService } from './ingestion-service.ts';

const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/**
 * `POST /api/v1/import/events?site_id=DOMAIN`: raw-event backfill for a running server (NDJSON
 * body). Needs `import Events` on the site: an API key with `events:import` (owner or admin of
 * the site's team), a session of such a user, or `Bearer <ADMIN_TOKEN>`.
 */
export const importRoutes: FastifyPluginAsync<{ ingestion: IngestionService }> = async (app, { ingestion }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));

  app.post<{ Querystring: { site_id?: string } }>('/api/v1/import/events', { config: { auth: { action: 'import', subject: 'Events' } } }, async (request, reply) => {
    if (!request.query.site_id?.trim()) return reply.code(400).send({ error: 'site_id (the site domain) is required' });
    // The site the guard checked (an unknown or foreign one never gets here).
    const { domain } = siteOf(request);
    const body = typeof request.body === 'string' ? request.body : '';
    if (!body.trim()) return reply.code(400).send({ error: 'the body must be NDJSON: one event object a line' });
    return reply.send(await ingestion.importEvents(domain, body));
  });
};
