/**
 * The dashboard's whole view state, kept in the URL so that links, reloads and back/forward
 * restore it exactly:
 *
 *   ?period=7d&compare=previous_period&interval=day&metric=pageviews&f=is,source,Google&f=contains,page,/blog
 *
 * Defaults are left out of the URL. Filter values escape `\` and `,` with a backslash.
 */
import { dimensionFromShort, dimensionInfo } from './dimensions.ts';

export const PERIOD_IDS = ['day', 'yesterday', 'realtime', '24h', '7d', '28d', '30d', '91d', 'month', 'last_month', 'year', '6mo', '12mo', 'all', 'custom'] as const;
export type PeriodId = (typeof PERIOD_IDS)[number];

export const INTERVALS = ['minute', 'hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export const COMPARE_MODES = ['off', 'previous_period', 'year_over_year'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

export const METRIC_IDS = ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration', 'time_on_page', 'scroll_depth', 'events', 'conversion_rate'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export const FILTER_OPS = ['is', 'is_not', 'contains', 'contains_not'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface DashboardFilter {
  op: FilterOp;
  /** Stats API v2 dimension: `visit:source`, `event:props:plan`. */
  dimension: string;
  /** Any of these (OR); never empty. */
  values: string[];
}

export interface DashboardState {
  period: PeriodId;
  /** Custom range, inclusive `YYYY-MM-DD` (only with period `custom`). */
  from: string | null;
  to: string | null;
  compare: CompareMode;
  /** Comparison shifted to start on the same weekday (Plausible's default is exact dates). */
  matchDayOfWeek: boolean;
  /** null: the period's default interval. */
  interval: Interval | null;
  metric: MetricId;
  filters: DashboardFilter[];
}

export const DEFAULT_PERIOD: PeriodId = '28d';

export const DEFAULT_STATE: DashboardState = {
  period: DEFAULT_PERIOD,
  from: null,
  to: null,
  compare: 'off',
  matchDayOfWeek: false,
  interval: null,
  metric: 'visitors',
  filters: [],
};

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T => value !== null && (list as readonly string[]).includes(value);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export function isIsoDate(value: string | null): value is string {
  if (value === null || !DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Splits on unescaped commas and unescapes `\,` and `\\`. */
export function splitEscaped(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      current += text[i + 1];
      i++;
    } else if (ch === ',') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export const escapeValue = (value: string): string => value.replace(/\\/g, '\\\\').replace(/,/g, '\\,');

/** `is,source,Google,Bing` -> filter; null when it is not one the dashboard understands. */
export function parseFilter(text: string): DashboardFilter | null {
  const [op, short, ...rest] = splitEscaped(text);
  if (!op || !isOneOf(FILTER_OPS, op) || short === undefined) return null;
  const dimension = dimensionFromShort(short);
  if (!dimension) return null;
  const values = [...new Set(rest.filter((value) => value !== ''))];
  if (values.length === 0) return null;
  if (dimension === 'visit:city' && (op === 'is' || op === 'is_not') && !values.every((v) => /^\d+$/.test(v))) return null;
  return { op, dimension, values };
}

export function serializeFilter(filter: DashboardFilter): string {
  const short = dimensionInfo(filter.dimension)?.short ?? filter.dimension;
  // Property keys may contain commas too.
  return [filter.op, escapeValue(short), ...filter.values.map(escapeValue)].join(',');
}

/** Reads the state from a query string (`?a=b` or `a=b`); anything invalid falls back to the default. */
export function parseState(search: string): DashboardState {
  const params = new URLSearchParams(search);
  const state: DashboardState = { ...DEFAULT_STATE, filters: [] };

  const period = params.get('period');
  if (isOneOf(PERIOD_IDS, period)) state.period = period;
  if (state.period === 'custom') {
    const from = params.get('from');
    const to = params.get('to');
    if (isIsoDate(from) && isIsoDate(to)) {
      [state.from, state.to] = from <= to ? [from, to] : [to, from];
    } else state.period = DEFAULT_PERIOD;
  }

  const compare = params.get('compare');
  if (isOneOf(COMPARE_MODES, compare)) state.compare = compare;
  state.matchDayOfWeek = params.get('match_day_of_week') === 'true';

  const interval = params.get('interval');
  if (isOneOf(INTERVALS, interval)) state.interval = interval;

  const metric = params.get('metric');
  if (isOneOf(METRIC_IDS, metric)) state.metric = metric;

  const seen = new Set<string>();
  for (const raw of params.getAll('f')) {
    const filter = parseFilter(raw);
    // One filter per dimension (the editor and row clicks replace it): the first one wins.
    if (!filter || seen.has(filter.dimension)) continue;
    seen.add(filter.dimension);
    state.filters.push(filter);
  }
  return state;
}

/** The query string for a state (without `?`), defaults left out, keys in a fixed order. */
export function serializeState(state: DashboardState): string {
  const params = new URLSearchParams();
  if (state.period !== DEFAULT_PERIOD) params.set('period', state.period);
  if (state.period === 'custom' && state.from && state.to) {
    params.set('from', state.from);
    params.set('to', state.to);
  }
  if (state.compare !== 'off') params.set('compare', state.compare);
  if (state.compare !== 'off' && state.matchDayOfWeek) params.set('match_day_of_week', 'true');
  if (state.interval) params.set('interval', state.interval);
  if (state.metric !== 'visitors') params.set('metric', state.metric);
  for (const filter of state.filters) params.append('f', serializeFilter(filter));
  // Commas and colons read better unescaped, and are safe in a query string.
  return params.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

/** Adds or replaces the filter on `filter.dimension`. */
export function withFilter(filters: DashboardFilter[], filter: DashboardFilter): DashboardFilter[] {
  const index = filters.findIndex((f) => f.dimension === filter.dimension);
  if (index === -1) return [...filters, filter];
  return filters.map((f, i) => (i === index ? filter : f));
}

export function withoutFilter(filters: DashboardFilter[], dimension: string): DashboardFilter[] {
  return filters.filter((f) => f.dimension !== dimension);
}

export function filterOn(filters: DashboardFilter[], dimension: string): DashboardFilter | undefined {
  return filters.find((f) => f.dimension === dimension);
}

/** The single value of an `is` filter on `dimension` (drill-down: source -> referrers). */
export function singleIsValue(filters: DashboardFilter[], dimension: string): string | null {
  const filter = filterOn(filters, dimension);
  return filter && filter.op === 'is' && filter.values.length === 1 ? filter.values[0]! : null;
}
