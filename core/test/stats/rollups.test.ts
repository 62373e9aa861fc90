import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAbility } from '../../src/auth/abilities.ts';
import { QueryError } from '../../src/stats/index.ts';
import type { Query } from '../../src/stats/query/query.ts';
import { runQuery } from '../../src/stats/run/query-runner.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { MAIN_DOMAIN, MAIN_EVENTS } from './support/main-fixture.ts';
import { randomTraffic } from './support/random-traffic.ts';
import { ADMIN_TOKEN, client, ndjson, pinNow, seed } from './support/stats-fixture.ts';

/**
 * Rollups must give exactly the numbers raw events give. Random traffic in four time zones
 * (DST changes in March for Berlin and Los Angeles, a half-hour offset for Kolkata) is
 * backfilled through the real pipeline, rolled up, and every query of a matrix is answered both
 * ways and compared; then with part of the range not rolled up (raw tail), after a time zone
 * change, and after events arrive late for a rolled-up day.
 */
const SITES = [
  { domain: 'utc.example', timezone: 'Etc/UTC' },
  { domain: 'berlin.example', timezone: 'Europe/Berlin' },
  { domain: 'la.example', timezone: 'America/Los_Angeles' },
  { domain: 'kolkata.example', timezone: 'Asia/Kolkata' },
];

const METRIC_SETS = [
  ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'],
  ['visitors'],
  ['visitors', 'visits', 'bounce_rate', 'visit_duration'],
  ['visitors', 'pageviews', 'events'],
  ['visitors', 'percentage'],
];

const DIMENSION_SETS = [
  [],
  ['time:day'],
  ['time:week'],
  ['time:month'],
  ['visit:source'],
  ['visit:referrer'],
  ['visit:channel'],
  ['visit:utm_source'],
  ['visit:entry_page'],
  ['visit:exit_page'],
  ['event:page'],
  ['visit:country'],
  ['visit:browser'],
  ['visit:os', 'visit:os_version'],
  ['visit:device'],
  ['time:day', 'visit:device'],
];

const FILTER_SETS: unknown[][] = [
  [],
  [['is_not', 'visit:country_name', ['']]],
  [['is', 'visit:browser', ['Chrome', 'Safari']]],
  [['is_not', 'visit:utm_source', ['']]],
  [['contains', 'visit:source', ['oo']]],
  [['is', 'visit:entry_page', ['/', '/pricing']]],
  [['contains', 'event:page', ['blog']]],
];

/** Two weeks across the DST change in Los Angeles (Mar 8), and this month (relative, open at the end). */
const DATE_RANGES: unknown[] = [['2026-03-06', '2026-03-19'], 'month'];

interface Case {
  domain: string;
  body: Record<string, unknown>;
}

/** The whole matrix, or (`small`) its dashboard-like part. */
function cases(domains: string[], small = false): Case[] {
  const out: Case[] = [];
  for (const domain of domains) {
    for (const metrics of small ? METRIC_SETS.slice(0, 2) : METRIC_SETS) {
      for (const dimensions of DIMENSION_SETS) {
        for (const filters of small ? FILTER_SETS.slice(0, 3) : FILTER_SETS) {
          for (const date_range of small ? DATE_RANGES.slice(0, 1) : DATE_RANGES) out.push({ domain, body: { site_id: domain, metrics, dimensions, filters, date_range } });
        }
      }
    }
  }
  return out;
}

/** Dimensions of device and location: one value per visitor. */
const DEVICE_AND_LOCATION = ['visit:country', 'visit:country_name', 'visit:device', 'visit:browser', 'visit:os', 'visit:os_version'];

/**
 * Cases the rollups must answer: filters only on device and location, with dimensions of those
 * or time only; and on the events table (pageviews, events, event:page) no filters and no visit
 * dimensions.
 */
