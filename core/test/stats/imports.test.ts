import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { MAIN_DOMAIN, MAIN_EVENTS } from './support/main-fixture.ts';
import { client, pinNow, seed, ADMIN_TOKEN } from './support/stats-fixture.ts';

/**
 * Native data is the main fixture (2026-03-02/03); imported daily totals cover the two days
 * before it (2026-02-28, 2026-03-01), as an import that ends where native data begins.
 * Native parts (main-fixture.ts): 5 visitors, 6 visits, 10 pageviews, 13 events, 3 bounces,
 * 4680 s of visits in total.
 */
const RANGE = ['2026-02-27', '2026-03-03'];
const q = (body: Record<string, unknown>) => ({ site_id: MAIN_DOMAIN, date_range: RANGE, include: { imports: true }, ...body });
const IMPORT_ID = 7;

const IMPORTED: Record<string, Array<Record<string, unknown>>> = {
  imported_visitors: [
    { date: '2026-02-28', visitors: 10, pageviews: 30, bounces: 4, visits: 12, visit_duration: 1200 },
    { date: '2026-03-01', visitors: 20, pageviews: 50, bounces: 10, visits: 24, visit_duration: 2400 },
  ],
  imported_sources: [
    { date: '2026-02-28', source: 'Google', visitors: 6, visits: 7, bounces: 2, visit_duration: 700, pageviews: 15 },
    { date: '2026-03-01', source: 'Google', visitors: 4, visits: 5, bounces: 1, visit_duration: 500, pageviews: 10 },
    { date: '2026-03-01', source: '', visitors: 3, visits: 3, bounces: 3, visit_duration: 0, pageviews: 3 },
    { date: '2026-03-01', source: 'DuckDuckGo', visitors: 2, visits: 2, bounces: 0, visit_duration: 100, pageviews: 4 },
  ],
  imported_pages: [
    { date: '2026-02-28', hostname: MAIN_DOMAIN, page: '/', visitors: 8, visits: 9, pageviews: 12 },
    { date: '2026-03-01', hostname: MAIN_DOMAIN, page: '/', visitors: 7, visits: 7, pageviews: 9 },
    { date: '2026-03-01', hostname: MAIN_DOMAIN, page: '/pricing', visitors: 5, visits: 5, pageviews: 6 },
    { date: '2026-03-01', hostname: MAIN_DOMAIN, page: '/old-page', visitors: 1, visits: 1, pageviews: 1 },
  ],
  imported_exit_pages: [
    { date: '2026-03-01', exit_page: '/pricing', visitors: 5, exits: 5, pageviews: 6, visit_duration: 300, bounces: 2 },
    { date: '2026-03-01', exit_page: '/old-page', visitors: 1, exits: 1, pageviews: 1, visit_duration: 0, bounces: 1 },
  ],
};

