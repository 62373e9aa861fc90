import { asClass, definePlugin } from '@qusto/sdk';
import { GoalRepository } from './goal-repository.ts';

/** Goals and funnels, built only on the public plugin API. */
export default definePlugin({
  name: 'goals',
  version: '0.1.0',
  migrations: { metadata: 'migrations/pg' },
  register(api) {
    api.container.register({ goalRepository: asClass(GoalRepository).singleton() });

    api.hooks.on('site:deleted', async (site) => {
      const goals = api.container.resolve<GoalRepository>('goalRepository');
      const removed = await goals.deleteAllForSite(site.id);
      api.logger.info({ site: site.domain, removed }, 'removed the goals of a deleted site');
    });

    api.routes(async (app) => {
      // Core's auth checks the caller may read the site's stats and resolves the site.
      app.get<{ Params: { domain: string } }>(
        '/api/sites/:domain/goals',
        { config: { auth: { action: 'read', subject: 'Stats' } } },
        async (request) => {
          const goals = api.container.resolve<GoalRepository>('goalRepository');
          return { goals: await goals.list(request.authorizedSite!.id) };
        },
      );
    });
  },
  ui: { remote: 'goals', slots: { 'dashboard.panel': './GoalsPanel' } },
});
