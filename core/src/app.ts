import path from 'node:path';
import type { EventStore, MetadataDb } from '@qusto/sdk';
import type { AwilixContainer } from 'awilix';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { QustoConfig } from './config/load-config.ts';
import { resolveSecretKeyBase } from './config/secret-key.ts';
import type { Cradle } from './container/cradle.ts';
import { qustoAuthPlugin } from './auth/auth-plugin.ts';
import { accountRoutes } from './auth/routes.ts';
import { requestScopePlugin } from './container/request-scope.ts';
import { createRootContainer } from './container/root-container.ts';
import { HookBus } from './hooks/hook-bus.ts';
import { installErrorHandlers } from './http/error-handler.ts';
import { createClientIpResolver } from './ingestion/client-ip.ts';
import { eventRoutes } from './ingestion/event-routes.ts';
import { importRoutes } from './ingestion/import-routes.ts';
import { IngestionService } from './ingestion/ingestion-service.ts';
import { RedisSessionCache } from './ingestion/redis-session-cache.ts';
import { InProcessSessionCache } from './ingestion/session-cache.ts';
import { healthRoutes } from './http/health-routes.ts';
import { metricsRoutes } from './http/metrics-routes.ts';
import { pluginRoutes } from './http/plugin-routes.ts';
import { serveShell } from './http/shell-static.ts';
import { trackerRoutes } from './http/tracker-routes.ts';
import { createLogger } from './logging.ts';
import { siteManagementRoutes } from './sites/routes.ts';
import { statsRoutes } from './stats/index.ts';
import { createMetrics } from './observability/metrics.ts';
import { PluginHost } from './plugins/plugin-host.ts';
import { lockDataDir } from './storage/data-dir-lock.ts';
import { createEventStore } from './storage/events/create-event-store.ts';
import { createMetadataDb } from './storage/metadata/create-metadata-db.ts';
import { CORE_EVENT_MIGRATIONS, CORE_METADATA_MIGRATIONS } from './storage/core-migrations.ts';
import { runEventMigrations, runMetadataMigrations } from './storage/migrations/index.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface BuildAppOptions {
  /** Use this metadata store instead of opening one from config (tests hand in a fast template). */
  metadataDb?: MetadataDb;
  eventStore?: EventStore;
  logger?: Logger;
  /** Built shell folder; default `<repo>/shell/dist`. */
  shellDist?: string;
  /** Built tracker folder; default `<repo>/tracker/dist`. */
  trackerDist?: string;
  /** Where relative plugin paths and plugin packages are resolved from. */
  cwd?: string;
  /** Default metrics (process CPU, memory, event loop) on /metrics. Off in tests. */
  processMetrics?: boolean;
}

