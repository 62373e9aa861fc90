/**
 * Builds the Stats API v2 request of every part of the dashboard from the view state: the same
 * state always gives the same body (so identical requests are de-duplicated and cached).
 */
import type { FilterTree, StatsQuery } from '@qusto/sdk';
import { isEventDimension, isIntegerDimension } from './dimensions.ts';
import { comparisonAllowed, dateRangeOf, trimsRange } from './periods.ts';
import type { DashboardFilter, DashboardState, Interval, MetricId } from './state.ts';

/** Dashboard filters as v2 filter trees. `contains` ignores case, as people type it. */
export function apiFilters(filters: DashboardFilter[]): FilterTree[] {
  return filters.map((filter): FilterTree => {
    const values = isIntegerDimension(filter.dimension) && (filter.op === 'is' || filter.op === 'is_not') ? filter.values.map(Number) : filter.values;
    if (filter.op === 'contains' || filter.op === 'contains_not') return [filter.op, filter.dimension, values, { case_sensitive: false }];
    return [filter.op, filter.dimension, values];
  });
}

export const hasPageFilter = (filters: DashboardFilter[]) => filters.some((f) => f.dimension === 'event:page');
export const hasEventFilter = (filters: DashboardFilter[]) => filters.some((f) => isEventDimension(f.dimension));

const DEFAULT_TOP_STATS: MetricId[] = ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'];
/** With a page filter, views per visit cannot be computed; time on page and scroll depth can (Plausible). */
const PAGE_TOP_STATS: MetricId[] = ['visitors', 'visits', 'pageviews', 'bounce_rate', 'time_on_page', 'scroll_depth'];

export const hasGoalFilter = (filters: DashboardFilter[]) => filters.some((f) => f.dimension === 'event:goal');
/** With a goal filter the top stats are conversions: unique, total and the rate (Plausible). */
const GOAL_TOP_STATS: MetricId[] = ['visitors', 'events', 'conversion_rate'];

export function topStatsMetrics(filters: DashboardFilter[]): MetricId[] {
  if (hasGoalFilter(filters)) return GOAL_TOP_STATS;
  return hasPageFilter(filters) ? PAGE_TOP_STATS : DEFAULT_TOP_STATS;
}

/** Metrics the realtime view shows over its 30-minute window (current visitors come from v1). */
export const REALTIME_METRICS: MetricId[] = ['visitors', 'pageviews'];

/** The metric the graph shows: the selected one if the current view can chart it. */
export function graphMetric(state: Pick<DashboardState, 'metric' | 'filters' | 'period'>): MetricId {
  const available = state.period === 'realtime' ? REALTIME_METRICS : topStatsMetrics(state.filters);
  return available.includes(state.metric) ? state.metric : 'visitors';
}

type Include = NonNullable<StatsQuery['include']>;

function comparisons(state: DashboardState): Include['comparisons'] | undefined {
  if (state.compare === 'off' || !comparisonAllowed(state.period)) return undefined;
  return state.matchDayOfWeek ? { mode: state.compare, match_day_of_week: true } : { mode: state.compare };
}

function base(siteId: string, state: DashboardState, metrics: string[], now: number | undefined): StatsQuery {
  const query: StatsQuery = { site_id: siteId, metrics, date_range: dateRangeOf(state, now) };
  const filters = apiFilters(state.filters);
  if (filters.length > 0) query.filters = filters;
  return query;
}

function include(state: DashboardState, extra: Include, withComparison: boolean): Include | undefined {
  const result: Include = { ...extra };
  const compare = withComparison ? comparisons(state) : undefined;
  if (compare) result.comparisons = compare;
  if (trimsRange(state.period)) result.trim_relative_date_range = true;
  return Object.keys(result).length > 0 ? result : undefined;
}

function withInclude(query: StatsQuery, value: Include | undefined): StatsQuery {
  if (value) query.include = value;
  return query;
}

/** Top stats: one aggregate row with the comparison period's values and changes. */
export function topStatsQuery(siteId: string, state: DashboardState, now?: number): StatsQuery {
  const metrics = state.period === 'realtime' ? REALTIME_METRICS : topStatsMetrics(state.filters);
  return withInclude(base(siteId, state, metrics, now), include(state, {}, true));
}