describe('imported data in the Stats API (include.imports)', () => {
  let qusto: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN });
    await seed(qusto, MAIN_DOMAIN, 'Etc/UTC', MAIN_EVENTS);
    const site = (await qusto.container.cradle.sites.findByDomain(MAIN_DOMAIN))!;
    for (const [table, rows] of Object.entries(IMPORTED)) {
      await qusto.container.cradle.eventStore.insert(
        table,
        rows.map((row) => ({ site_id: site.id, import_id: IMPORT_ID, ...row })),
      );
    }
    pinNow(qusto, '2026-03-10T12:00:00Z');
    api = client(qusto);
  });
  afterAll(async () => qusto?.dispose());

  it('adds imported daily totals to an aggregate and recomputes the rates', async () => {
    const metrics = ['visitors', 'visits', 'pageviews', 'events', 'bounce_rate', 'visit_duration', 'views_per_visit'];
    const response = await api.query(q({ metrics }));
    expect(response.status).toBe(200);
    // visitors 5 + 30, visits 6 + 36, pageviews 10 + 80, events 13 + 80 (imported pageviews),
    // bounce rate (3 + 14) / 42 = 40.5 % -> 40, duration (4680 + 3600) / 42 = 197.1 -> 197,
    // views per visit 90 / 42 = 2.14.
    expect(response.body.results).toEqual([{ dimensions: [], metrics: [35, 42, 90, 93, 40, 197, 2.14] }]);
    expect(response.body.meta).toEqual({ imports_included: true });
    expect(response.body.query.include).toEqual({ imports: true });
  });

  it('leaves imports out unless asked, and says nothing about them then', async () => {
    const response = await api.query({ site_id: MAIN_DOMAIN, date_range: RANGE, metrics: ['visitors', 'pageviews'] });
    expect(response.body.results).toEqual([{ dimensions: [], metrics: [5, 10] }]);
    expect(response.body.meta).toEqual({});
  });

  it('reports imports as not included when no import reaches the range', async () => {
    const response = await api.query(q({ metrics: ['visitors'], date_range: ['2026-03-02', '2026-03-03'] }));
    expect(response.body.results).toEqual([{ dimensions: [], metrics: [5] }]);
    expect(response.body.meta).toEqual({ imports_included: false });
  });

  it('merges a sources breakdown, with percentages of the merged total', async () => {
    const rows = await api.rows(q({ metrics: ['visitors', 'bounce_rate', 'percentage'], dimensions: ['visit:source'] }));
    // Google: 1 + 10 visitors, (0 + 3) / (1 + 12) bounced; direct: 2 + 3, (2 + 3) / (3 + 3);
    // percentages of 35 visitors (the site-wide total, imported_visitors included).
    expect(rows).toEqual([
      ['Google', 11, 23, 31.4],
      ['Direct / None', 5, 83, 14.3],
      ['DuckDuckGo', 2, 0, 5.7],
      ['Hacker News', 1, 0, 2.9],
      ['newsletter', 1, 100, 2.9],
    ]);
    // A filter on the same table narrows imported rows too: visits 1 + 3 native, 12 + 3 imported.
    expect(await api.rows(q({ metrics: ['visitors', 'visits'], filters: [['is', 'visit:source', ['Google', 'Direct / None']]] }))).toEqual([[16, 19]]);
  });

  it('merges a pages breakdown and page filters from imported_pages', async () => {
    const rows = await api.rows(q({ metrics: ['visitors', 'pageviews'], dimensions: ['event:page'] }));
    expect(rows).toEqual([
      ['/', 18, 24],
      ['/pricing', 7, 8],
      ['/blog/post-1', 2, 2],
      ['/A', 1, 1],
      ['/b', 1, 1],
      ['/c', 1, 1],
      ['/old-page', 1, 1],
    ]);
    expect(await api.rows(q({ metrics: ['visitors'], filters: [['is', 'event:page', ['/pricing']]] }))).toEqual([[7]]);
    const paged = await api.query(q({ metrics: ['visitors'], dimensions: ['event:page'], pagination: { limit: 2, offset: 1 }, include: { imports: true, total_rows: true } }));
    expect(paged.body.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([['/pricing', 7], ['/blog/post-1', 2]]);
    expect(paged.body.meta).toEqual({ imports_included: true, total_rows: 7 });
  });

  it('merges exit pages, with exit rates over merged pageviews (imported_pages)', async () => {
    const filters = [['is', 'visit:exit_page', ['/pricing', '/old-page']]];
    // Native: V1 left from /pricing (1 visit of 2 pageviews there).
    expect(await api.rows({ ...q({ metrics: ['visits', 'exit_rate'], dimensions: ['visit:exit_page'], filters }), include: {} })).toEqual([['/pricing', 1, 50]]);
    // /pricing: (1 + 5) exits of (2 + 6) pageviews; /old-page: 1 of 1.
    expect(await api.rows(q({ metrics: ['visits', 'exit_rate'], dimensions: ['visit:exit_page'], filters }))).toEqual([
      ['/pricing', 6, 75],
      ['/old-page', 1, 100],
    ]);
  });

  it('puts imported days in day, week and month buckets', async () => {
    expect(await api.rows(q({ metrics: ['visitors', 'pageviews'], dimensions: ['time:day'] }))).toEqual([
      ['2026-02-28', 10, 30],
      ['2026-03-01', 20, 50],
      ['2026-03-02', 5, 9],
      ['2026-03-03', 1, 1],
    ]);
    // The first week starts with the range (Friday 2026-02-27); visitors add up per bucket.
    expect(await api.rows(q({ metrics: ['visitors', 'pageviews'], dimensions: ['time:week'] }))).toEqual([
      ['2026-02-27', 30, 80],
      ['2026-03-02', 5, 10],
    ]);
    expect(await api.rows(q({ metrics: ['visitors'], dimensions: ['time:month'] }))).toEqual([
      ['2026-02-01', 10],
      ['2026-03-01', 25],
    ]);
  });

  it('answers native-only results with a warning when no single imported table fits', async () => {
    // Source (imported_sources) and country (imported_locations) live in different tables.
    const response = await api.query(q({ metrics: ['visitors'], dimensions: ['visit:source'], filters: [['is', 'visit:country', ['US']]] }));
    expect(response.status).toBe(200);
    expect(response.body.results.map((r) => [...r.dimensions, ...r.metrics])).toEqual([['Google', 1], ['Hacker News', 1]]);
    expect(response.body.meta).toEqual({
      imports_included: false,
      imports_skip_reason: 'unsupported_query',
      imports_warning:
        'Imported stats are not included in the results because query parameters are not supported. For more information, see: https://plausible.io/docs/stats-api#filtering-imported-stats',
    });
    // Behavioral filters and metrics imports do not have are unsupported too.
    const behavioral = await api.query(q({ metrics: ['visitors'], filters: [['has_done', ['is', 'event:name', ['Signup']]]] }));
    expect(behavioral.body.meta.imports_skip_reason).toBe('unsupported_query');
    expect(behavioral.body.results[0]!.metrics).toEqual([1]);
    const scroll = await api.query(q({ metrics: ['scroll_depth'], filters: [['is', 'event:page', ['/pricing']]] }));
    expect(scroll.body.meta.imports_skip_reason).toBe('unsupported_query');
  });

  it('never merges hourly buckets', async () => {
    const response = await api.query(q({ metrics: ['visitors'], dimensions: ['time:hour'], date_range: ['2026-03-01', '2026-03-02'] }));
    expect(response.status).toBe(200);
    expect(response.body.meta).toEqual({
      imports_included: false,
      imports_skip_reason: 'unsupported_interval',
      imports_warning: 'Imported stats are not included because the time dimension (i.e. the interval) is too short.',
    });
    // Native buckets only: nothing before 2026-03-02 10:00.
    expect(response.body.results[0]!.dimensions).toEqual(['2026-03-02 10:00:00']);
  });

  it('maps legacy v1 with_imported=true to the same merge', async () => {
    const base = `/api/v1/stats/aggregate?site_id=${MAIN_DOMAIN}&period=custom&date=2026-02-27,2026-03-03&metrics=visitors,pageviews`;
    expect((await api.get(`${base}&with_imported=true`)).body).toEqual({ results: { visitors: { value: 35 }, pageviews: { value: 90 } } });
    expect((await api.get(base)).body).toEqual({ results: { visitors: { value: 5 }, pageviews: { value: 10 } } });
  });
});