export interface QustoApp {
  app: FastifyInstance;
  container: AwilixContainer<Cradle>;
  plugins: PluginHost;
  config: QustoConfig;
  /** Stops accepting, stops plugins, flushes and closes the stores. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Builds a ready Qusto app: stores opened and migrated, plugins loaded, routes mounted and
 * plugins started. Does not listen; `main.ts` does.
 */
export async function buildApp(config: QustoConfig, options: BuildAppOptions = {}): Promise<QustoApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const opensEmbeddedStore = (!options.metadataDb && !config.databaseUrl) || (!options.eventStore && !config.clickhouseUrl);
  const releaseLock = opensEmbeddedStore ? await lockDataDir(config.dataDir) : async () => {};
  const opened: Array<{ close(): Promise<void> }> = [];
  try {
    config.secretKeyBase = await resolveSecretKeyBase(config.dataDir, config.secretKeyBase);
    const metadataDb = options.metadataDb ?? (await createMetadataDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
    opened.push(metadataDb);
    const eventStore =
      options.eventStore ??
      (await createEventStore({ clickhouseUrl: config.clickhouseUrl?.href, dataDir: config.dataDir, cluster: config.clickhouseCluster }));
    opened.push(eventStore);

    await runMetadataMigrations(metadataDb, CORE_METADATA_MIGRATIONS);
    await runEventMigrations(eventStore, metadataDb, CORE_EVENT_MIGRATIONS, { cluster: config.clickhouseCluster });

    const metrics = createMetrics({ defaultMetrics: options.processMetrics ?? false });
    const hookBus = new HookBus(logger, metrics);
    const ingestion = new IngestionService({
      metadataDb,
      eventStore,
      hookBus,
      logger,
      sessionCache: config.redisUrl ? new RedisSessionCache(config.redisUrl) : new InProcessSessionCache(),
      options: {
        dataDir: config.dataDir,
        spoolMaxBytes: config.spoolMaxBytes,
        cityDbPath: config.geoipCityDb,
        secretKeyBase: config.secretKeyBase,
        siteRateLimit: config.ingestSiteRateLimit,
        batcher: { flushIntervalMs: config.ingestFlushIntervalMs },
      },
    });
    const container = createRootContainer({ config, logger, metrics, hookBus, metadataDb, eventStore, ingestion });

    const app: FastifyInstance = Fastify({
      loggerInstance: logger as FastifyBaseLogger,
      logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
      trustProxy: trustProxySetting(config.trustedProxies),
      bodyLimit: 1_000_000,
      return503OnClosing: true,
      forceCloseConnections: 'idle',
    });
    await app.register(requestScopePlugin, { container });
    // Before any route: it enforces every route's `config.auth` and sets the security headers.
    await app.register(qustoAuthPlugin, { config, cradle: container.cradle });

    const plugins = new PluginHost({
      logger,
      container,
      hookBus,
      metadataDb,
      eventStore,
      clickhouseCluster: config.clickhouseCluster,
      cwd: options.cwd ?? process.cwd(),
    });
    await plugins.load(config.plugins);

    const shellDist = options.shellDist ?? path.join(REPO_ROOT, 'shell', 'dist');
    const shellBuilt = serveShell(app, shellDist, logger);
    installErrorHandlers(app, { shellDist: shellBuilt ? shellDist : null });
    await app.register(healthRoutes);
    await app.register(metricsRoutes);
    await app.register(pluginRoutes, { host: plugins });
    await app.register(eventRoutes, { ingestion, clientIp: createClientIpResolver(config.trustedProxies) });
    await app.register(importRoutes, { ingestion });
    await app.register(accountRoutes);
    await app.register(siteManagementRoutes, { shellDist: shellBuilt ? shellDist : null });
    await app.register(statsRoutes, { stats: container.cradle.stats });
    await app.register(trackerRoutes, { distDir: options.trackerDist ?? path.join(REPO_ROOT, 'tracker', 'dist') });
    plugins.mountRoutes(app);

    // Shutdown order: the server stops accepting and drains requests, spooled events go to the
    // event store (what does not make it stays spooled), plugins stop, stores close.
    app.addHook('onClose', async () => {
      await container.cradle.statsRollups.stop();
      await ingestion.stop(Date.now() + Math.max(1000, config.shutdownTimeoutMs - 2000));
      await plugins.stop();
      await container.dispose();
      for (const store of [...opened].reverse()) await store.close().catch((err) => logger.error({ err }, 'closing a store failed'));
      await releaseLock();
    });

    // Written events may change cached results and rolled-up days.
    ingestion.onWritten((written) =>
      container.cradle.stats.noteWritten(written).catch((err) => logger.warn({ err }, 'telling the stats engine about written events failed')),
    );
    await ingestion.start();
    container.cradle.statsRollups.start();
    await app.ready();
    await plugins.start();

    let closing: Promise<void> | undefined;
    return {
      app,
      container,
      plugins,
      config,
      close: () => (closing ??= app.close()),
    };
  } catch (error) {
    for (const store of opened.reverse()) await store.close().catch(() => {});
    await releaseLock();
    throw error;
  }
}

function trustProxySetting(trusted: string[]): boolean | string[] {
  if (trusted.length === 1 && trusted[0] === 'true') return true;
  return trusted.length > 0 ? trusted : false;
}
