import type { EventStore, MetadataDb } from '@qusto/sdk';
import type { Logger } from 'pino';
import type { AuthCradle } from '../auth/auth-services.ts';
import type { QustoConfig } from '../config/load-config.ts';
import type { HookBus } from '../hooks/hook-bus.ts';
import type { IngestionService } from '../ingestion/ingestion-service.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { SiteRepository } from '../sites/site-repository.ts';
import type { SitesCradle } from '../sites/site-services.ts';
import type { StatsRegistry, StatsRollups, StatsService } from '../stats/index.ts';

/** Services in the root container. Plugins add their own under other names. */
export interface Cradle extends AuthCradle, SitesCradle {
  config: QustoConfig;
  logger: Logger;
  metrics: Metrics;
  hookBus: HookBus;
  metadataDb: MetadataDb;
  eventStore: EventStore;
  sites: SiteRepository;
  ingestion: IngestionService;
  /** Metrics, dimensions and filters of the stats API (core's and plugins'). */
  statsRegistry: StatsRegistry;
  stats: StatsService;
  /** Daily pre-aggregates the stats engine reads for closed days. */
  statsRollups: StatsRollups;
}

/** Registered per request on the request scope. */
export interface RequestCradle extends Cradle {
  requestId: string;
}
