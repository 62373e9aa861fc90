/**
 * The `qusto` command: `qusto start`, `qusto migrate`, `qusto help`.
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type QustoConfig } from './config/load-config.ts';
import { createLogger } from './logging.ts';
import { DataDirBusyError } from './storage/data-dir-lock.ts';
import { migrateAll } from './storage/migrate-all.ts';

const USAGE = `Usage: qusto <command>

Commands:
  start      Run the server (migrates the stores first)
  migrate    Apply core and plugin migrations to the stores, then exit
  help       Show this help

Configuration comes from environment variables; see README.md.`;

async function start(config: QustoConfig, startedAt: number): Promise<void> {
  const qusto = await buildApp(config, { processMetrics: true });
  const { app, plugins } = qusto;
  const log = app.log;
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, `${signal} received: shutting down`);
    const forceExit = setTimeout(() => {
      log.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs);
    forceExit.unref();
    qusto.close().then(
      () => {
        log.info('shutdown complete');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.listenAddress });
  const { metadataDb, eventStore } = qusto.container.cradle;
  const where = (kind: string, embeddedDir: string) => (kind === 'pglite' || kind === 'chdb' ? `${kind} in ${embeddedDir}` : kind);
  log.info(
    {
      url: config.baseUrl.href,
      port: config.port,
      stores: { metadata: metadataDb.kind, events: eventStore.kind },
      plugins: plugins.listing().map((p) => `${p.name}@${p.version}`),
      pluginsFailed: plugins.failed.map((f) => `${f.name ?? f.specifier} (${f.step}: ${f.reason})`),
      readyMs: Math.round(performance.now() - startedAt),
    },
    `Qusto is ready at ${config.baseUrl.href} (listening on ${config.listenAddress}:${config.port}); ` +
      `metadata: ${where(metadataDb.kind, `${config.dataDir}/metadata`)}, events: ${where(eventStore.kind, `${config.dataDir}/events`)}; ` +
      `plugins: ${plugins.listing().map((p) => `${p.name}@${p.version}`).join(', ') || 'none'}` +
      (plugins.failed.length ? `; left out: ${plugins.failed.map((f) => f.name ?? f.specifier).join(', ')}` : ''),
  );
}

export async function main(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const command = argv[0] ?? 'help';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  let config: QustoConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(problem);
      return 1;
    }
    throw error;
  }
  try {
    switch (command) {
      case 'start':
        await start(config, startedAt);
        return -1; // keeps running
      case 'migrate': {
        const logger = createLogger(config.logLevel);
        const summary = await migrateAll(config, logger);
        logger.info(summary, `migrations done: ${summary.applied.length} applied`);
        return 0;
      }
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    // Known operator mistakes get their message, not a stack trace.
    if (error instanceof DataDirBusyError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