/** The main graph: the metric by time bucket, every bucket labelled, with the comparison series. */
export function graphQuery(siteId: string, state: DashboardState, interval: Exclude<Interval, 'minute'>, now?: number): StatsQuery {
  // Over time, the conversion rate of each bucket is its own visitors over that bucket's.
  const metric = graphMetric(state);
  const query = base(siteId, state, [metric === 'conversion_rate' ? 'group_conversion_rate' : metric], now);
  query.dimensions = [`time:${interval}`];
  return withInclude(query, include(state, { time_labels: true }, true));
}

/** v1 filter syntax (`visit:source==Google|Bing;event:page~blog`), for the per-minute graph. */
export function v1Filters(filters: DashboardFilter[]): string {
  const token = { is: '==', is_not: '!=', contains: '~', contains_not: '!~' } as const;
  return filters.map((f) => `${f.dimension}${token[f.op]}${f.values.map((v) => v.replace(/\|/g, '\\|')).join('|')}`).join(';');
}

/**
 * Per-minute series (v2 has no `time:minute`): Plausible's v1 timeseries. `date` is the local day
 * for `day`/`yesterday`; realtime is the last 30 minutes.
 */
export function minuteGraphPath(siteId: string, state: DashboardState, date: string | null): string {
  const params = new URLSearchParams({ site_id: siteId });
  if (state.period === 'realtime') params.set('period', '30m');
  else {
    params.set('period', 'day');
    if (date) params.set('date', date);
  }
  params.set('interval', 'minute');
  params.set('metrics', graphMetric(state));
  const filters = v1Filters(state.filters);
  if (filters) params.set('filters', filters);
  return `/api/v1/stats/timeseries?${params.toString()}`;
}

export function currentVisitorsPath(siteId: string): string {
  return `/api/v1/stats/realtime/visitors?site_id=${encodeURIComponent(siteId)}`;
}

export interface BreakdownSpec {
  dimensions: string[];
  metrics: string[];
  /** Filters that belong to the report itself (e.g. leave out unknown countries). */
  extraFilters?: FilterTree[];
  orderBy?: Array<[string, 'asc' | 'desc']>;
  limit: number;
  offset?: number;
  /** Substring search (case-insensitive) on this dimension. */
  search?: { dimension: string; text: string } | null;
  /** Include the comparison period (when the view compares). */
  compare?: boolean;
}

/** A panel or details view: rows by dimension, paginated, with the total row count. */
export function breakdownQuery(siteId: string, state: DashboardState, spec: BreakdownSpec, now?: number): StatsQuery {
  const query = base(siteId, state, spec.metrics, now);
  const filters: FilterTree[] = [...(query.filters ?? []), ...(spec.extraFilters ?? [])];
  const text = spec.search?.text.trim();
  if (spec.search && text) filters.push(['contains', spec.search.dimension, [text], { case_sensitive: false }]);
  if (filters.length > 0) query.filters = filters;
  else delete query.filters;
  query.dimensions = spec.dimensions;
  query.order_by = spec.orderBy ?? [[spec.metrics[0]!, 'desc']];
  query.pagination = { limit: spec.limit, offset: spec.offset ?? 0 };
  return withInclude(query, include(state, { total_rows: true }, spec.compare ?? false));
}

/**
 * Values of a dimension that contain `text`, most visitors first (filter editor suggestions),
 * under the other filters of the view (not the one being edited).
 */
export function suggestionQuery(
  siteId: string,
  state: DashboardState,
  spec: { dimension: string; dimensions?: string[]; searchDimension?: string; text: string },
  now?: number,
): StatsQuery {
  const others = { ...state, filters: state.filters.filter((f) => f.dimension !== spec.dimension) };
  const dimensions = spec.dimensions ?? [spec.dimension];
  return breakdownQuery(siteId, others, { dimensions, metrics: ['visitors'], limit: 10, search: { dimension: spec.searchDimension ?? spec.dimension, text: spec.text } }, now);
}

/** Whether the site has ever received an event (drives the "install the snippet" empty state). */
export function anyDataQuery(siteId: string): StatsQuery {
  return { site_id: siteId, metrics: ['visitors'], date_range: 'all' };
}
