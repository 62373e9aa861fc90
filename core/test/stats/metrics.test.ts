import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { MAIN_DOMAIN, MAIN_EVENTS } from './support/main-fixture.ts';
import { ADMIN_TOKEN, client, pinNow, seed } from './support/stats-fixture.ts';

// Expected values are worked out by hand from the fixture (see main-fixture.ts).
const BOTH_DAYS = ['2026-03-02', '2026-03-03'];
const q = (body: Record<string, unknown>) => ({ site_id: MAIN_DOMAIN, date_range: BOTH_DAYS, ...body });

describe('metrics and dimensions', () => {
  let qusto: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN });
    await seed(qusto, MAIN_DOMAIN, 'Etc/UTC', MAIN_EVENTS);
    pinNow(qusto, '2026-03-10T12:00:00Z');
    api = client(qusto);
  });
  afterAll(async () => qusto?.dispose());

  it('computes every aggregate metric', async () => {
    const metrics = ['visitors', 'visits', 'pageviews', 'events', 'bounce_rate', 'visit_duration', 'views_per_visit'];
    // 5 visitors, 6 visits, 10 pageviews, 13 non-engagement events, 3 of 6 visits bounced,
    // (420 + 0 + 0 + 0 + 2760 + 1500) / 6 = 780 s, 10 / 6 = 1.67 pageviews per visit.
    expect(await api.rows(q({ metrics }))).toEqual([[5, 6, 10, 13, 50, 780, 1.67]]);
    // One day: V4's two events after midnight fall out; its visit was active on both days.
    expect(await api.rows(q({ metrics, date_range: ['2026-03-02', '2026-03-02'] }))).toEqual([[5, 6, 9, 11, 50, 780, 1.67]]);
  });

  it('answers an empty range with one row of zeros', async () => {
    expect(await api.rows(q({ metrics: ['visitors', 'pageviews', 'bounce_rate', 'views_per_visit'], date_range: ['2026-01-01', '2026-01-31'] }))).toEqual([
      [0, 0, 0, 0],
    ]);
  });

  it('echoes the executed query with defaults', async () => {
    const response = await api.query(q({ metrics: ['visitors'], dimensions: ['visit:source'] }));
    expect(response.body.query).toEqual({
      site_id: MAIN_DOMAIN,
      metrics: ['visitors'],
      date_range: ['2026-03-02T00:00:00+00:00', '2026-03-03T23:59:59+00:00'],
      filters: [],
      dimensions: ['visit:source'],
      order_by: [['visitors', 'desc']],
      include: {},
      pagination: { limit: 10000, offset: 0 },
    });
    expect(response.body.meta).toEqual({});
  });

  it('breaks down by visit attributes with the empty-value labels', async () => {
    const by = (dimension: string) => api.rows(q({ metrics: ['visitors'], dimensions: [dimension] }));
    expect(await by('visit:source')).toEqual([['Direct / None', 2], ['Google', 1], ['Hacker News', 1], ['newsletter', 1]]);
    expect(await by('visit:referrer')).toEqual([['Direct / None', 3], ['google.com', 1], ['news.ycombinator.com/item', 1]]);
    expect(await by('visit:channel')).toEqual([['Direct', 2], ['Email', 1], ['Organic Search', 1], ['Organic Social', 1]]);
    expect(await by('visit:utm_source')).toEqual([['(not set)', 4], ['newsletter', 1]]);
    expect(await by('visit:utm_medium')).toEqual([['(not set)', 4], ['email', 1]]);
    expect(await by('visit:utm_campaign')).toEqual([['(not set)', 4], ['March', 1]]);
    expect(await by('visit:utm_content')).toEqual([['(not set)', 5]]);
    expect(await by('visit:utm_term')).toEqual([['(not set)', 5]]);
    expect(await by('visit:device')).toEqual([['Desktop', 4], ['Mobile', 1]]);
    expect(await by('visit:browser')).toEqual([['Chrome', 2], ['Safari', 2], ['Firefox', 1]]);
    expect(await by('visit:browser_version')).toEqual([['131.0', 2], ['17.5', 2], ['133.0', 1]]);
    expect(await by('visit:os')).toEqual([['Windows', 2], ['GNU/Linux', 1], ['Mac', 1], ['iOS', 1]]);
    expect(await by('visit:os_version')).toEqual([['10', 2], ['(not set)', 1], ['14.5', 1], ['17.5', 1]]);
    expect(await by('visit:country')).toEqual([['US', 2], ['', 1], ['EE', 1], ['GB', 1]]);
    expect(await by('visit:country_name')).toEqual([['United States', 2], ['', 1], ['Estonia', 1], ['United Kingdom', 1]]);
    // No city database in tests: regions and cities are unknown.
    expect(await by('visit:region')).toEqual([['', 5]]);
    expect(await by('visit:city')).toEqual([[0, 5]]);
  });

  it('breaks down by entry and exit pages', async () => {
    expect(await api.rows(q({ metrics: ['visitors', 'visits', 'bounce_rate', 'visit_duration'], dimensions: ['visit:entry_page'] }))).toEqual([
      ['/', 2, 2, 50, 210],
      ['/blog/post-1', 2, 2, 100, 0],
      ['/A', 1, 1, 0, 2760],
      ['/pricing', 1, 1, 0, 1500],
    ]);
    // exit_rate: visits leaving from the page / pageviews of the page.
    expect(await api.rows(q({ metrics: ['visitors', 'visits', 'exit_rate'], dimensions: ['visit:exit_page'] }))).toEqual([
      ['/', 2, 2, 66.7],
      ['/blog/post-1', 2, 2, 100],
      ['/c', 1, 1, 100],
      ['/pricing', 1, 1, 50],
    ]);
    expect(await api.rows(q({ metrics: ['visitors'], dimensions: ['visit:entry_page_hostname'] }))).toEqual([[MAIN_DOMAIN, 5]]);
    expect(await api.rows(q({ metrics: ['visits'], dimensions: ['visit:exit_page_hostname'] }))).toEqual([[MAIN_DOMAIN, 6]]);
  });

  it('breaks down by page with page metrics; bounce rate counts visits entering on the page', async () => {
    expect(
      await api.rows(q({ metrics: ['visitors', 'pageviews', 'bounce_rate', 'time_on_page', 'scroll_depth', 'percentage'], dimensions: ['event:page'] })),
    ).toEqual([
      ['/', 3, 3, 50, null, null, 60],
      ['/blog/post-1', 2, 2, 100, 20, 50, 40],
      ['/pricing', 2, 2, 0, 30, 80, 40],
      ['/A', 1, 1, 0, null, null, 20],
      ['/b', 1, 1, 0, null, null, 20],
      ['/c', 1, 1, 0, null, null, 20],
    ]);
    expect(await api.rows(q({ metrics: ['visitors', 'events'], dimensions: ['event:hostname'] }))).toEqual([[MAIN_DOMAIN, 5, 13]]);
  });

  it('counts events without engagement, and breaks down by event name', async () => {
    expect(await api.rows(q({ metrics: ['visitors', 'events'], dimensions: ['event:name'] }))).toEqual([
      ['pageview', 5, 10],
      ['engagement', 2, 0],
      ['Download', 1, 1],
      ['Signup', 1, 1],
      ['Video Play', 1, 1],
    ]);
  });

  it('breaks down by custom properties, "(none)" for events without the key', async () => {
    expect(await api.rows(q({ metrics: ['visitors', 'events'], dimensions: ['event:props:plan'] }))).toEqual([
      ['(none)', 5, 12],
      ['pro', 1, 1],
    ]);
    expect(
      await api.rows(q({ metrics: ['visitors', 'events'], dimensions: ['event:props:plan'], filters: [['is', 'event:name', ['Signup']]] })),
    ).toEqual([['pro', 1, 1]]);
    expect(await api.rows(q({ metrics: ['visitors'], dimensions: ['event:name', 'event:props:file'], filters: [['is_not', 'event:name', ['pageview', 'engagement']]] }))).toEqual([
      ['Download', 'a.pdf', 1],
      ['Signup', '(none)', 1],
      ['Video Play', '(none)', 1],
    ]);
  });

  it('percentage shares the total of the same filters', async () => {
    expect(await api.rows(q({ metrics: ['visitors', 'percentage'], dimensions: ['visit:device'] }))).toEqual([
      ['Desktop', 4, 80],
      ['Mobile', 1, 20],
    ]);
    expect(await api.rows(q({ metrics: ['percentage'], dimensions: ['visit:browser'], filters: [['is', 'visit:device', ['Desktop']]] }))).toEqual([
      ['Chrome', 50],
      ['Firefox', 25],
      ['Safari', 25],
    ]);
  });

  describe('filters', () => {
    const visitors = async (filters: unknown[], metrics: string[] = ['visitors']) => (await api.rows(q({ metrics, filters })))[0];

    it('is / is_not with case sensitivity', async () => {
      expect(await visitors([['is', 'event:page', ['/pricing']]])).toEqual([2]);
      expect(await visitors([['is', 'event:page', ['/PRICING']]])).toEqual([0]);
      expect(await visitors([['is', 'event:page', ['/PRICING'], { case_sensitive: false }]])).toEqual([2]);
      expect(await visitors([['is', 'event:page', ['/PRICING'], { case_sensitive: true }]])).toEqual([0]);
      expect(await visitors([['is_not', 'event:page', ['/']]])).toEqual([5]);
      expect(await visitors([['is_not', 'visit:country', ['US']]])).toEqual([3]);
      expect(await visitors([['is', 'visit:country', ['US', 'EE']]])).toEqual([3]);
      expect(await visitors([['is', 'visit:browser', ['chrome']]])).toEqual([0]);
      expect(await visitors([['is', 'visit:browser', ['chrome'], { case_sensitive: false }]])).toEqual([2]);
      expect(await visitors([['is', 'visit:country_name', ['Estonia']]])).toEqual([1]);
      expect(await visitors([['is', 'visit:city', [0]]])).toEqual([5]);
    });

    it('contains / contains_not', async () => {
      expect(await visitors([['contains', 'event:page', ['blog']]])).toEqual([2]);
      expect(await visitors([['contains', 'event:page', ['BLOG']]])).toEqual([0]);
      expect(await visitors([['contains', 'event:page', ['BLOG'], { case_sensitive: false }]])).toEqual([2]);
      expect(await visitors([['contains', 'event:page', ['blog', 'pric']]])).toEqual([4]);
      expect(await visitors([['contains_not', 'event:page', ['/']]])).toEqual([0]);
      expect(await visitors([['contains_not', 'visit:source', ['o']]])).toEqual([2]);
      expect(await visitors([['contains', 'visit:source', ['Goo']]])).toEqual([1]);
    });

    it('matches / matches_not (RE2 patterns)', async () => {
      expect(await visitors([['matches', 'event:page', ['^/blog/.*$']]])).toEqual([2]);
      expect(await visitors([['matches_not', 'event:page', ['^/[a-z]']]])).toEqual([4]);
      expect(await visitors([['matches', 'visit:browser_version', ['^13']]])).toEqual([3]);
    });

    it('accepts the empty-value labels as values', async () => {
      expect(await visitors([['is', 'visit:source', ['Direct / None']]])).toEqual([2]);
      expect(await visitors([['is', 'visit:source', ['(not set)']]])).toEqual([2]);
      expect(await visitors([['is', 'visit:source', ['direct / none'], { case_sensitive: false }]])).toEqual([2]);
      expect(await visitors([['is_not', 'visit:source', ['Direct / None']]])).toEqual([3]);
      expect(await visitors([['contains', 'visit:source', ['direct'], { case_sensitive: false }]])).toEqual([2]);
      expect(await visitors([['is', 'visit:utm_source', ['Direct / None']]])).toEqual([4]);
      expect(await visitors([['is', 'visit:utm_campaign', ['(not set)']]])).toEqual([4]);
      expect(await visitors([['is', 'visit:os_version', ['(not set)']]])).toEqual([1]);
      expect(await visitors([['is', 'visit:channel', ['Direct']]])).toEqual([2]);
    });

    it('custom properties: (none) means the key is missing', async () => {
      expect(await visitors([['is', 'event:props:plan', ['pro']]])).toEqual([1]);
      expect(await visitors([['is', 'event:props:plan', ['PRO'], { case_sensitive: false }]])).toEqual([1]);
      expect(await visitors([['is', 'event:props:plan', ['(none)']]])).toEqual([5]);
      expect(await visitors([['is', 'event:props:plan', ['(none)']]], ['events'])).toEqual([12]);
      expect(await visitors([['is_not', 'event:props:plan', ['pro']]], ['events'])).toEqual([12]);
      expect(await visitors([['is_not', 'event:props:plan', ['(none)']]], ['events'])).toEqual([1]);
      expect(await visitors([['contains', 'event:props:file', ['pdf']]])).toEqual([1]);
      expect(await visitors([['contains_not', 'event:props:file', ['zip']]], ['events'])).toEqual([1]);
      expect(await visitors([['matches', 'event:props:file', ['\\.pdf$']]])).toEqual([1]);
    });

    it('and / or / not trees', async () => {
      expect(await visitors([['or', [['is', 'visit:country', ['EE']], ['is', 'visit:device', ['Mobile']]]]])).toEqual([2]);
      expect(await visitors([['and', [['is', 'visit:browser', ['Chrome']], ['is', 'visit:os', ['Windows']]]]])).toEqual([2]);
      expect(await visitors([['not', ['is', 'visit:browser', ['Chrome']]]])).toEqual([3]);
      expect(await visitors([['or', [['is', 'event:page', ['/A']], ['is', 'visit:country', ['EE']]]]])).toEqual([2]);
      expect(await visitors([['not', ['is', 'event:page', ['/']]]], ['visitors', 'bounce_rate'])).toEqual([5, 40]);
    });

    it('visit-level filters on event metrics go through the visit', async () => {
      // Visits entering on "/": V1's (2 pageviews) and V3's first (1 pageview).
      expect(await visitors([['is', 'visit:entry_page', ['/']]], ['visitors', 'pageviews'])).toEqual([2, 3]);
      expect(await visitors([['is', 'visit:exit_page', ['/c']]], ['events'])).toEqual([4]);
    });

    it('bounce rate with a page filter counts visits that entered on that page', async () => {
      // Visits with a "/" event: V1, V3's first, V4's; entered on "/": V1 (no bounce), V3 (bounce).
      expect(await visitors([['is', 'event:page', ['/']]], ['visitors', 'visits', 'bounce_rate'])).toEqual([3, 3, 50]);
      expect(await visitors([['is', 'event:page', ['/blog/post-1']]], ['visitors', 'bounce_rate'])).toEqual([2, 100]);
      expect(await visitors([['is', 'event:page', ['/pricing']]], ['visitors', 'bounce_rate'])).toEqual([2, 0]);
    });

    it('has_done / has_not_done select visits', async () => {
      expect(await visitors([['has_done', ['is', 'event:name', ['Signup']]]], ['visitors', 'visits', 'pageviews'])).toEqual([1, 1, 2]);
      expect(await visitors([['has_not_done', ['is', 'event:name', ['Signup']]]], ['visitors', 'visits'])).toEqual([4, 5]);
      expect(await visitors([['has_done', ['is', 'event:page', ['/blog/post-1']]]], ['visitors', 'visits', 'bounce_rate'])).toEqual([2, 2, 100]);
      expect(
        await visitors([['has_done', ['and', [['is', 'event:name', ['pageview']], ['is', 'event:page', ['/']]]]], ['is', 'visit:device', ['Desktop']]], ['visits']),
      ).toEqual([2]);
    });

    it('event:hostname filters', async () => {
      expect(await visitors([['is', 'event:hostname', [MAIN_DOMAIN]]], ['visitors', 'events'])).toEqual([5, 13]);
      expect(await api.rows(q({ metrics: ['visitors'], dimensions: ['visit:source'], filters: [['is', 'event:hostname', ['other.example']]] }))).toEqual([]);
    });
  });

  it('paginates with total_rows', async () => {
    const page = await api.query(q({ metrics: ['visitors'], dimensions: ['event:page'], pagination: { limit: 2, offset: 2 }, include: { total_rows: true } }));
    expect(page.body.results).toEqual([
      { dimensions: ['/pricing'], metrics: [2] },
      { dimensions: ['/A'], metrics: [1] },
    ]);
    expect(page.body.meta).toEqual({ total_rows: 6 });
    const past = await api.query(q({ metrics: ['visitors'], dimensions: ['event:page'], pagination: { limit: 2, offset: 10 }, include: { total_rows: true } }));
    expect(past.body.results).toEqual([]);
    expect(past.body.meta).toEqual({ total_rows: 6 });
  });

  it('orders by order_by, then by the dimensions', async () => {
    expect(await api.rows(q({ metrics: ['visitors'], dimensions: ['event:page'], order_by: [['visitors', 'asc'], ['event:page', 'desc']] }))).toEqual([
      ['/c', 1],
      ['/b', 1],
      ['/A', 1],
      ['/pricing', 2],
      ['/blog/post-1', 2],
      ['/', 3],
    ]);
  });

  it('groups by several dimensions', async () => {
    expect(await api.rows(q({ metrics: ['visitors', 'visits'], dimensions: ['visit:device', 'visit:browser'] }))).toEqual([
      ['Desktop', 'Chrome', 2, 2],
      ['Desktop', 'Firefox', 1, 1],
      ['Desktop', 'Safari', 1, 1],
      ['Mobile', 'Safari', 1, 2],
    ]);
  });

  describe('time buckets', () => {
    it('spreads a visit over every hour it was active in', async () => {
      // Visits only: the sessions table, V5's visit (14:50-15:36) counts in 14:00 and 15:00.
      expect(await api.rows(q({ metrics: ['visitors', 'visits'], dimensions: ['time:hour'], date_range: ['2026-03-02', '2026-03-02'] }))).toEqual([
        ['2026-03-02 10:00:00', 1, 1],
        ['2026-03-02 11:00:00', 1, 1],
        ['2026-03-02 12:00:00', 1, 2],
        ['2026-03-02 14:00:00', 1, 1],
        ['2026-03-02 15:00:00', 1, 1],
        ['2026-03-02 23:00:00', 1, 1],
      ]);
      // With an event metric, the events table: each event in its own hour.
      expect(await api.rows(q({ metrics: ['visitors', 'pageviews'], dimensions: ['time:hour'], date_range: ['2026-03-02', '2026-03-02'] }))).toEqual([
        ['2026-03-02 10:00:00', 1, 2],
        ['2026-03-02 11:00:00', 1, 1],
        ['2026-03-02 12:00:00', 1, 2],
        ['2026-03-02 14:00:00', 1, 1],
        ['2026-03-02 15:00:00', 1, 2],
        ['2026-03-02 23:00:00', 1, 1],
      ]);
    });

    it('buckets visits by their last activity for days', async () => {
      expect(await api.rows(q({ metrics: ['visitors', 'visits'], dimensions: ['time:day'] }))).toEqual([
        ['2026-03-02', 4, 5],
        ['2026-03-03', 1, 1],
      ]);
      expect(await api.rows(q({ metrics: ['visitors', 'visits', 'pageviews'], dimensions: ['time'] }))).toEqual([
        ['2026-03-02 00:00:00', 1, 1, 0],
        ['2026-03-02 10:00:00', 1, 1, 2],
        ['2026-03-02 11:00:00', 1, 1, 1],
        ['2026-03-02 12:00:00', 1, 2, 2],
        ['2026-03-02 14:00:00', 1, 1, 1],
        ['2026-03-02 15:00:00', 1, 1, 2],
        ['2026-03-02 23:00:00', 1, 1, 1],
        ['2026-03-03 00:00:00', 1, 1, 1],
      ].slice(1));
    });
  });
});
