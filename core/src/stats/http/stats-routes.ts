import type { SiteRef } from '@qusto/sdk';
import type { FastifyPluginAsync } from 'fastify';
import { PLAUSIBLE_STATS_MESSAGES, requireAuth } from '../../auth/index.ts';
import type { StatsService } from '../stats-service.ts';
import { legacyRoutes } from './legacy-routes.ts';

export interface StatsRoutesOptions {
  stats: StatsService;
}

/**
 * `POST /api/v2/query` and the v1 stats endpoints. Readers of the site's stats may call them:
 * the dashboard session, an API key with `stats:read`, a shared link, or the admin token;
 * refusals use Plausible's wording.
 */
export const statsRoutes: FastifyPluginAsync<StatsRoutesOptions> = async (app, { stats }) => {
  app.addHook('preHandler', requireAuth({ action: 'read', subject: 'Stats' }, PLAUSIBLE_STATS_MESSAGES));

  // Any JSON body is accepted here; its shape is checked by the query schema (Plausible's errors).
  // The query reads the site the guard checked, and no other.
  app.post('/api/v2/query', async (request) => stats.query(request.body ?? null, { authorizedSite: request.authorizedSite as SiteRef | null }));

  await app.register(legacyRoutes, { stats });
};
