import type { FilterTree, MetricDefinition, StatsQueryView, StatsTable, TotalSpec } from '@qusto/sdk';
import { QueryError } from '../query/query-error.ts';
import { renameDimensions, topLevelLeaves } from '../query/filter-tree.ts';
import { queryView, type Query } from '../query/query.ts';
import type { StatsRegistry } from '../registry/stats-registry.ts';
import { placeMetrics } from './table-decider.ts';

/** What one table computes: its metrics, grouped by its (possibly renamed) dimensions. */
export interface TablePlan {
  table: StatsTable;
  metrics: string[];
  dimensions: string[];
  filters: FilterTree[];
  view: StatsQueryView;
}

export interface TotalPlan {
  /** Position in the query's list of totals (`ctx.total(i)` of the owning metric maps to it). */
  metric: string;
  index: number;
  spec: TotalSpec;
  /** The totals query: same site and range, the spec's metric, filters and dimensions. */
  query: Query;
  grouped: boolean;
}

export interface QueryPlan {
  query: Query;
  /** Every metric computed: requested ones first, then hidden dependencies. */
  metrics: string[];
  events: TablePlan | null;
  sessions: TablePlan | null;
  subqueries: string[];
  /** Derived metrics, dependencies first. */
  derived: string[];
  totals: TotalPlan[];
}

/** event:hostname filters also restrict the visit-level hostname for visit dimensions (Plausible). */
const HOSTNAME_FOR_DIMENSION: Record<string, string> = {
  'visit:source': 'visit:entry_page_hostname',
  'visit:entry_page': 'visit:entry_page_hostname',
  'visit:utm_medium': 'visit:entry_page_hostname',
  'visit:utm_source': 'visit:entry_page_hostname',
  'visit:utm_campaign': 'visit:entry_page_hostname',
  'visit:utm_content': 'visit:entry_page_hostname',
  'visit:utm_term': 'visit:entry_page_hostname',
  'visit:referrer': 'visit:entry_page_hostname',
  'visit:exit_page': 'visit:exit_page_hostname',
};

export function extendHostnameFilters(query: Query): FilterTree[] {
  const hostnameFilters = topLevelLeaves(query.filters, 'event:hostname');
  if (hostnameFilters.length === 0) return query.filters;
  const extra: FilterTree[] = [];
  for (const dimension of query.dimensions) {
    const target = HOSTNAME_FOR_DIMENSION[dimension];
    if (!target) continue;
    for (const leaf of hostnameFilters) extra.push(renameDimensions([leaf], { 'event:hostname': target })[0]!);
  }
  return [...query.filters, ...extra];
}

function definition(registry: StatsRegistry, name: string): MetricDefinition {
  const found = registry.metric(name);
  if (!found) throw new QueryError(`Invalid metric "${name}"`);
  return found;
}

/** Requested metrics plus what derived ones depend on, with derived metrics ordered after their inputs. */
function collectMetrics(registry: StatsRegistry, requested: readonly string[]): { all: string[]; derived: string[] } {
  const all = [...requested];
  const derived: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    const def = definition(registry, name);
    if (!all.includes(name)) all.push(name);
    if (def.compute.kind !== 'derived' || derived.includes(name)) return;
    if (visiting.has(name)) throw new QueryError(`Metric \`${name}\` depends on itself.`);
    visiting.add(name);
    for (const dependency of def.compute.dependsOn) visit(dependency);
    visiting.delete(name);
    derived.push(name);
  };
  for (const name of requested) visit(name);
  return { all, derived };
}

function totalsQuery(query: Query, spec: TotalSpec): { query: Query; grouped: boolean } {
  const mapping = spec.dimensions ?? 'none';
  const dimensions = mapping === 'none' ? [] : mapping === 'same' ? [...query.dimensions] : query.dimensions.map((d) => mapping[d] ?? d);
  return {
    grouped: dimensions.length > 0,
    query: {
      ...query,
      metrics: [spec.metric],
      dimensions,
      filters: spec.filters ? spec.filters(query.filters) : query.filters,
      orderBy: [],
      pagination: null,
      include: { ...query.include, comparisons: null, totalRows: false, timeLabels: false },
    },
  };
}

/** Decides tables, hidden metrics and totals for a query. */
export function planQuery(query: Query, registry: StatsRegistry): QueryPlan {
  const filters = extendHostnameFilters(query);
  const planned: Query = filters === query.filters ? query : { ...query, filters };
  const { all, derived } = collectMetrics(registry, planned.metrics);
  const aggregates = all.filter((m) => definition(registry, m).compute.kind === 'aggregate');
  const subqueries = all.filter((m) => definition(registry, m).compute.kind === 'subquery');
  const placement = placeMetrics(registry, aggregates, all, planned.dimensions, planned.filters);

  const events: TablePlan | null =
    placement.events.length > 0
      ? { table: 'events', metrics: placement.events, dimensions: planned.dimensions, filters: planned.filters, view: queryView(planned) }
      : null;

  let sessions: TablePlan | null = null;
  if (placement.sessions.length > 0) {
    // Visits are grouped by where they entered when the query groups by page (and hostname).
    const renames: Record<string, string> = planned.dimensions.includes('event:page')
      ? { 'event:page': 'visit:entry_page', 'event:hostname': 'visit:entry_page_hostname' }
      : {};
    const dimensions = planned.dimensions.map((d) => renames[d] ?? d);
    const sessionFilters = Object.keys(renames).length > 0 ? renameDimensions(planned.filters, renames) : planned.filters;
    sessions = {
      table: 'sessions',
      metrics: placement.sessions,
      dimensions,
      filters: sessionFilters,
      view: queryView({ ...planned, dimensions, filters: sessionFilters }),
    };
  }

  const totals: TotalPlan[] = [];
  for (const name of derived) {
    const compute = definition(registry, name).compute;
    if (compute.kind !== 'derived') continue;
    (compute.totals ?? []).forEach((spec, index) => {
      const built = totalsQuery(planned, spec);
      totals.push({ metric: name, index, spec, query: built.query, grouped: built.grouped });
    });
  }

  return { query: planned, metrics: all, events, sessions, subqueries, derived, totals };
}
