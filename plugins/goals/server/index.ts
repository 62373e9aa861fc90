import { asClass, definePlugin, type SiteDirectory } from '@qusto/sdk';
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
      app.get<{ Params: { domain: string } }>('/api/sites/:domain/goals', async (request, reply) => {
        const sites = api.container.resolve<SiteDirectory>('sites');
        const site = await sites.findByDomain(request.params.domain);
        if (!site) return reply.code(404).send({ error: `Site ${request.params.domain} does not exist` });
        const goals = api.container.resolve<GoalRepository>('goalRepository');
        return { goals: await goals.list(site.id) };
      });
    });
  },
  ui: { remote: 'goals', slots: { 'dashboard.panel': './GoalsPanel' } },
});
