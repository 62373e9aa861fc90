import { asClass, asFunction, asValue, createContainer, InjectionMode, type AwilixContainer } from 'awilix';
import { authRegistrations, type AuthCradle } from '../auth/auth-services.ts';
import { SiteRepository } from '../sites/site-repository.ts';
import { siteRegistrations, type SitesCradle } from '../sites/site-services.ts';
import { createCoreStatsRegistry, StatsRollups, StatsService } from '../stats/index.ts';
import type { Cradle } from './cradle.ts';

/**
 * The root container, in strict mode: a singleton can't depend on a scoped service, and a
 * missing registration is an error at resolve time, not an undefined.
 */
/** `ingestion` is left out by tools that only migrate. */
export function createRootContainer(
  services: Omit<Cradle, 'sites' | 'ingestion' | 'statsRegistry' | 'stats' | 'statsRollups' | keyof AuthCradle | keyof SitesCradle> & Partial<Pick<Cradle, 'ingestion'>>,
): AwilixContainer<Cradle> {
  const container = createContainer<Cradle>({ injectionMode: InjectionMode.PROXY, strict: true });
  container.register({
    config: asValue(services.config),
    logger: asValue(services.logger),
    metrics: asValue(services.metrics),
    hookBus: asValue(services.hookBus),
    metadataDb: asValue(services.metadataDb),
    eventStore: asValue(services.eventStore),
    sites: asClass(SiteRepository).singleton(),
    statsRegistry: asValue(createCoreStatsRegistry()),
    statsRollups: asFunction(
      ({ eventStore, metadataDb, logger, sites, config }: Cradle) =>
        new StatsRollups({
          eventStore,
          metadataDb,
          logger,
          listSites: () => sites.listRefs(),
          intervalMs: config.statsRollupIntervalMs,
          cluster: config.clickhouseCluster,
        }),
    ).singleton(),
    stats: asFunction(
      ({ eventStore, sites, hookBus, statsRegistry, logger, statsRollups }: Cradle) =>
        new StatsService({ eventStore, sites, hookBus, statsRegistry, logger, rollups: statsRollups }),
    ).singleton(),
  });
  container.register({ ...authRegistrations(), ...siteRegistrations(container) });
  if (services.ingestion) container.register({ ingestion: asValue(services.ingestion) });
  return container;
}
