import type { FilterTree, TableAffinity } from '@qusto/sdk';
import { dimensionsUsed } from '../query/filter-tree.ts';
import { isTimeDimension } from '../query/query.ts';
import type { StatsRegistry } from '../registry/stats-registry.ts';

/**
 * Which table answers which metric, after Plausible's TableDecider: one table when possible,
 * events and sessions joined on the dimensions otherwise.
 */

export function metricAffinity(registry: StatsRegistry, metric: string): TableAffinity {
  return registry.metric(metric)?.table ?? 'either';
}

export function dimensionAffinity(registry: StatsRegistry, dimension: string): TableAffinity {
  if (isTimeDimension(dimension)) return 'either';
  return registry.dimension(dimension)?.definition.table ?? registry.filter(dimension)?.definition.table ?? 'either';
}

const only = (names: readonly string[], affinity: (name: string) => TableAffinity, table: TableAffinity) =>
  names.filter((name) => affinity(name) === table);

const quoteList = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

/** Plausible's validate_no_metrics_dimensions_conflict; returns the error message, if any. */
export function metricsDimensionsConflict(registry: StatsRegistry, metrics: readonly string[], dimensions: readonly string[]): string | undefined {
  const metricTable = (m: string) => metricAffinity(registry, m);
  const dimTable = (d: string) => dimensionAffinity(registry, d);
  const sessionMetrics = only(metrics, metricTable, 'sessions');
  const eventMetrics = only(metrics, metricTable, 'events');
  const eventDims = only(dimensions, dimTable, 'events');
  const sessionDims = only(dimensions, dimTable, 'sessions');
  // event:page (with event:hostname) is answered for sessions by their entry page (and hostname).
  if (eventDims.includes('event:page') && eventDims.every((d) => d === 'event:page' || d === 'event:hostname')) return undefined;
  if (sessionMetrics.length > 0 && eventDims.length > 0) {
    return `Session metric(s) ${quoteList(sessionMetrics)} cannot be queried along with event dimension(s) ${quoteList(eventDims)}`;
  }
  if (eventMetrics.length > 0 && sessionDims.length > 0) {
    return `Event metric(s) ${quoteList(eventMetrics)} cannot be queried along with session dimension(s) ${quoteList(sessionDims)}`;
  }
  return undefined;
}

export interface Placement {
  events: string[];
  sessions: string[];
}

/**
 * Splits the aggregate metrics between the tables. `decisive` are all metrics of the query
 * (derived and subquery ones count for the decision but are not placed).
 */
export function placeMetrics(
  registry: StatsRegistry,
  aggregates: readonly string[],
  decisive: readonly string[],
  dimensions: readonly string[],
  filters: readonly FilterTree[],
): Placement {
  const metricTable = (m: string) => metricAffinity(registry, m);
  const dimTable = (d: string) => dimensionAffinity(registry, d);
  const eventMetrics = only(decisive, metricTable, 'events');
  const sessionMetrics = only(decisive, metricTable, 'sessions');
  const filterDims = dimensionsUsed(filters);
  const eventFilters = only(filterDims, dimTable, 'events');
  const sessionFilters = only(filterDims, dimTable, 'sessions');
  const eventDims = only(dimensions, dimTable, 'events');
  const sessionDims = only(dimensions, dimTable, 'sessions');

  const allOn = (table: 'events' | 'sessions'): Placement =>
    table === 'events'
      ? { events: aggregates.filter((m) => metricTable(m) !== 'sessions'), sessions: aggregates.filter((m) => metricTable(m) === 'sessions') }
      : { events: aggregates.filter((m) => metricTable(m) === 'events'), sessions: aggregates.filter((m) => metricTable(m) !== 'events') };

  if (eventMetrics.length === 0 && eventFilters.length === 0 && eventDims.length === 0) return allOn('sessions');
  if (sessionMetrics.length === 0 && sessionFilters.length === 0 && sessionDims.length === 0) return allOn('events');
  if (eventMetrics.length === 0 && eventDims.length === 0) return allOn('sessions');
  if (sessionMetrics.length === 0 && sessionDims.length === 0) return allOn('events');
  // Both tables: "either" metrics go to events.
  return allOn('events');
}
