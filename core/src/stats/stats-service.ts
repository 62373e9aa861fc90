import type { EventStore, SiteDirectory, SiteRef, StatsResult, StatsResultRow } from '@qusto/sdk';
import type { Logger } from 'pino';
import type { HookBus } from '../hooks/hook-bus.ts';
import { ResultCache } from './cache/result-cache.ts';
import { importsOutcome, type ImportsOutcome } from './imports/imports-decision.ts';
import { lastImportedDate } from './imports/last-imported-date.ts';
import { SiteRepository } from '../sites/site-repository.ts';
import { parseQuery, toStatsQuery, type ParseContext } from './query/parse-query.ts';
import { SiteAccessError } from './query/query-error.ts';
import { timeDimensionOf, type Direction, type Query } from './query/query.ts';
import { localDate, type PlainDate } from './query/timezone.ts';
import type { StatsRegistry } from './registry/stats-registry.ts';
import { shapeResult } from './result/shape-result.ts';
import { timeLabels } from './result/time-labels.ts';
import { comparisonQuery, mergeComparison, type MetricValue } from './run/comparisons.ts';
import { runQuery } from './run/query-runner.ts';
import type { RollupCoverage } from './rollups/rollup-coverage.ts';
import type { WrittenActivity } from './rollups/rollup-maintainer.ts';
import type { StatsRollups } from './rollups/stats-rollups.ts';

export interface StatsServiceDeps {
  eventStore: EventStore;
  sites: SiteDirectory;
  hookBus: HookBus;
  statsRegistry: StatsRegistry;
  logger: Logger;
  /** Daily rollups; absent: every query reads raw rows. */
  rollups?: StatsRollups | null;
}

export interface QueryOptions {
  /** v1 endpoints: `realtime`, `30m`, `time:minute`. */
  internal?: boolean;
  relativeDate?: PlainDate;
  /**
   * The site the caller was authorized to read (the route guard's): the query must be about it,
   * also after `stats:query` handlers, and it is not looked up again.
   */
  authorizedSite?: SiteRef | null;
}

const STATS_START_TTL_MS = 5 * 60_000;

/**
 * The stats engine behind `POST /api/v2/query` (and the v1 endpoints): parse -> hook
 * stats:query -> plan -> SQL -> run (+ comparison) -> shape -> hook stats:result.
 */
export class StatsService {
  private readonly deps: StatsServiceDeps;
  readonly cache = new ResultCache();
  /** "Now" for relative date ranges and the cache; tests pin it. */
  clock: () => number = Date.now;
  private readonly statsStarts = new Map<string, { date: PlainDate | null; at: number }>();
  private readonly statsStartLoads = new Map<string, Promise<PlainDate | null>>();

  constructor(deps: StatsServiceDeps) {
    this.deps = deps;
  }

  /**
   * Events were written: cached results and rollups of ranges they change are dropped. An event
   * changes ranges from its visit's start (the visit's totals change) on; without the visit's
   * start, from the event on.
   */
  async noteWritten(written: readonly WrittenActivity[]): Promise<void> {
    const earliest = new Map<string, number>();
    for (const { siteId, at, visitStart } of written) {
      const from = Math.min(at, visitStart ?? at);
      earliest.set(siteId, Math.min(from, earliest.get(siteId) ?? from));
    }
    for (const [siteId, from] of earliest) {
      this.cache.invalidateSiteFrom(siteId, from);
      const start = this.statsStarts.get(siteId);
      // The first day with data moves only for events before it (a local date: allow for the offset).
      if (!start || start.date === null || from < Date.parse(`${start.date}T00:00:00Z`) + 2 * 86_400_000) this.forgetStatsStart(siteId);
    }
    await this.deps.rollups?.noteWritten(written);
  }

  /** Forgets cached results, rollups and the first-data date of a site (its data was deleted). */
  invalidateSite(siteId: string): void {
    this.cache.invalidateSite(siteId);
    this.forgetStatsStart(siteId);
    this.deps.rollups?.forgetSite(siteId);
  }

