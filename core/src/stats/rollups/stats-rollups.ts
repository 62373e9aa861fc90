import type { EventStore, MetadataDb, SiteRef } from '@qusto/sdk';
import type { Logger } from 'pino';
import type { Query } from '../query/query.ts';
import { RollupBuilder } from './rollup-builder.ts';
import { RollupCatalog } from './rollup-catalog.ts';
import type { RollupCoverage } from './rollup-coverage.ts';
import { RollupMaintainer, type WrittenActivity } from './rollup-maintainer.ts';

export interface StatsRollupsDeps {
  eventStore: EventStore;
  metadataDb: MetadataDb;
  logger: Logger;
  listSites: () => Promise<SiteRef[]>;
  /** How often closed days are rolled up in the background; 0: only on `runOnce`. */
  intervalMs: number;
  cluster?: string | undefined;
}

/**
 * Daily rollups: what lets a dashboard over weeks or months of a busy site answer from a few
 * thousand pre-aggregated rows instead of millions of events, with exactly the same numbers.
 */
export class StatsRollups {
  readonly catalog: RollupCatalog;
  private readonly maintainer: RollupMaintainer;

  constructor(deps: StatsRollupsDeps) {
    this.catalog = new RollupCatalog(deps.eventStore);
    this.maintainer = new RollupMaintainer({
      eventStore: deps.eventStore,
      metadataDb: deps.metadataDb,
      catalog: this.catalog,
      builder: new RollupBuilder(deps.eventStore, deps.cluster),
      logger: deps.logger,
      listSites: deps.listSites,
      intervalMs: deps.intervalMs,
    });
  }

  /** Which part of the query's range rollups answer (null: raw rows only). */
  coverage(query: Pick<Query, 'site' | 'timezone' | 'range'>): Promise<RollupCoverage | null> {
    return this.catalog.coverage(query);
  }

  /** Rolls up every closed day that is not yet (for tests, benchmarks and tools). */
  runOnce(): Promise<{ built: number; remaining: number }> {
    return this.maintainer.runOnce();
  }

  noteWritten(written: readonly WrittenActivity[]): Promise<void> {
    return this.maintainer.noteWritten(written);
  }

  forgetSite(siteId: string): void {
    this.maintainer.forgetSite(siteId);
  }

  start(): void {
    this.maintainer.start();
  }

  stop(): Promise<void> {
    return this.maintainer.stop();
  }
}
