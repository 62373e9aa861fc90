import type { SiteRef, StatsQuery } from '@qusto/sdk';
import type { StatsRegistry } from '../registry/stats-registry.ts';
import { resolveDateRange } from './date-range.ts';
import { inspectValue } from './elixir-inspect.ts';
import { parseFilters } from './parse-filters.ts';
import { QueryError, SiteAccessError } from './query-error.ts';
import { DEFAULT_PAGINATION, isTimeDimension, type ComparisonOptions, type Direction, type Query, type TimeRange } from './query.ts';
import { checkQueryRequest } from './request-schema.ts';
import { isPlainDate, isValidTimezone, toIsoWithOffset, type PlainDate } from './timezone.ts';
import { validateQuery } from './validate-query.ts';

export interface ParseContext {
  registry: StatsRegistry;
  findSite(domain: string): Promise<SiteRef | null>;
  /** First day with data, for `all` (only asked when needed). */
  statsStart(site: SiteRef): Promise<PlainDate | null>;
  now: number;
  /** Internal callers (v1 endpoints): `time:minute`, `realtime`, `30m`. */
  internal?: boolean;
  /** v1 `date`: the day relative ranges count back from. */
  relativeDate?: PlainDate;
}

/** `time` resolves by the span: ≤ 48 h hours, ≤ 40 days days, ≤ 52 weeks weeks, else months. */
export function resolveTimeDimension(range: TimeRange): string {
  const seconds = (range.last - range.first) / 1000;
  if (Math.floor(seconds / 3600) <= 48) return 'time:hour';
  const days = Math.floor(seconds / 86_400);
  if (days <= 40) return 'time:day';
  if (Math.floor(days / 7) <= 52) return 'time:week';
  return 'time:month';
}

/** schema check -> names against the registries -> date range in the site's zone -> defaults -> validation. */
export async function parseQuery(body: unknown, ctx: ParseContext): Promise<Query> {
  const request = checkQueryRequest(body);
  const { registry } = ctx;

  const site = await ctx.findSite(request.site_id);
  if (!site) throw new SiteAccessError();
  const timezone = site.timezone;
  if (!isValidTimezone(timezone)) throw new QueryError(`The site's time zone ${inspectValue(timezone)} is not an IANA time zone.`);

  request.metrics.forEach((metric, index) => {
    if (!registry.metric(metric)) throw new QueryError(`#/metrics/${index}: Invalid metric ${inspectValue(metric)}`);
  });
  const requestedDimensions = request.dimensions ?? [];
  requestedDimensions.forEach((dimension, index) => {
    const time = isTimeDimension(dimension) && (dimension !== 'time:minute' || ctx.internal);
    const known = registry.dimension(dimension);
    if (!time && (!known || known.definition.groupable === false)) {
      throw new QueryError(`#/dimensions/${index}: Invalid dimension ${inspectValue(dimension)}`);
    }
  });
  const filters = parseFilters(request.filters ?? [], registry);

  const include = request.include ?? {};
  const needsStart = request.date_range === 'all';
  const range = resolveDateRange(request.date_range, {
    timezone,
    now: ctx.now,
    statsStart: needsStart ? await ctx.statsStart(site) : null,
    trim: include.trim_relative_date_range === true,
    internal: ctx.internal === true,
    ...(ctx.relativeDate ? { relativeDate: ctx.relativeDate } : {}),
  });

  const timeDimension = resolveTimeDimension(range);
  const dimensions = requestedDimensions.map((d) => (d === 'time' ? timeDimension : d));
  if (new Set(dimensions).size !== dimensions.length) throw new QueryError('#/dimensions: Expected items to be unique but they were not.');

  let comparisons: ComparisonOptions | null = null;
  if (include.comparisons) {
    const c = include.comparisons;
    const customRange = c.date_range;
    if ((c.mode === 'custom') !== (customRange !== undefined) || (customRange && !customRange.every(isPlainDate))) {
      throw new QueryError('#/include/comparisons: Expected exactly one of the schemata to match, but none of them did.');
    }
    comparisons = {
      mode: c.mode,
      dateRange: customRange ? { first: customRange[0], last: customRange[1] } : null,
      matchDayOfWeek: c.match_day_of_week === true,
    };
  }

  const metrics = [...request.metrics];
  const orderBy: Array<[string, Direction]> = [];
  for (const [value, direction] of request.order_by ?? []) {
    const target = value === 'time' ? dimensions.find(isTimeDimension) ?? value : value;
    if (!metrics.includes(target) && !dimensions.includes(target)) {
      throw new QueryError(`Invalid order_by entry '{${inspectValue(value)}, :${direction}}'. Entry is not a queried metric or dimension.`);
    }
    orderBy.push([target, direction]);
  }
  if (!request.order_by) {
    const time = dimensions.find(isTimeDimension);
    if (time) orderBy.push([time, 'asc']);
    orderBy.push([metrics[0]!, 'desc']);
  }

  const query: Query = {
    site,
    timezone,
    now: ctx.now,
    range,
    metrics,
    dimensions,
    filters,
    orderBy,
    include: {
      imports: include.imports === true,
      timeLabels: include.time_labels === true,
      totalRows: include.total_rows === true,
      trimRelativeDateRange: include.trim_relative_date_range === true,
      comparisons,
    },
    pagination: { limit: request.pagination?.limit ?? DEFAULT_PAGINATION.limit, offset: request.pagination?.offset ?? DEFAULT_PAGINATION.offset },
  };
  validateQuery(query, registry);
  return query;
}

/** The query as the API echoes it (and as `stats:query` handlers see it): defaults filled in. */
export function toStatsQuery(query: Query): StatsQuery {
  const include: NonNullable<StatsQuery['include']> = {};
  if (query.include.imports) include.imports = true;
  if (query.include.timeLabels) include.time_labels = true;
  if (query.include.totalRows) include.total_rows = true;
  if (query.include.trimRelativeDateRange) include.trim_relative_date_range = true;
  const c = query.include.comparisons;
  if (c) {
    include.comparisons = {
      mode: c.mode,
      ...(c.dateRange ? { date_range: [c.dateRange.first, c.dateRange.last] } : {}),
      ...(c.matchDayOfWeek ? { match_day_of_week: true } : {}),
    };
  }
  return {
    site_id: query.site.domain,
    metrics: [...query.metrics],
    date_range: [toIsoWithOffset(query.range.first, query.timezone), toIsoWithOffset(query.range.last, query.timezone)],
    filters: structuredClone(query.filters),
    dimensions: [...query.dimensions],
    order_by: query.orderBy.map(([v, d]) => [v, d] as [string, Direction]),
    include,
    pagination: { ...(query.pagination ?? DEFAULT_PAGINATION) },
  };
}