  /** A lookup under way when this is called is not kept either. */
  private forgetStatsStart(siteId: string): void {
    this.statsStarts.delete(siteId);
    this.statsStartLoads.delete(siteId);
  }

  now(): number {
    return this.clock();
  }

  /** Parses and validates a request body into a Query (throws QueryError for a 400). */
  async parse(body: unknown, options: QueryOptions = {}): Promise<Query> {
    const known = options.authorizedSite;
    const ctx: ParseContext = {
      registry: this.deps.statsRegistry,
      findSite: (domain) =>
        known && SiteRepository.normalizeDomain(domain) === known.domain
          ? Promise.resolve({ id: known.id, domain: known.domain, timezone: known.timezone })
          : this.deps.sites.findByDomain(domain),
      statsStart: (site) => this.statsStart(site),
      now: this.now(),
      ...(options.internal ? { internal: true } : {}),
      ...(options.relativeDate ? { relativeDate: options.relativeDate } : {}),
    };
    let query = await parseQuery(body, ctx);
    if (this.deps.hookBus.has('stats:query')) {
      const before = toStatsQuery(query);
      const after = await this.deps.hookBus.transform('stats:query', structuredClone(before));
      // A handler changed the query: it must be valid on its own.
      if (JSON.stringify(after) !== JSON.stringify(before)) query = await parseQuery(after, ctx);
    }
    if (known && query.site.id !== known.id) throw new SiteAccessError();
    return query;
  }

  /** The whole API call: body in, response body out. */
  async query(body: unknown, options: QueryOptions = {}): Promise<StatsResult> {
    const query = await this.parse(body, options);
    const result = await this.execute(query);
    return this.deps.hookBus.has('stats:result') ? this.deps.hookBus.transform('stats:result', result) : result;
  }

  /** Runs a parsed query (with its comparison), through the result cache when the range is closed. */
  async execute(parsed: Query): Promise<StatsResult> {
    // Imports are written and deleted without a hook: results that may include them are not cached.
    const imports: ImportsOutcome | null = parsed.include.imports ? importsOutcome(parsed, await lastImportedDate(this.deps.eventStore, parsed.site)) : null;
    const query: Query = imports?.included ? { ...parsed, mergeImports: true } : parsed;
    const comparison = query.include.comparisons ? comparisonQuery(query, query.include.comparisons) : null;
    const closed = !imports && query.range.last < query.now && (!comparison || comparison.range.last < query.now);
    const key = closed ? this.cacheKey(query) : null;
    const cached = key ? this.cache.get(key) : undefined;
    if (cached) return cached;

    const { statsRegistry: registry, eventStore } = this.deps;
    const started = performance.now();
    const [coverage, comparisonCoverage] = await Promise.all([this.rollupCoverage(query), comparison ? this.rollupCoverage(comparison) : null]);
    const [main, previous] = await Promise.all([
      runQuery(eventStore, registry, query, { rollups: coverage }),
      comparison ? runQuery(eventStore, registry, comparison, { rollups: comparisonCoverage }) : Promise.resolve(null),
    ]);
    let rows = main.rows;
    if (comparison && previous) {
      const definitions = query.metrics.map((m) => registry.metric(m));
      const emptyMetrics: MetricValue[] = definitions.map((d) => (d?.empty === null ? null : 0));
      const time = timeDimensionOf(query);
      if (time && query.dimensions.length === 1) rows = this.fillTimeBuckets(query, rows, emptyMetrics);
      const labels = timeLabels(query);
      const previousLabels = timeLabels(comparison);
      rows = mergeComparison({
        rows,
        comparisonRows: previous.rows,
        timeIndex: time ? query.dimensions.indexOf(time) : -1,
        timeLookup: new Map(labels.map((label, i) => [label, previousLabels[i]!] as const).filter(([, v]) => v !== undefined)),
        definitions,
        emptyMetrics,
      });
    }
    const result = shapeResult(query, rows, main.totalRows, imports);
    this.deps.logger.debug({ site: query.site.domain, ms: Math.round(performance.now() - started), rows: rows.length }, 'stats query');
    if (key) this.cache.set(key, query.site.id, Math.max(query.range.last, comparison?.range.last ?? 0), result);
    return result;
  }

