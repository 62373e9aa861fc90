import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { IngestionService } from './ingestion-service.ts';

const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

function tokenMatches(expected: string | undefined, header: string | undefined): boolean {
  if (!expected || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * `POST /api/v1/import/events?site_id=DOMAIN`: raw-event backfill for a running server (NDJSON
 * body). Until accounts exist it is authorised by the `ADMIN_TOKEN` from config.
 */
export const importRoutes: FastifyPluginAsync<{ ingestion: IngestionService; adminToken: string | undefined }> = async (
  app,
  { ingestion, adminToken },
) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));

  app.post<{ Querystring: { site_id?: string } }>('/api/v1/import/events', async (request, reply) => {
    if (!adminToken) return reply.code(403).send({ error: 'Event import over HTTP is disabled: set ADMIN_TOKEN to enable it' });
    if (!tokenMatches(adminToken, request.headers.authorization)) {
      return reply.code(401).send({ error: 'Missing or invalid token. Send Authorization: Bearer <ADMIN_TOKEN>.' });
    }
    const domain = request.query.site_id?.trim().toLowerCase();
    if (!domain) return reply.code(400).send({ error: 'site_id (the site domain) is required' });
    const site = await ingestion.siteGate.lookup(domain);
    if (!site) return reply.code(404).send({ error: `Site ${domain} does not exist` });
    const body = typeof request.body === 'string' ? request.body : '';
    if (!body.trim()) return reply.code(400).send({ error: 'the body must be NDJSON: one event object a line' });
    return reply.send(await ingestion.importEvents(domain, body));
  });
};
