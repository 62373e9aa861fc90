import { asClass, definePlugin } from '@qusto/sdk';
import { FunnelRepository } from './funnel-repository.ts';
import { funnelRoutes } from './funnel-routes.ts';
import { addGoalAbilities } from './goal-abilities.ts';
import { GoalCatalog } from './goal-catalog.ts';
import { registerGoalStats } from './goal-stats.ts';
import { GoalRepository } from './goal-repository.ts';
import { goalRoutes } from './goal-routes.ts';

/** Goals and funnels, built only on the public plugin API. */
export default definePlugin({
  name: 'goals',
  version: '0.1.0',
  migrations: { metadata: 'migrations/pg' },
  register(api) {
    api.container.register({
      goalRepository: asClass(GoalRepository).singleton(),
      funnelRepository: asClass(FunnelRepository).singleton(),
      goalCatalog: asClass(GoalCatalog).singleton(),
    });
    registerGoalStats(api.stats, (siteId) => api.container.resolve<GoalCatalog>('goalCatalog').goals(siteId));
    api.hooks.on('auth:abilities', addGoalAbilities);

    api.hooks.on('site:deleted', async (site) => {
      await api.container.resolve<FunnelRepository>('funnelRepository').deleteAllForSite(site.id);
      const removed = await api.container.resolve<GoalRepository>('goalRepository').deleteAllForSite(site.id);
      await api.container.resolve<GoalCatalog>('goalCatalog').refresh();
      api.logger.info({ site: site.domain, removed }, 'removed the goals of a deleted site');
    });

    api.routes(goalRoutes(api.container));
    api.routes(funnelRoutes(api.container));
  },
  async start({ container }) {
    await container.resolve<GoalCatalog>('goalCatalog').start();
  },
  ui: { remote: 'goals', slots: { 'dashboard.panel': './GoalsPanel' } },
});