  /** Rollups never answer queries that merge imported data; a catalog failure means raw rows. */
  private async rollupCoverage(query: Query): Promise<RollupCoverage | null> {
    if (!this.deps.rollups || query.mergeImports) return null;
    try {
      return await this.deps.rollups.coverage(query);
    } catch (err) {
      this.deps.logger.warn({ err, site: query.site.domain }, 'stats rollups unavailable; reading raw events');
      return null;
    }
  }

  /** With comparisons, a timeseries shows every bucket so each has its comparison (Plausible). */
  private fillTimeBuckets(query: Query, rows: StatsResultRow[], empty: MetricValue[]): StatsResultRow[] {
    const present = new Set(rows.map((r) => String(r.dimensions[0])));
    const filled = [...rows];
    for (const label of timeLabels(query)) if (!present.has(label)) filled.push({ dimensions: [label], metrics: [...empty] });
    return filled.sort(rowComparator(query));
  }

  private cacheKey(query: Query): string {
    return JSON.stringify([
      this.deps.statsRegistry.version,
      query.site.id,
      query.timezone,
      query.range,
      query.metrics,
      query.dimensions,
      query.filters,
      query.orderBy,
      query.include,
      query.pagination,
    ]);
  }

  /** First local day with events (for `all`), cached briefly. */
  async statsStart(site: SiteRef): Promise<PlainDate | null> {
    const known = this.statsStarts.get(site.id);
    if (known && this.now() - known.at < STATS_START_TTL_MS) return known.date;
    // Concurrent queries of one dashboard share the lookup.
    const pending = this.statsStartLoads.get(site.id);
    if (pending) return pending;
    const at = this.now();
    // Kept unless data was written or deleted meanwhile (forgetStatsStart dropped the lookup).
    const current = () => this.statsStartLoads.get(site.id) === loading;
    const loading: Promise<PlainDate | null> = this.loadStatsStart(site).then(
      (date) => {
        if (current()) {
          this.statsStarts.set(site.id, { date, at });
          this.statsStartLoads.delete(site.id);
        }
        return date;
      },
      (error: unknown) => {
        if (current()) this.statsStartLoads.delete(site.id);
        throw error;
      },
    );
    this.statsStartLoads.set(site.id, loading);
    return loading;
  }

  private async loadStatsStart(site: SiteRef): Promise<PlainDate | null> {
    // Reads in primary-key order: the first UTC day with data, then its earliest event.
    const rows = await this.deps.eventStore.query<{ first: string | null }>(
      `SELECT toString(min(timestamp)) AS first FROM events
        WHERE site_id = {site:UInt64}
          AND toDate(timestamp) = (SELECT toDate(timestamp) FROM events WHERE site_id = {site:UInt64} ORDER BY toDate(timestamp) LIMIT 1)`,
      { site: site.id },
    );
    const first = rows[0]?.first;
    return first && !first.startsWith('1970') ? localDate(Date.parse(`${first.replace(' ', 'T')}Z`), site.timezone) : null;
  }
}

function rowComparator(query: Query): (a: StatsResultRow, b: StatsResultRow) => number {
  const keys = query.orderBy.map(([name, direction]): [(row: StatsResultRow) => unknown, Direction] => {
    const d = query.dimensions.indexOf(name);
    const m = query.metrics.indexOf(name);
    return [(row) => (d >= 0 ? row.dimensions[d] : row.metrics[m]), direction];
  });
  return (a, b) => {
    for (const [read, direction] of keys) {
      const x = read(a);
      const y = read(b);
      if (x === y) continue;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const order = (x as number | string) < (y as number | string) ? -1 : 1;
      return direction === 'asc' ? order : -order;
    }
    return 0;
  };
}
