import type { AwilixContainer, Resolver } from 'awilix';
import type { FastifyInstance } from 'fastify';
import type { HookRegistrar, SiteRef } from './hooks.ts';
import type { StatsRegistrar } from './stats-registry.ts';
import type { EventStore, MetadataDb } from './stores.ts';
import { SDK_VERSION } from './version.ts';

/** Names of the places in the shell where a plugin's UI can render. */
export type SlotName = 'dashboard.panel' | 'site.settings' | 'nav.item' | 'route';

export const SLOT_NAMES: readonly SlotName[] = ['dashboard.panel', 'site.settings', 'nav.item', 'route'];

export interface PluginUi {
  /** Module Federation name of the plugin's remote (a JS identifier). */
  remote: string;
  /** Slot -> module the remote exposes (`'./GoalsPanel'`). */
  slots: Partial<Record<SlotName, string>>;
  /** Folder of the built remote, relative to the plugin's package root. Default `ui/dist`. */
  dist?: string;
}

export interface PluginMigrations {
  /** Folder of plain-SQL PostgreSQL migrations, relative to the package root. */
  metadata?: string;
  /** Folder of plain-SQL ClickHouse migrations, relative to the package root. */
  events?: string;
}

/** Minimal structured logger (pino-compatible). */
export interface PluginLogger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** Read access to the instance's sites. */
export interface SiteDirectory {
  findByDomain(domain: string): Promise<SiteRef | null>;
  findById(id: string): Promise<SiteRef | null>;
}

/**
 * Who is calling, as core's auth resolved it: a dashboard session (`user`), an API key
 * (`api_key`, acting for its user within its team and scopes), a shared link (`shared_link`,
 * read-only stats of one site), the instance `ADMIN_TOKEN` (`admin_token`), or nobody.
 */
export interface Principal {
  kind: 'anonymous' | 'user' | 'api_key' | 'shared_link' | 'admin_token';
  user?: { id: string; email: string; isAdmin: boolean };
  apiKey?: { id: string; teamId: string; scopes: string[] };
  sharedLink?: { id: string; siteId: string };
}

/**
 * Route-level authorisation, set as `config: { auth: ... }` on a route (plugins' routes too):
 * - `'public'`: anyone (still CSRF-checked when it changes something);
 * - `'user'`: a signed-in user (session cookie or API key);
 * - `{ action, subject }`: the caller's CASL ability must allow it. The site comes from the
 *   route params (`:domain`, `:site_id`), else `site_id` in the query or JSON body; the team
 *   from `:teamId`, else `team_id` in the query or body. Unknown or invisible sites are 404.
 *
 * Example: `app.get('/api/sites/:domain/goals', { config: { auth: { action: 'read', subject: 'Stats' } } }, handler)`;
 * the handler then finds the site in `request.authorizedSite`.
 */
export type RouteAuth = 'public' | 'user' | { action: string; subject: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** Set by core's auth before the handler of a route with `config.auth`; else anonymous. */
    principal: Principal;
    /** The site the route's `config.auth` was checked against, when it named one. */
    authorizedSite: SiteRef | null;
  }
}

/** Services core registers in the root container that plugins may resolve. */
export interface CoreServices {
  metadataDb: MetadataDb;
  eventStore: EventStore;
  logger: PluginLogger;
  sites: SiteDirectory;
}

/**
 * The plugin's view of the DI container. Registrations made during `register` take effect
 * only if `register` returns without throwing.
 */
export interface PluginContainer {
  register(name: string, resolver: Resolver<unknown>): void;
  register(registrations: Record<string, Resolver<unknown>>): void;
  resolve<K extends keyof CoreServices>(name: K): CoreServices[K];
  resolve<T = unknown>(name: string): T;
  /** The underlying awilix container, for creating scopes in tests or jobs. */
  readonly awilix: AwilixContainer;
}

export type RouteRegistrar = (app: FastifyInstance) => Promise<void> | void;

/** What `register` receives. `register` must not do I/O; do that in `start`. */
export interface PluginApi {
  readonly name: string;
  readonly logger: PluginLogger;
  readonly container: PluginContainer;
  readonly hooks: HookRegistrar;
  /** Metrics, dimensions and filters for the stats API (applied when `register` succeeds). */
  readonly stats: StatsRegistrar;
  /** Adds routes in the plugin's own encapsulated Fastify context. */
  routes(registrar: RouteRegistrar): void;
}

export interface PluginStartContext {
  readonly logger: PluginLogger;
  readonly container: PluginContainer;
}

export interface PluginDefinition {
  /** Lower-case name, unique among loaded plugins: `[a-z][a-z0-9-]*`. */
  name: string;
  /** Semver version of the plugin. */
  version: string;
  /** Semver range of `@qusto/sdk` the plugin was built for. Default: the sdk it was defined with. */
  sdk?: string;
  migrations?: PluginMigrations;
  register(api: PluginApi): void;
  start?(ctx: PluginStartContext): Promise<void> | void;
  stop?(): Promise<void> | void;
  ui?: PluginUi;
}

export const PLUGIN_BRAND = Symbol.for('qusto.plugin');

export interface DefinedPlugin extends PluginDefinition {
  readonly sdk: string;
  readonly [PLUGIN_BRAND]: true;
}

/** Declares a plugin. The default export of a plugin package is the value this returns. */
export function definePlugin(definition: PluginDefinition): DefinedPlugin {
  return { ...definition, sdk: definition.sdk ?? `^${SDK_VERSION}`, [PLUGIN_BRAND]: true };
}

/** Fastify's types, for plugin route code: plugins import only `@qusto/sdk`. */
export type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
