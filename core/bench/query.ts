/**
 * `npm run bench:query`: the stats engine on embedded chDB with realistic data. Writes
 * BENCH_EVENTS events (default 10M) over 30 days for one site among 100, then times the dashboard
 * set (top stats with comparison, main graph, 6 breakdowns; run in parallel as the dashboard
 * does) and 20 typical API queries: p50/p95 through the engine, the same SQL run raw through the
 * EventStore (the engine's overhead), the SQL the engine would run without rollups (events only),
 * and bytes on disk per event. Closed days are rolled up first, as the server does in the
 * background. Prints figures; not a test.
 *
 * BENCH_EVENTS, BENCH_RUNS (default 15), BENCH_DATA_DIR (reuse a generated data dir).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config/load-config.ts';
import type { Query } from '../src/stats/query/query.ts';
import { comparisonQuery } from '../src/stats/run/comparisons.ts';
import { buildQuerySql } from '../src/stats/sql/build-query-sql.ts';
import { BatchWriter, generateSite } from './query-data.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SITES = 100;
const DAYS = 30;
const OTHER_SITE_EVENTS = Number(process.env.BENCH_OTHER_SITE_EVENTS ?? 5000);
const DOMAIN = 'bench0.example';

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const NOW = today + 12 * 3_600_000;

type Body = Record<string, unknown>;
const q = (body: Body): Body => ({ site_id: DOMAIN, date_range: '30d', ...body });

const DASHBOARD: Array<[string, Body]> = [
  ['top stats + comparison', q({ metrics: ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'], include: { comparisons: { mode: 'previous_period' } } })],
  ['main graph (visitors/day)', q({ metrics: ['visitors'], dimensions: ['time:day'], include: { time_labels: true } })],
  ['sources', q({ metrics: ['visitors'], dimensions: ['visit:source'], pagination: { limit: 9 } })],
  ['top pages', q({ metrics: ['visitors'], dimensions: ['event:page'], pagination: { limit: 9 } })],
  ['entry pages', q({ metrics: ['visitors'], dimensions: ['visit:entry_page'], pagination: { limit: 9 } })],
  ['countries', q({ metrics: ['visitors', 'percentage'], dimensions: ['visit:country'], pagination: { limit: 9 } })],
  ['devices', q({ metrics: ['visitors', 'percentage'], dimensions: ['visit:device'], pagination: { limit: 9 } })],
  ['browsers', q({ metrics: ['visitors', 'percentage'], dimensions: ['visit:browser'], pagination: { limit: 9 } })],
];

const API: Array<[string, Body]> = [
  ['aggregate 7d', q({ metrics: ['visitors', 'pageviews', 'bounce_rate'], date_range: '7d' })],
  ['visitors by hour, one day', q({ metrics: ['visitors', 'pageviews'], date_range: [isoDate(today - DAY), isoDate(today - DAY)], dimensions: ['time:hour'] })],
  ['visits by hour (smeared)', q({ metrics: ['visitors', 'visits'], date_range: [isoDate(today - DAY), isoDate(today - DAY)], dimensions: ['time:hour'] })],
  ['pages with page metrics', q({ metrics: ['visitors', 'pageviews', 'bounce_rate', 'time_on_page', 'scroll_depth'], dimensions: ['event:page'], pagination: { limit: 50 } })],
  ['page filter aggregate', q({ metrics: ['visitors', 'visits', 'bounce_rate', 'time_on_page'], filters: [['is', 'event:page', ['/pricing/article-2']]] })],
  ['contains page filter by source', q({ metrics: ['visitors'], dimensions: ['visit:source'], filters: [['contains', 'event:page', ['/blog/']]] })],
  ['sources with bounce and duration', q({ metrics: ['visitors', 'visits', 'bounce_rate', 'visit_duration'], dimensions: ['visit:source'], pagination: { limit: 20 } })],
  ['channels', q({ metrics: ['visitors', 'visits'], dimensions: ['visit:channel'] })],
  ['utm campaigns', q({ metrics: ['visitors', 'bounce_rate'], dimensions: ['visit:utm_campaign'], filters: [['is_not', 'visit:utm_campaign', ['(not set)']]] })],
  ['country by device', q({ metrics: ['visitors'], dimensions: ['visit:country_name', 'visit:device'], pagination: { limit: 50 } })],
  ['exit pages with exit rate', q({ metrics: ['visitors', 'visits', 'exit_rate'], dimensions: ['visit:exit_page'], pagination: { limit: 20 } })],
  ['event names', q({ metrics: ['visitors', 'events'], dimensions: ['event:name'], filters: [['is_not', 'event:name', ['engagement']]] })],
  ['props breakdown', q({ metrics: ['visitors', 'events'], dimensions: ['event:props:plan'], filters: [['is', 'event:name', ['Signup']]] })],
  ['has_done Signup by source', q({ metrics: ['visitors', 'visits'], dimensions: ['visit:source'], filters: [['has_done', ['is', 'event:name', ['Signup']]]] })],
  ['or-tree of visit filters', q({ metrics: ['visitors', 'pageviews'], filters: [['or', [['is', 'visit:country', ['DE', 'AT', 'CH']], ['is', 'visit:browser', ['Firefox']]]]] })],
  ['regex page filter timeseries', q({ metrics: ['visitors'], dimensions: ['time:day'], filters: [['matches', 'event:page', ['^/docs/.*']]] })],
  ['os versions, case-insensitive', q({ metrics: ['visitors'], dimensions: ['visit:os', 'visit:os_version'], filters: [['is', 'visit:os', ['windows', 'mac'], { case_sensitive: false }]] })],
  ['entry pages paginated + total_rows', q({ metrics: ['visitors', 'bounce_rate'], dimensions: ['visit:entry_page'], pagination: { limit: 100, offset: 100 }, include: { total_rows: true } })],
  ['weekly, year over year', q({ metrics: ['visitors', 'pageviews'], dimensions: ['time:week'], include: { comparisons: { mode: 'year_over_year' } } })],
  ['all time by month', q({ metrics: ['visitors', 'visits', 'pageviews'], date_range: 'all', dimensions: ['time:month'] })],
];

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function main() {
  const dataDir = process.env.BENCH_DATA_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'qusto-bench-query-')));
  const reuse = existsSync(path.join(dataDir, 'events'));
  // Rollups are built below, once the data is written (a background pass would see half of it).
  const config = loadConfig({ QUSTO_DATA_DIR: dataDir, QUSTO_PLUGINS: '', LOG_LEVEL: 'warn', STATS_ROLLUP_INTERVAL_MS: '0' });
  const qusto = await buildApp(config);
  const { eventStore, sites, stats, statsRollups } = qusto.container.cradle;
  try {
    let site = await sites.findByDomain(DOMAIN);
    if (!site || !reuse) {
      const started = performance.now();
      const siteIds: string[] = [];
      for (let i = 0; i < SITES; i++) siteIds.push((await sites.create({ domain: `bench${i}.example` })).id);
      site = (await sites.findByDomain(DOMAIN))!;
      const writer = new BatchWriter(eventStore);
      const progress = setInterval(() => console.log(`  ${(writer.written / 1e6).toFixed(1)}M events written, ${((performance.now() - started) / 1000).toFixed(0)} s`), 30_000);
      const big = await generateSite(writer, { siteId: site.id, hostname: DOMAIN, events: EVENTS, days: DAYS, endUtc: today, seed: 42 });
      for (let i = 1; i < SITES; i++) {
        await generateSite(writer, { siteId: siteIds[i]!, hostname: `bench${i}.example`, events: OTHER_SITE_EVENTS, days: DAYS, endUtc: today, seed: 1000 + i });
      }
      await writer.flush();
      clearInterval(progress);
      console.log(`Generated ${big.events} events / ${big.sessions} visits for ${DOMAIN} + ${SITES - 1} small sites in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      const merged = performance.now();
      await eventStore.command('OPTIMIZE TABLE events FINAL');
      await eventStore.command('OPTIMIZE TABLE sessions FINAL');
      console.log(`Merged parts in ${((performance.now() - merged) / 1000).toFixed(0)} s`);
    }

    // What the server's maintenance pass does in the background (STATS_ROLLUP_INTERVAL_MS).
    const rollingUp = performance.now();
    const rolledUp = await statsRollups.runOnce();
    if (rolledUp.built > 0) console.log(`Rolled up ${rolledUp.built} days in ${((performance.now() - rollingUp) / 1000).toFixed(0)} s`);

    const [counts] = await eventStore.query<{ events: string; site_events: string; sessions: string }>(
      'SELECT (SELECT count() FROM events) AS events, (SELECT count() FROM events WHERE site_id = {site:UInt64}) AS site_events, (SELECT count() FROM sessions) AS sessions',
      { site: site.id },
    );
    const parts = await eventStore.query<{ table: string; bytes: string; rows: string }>(
      "SELECT table, sum(bytes_on_disk) AS bytes, sum(rows) AS rows FROM system.parts WHERE active AND database = currentDatabase() AND table IN ('events', 'sessions', 'stats_rollups') GROUP BY table",
    );
    const bytes = Object.fromEntries(parts.map((p) => [p.table, Number(p.bytes)]));
    const allEvents = Number(counts!.events);

    stats.clock = () => NOW;
    const measure = async (name: string, bodies: Body[]) => {
      const queries: Query[] = await Promise.all(bodies.map((b) => stats.parse(b)));
      // The SQL the engine runs for each body (plus its comparison query), and the same without rollups.
      const all = queries.flatMap((query) => [query, ...(query.include.comparisons ? [comparisonQuery(query, query.include.comparisons)] : [])]);
      const registry = qusto.container.cradle.statsRegistry;
      const statements = await Promise.all(all.map(async (one) => buildQuerySql(one, registry, { rollups: await statsRollups.coverage(one) })));
      const eventStatements = all.map((one) => buildQuerySql(one, registry));
      const engine = () => Promise.all(bodies.map((b) => stats.query(b)));
      const raw = () => Promise.all(statements.map((s) => eventStore.query(s.sql, s.params)));
      const fromEvents = () => Promise.all(eventStatements.map((s) => eventStore.query(s.sql, s.params)));
      for (let i = 0; i < 2; i++) {
        stats.cache.clear();
        await engine();
        await raw();
      }
      const engineTimes: number[] = [];
      const rawTimes: number[] = [];
      const eventTimes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        stats.cache.clear();
        engineTimes.push(await time(engine));
        rawTimes.push(await time(raw));
        if (i < 3) eventTimes.push(await time(fromEvents));
      }
      const cached = await time(engine);
      // Rollups must not change a single number.
      const same = JSON.stringify(await raw()) === JSON.stringify(await fromEvents());
      return {
        name,
        'p50 ms': round(percentile(engineTimes, 50)),
        'p95 ms': round(percentile(engineTimes, 95)),
        'raw p50 ms': round(percentile(rawTimes, 50)),
        'raw p95 ms': round(percentile(rawTimes, 95)),
        overhead: `${(percentile(engineTimes, 50) / percentile(rawTimes, 50)).toFixed(2)}x`,
        'cached ms': round(cached),
        'rollups': statements.some((s) => s.sql.includes('stats_rollups')) ? 'yes' : 'no',
        'same rows as events': same ? 'yes' : 'NO',
        'events only p50 ms': round(percentile(eventTimes, 50)),
        engineP50: percentile(engineTimes, 50),
        rawP50: percentile(rawTimes, 50),
      };
    };

    console.log(`\nQuery benchmark on embedded chDB: ${Number(counts!.site_events).toLocaleString('en')} events on ${DOMAIN} (${allEvents.toLocaleString('en')} over ${SITES} sites), ${Number(counts!.sessions).toLocaleString('en')} visit rows, ${DAYS} days, ${RUNS} runs each, ${os.cpus().length} CPUs`);
    const dashboard = await measure('dashboard: all 8 in parallel', DASHBOARD.map(([, b]) => b));
    const dashboardParts = [];
    for (const [name, body] of DASHBOARD) dashboardParts.push(await measure(`  ${name}`, [body]));
    const api = [];
    for (const [name, body] of API) api.push(await measure(name, [body]));
    const strip = (rows: Array<Record<string, unknown>>) => rows.map(({ engineP50: _e, rawP50: _r, ...rest }) => rest);
    console.log('\nDashboard (30d)');
    console.table(strip([dashboard, ...dashboardParts]));
    console.log('20 API queries (one at a time)');
    console.table(strip(api));
    const apiEngine = api.reduce((s, r) => s + r.engineP50, 0);
    const apiRaw = api.reduce((s, r) => s + r.rawP50, 0);
    console.log(`API queries total p50: ${round(apiEngine)} ms through the engine, ${round(apiRaw)} ms raw (overhead ${(apiEngine / apiRaw).toFixed(2)}x)`);
    console.log(`Dashboard p50: ${dashboard['p50 ms']} ms (target < 150 ms); overhead ${dashboard.overhead} (target <= 1.2x)`);
    const stored = (bytes.events ?? 0) + (bytes.sessions ?? 0) + (bytes.stats_rollups ?? 0);
    console.log(
      `Bytes on disk: events ${((bytes.events ?? 0) / 1e6).toFixed(1)} MB = ${((bytes.events ?? 0) / allEvents).toFixed(1)} B/event; ` +
        `with sessions ${(((bytes.events ?? 0) + (bytes.sessions ?? 0)) / allEvents).toFixed(1)} B/event; ` +
        `with rollups (${((bytes.stats_rollups ?? 0) / 1e6).toFixed(1)} MB) ${(stored / allEvents).toFixed(1)} B/event (target <= 40)`,
    );

    // uniqExact (what the engine uses) against Plausible's approximate uniq, on the same SQL.
    const uniqRows = [];
    for (const [name, body] of [DASHBOARD[0]!, DASHBOARD[1]!, DASHBOARD[3]!]) {
      const query = await stats.parse(body);
      const built = buildQuerySql(query, qusto.container.cradle.statsRegistry);
      const approximate = built.sql.replaceAll('uniqExact(', 'uniq(').replaceAll('uniqExactIf(', 'uniqIf(');
      const exactTimes: number[] = [];
      const approxTimes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        exactTimes.push(await time(() => eventStore.query(built.sql, built.params)));
        approxTimes.push(await time(() => eventStore.query(approximate, built.params)));
      }
      const exact = await eventStore.query<Record<string, unknown>>(built.sql, built.params);
      const approx = await eventStore.query<Record<string, unknown>>(approximate, built.params);
      const differing = exact.filter((row, i) => JSON.stringify(row) !== JSON.stringify(approx[i])).length;
      uniqRows.push({ query: name, 'uniqExact p50 ms': round(percentile(exactTimes, 50)), 'uniq p50 ms': round(percentile(approxTimes, 50)), 'rows that differ': `${differing} of ${exact.length}` });
    }
    console.log('uniqExact vs uniq (raw SQL)');
    console.table(uniqRows);
  } finally {
    await qusto.close();
    if (!process.env.BENCH_DATA_DIR) await rm(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

await main();
