import type { FilterTree, SiteRef, StatsQueryView } from '@qusto/sdk';
import type { PlainDate } from './timezone.ts';

export type Direction = 'asc' | 'desc';

export const TIME_DIMENSIONS = ['time', 'time:minute', 'time:hour', 'time:day', 'time:week', 'time:month'] as const;
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];

export const isTimeDimension = (dimension: string): dimension is TimeDimension =>
  (TIME_DIMENSIONS as readonly string[]).includes(dimension);

/** A span of time: UTC epoch milliseconds, both ends inclusive, whole seconds. */
export interface TimeRange {
  first: number;
  last: number;
}

export interface ComparisonOptions {
  mode: 'previous_period' | 'year_over_year' | 'custom';
  /** Only for `custom`. */
  dateRange: { first: PlainDate; last: PlainDate } | null;
  matchDayOfWeek: boolean;
}

export interface QueryInclude {
  imports: boolean;
  timeLabels: boolean;
  totalRows: boolean;
  trimRelativeDateRange: boolean;
  comparisons: ComparisonOptions | null;
}

/** A parsed, validated query: what the planner and SQL builder work from. */
export interface Query {
  site: SiteRef;
  timezone: string;
  /** When the query was parsed; relative ranges resolve against it. */
  now: number;
  range: TimeRange;
  metrics: string[];
  /** Resolved: `time` is already `time:hour` / `time:day` / ... */
  dimensions: string[];
  filters: FilterTree[];
  orderBy: Array<[string, Direction]>;
  include: QueryInclude;
  /** null: every row (comparison and totals queries). */
  pagination: { limit: number; offset: number } | null;
  /**
   * Set by the stats service once it knows the site has imported data for the range and the
   * query can include it: the SQL then merges the matching `imported_*` table.
   */
  mergeImports?: boolean;
}

export const DEFAULT_PAGINATION = { limit: 10_000, offset: 0 };

export function queryView(query: Pick<Query, 'site' | 'timezone' | 'metrics' | 'dimensions' | 'filters'>): StatsQueryView {
  return {
    siteId: query.site.id,
    timezone: query.timezone,
    metrics: query.metrics,
    dimensions: query.dimensions,
    filters: query.filters,
  };
}

export function timeDimensionOf(query: Pick<Query, 'dimensions'>): TimeDimension | undefined {
  return query.dimensions.find(isTimeDimension);
}
