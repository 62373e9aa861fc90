import type { FastifyPluginAsync } from 'fastify';

/** `GET /metrics` in Prometheus text format. */
export const metricsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/metrics', async (_request, reply) => {
    const { registry } = app.container.cradle.metrics;
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
};
