import type { FastifyPluginAsync } from 'fastify';
import type { StatsService } from '../stats-service.ts';
import { legacyRoutes } from './legacy-routes.ts';
import { statsApiAuth } from './stats-auth.ts';

export interface StatsRoutesOptions {
  stats: StatsService;
  adminToken: string | undefined;
}

/** `POST /api/v2/query` and the v1 stats endpoints, behind the stats API auth. */
export const statsRoutes: FastifyPluginAsync<StatsRoutesOptions> = async (app, { stats, adminToken }) => {
  app.addHook('preHandler', statsApiAuth(adminToken));

  // Any JSON body is accepted here; its shape is checked by the query schema (Plausible's errors).
  app.post('/api/v2/query', async (request) => stats.query(request.body ?? null));

  await app.register(legacyRoutes, { stats });
};
