import type { Logger } from 'pino';
import type { QustoConfig } from '../config/load-config.ts';
import { HookBus } from '../hooks/hook-bus.ts';
import { createMetrics } from '../observability/metrics.ts';
import { PluginHost } from '../plugins/plugin-host.ts';
import { createRootContainer } from '../container/root-container.ts';
import { CORE_EVENT_MIGRATIONS, CORE_METADATA_MIGRATIONS } from './core-migrations.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { createEventStore } from './events/create-event-store.ts';
import { createMetadataDb } from './metadata/create-metadata-db.ts';
import { runEventMigrations, runMetadataMigrations } from './migrations/index.ts';

/** `qusto migrate`: core's migrations, then every configured plugin's, without serving. */
export async function migrateAll(config: QustoConfig, logger: Logger): Promise<{ applied: string[]; pluginsFailed: string[] }> {
  const embedded = !config.databaseUrl || !config.clickhouseUrl;
  const release = embedded ? await lockDataDir(config.dataDir) : async () => {};
  const metadataDb = await createMetadataDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const eventStore = await createEventStore({ clickhouseUrl: config.clickhouseUrl?.href, dataDir: config.dataDir, cluster: config.clickhouseCluster });
  try {
    const applied = [
      ...(await runMetadataMigrations(metadataDb, CORE_METADATA_MIGRATIONS)).applied,
      ...(await runEventMigrations(eventStore, metadataDb, CORE_EVENT_MIGRATIONS, { cluster: config.clickhouseCluster })).applied,
    ];
    const metrics = createMetrics();
    const hookBus = new HookBus(logger, metrics);
    const container = createRootContainer({ config, logger, metrics, hookBus, metadataDb, eventStore });
    const host = new PluginHost({ logger, container, hookBus, metadataDb, eventStore, clickhouseCluster: config.clickhouseCluster, cwd: process.cwd() });
    await host.load(config.plugins);
    return { applied, pluginsFailed: host.failed.map((f) => `${f.name ?? f.specifier}: ${f.reason}`) };
  } finally {
    await eventStore.close();
    await metadataDb.close();
    await release();
  }
}
