import type { FastifyPluginAsync } from 'fastify';

const PING_TIMEOUT_MS = 2000;

async function check(ping: () => Promise<void>): Promise<{ ok: boolean; error?: string; latencyMs: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: (error as Error).message, latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /api/health`: 200 when every store answers, 503 (with which one) when one does not. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/health', async (_request, reply) => {
    const { metadataDb, eventStore } = app.container.cradle;
    const [metadata, events] = await Promise.all([check(() => metadataDb.ping()), check(() => eventStore.ping())]);
    const ok = metadata.ok && events.ok;
    return reply.code(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'unavailable',
      stores: {
        metadata: { kind: metadataDb.kind, ...metadata },
        events: { kind: eventStore.kind, ...events },
      },
    });
  });
};