function mustRollUp(body: Record<string, unknown>): boolean {
  const filters = body.filters as unknown[][];
  const dimensions = body.dimensions as string[];
  const metrics = body.metrics as string[];
  if (filters.length > 0) {
    const filtered = filters.every((filter) => DEVICE_AND_LOCATION.includes(filter[1] as string));
    if (!filtered || !dimensions.every((d) => d.startsWith('time:') || DEVICE_AND_LOCATION.includes(d))) return false;
  }
  const onEvents = metrics.includes('pageviews') || metrics.includes('events') || dimensions.includes('event:page');
  return !onEvents || (filters.length === 0 && dimensions.every((d) => d.startsWith('time:') || d === 'event:page'));
}

describe('stats rollups', () => {
  let qusto: TestApp;

  const parse = async (body: unknown): Promise<Query | null> => {
    try {
      return await qusto.container.cradle.stats.parse(body);
    } catch (error) {
      if (error instanceof QueryError) return null;
      throw error;
    }
  };

  /** Compares the raw and the rollup answers of each case; returns how many used rollups. */
  const compareAll = async (list: Case[], expectRollups = true): Promise<{ compared: number; rolledUp: number }> => {
    const { eventStore, statsRegistry, statsRollups } = qusto.container.cradle;
    let compared = 0;
    let rolledUp = 0;
    for (const { body } of list) {
      const query = await parse(body);
      if (!query) continue;
      const coverage = await statsRollups.coverage(query);
      const raw = await runQuery(eventStore, statsRegistry, query);
      const rolled = await runQuery(eventStore, statsRegistry, query, { rollups: coverage });
      const usedRollups = rolled.sql.sql.includes('stats_rollups');
      if (usedRollups) rolledUp++;
      else if (expectRollups && mustRollUp(body)) throw new Error(`not answered from rollups: ${JSON.stringify(body)}`);
      expect({ body, rows: rolled.rows }).toEqual({ body, rows: raw.rows });
      compared++;
    }
    return { compared, rolledUp };
  };

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN });
    for (const [i, site] of SITES.entries()) {
      await seed(qusto, site.domain, site.timezone, randomTraffic({ seed: 7 + i, domain: site.domain, firstDay: '2026-03-01', days: 25, visitorsPerDay: 12 }));
    }
    await seed(qusto, MAIN_DOMAIN, 'Etc/UTC', MAIN_EVENTS);
    pinNow(qusto, '2026-03-26T12:00:00Z');
    const built = await qusto.container.cradle.statsRollups.runOnce();
    expect(built.built).toBeGreaterThan(20);
  }, 300_000);
  afterAll(async () => qusto?.dispose());

  it('gives the exact numbers of raw events for every query of the matrix, in four time zones', { timeout: 600_000 }, async () => {
    const full = await compareAll(cases(['berlin.example', 'la.example']));
    const small = await compareAll(cases(['utc.example', 'kolkata.example'], true));
    expect(full.compared + small.compared).toBeGreaterThan(1500);
    expect(full.rolledUp).toBeGreaterThan(full.compared / 4);
  });

  it('answers the dashboard queries from rollups with the hand-counted numbers', async () => {
    const api = client(qusto);
    const { stats, statsRollups } = qusto.container.cradle;
    const body = { site_id: MAIN_DOMAIN, metrics: ['visitors', 'visits', 'pageviews', 'events', 'bounce_rate', 'visit_duration', 'views_per_visit'], date_range: ['2026-03-02', '2026-03-03'] };
    expect(await statsRollups.coverage(await stats.parse(body))).not.toBeNull();
    // As in metrics.test.ts: 5 visitors, 6 visits, 10 pageviews, 13 events, 50 % bounces, 780 s, 1.67.
    expect(await api.rows(body)).toEqual([[5, 6, 10, 13, 50, 780, 1.67]]);
    expect(await api.rows({ ...body, date_range: ['2026-03-02', '2026-03-02'] })).toEqual([[5, 6, 9, 11, 50, 780, 1.67]]);
    expect(await api.rows({ site_id: MAIN_DOMAIN, metrics: ['visitors'], date_range: ['2026-03-02', '2026-03-03'], dimensions: ['visit:source'] })).toEqual([
      ['Direct / None', 2],
      ['Google', 1],
      ['Hacker News', 1],
      ['newsletter', 1],
    ]);
  });

  it('adds raw rows for days that are not rolled up', { timeout: 300_000 }, async () => {
    const { statsRollups, stats } = qusto.container.cradle;
    const site = (await qusto.container.cradle.sites.findByDomain('la.example'))!;
    // Late events for visits that started on the 12th and the 20th: those days are no longer rolled up.
    await statsRollups.noteWritten([
      { siteId: site.id, at: Date.parse('2026-03-12T10:00:00Z'), visitStart: Date.parse('2026-03-12T09:00:00Z') },
      { siteId: site.id, at: Date.parse('2026-03-20T10:00:00Z'), visitStart: Date.parse('2026-03-20T09:00:00Z') },
    ]);
    const coverage = await statsRollups.coverage(await stats.parse({ site_id: 'la.example', metrics: ['visitors'], date_range: ['2026-03-06', '2026-03-24'] }));
    expect(coverage?.rawFrom).toBe(Date.parse('2026-03-12T00:00:00Z'));
    const { compared, rolledUp } = await compareAll(cases(['la.example'], true));
    expect(rolledUp).toBeGreaterThan(compared / 2);
  });

  it('reads raw rows after a time zone change until the days are rolled up again', { timeout: 300_000 }, async () => {
    const { statsRollups, stats, sites, metadataDb } = qusto.container.cradle;
    const site = (await sites.findByDomain('kolkata.example'))!;
    await sites.updateSettings(site.id, { timezone: 'Asia/Kathmandu' });
    await metadataDb.query('SELECT 1');
    const body = { site_id: 'kolkata.example', metrics: ['visitors'], date_range: ['2026-03-06', '2026-03-19'] };
    expect(await statsRollups.coverage(await stats.parse(body))).toBeNull();
    await statsRollups.runOnce();
    expect(await statsRollups.coverage(await stats.parse(body))).not.toBeNull();
    const { compared, rolledUp } = await compareAll(cases(['kolkata.example'], true));
    expect(rolledUp).toBeGreaterThan(compared / 2);
  });

  it('rolls a day up again when events of its visits are written late', { timeout: 300_000 }, async () => {
    const { ingestion, statsRollups, stats } = qusto.container.cradle;
    const late = randomTraffic({ seed: 99, domain: 'utc.example', firstDay: '2026-03-10', days: 1, visitorsPerDay: 5 });
    const report = await ingestion.importEvents('utc.example', ndjson(late));
    expect(report.imported).toBe(late.length);
    const body = { site_id: 'utc.example', metrics: ['visitors', 'visits', 'pageviews'], date_range: ['2026-03-06', '2026-03-19'] };
    // The day is dirty: the part from the 10th on is read raw, and includes the late visits.
    expect((await statsRollups.coverage(await stats.parse(body)))?.rawFrom).toBe(Date.parse('2026-03-10T00:00:00Z'));
    await compareAll(cases(['utc.example'], true));
    await statsRollups.runOnce();
    expect((await statsRollups.coverage(await stats.parse(body)))?.rawFrom).toBeNull();
    const { compared, rolledUp } = await compareAll(cases(['utc.example'], true));
    expect(rolledUp).toBeGreaterThan(compared / 2);
  });

  it('forgets a site’s rollups when its stats are reset', async () => {
    const { statsRollups, stats } = qusto.container.cradle;
    const api = client(qusto);
    const body = { site_id: 'berlin.example', metrics: ['visitors'], date_range: ['2026-03-06', '2026-03-19'] };
    expect(await statsRollups.coverage(await stats.parse(body))).not.toBeNull();
    const { siteService, sites } = qusto.container.cradle;
    const site = (await sites.findRecordByDomain('berlin.example'))!;
    await siteService.resetStats(createAbility([{ action: 'manage', subject: 'all' }]), site);
    expect(await statsRollups.coverage(await stats.parse(body))).toBeNull();
    expect(await api.rows(body)).toEqual([[0]]);
  });
});
