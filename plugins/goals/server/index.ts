import { asClass, definePlugin } from '@qusto/sdk';
import { currencyRateRoutes } from './currency-rate-routes.ts';
import { CurrencyRates } from './currency-rates.ts';
import { FunnelRepository } from './funnel-repository.ts';
import { funnelRoutes } from './funnel-routes.ts';
import { addGoalAbilities } from './goal-abilities.ts';
import { GoalCatalog } from './goal-catalog.ts';
import { registerGoalStats } from './goal-stats.ts';
import { GoalRepository } from './goal-repository.ts';
import { goalRoutes } from './goal-routes.ts';
import { enrichRevenue } from './revenue-enrich.ts';
import { formatRevenue, registerRevenueMetrics } from './revenue-stats.ts';

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
      currencyRates: asClass(CurrencyRates).singleton(),
    });
    const goalsOf = (siteId: string) => api.container.resolve<GoalCatalog>('goalCatalog').goals(siteId);
    registerGoalStats(api.stats, goalsOf);
    registerRevenueMetrics(api.stats);
    api.hooks.on('auth:abilities', addGoalAbilities);

    // Revenue of events named like a revenue goal, in the goal's currency.
    api.hooks.on('ingest:enrich', (event) => enrichRevenue(event, goalsOf, api.container.resolve<CurrencyRates>('currencyRates')));
    // Revenue metrics as money, with Plausible's metric_warnings.
    api.hooks.on('stats:result', async (result) => {
      if (!Array.isArray(result.query.metrics) || !result.query.metrics.some((m) => m === 'total_revenue' || m === 'average_revenue')) return undefined;
      const site = await api.container.resolve('sites').findByDomain(String(result.query.site_id));
      return formatRevenue(result, site ? goalsOf(site.id) : []);
    });

    api.hooks.on('site:deleted', async (site) => {
      await api.container.resolve<FunnelRepository>('funnelRepository').deleteAllForSite(site.id);
      const removed = await api.container.resolve<GoalRepository>('goalRepository').deleteAllForSite(site.id);
      await api.container.resolve<GoalCatalog>('goalCatalog').refresh();
      api.logger.info({ site: site.domain, removed }, 'removed the goals of a deleted site');
    });

    api.routes(goalRoutes(api.container));
    api.routes(funnelRoutes(api.container));
    api.routes(currencyRateRoutes(api.container));
  },
  async start({ container }) {
    await container.resolve<GoalCatalog>('goalCatalog').start();
    await container.resolve<CurrencyRates>('currencyRates').start();
  },
  ui: { remote: 'goals', slots: { 'dashboard.panel': './GoalsPanel', 'site.settings': './GoalsSettings' } },
});
