import type { FastifyPluginAsync } from 'fastify';
import { guestRoutes } from './guest-routes.ts';
import { shareRoutes } from './share-routes.ts';
import { sharedLinkRoutes } from './shared-link-routes.ts';
import { siteRoutes } from './site-routes.ts';
import { sitesApiRoutes } from './sites-api-routes.ts';
import { teamRoutes } from './team-routes.ts';

/** Every site and team route: the dashboard's API, Plausible's Sites API, shared links. */
export const siteManagementRoutes: FastifyPluginAsync<{ shellDist: string | null }> = async (app, { shellDist }) => {
  await app.register(siteRoutes);
  await app.register(teamRoutes);
  await app.register(guestRoutes);
  await app.register(sharedLinkRoutes);
  await app.register(shareRoutes, { shellDist });
  await app.register(sitesApiRoutes);
};
