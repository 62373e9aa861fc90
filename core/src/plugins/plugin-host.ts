import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DefinedPlugin, MetadataDb, EventStore, SlotName } from '@qusto/sdk';
import type { AwilixContainer } from 'awilix';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { HookBus } from '../hooks/hook-bus.ts';
import type { StatsRegistry } from '../stats/index.ts';
import { runEventMigrations, runMetadataMigrations } from '../storage/migrations/index.ts';
import { validatePluginManifest } from './manifest.ts';
import { createPluginApi, createPluginContainer, type StagedRegistrations } from './plugin-api.ts';
import { discoverFirstPartyPlugins, resolvePluginSource, type ResolvedPluginSource } from './plugin-resolver.ts';
import { servePluginUi } from './plugin-ui-static.ts';

export type PluginStatus = 'registered' | 'running' | 'failed' | 'stopped';

export interface LoadedPlugin {
  name: string;
  version: string;
  specifier: string;
  packageRoot: string;
  status: PluginStatus;
  definition: DefinedPlugin;
  staged: StagedRegistrations;
  uiDist: string | null;
}

export interface FailedPlugin {
  specifier: string;
  name?: string;
  step: 'resolve' | 'import' | 'manifest' | 'migrate' | 'register' | 'routes' | 'start';
  reason: string;
}

/** A public description of a loaded plugin, as `GET /api/plugins` lists it. */
export interface PluginListing {
  name: string;
  version: string;
  ui: { remote: string; manifestUrl: string; slots: Partial<Record<SlotName, string>> } | null;
}

interface HostDeps {
  logger: Logger;
  container: AwilixContainer;
  hookBus: HookBus;
  metadataDb: MetadataDb;
  eventStore: EventStore;
  clickhouseCluster: string | undefined;
  cwd: string;
}

/**
 * Loads plugins: discover -> import -> validate manifest -> migrate -> register -> (app ready)
 * -> start -> stop. A plugin that fails a step is reported with its name and reason and left out;
 * Qusto keeps running.
 */
export class PluginHost {
  readonly loaded: LoadedPlugin[] = [];
  readonly failed: FailedPlugin[] = [];

  constructor(private readonly deps: HostDeps) {}

  async load(specifiers: string[] | undefined): Promise<void> {
    const list = specifiers ?? discoverFirstPartyPlugins(this.deps.cwd);
    for (const specifier of list) await this.loadOne(specifier);
  }

  private async loadOne(specifier: string): Promise<void> {
    let source: ResolvedPluginSource;
    try {
      source = resolvePluginSource(specifier, this.deps.cwd);
    } catch (error) {
      return this.fail({ specifier, step: 'resolve', reason: message(error) });
    }
    let exported: unknown;
    try {
      exported = ((await import(source.entryUrl)) as { default?: unknown }).default;
    } catch (error) {
      return this.fail({ specifier, step: 'import', reason: message(error) });
    }
    let definition: DefinedPlugin;
    try {
      definition = validatePluginManifest(exported);
    } catch (error) {
      return this.fail({ specifier, step: 'manifest', reason: message(error) });
    }
    const name = definition.name;
    if (name === 'core' || this.loaded.some((p) => p.name === name)) {
      return this.fail({ specifier, name, step: 'manifest', reason: `a plugin named "${name}" is already loaded` });
    }
    try {
      await this.migrate(definition, source.packageRoot);
    } catch (error) {
      return this.fail({ specifier, name, step: 'migrate', reason: message(error) });
    }
    const logger = this.deps.logger.child({ plugin: name });
    const { api, staged } = createPluginApi(name, logger, this.deps.container);
    try {
      definition.register(api);
      this.checkServiceNames(staged);
      this.statsRegistry()?.check(staged.stats);
    } catch (error) {
      return this.fail({ specifier, name, step: 'register', reason: message(error) });
    }
    // register() succeeded: apply what it staged.
    for (const [service, resolver] of staged.services) this.deps.container.register(service, resolver);
    for (const { hook, handler, options } of staged.hooks) this.deps.hookBus.on(name, hook, handler, options);
    this.statsRegistry()?.apply(staged.stats, name);
    const uiDist = definition.ui ? path.resolve(source.packageRoot, definition.ui.dist ?? 'ui/dist') : null;
    this.loaded.push({
      name,
      version: definition.version,
      specifier,
      packageRoot: source.packageRoot,
      status: 'registered',
      definition,
      staged,
      uiDist,
    });
  }

