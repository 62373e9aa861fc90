import type { FastifyPluginAsync } from 'fastify';
import type { PluginHost } from '../plugins/plugin-host.ts';

/** `GET /api/plugins`: the loaded plugins and where the shell finds their UI remotes. */
export const pluginRoutes: FastifyPluginAsync<{ host: PluginHost }> = async (app, { host }) => {
  app.get('/api/plugins', async (_request, reply) => {
    return reply.header('cache-control', 'no-cache').send({ plugins: host.listing() });
  });
};
