import type { FilterTree, SiteRef, StatsResultRow } from '@qusto/sdk';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { legacyInterval, legacyMetrics, legacyPeriod, legacyPropertyKey } from '../legacy/legacy-params.ts';
import { parseLegacyFilters } from '../legacy/legacy-filters.ts';
import { QueryError } from '../query/query-error.ts';
import type { StatsService } from '../stats-service.ts';

interface LegacyQuerystring {
  site_id?: string;
  period?: string;
  date?: string;
  metrics?: string;
  filters?: string;
  compare?: string;
  interval?: string;
  property?: string;
  limit?: string;
  page?: string;
  with_imported?: string;
}

type Metrics = Record<string, number | null>;

const positiveInt = (raw: string | undefined, name: string, fallback: number, max: number): number => {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new QueryError(`Error parsing \`${name}\` parameter: must be a positive integer.`);
  return Math.min(Number(raw), max);
};

const requireSite = (siteId: string | undefined): string => {
  if (!siteId) throw new QueryError('Missing site ID. Please provide the required site_id parameter with your request.');
  return siteId;
};

const metricsOf = (names: string[], row: StatsResultRow | undefined): Metrics =>
  Object.fromEntries(names.map((name, i) => [name, (row?.metrics[i] as number | null | undefined) ?? 0]));

/**
 * Plausible's v1 stats endpoints, answered by the v2 engine: realtime visitors, aggregate,
 * timeseries and breakdown, with v1 parameters and response shapes.
 */
export const legacyRoutes: FastifyPluginAsync<{ stats: StatsService }> = async (app, { stats }) => {
  const base = (request: FastifyRequest, q: LegacyQuerystring, filters: FilterTree[] = parseLegacyFilters(q.filters)) => {
    const period = legacyPeriod(q.period, q.date);
    return {
      body: { site_id: requireSite(q.site_id), date_range: period.dateRange, filters, include: q.with_imported === 'true' ? { imports: true } : {} },
      options: { internal: true, authorizedSite: request.authorizedSite as SiteRef | null, ...(period.relativeDate ? { relativeDate: period.relativeDate } : {}) },
      period: q.period,
    };
  };

  app.get<{ Querystring: LegacyQuerystring }>('/api/v1/stats/realtime/visitors', async (request) => {
    const siteId = requireSite(request.query.site_id);
    // Visitors with a non-engagement event in the last 5 minutes; filters are ignored.
    const result = await stats.query(
      { site_id: siteId, metrics: ['visitors'], date_range: 'realtime', filters: [['is_not', 'event:name', ['engagement']]] },
      { internal: true, authorizedSite: request.authorizedSite as SiteRef | null },
    );
    return (result.results[0]?.metrics[0] as number | undefined) ?? 0;
  });

  app.get<{ Querystring: LegacyQuerystring }>('/api/v1/stats/aggregate', async (request) => {
    const q = request.query;
    const { body, options } = base(request, q);
    const metrics = legacyMetrics(q.metrics);
    const compare = q.compare === 'previous_period' ? { comparisons: { mode: 'previous_period' } } : {};
    const result = await stats.query({ ...body, metrics, include: { ...body.include, ...compare } }, options);
    const row = result.results[0];
    const results = Object.fromEntries(
      metrics.map((metric, i) => {
        const value = (row?.metrics[i] as number | null | undefined) ?? 0;
        if (!row?.comparison) return [metric, { value }];
        return [metric, { value, change: row.comparison.change[i] ?? null }];
      }),
    );
    return { results };
  });

  app.get<{ Querystring: LegacyQuerystring }>('/api/v1/stats/timeseries', async (request) => {
    const q = request.query;
    const { body, options } = base(request, q);
    const metrics = legacyMetrics(q.metrics);
    const time = legacyInterval(q.interval, q.period);
    const result = await stats.query({ ...body, metrics, dimensions: [time], include: { ...body.include, time_labels: true } }, options);
    // v1 returns every bucket, zero-filled.
    const byLabel = new Map(result.results.map((row) => [String(row.dimensions[0]), row] as const));
    const labels = (result.meta.time_labels as string[] | undefined) ?? [];
    return { results: labels.map((label) => ({ date: label, ...metricsOf(metrics, byLabel.get(label)) })) };
  });

  app.get<{ Querystring: LegacyQuerystring }>('/api/v1/stats/breakdown', async (request) => {
    const q = request.query;
    if (!q.property) throw new QueryError('The `property` parameter is required for breakdown.');
    const { body, options } = base(request, q);
    const metrics = legacyMetrics(q.metrics);
    const limit = positiveInt(q.limit, 'limit', 100, 1000);
    const page = positiveInt(q.page, 'page', 1, 1_000_000);
    const result = await stats.query({ ...body, metrics, dimensions: [q.property], pagination: { limit, offset: (page - 1) * limit } }, options);
    const key = legacyPropertyKey(q.property);
    return { results: result.results.map((row) => ({ [key]: row.dimensions[0], ...metricsOf(metrics, row) })) };
  });
};
