/**
 * The baseline for the ingestion benchmark: a bare Fastify route that parses and validates the
 * same body as /api/event and answers 202, with nothing behind it.
 */
import Fastify from 'fastify';
import { validateEventRequest } from '../src/ingestion/validate-event-request.ts';

const app = Fastify({ logger: false });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1_000_000 }, (_request, body, done) => done(null, body));
app.post('/api/event', async (request, reply) => {
  let body: unknown;
  try {
    body = JSON.parse(String(request.body));
  } catch {
    return reply.code(400).send({ errors: { request: ['Unable to parse request body as json'] } });
  }
  const result = validateEventRequest(body);
  if (!result.ok) return reply.code(400).send({ errors: result.errors });
  return reply.code(202).type('text/plain; charset=utf-8').send('ok');
});
const port = Number(process.env.PORT ?? 0);
await app.listen({ port, host: '127.0.0.1' });
console.log(`BARE_READY ${(app.server.address() as { port: number }).port}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
