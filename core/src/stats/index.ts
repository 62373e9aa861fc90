/** The stats engine: the only things the rest of core imports from here. */
export { StatsService, type QueryOptions } from './stats-service.ts';
export { StatsRegistry, type StatsDefinitions } from './registry/stats-registry.ts';
export { createCoreStatsRegistry } from './registry/builtins.ts';
export { statsRoutes, type StatsRoutesOptions } from './http/stats-routes.ts';
export { QueryError } from './query/query-error.ts';
export { StatsRollups } from './rollups/stats-rollups.ts';
export type { WrittenActivity } from './rollups/rollup-maintainer.ts';
