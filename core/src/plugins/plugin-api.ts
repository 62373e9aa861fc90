import type {
  DimensionDefinition,
  FilterDefinition,
  HookHandler,
  HookName,
  HookOptions,
  MetricDefinition,
  PluginApi,
  PluginContainer,
  RouteRegistrar,
} from '@qusto/sdk';
import type { AwilixContainer, Resolver } from 'awilix';
import type { Logger } from 'pino';

/** What a plugin's `register` asked for; applied only when `register` returned cleanly. */
export interface StagedRegistrations {
  services: Array<[string, Resolver<unknown>]>;
  hooks: Array<{ hook: HookName; handler: HookHandler<HookName>; options: HookOptions | undefined }>;
  routes: RouteRegistrar[];
  stats: { metrics: MetricDefinition[]; dimensions: DimensionDefinition[]; filters: FilterDefinition[] };
}

export function createPluginContainer(
  root: AwilixContainer,
  staged?: StagedRegistrations,
): PluginContainer {
  const register = (nameOrMap: string | Record<string, Resolver<unknown>>, resolver?: Resolver<unknown>) => {
    if (!staged) throw new Error('services can only be registered during register()');
    const entries = typeof nameOrMap === 'string' ? [[nameOrMap, resolver] as const] : Object.entries(nameOrMap);
    for (const [name, value] of entries) {
      if (!value) throw new Error(`no resolver given for service "${name}"`);
      staged.services.push([name, value]);
    }
  };
  return {
    register: register as PluginContainer['register'],
    resolve: ((name: string) => root.resolve(name)) as PluginContainer['resolve'],
    awilix: root,
  };
}

/** Builds the `api` a plugin's register() receives; everything it does is staged. */
export function createPluginApi(name: string, logger: Logger, root: AwilixContainer): { api: PluginApi; staged: StagedRegistrations } {
  const staged: StagedRegistrations = { services: [], hooks: [], routes: [], stats: { metrics: [], dimensions: [], filters: [] } };
  const api: PluginApi = {
    name,
    logger,
    container: createPluginContainer(root, staged),
    hooks: {
      on(hook, handler, options) {
        staged.hooks.push({ hook, handler: handler as HookHandler<HookName>, options });
      },
    },
    routes(registrar) {
      if (typeof registrar !== 'function') throw new Error('routes() takes a function (app) => {...}');
      staged.routes.push(registrar);
    },
    stats: {
      defineMetric: (definition) => void staged.stats.metrics.push(definition),
      defineDimension: (definition) => void staged.stats.dimensions.push(definition),
      defineFilter: (definition) => void staged.stats.filters.push(definition),
    },
  };
  return { api, staged };
}
