import { asClass, asFunction, asValue, createContainer, InjectionMode, type AwilixContainer } from 'awilix';
import { authRegistrations, type AuthCradle } from '../auth/auth-services.ts';
import { SiteRepository } from '../sites/site-repository.ts';
import { siteRegistrations, type SitesCradle } from '../sites/site-services.ts';
import { createCoreStatsRegistry, StatsService } from '../stats/index.ts';
import type { Cradle } from './cradle.ts';

/**
 * The root container, in strict mode: a singleton can't depend on a scoped service, and a
 * missing registration is an error at resolve time, not an undefined.
 */
/** `ingestion` is left out by tools that only migrate. */
export function createRootContainer(
  services: Omit<Cradle, 'sites' | 'ingestion' | 'statsRegistry' | 'stats' | keyof AuthCradle | keyof SitesCradle> & Partial<Pick<Cradle, 'ingestion'>>,
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
    stats: asFunction(
      ({ eventStore, sites, hookBus, statsRegistry, logger }: Cradle) => new StatsService({ eventStore, sites, hookBus, statsRegistry, logger }),
    ).singleton(),
  });
  container.register({ ...authRegistrations(), ...siteRegistrations(container) });
  if (services.ingestion) container.register({ ingestion: asValue(services.ingestion) });
  return container;
}
