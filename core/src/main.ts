/**
 * The `qusto` command: `qusto start`, `qusto migrate`, `qusto help`.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { createApiKeyCommand, createSiteCommand, createUserCommand, parseCommandArgs, runCommand, type CliCommand } from './auth/cli-commands.ts';
import { ConfigError, loadConfig, type QustoConfig } from './config/load-config.ts';
import { createLogger } from './logging.ts';
import { SiteRepository } from './sites/site-repository.ts';
import { DataDirBusyError } from './storage/data-dir-lock.ts';
import { migrateAll } from './storage/migrate-all.ts';

const USAGE = `Usage: qusto <command>

Commands:
  start                                   Run the server (migrates the stores first)
  migrate                                 Apply core and plugin migrations, then exit
  create-user --email E --password P [--name N] [--admin]
                                          Create a user (the first one is always admin)
  create-site --domain D [--timezone TZ] --owner E
                                          Register a site in E's team (--owner is optional
                                          only before the first user exists)
  create-api-key --email E --name N [--scopes s1,s2] [--team ID]
                                          Create an API key for E and print only the key
                                          (scopes: stats:read (default), sites:read,
                                          sites:provision, events:import)
  import-events --site D FILE.ndjson      Backfill raw events (one JSON object a line)
  help                                    Show this help

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

/** Runs `task` against a fully built (not listening) app, then closes it. */
async function withApp<T>(config: QustoConfig, task: (qusto: Awaited<ReturnType<typeof buildApp>>) => Promise<T>): Promise<T> {
  const qusto = await buildApp({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  try {
    return await task(qusto);
  } finally {
    await qusto.close();
  }
}

/** Runs an account/site command (see auth/cli-commands.ts) against a built app. */
async function accountCommand(config: QustoConfig, command: CliCommand, args: string[]): Promise<number> {
  const values = parseCommandArgs(command, args);
  if (!values) return 2;
  return withApp(config, ({ container }) => runCommand(command, container, values));
}

async function importEvents(config: QustoConfig, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { site: { type: 'string' } }, allowPositionals: true });
  if (!values.site || positionals.length !== 1) {
    console.error('usage: qusto import-events --site DOMAIN FILE.ndjson');
    return 2;
  }
  const text = await readFile(positionals[0]!, 'utf8');
  return withApp(config, async ({ container }) => {
    const domain = SiteRepository.normalizeDomain(values.site!);
    if (!(await container.cradle.sites.findByDomain(domain))) {
      console.error(`Site ${domain} does not exist; create it with: qusto create-site --domain ${domain}`);
      return 1;
    }
    const report = await container.cradle.ingestion.importEvents(domain, text);
    console.log(JSON.stringify(report, null, 2));
    return report.errors.length > 0 ? 3 : 0;
  });
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
      case 'create-user':
        return await accountCommand(config, createUserCommand, argv.slice(1));
      case 'create-site':
        return await accountCommand(config, createSiteCommand, argv.slice(1));
      case 'create-api-key':
        return await accountCommand(config, createApiKeyCommand, argv.slice(1));
      case 'import-events':
        return await importEvents(config, argv.slice(1));
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
