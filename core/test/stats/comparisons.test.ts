import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { MAIN_DOMAIN, MAIN_EVENTS } from './support/main-fixture.ts';
import { ADMIN_TOKEN, IP, UA, client, pinNow, seed } from './support/stats-fixture.ts';

describe('comparisons', () => {
  let qusto: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN });
    await seed(qusto, MAIN_DOMAIN, 'Etc/UTC', [
      ...MAIN_EVENTS,
      // A year earlier, on a Monday (2025-03-03) and on the same date (2025-03-02, a Sunday).
      { timestamp: '2025-03-03T09:00:00Z', ip: IP.ee, ua: UA.safariMac, name: 'pageview', url: `https://${MAIN_DOMAIN}/` },
      { timestamp: '2025-03-02T09:00:00Z', ip: IP.us1, ua: UA.chromeWindows, name: 'pageview', url: `https://${MAIN_DOMAIN}/` },
      { timestamp: '2025-03-02T09:01:00Z', ip: IP.us1, ua: UA.chromeWindows, name: 'pageview', url: `https://${MAIN_DOMAIN}/pricing` },
    ]);
    pinNow(qusto, '2026-03-10T12:00:00Z');
    api = client(qusto);
  });
  afterAll(async () => qusto?.dispose());

  const query = (body: Record<string, unknown>) => api.query({ site_id: MAIN_DOMAIN, ...body });

  it('previous period: relative change, bounce rate in percentage points', async () => {
    // 03-03: only V4's visit (no bounce); 03-02: 5 visitors, 50% bounce.
    const response = await query({ metrics: ['visitors', 'bounce_rate'], date_range: ['2026-03-03', '2026-03-03'], include: { comparisons: { mode: 'previous_period' } } });
    expect(response.body.results).toEqual([{ dimensions: [], metrics: [1, 0], comparison: { dimensions: [], metrics: [5, 50], change: [-80, -50] } }]);
    expect(response.body.query.include).toEqual({ comparisons: { mode: 'previous_period' } });
  });

  it('from nothing: +100%, and no bounce-rate change without a previous bounce rate', async () => {
    const response = await query({ metrics: ['visitors', 'pageviews', 'bounce_rate'], date_range: ['2026-03-02', '2026-03-02'], include: { comparisons: { mode: 'previous_period' } } });
    expect(response.body.results).toEqual([{ dimensions: [], metrics: [5, 9, 50], comparison: { dimensions: [], metrics: [0, 0, 0], change: [100, 100, null] } }]);
  });

  it('timeseries: every bucket with the matching bucket of the other period', async () => {
    const response = await query({ metrics: ['pageviews'], date_range: ['2026-03-02', '2026-03-03'], dimensions: ['time:day'], include: { comparisons: { mode: 'previous_period' } } });
    expect(response.body.results).toEqual([
      { dimensions: ['2026-03-02'], metrics: [9], comparison: { dimensions: ['2026-02-28'], metrics: [0], change: [100] } },
      { dimensions: ['2026-03-03'], metrics: [1], comparison: { dimensions: ['2026-03-01'], metrics: [0], change: [100] } },
    ]);
    const days = await query({ metrics: ['pageviews'], date_range: ['2026-03-01', '2026-03-04'], dimensions: ['time:day'], include: { comparisons: { mode: 'custom', date_range: ['2026-03-02', '2026-03-05'] } } });
    expect(days.body.results.map((r) => [r.dimensions[0], r.metrics[0], r.comparison!.dimensions[0], r.comparison!.metrics[0], r.comparison!.change[0]])).toEqual([
      ['2026-03-01', 0, '2026-03-02', 9, -100],
      ['2026-03-02', 9, '2026-03-03', 1, 800],
      ['2026-03-03', 1, '2026-03-04', 0, 100],
      ['2026-03-04', 0, '2026-03-05', 0, 0],
    ]);
  });

  it('year over year, with and without matching the day of the week', async () => {
    const plain = await query({ metrics: ['visitors', 'pageviews'], date_range: ['2026-03-02', '2026-03-02'], include: { comparisons: { mode: 'year_over_year' } } });
    // 2026-03-02 - 365 days = 2025-03-02 (Sunday): one visitor with two pageviews.
    expect(plain.body.results[0]!.comparison).toEqual({ dimensions: [], metrics: [1, 2], change: [400, 350] });
    const matched = await query({
      metrics: ['visitors', 'pageviews'],
      date_range: ['2026-03-02', '2026-03-02'],
      dimensions: ['time:day'],
      include: { comparisons: { mode: 'year_over_year', match_day_of_week: true } },
    });
    // Shifted to the nearest Monday, 2025-03-03: one visitor, one pageview.
    expect(matched.body.results).toEqual([{ dimensions: ['2026-03-02'], metrics: [5, 9], comparison: { dimensions: ['2025-03-03'], metrics: [1, 1], change: [400, 800] } }]);
  });

  it('breakdowns are matched by dimension values, missing ones are zero', async () => {
    const response = await query({
      metrics: ['visitors'],
      date_range: ['2026-03-02', '2026-03-02'],
      dimensions: ['event:page'],
      pagination: { limit: 2 },
      include: { comparisons: { mode: 'custom', date_range: ['2025-03-02', '2025-03-03'] } },
    });
    expect(response.body.results).toEqual([
      { dimensions: ['/'], metrics: [2], comparison: { dimensions: ['/'], metrics: [2], change: [0] } },
      { dimensions: ['/blog/post-1'], metrics: [2], comparison: { dimensions: ['/blog/post-1'], metrics: [0], change: [100] } },
    ]);
  });

  it('caches closed ranges only', async () => {
    const { stats } = qusto.container.cradle;
    stats.cache.clear();
    await query({ metrics: ['visitors'], date_range: ['2026-03-02', '2026-03-02'] });
    expect(stats.cache.size).toBe(1);
    await query({ metrics: ['visitors'], date_range: ['2026-03-02', '2026-03-02'] });
    expect(stats.cache.size).toBe(1);
    await query({ metrics: ['visitors'], date_range: 'day' });
    await query({ metrics: ['visitors'], date_range: 'month' });
    expect(stats.cache.size).toBe(1);
    // Writes for the site drop its cached results (a backfill can land in a closed range).
    await qusto.container.cradle.ingestion.importEvents(
      MAIN_DOMAIN,
      JSON.stringify({ timestamp: '2026-03-02T18:00:00Z', ip: '9.9.9.9', user_agent: UA.firefoxLinux, name: 'pageview', url: `https://${MAIN_DOMAIN}/late` }),
    );
    expect(stats.cache.size).toBe(0);
    expect((await query({ metrics: ['visitors'], date_range: ['2026-03-02', '2026-03-02'] })).body.results[0]!.metrics).toEqual([6]);
  });
});