  private async migrate(plugin: DefinedPlugin, packageRoot: string): Promise<void> {
    const { metadata, events } = plugin.migrations ?? {};
    const dirOf = (relative: string) => {
      const dir = path.resolve(packageRoot, relative);
      if (!existsSync(dir)) throw new Error(`migrations folder ${relative} does not exist in ${packageRoot}`);
      return dir;
    };
    if (metadata) await runMetadataMigrations(this.deps.metadataDb, [{ owner: `plugin:${plugin.name}`, dir: dirOf(metadata) }]);
    if (events) {
      await runEventMigrations(this.deps.eventStore, this.deps.metadataDb, [{ owner: `plugin:${plugin.name}`, dir: dirOf(events) }], {
        cluster: this.deps.clickhouseCluster,
      });
    }
  }

  /** Core's stats registry, when the container has one (tools that only migrate do not). */
  private statsRegistry(): StatsRegistry | undefined {
    return this.deps.container.hasRegistration('statsRegistry') ? (this.deps.container.resolve('statsRegistry') as StatsRegistry) : undefined;
  }

  private checkServiceNames(staged: StagedRegistrations): void {
    for (const [service] of staged.services) {
      if (this.deps.container.hasRegistration(service)) throw new Error(`service name "${service}" is already registered`);
    }
  }

  /**
   * Mounts each plugin's routes in its own encapsulated Fastify context, and its built UI.
   * A plugin whose route registrar throws is marked failed; its context answers 503.
   */
  mountRoutes(app: FastifyInstance): void {
    for (const plugin of this.loaded) {
      const context: FastifyPluginAsync = async (child) => {
        child.addHook('onRequest', async (_request, reply) => {
          if (plugin.status !== 'running' && plugin.status !== 'registered') {
            return reply.code(503).send({ error: `plugin ${plugin.name} is not running` });
          }
        });
        for (const registrar of plugin.staged.routes) {
          try {
            await registrar(child);
          } catch (error) {
            plugin.status = 'failed';
            this.deps.hookBus.removeOwner(plugin.name);
            this.statsRegistry()?.removeOwner(plugin.name);
            this.fail({ specifier: plugin.specifier, name: plugin.name, step: 'routes', reason: message(error) });
            return;
          }
        }
      };
      app.register(context);
      if (plugin.definition.ui && plugin.uiDist) servePluginUi(app, plugin.name, plugin.uiDist, this.deps.logger);
    }
  }

  /** Runs each plugin's start() after the app is ready; a failure takes that plugin out. */
  async start(): Promise<void> {
    for (const plugin of this.loaded) {
      if (plugin.status !== 'registered') continue;
      try {
        await plugin.definition.start?.({
          logger: this.deps.logger.child({ plugin: plugin.name }),
          container: createPluginContainer(this.deps.container),
        });
        plugin.status = 'running';
      } catch (error) {
        plugin.status = 'failed';
        this.deps.hookBus.removeOwner(plugin.name);
        this.statsRegistry()?.removeOwner(plugin.name);
        this.fail({ specifier: plugin.specifier, name: plugin.name, step: 'start', reason: message(error) });
      }
    }
  }

  /** Stops running plugins in reverse order; a failing stop is logged and the rest go on. */
  async stop(): Promise<void> {
    for (const plugin of [...this.loaded].reverse()) {
      if (plugin.status !== 'running') continue;
      try {
        await plugin.definition.stop?.();
      } catch (error) {
        this.deps.logger.error({ err: error, plugin: plugin.name }, `plugin ${plugin.name} failed to stop cleanly`);
      }
      plugin.status = 'stopped';
    }
  }

  /** Plugins that are up, for `GET /api/plugins` and the start-up log. */
  listing(): PluginListing[] {
    return this.loaded
      .filter((p) => p.status === 'running' || p.status === 'registered')
      .map((p) => ({
        name: p.name,
        version: p.version,
        ui: p.definition.ui
          ? { remote: p.definition.ui.remote, manifestUrl: `/plugins/${p.name}/ui/mf-manifest.json`, slots: p.definition.ui.slots }
          : null,
      }));
  }

  private fail(failure: FailedPlugin): void {
    this.failed.push(failure);
    this.deps.logger.error(
      { plugin: failure.name ?? failure.specifier, step: failure.step, reason: failure.reason },
      `plugin ${failure.name ?? failure.specifier} was left out: ${failure.step} failed: ${failure.reason}`,
    );
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
