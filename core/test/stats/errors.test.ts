import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ADMIN_TOKEN, IP, UA, client, seed } from './support/stats-fixture.ts';

const SITE = 'errors.example';

describe('invalid queries', () => {
  let qusto: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN });
    await seed(qusto, SITE, 'Etc/UTC', [
      { timestamp: '2026-03-02T10:00:00Z', ip: IP.us1, ua: UA.chromeWindows, name: 'pageview', url: `https://${SITE}/` },
      { timestamp: '2026-03-02T10:01:00Z', ip: IP.us1, ua: UA.chromeWindows, name: 'Signup', url: `https://${SITE}/`, props: { plan: 'pro' } },
    ]);
    api = client(qusto);
  });
  afterAll(async () => qusto?.dispose());

  const base = { site_id: SITE, metrics: ['visitors'], date_range: ['2026-03-01', '2026-03-31'] };
  const error = (body: Record<string, unknown>) => api.error({ ...base, ...body });

  it('401 without or with a wrong token', async () => {
    const none = await qusto.app.inject({ method: 'POST', url: '/api/v2/query', payload: base });
    expect([none.statusCode, none.json()]).toEqual([401, { error: 'Missing API key. Please use a valid Plausible API key as a Bearer Token.' }]);
    const wrong = await qusto.app.inject({ method: 'POST', url: '/api/v2/query', payload: base, headers: { authorization: 'Bearer nope' } });
    expect([wrong.statusCode, wrong.json()]).toEqual([
      401,
      { error: "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested." },
    ]);
  });

  it('schema errors, worded as Plausible words them', async () => {
    expect(await api.error({ site_id: SITE })).toBe('#: Required properties metrics, date_range were not present.');
    expect(await api.error({ site_id: SITE, metrics: ['visitors'] })).toBe('#: Required property date_range was not present.');
    expect(await error({ metrics: ['visitors', 'baa'] })).toBe('#/metrics/1: Invalid metric "baa"');
    expect(await error({ metrics: ['visitors', 'visitors'] })).toBe('#/metrics: Expected items to be unique but they were not.');
    expect(await error({ metrics: [] })).toBe('#/metrics: Expected a minimum of 1 items but got 0.');
    expect(await error({ metrics: 'visitors' })).toBe('#/metrics: Type mismatch. Expected Array but got String.');
    expect(await error({ dimensions: ['x'] })).toBe('#/dimensions/0: Invalid dimension "x"');
    expect(await error({ dimensions: ['event:props:'] })).toBe('#/dimensions/0: Invalid dimension "event:props:"');
    expect(await error({ date_range: 'bad_period' })).toBe('#/date_range: Invalid date range "bad_period"');
    expect(await error({ date_range: ['2026-01-01'] })).toBe('#/date_range: Invalid date range ["2026-01-01"]');
    expect(await error({ date_range: ['2026-01-01', 'soon'] })).toBe('#/date_range: Invalid date range ["2026-01-01", "soon"]');
    expect(await error({ date_range: '5001d' })).toBe('#/date_range: Invalid date range "5001d"');
    // Beyond what a ClickHouse DateTime holds.
    expect(await error({ date_range: ['2026-01-01', '9999-12-31'] })).toBe('#/date_range: Invalid date range ["2026-01-01", "9999-12-31"]');
    expect(await error({ foo: 1 })).toBe('#/foo: Schema does not allow additional properties.');
    expect(await error({ include: { bar: true } })).toBe('#/include/bar: Schema does not allow additional properties.');
    expect(await error({ pagination: { limit: 0 } })).toBe('#/pagination/limit: Expected the value to be >= 1');
    expect(await error({ pagination: { limit: 10001 } })).toBe('#/pagination/limit: Expected the value to be <= 10000');
    expect(await error({ filters: [['is', 'visit:nope', ['x']]] })).toBe('#/filters/0: Invalid filter ["is", "visit:nope", ["x"]]');
    expect(await error({ filters: [['and', []]] })).toBe('#/filters/0: Invalid filter ["and", []]');
    expect(await error({ filters: [['is', 'visit:city', ['Berlin']]] })).toBe('#/filters/0: Invalid filter ["is", "visit:city", ["Berlin"]]');
    expect(await error({ filters: [['is', 'time', ['x']]] })).toBe('#/filters/0: Invalid filter ["is", "time", ["x"]]');
    expect(await error({ include: { comparisons: { mode: 'custom' } } })).toBe(
      '#/include/comparisons: Expected exactly one of the schemata to match, but none of them did.',
    );
  });

  it('an unknown site is a 401, as in Plausible (no hint whether the site exists)', async () => {
    const response = await qusto.app.inject({
      method: 'POST',
      url: '/api/v2/query',
      payload: { ...base, site_id: 'nope.example' },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect([response.statusCode, response.json()]).toEqual([
      401,
      { error: "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested." },
    ]);
  });

  it('goal metrics and dimensions need the goals plugin', async () => {
    expect(await error({ metrics: ['conversion_rate'] })).toBe('#/metrics/0: Invalid metric "conversion_rate"');
    expect(await error({ metrics: ['visitors', 'group_conversion_rate'] })).toBe('#/metrics/1: Invalid metric "group_conversion_rate"');
    expect(await error({ metrics: ['total_revenue'] })).toBe('#/metrics/0: Invalid metric "total_revenue"');
    expect(await error({ metrics: ['average_revenue'] })).toBe('#/metrics/0: Invalid metric "average_revenue"');
    expect(await error({ dimensions: ['event:goal'] })).toBe('#/dimensions/0: Invalid dimension "event:goal"');
    expect(await error({ filters: [['is', 'event:goal', ['Signup']]] })).toBe('#/filters/0: Invalid filter ["is", "event:goal", ["Signup"]]');
  });

  it('semantic errors', async () => {
    expect(await error({ metrics: ['bounce_rate'], dimensions: ['event:name'] })).toBe(
      'Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) `event:name`',
    );
    expect(await error({ metrics: ['visit_duration', 'bounce_rate'], dimensions: ['event:props:plan', 'event:name'] })).toBe(
      'Session metric(s) `visit_duration`, `bounce_rate` cannot be queried along with event dimension(s) `event:props:plan`, `event:name`',
    );
    expect(await error({ metrics: ['pageviews'], dimensions: ['visit:entry_page'] })).toBe(
      'Event metric(s) `pageviews` cannot be queried along with session dimension(s) `visit:entry_page`',
    );
    expect(await error({ metrics: ['views_per_visit'], filters: [['is', 'event:page', ['/']]] })).toBe(
      'Metric `views_per_visit` cannot be queried with a filter on `event:page`.',
    );
    expect(await error({ metrics: ['views_per_visit'], dimensions: ['visit:source'] })).toBe('Metric `views_per_visit` cannot be queried with `dimensions`.');
    expect(await error({ metrics: ['scroll_depth'] })).toBe('Metric `scroll_depth` can only be queried with event:page filters or dimensions.');
    expect(await error({ metrics: ['time_on_page'], dimensions: ['visit:source'] })).toBe(
      'Metric `time_on_page` can only be queried with event:page filters or dimensions.',
    );
    expect(await error({ metrics: ['exit_rate'], dimensions: ['visit:entry_page'] })).toBe(
      'Metric `exit_rate` requires a `"visit:exit_page"` dimension. No other dimensions are allowed.',
    );
    expect(await error({ metrics: ['exit_rate'], dimensions: ['visit:exit_page'], filters: [['is', 'event:name', ['pageview']]] })).toBe(
      'Metric `exit_rate` cannot be queried when filtering on event dimensions.',
    );
    expect(await error({ filters: [['is', 'visit:country', ['USA']]] })).toBe(
      'Invalid visit:country filter, visit:country needs to be a valid 2-letter country code.',
    );
    expect(await error({ filters: [['matches', 'event:page', ['^/a'], { case_sensitive: false }]] })).toBe(
      'Invalid filters. The case_sensitive modifier is not allowed with pattern operators ([:matches, "event:page", ["^/a"], %{case_sensitive: false}])',
    );
    expect(await error({ filters: [['not', ['is', 'event:hostname', ['a.example']]]] })).toBe(
      'Invalid filters. Dimension `event:hostname` can only be filtered at the top level.',
    );
    expect(await error({ filters: [['has_done', ['is', 'visit:source', ['Google']]]] })).toBe(
      'Invalid filters. Behavioral filters (has_done, has_not_done) can only be used with event dimension filters.',
    );
    expect(await error({ filters: [['has_done', ['has_not_done', ['is', 'event:name', ['Signup']]]]] })).toBe(
      'Invalid filters. Behavioral filters (has_done, has_not_done) cannot be nested.',
    );
    expect(await error({ dimensions: ['visit:source'], order_by: [['pageviews', 'desc']] })).toBe(
      'Invalid order_by entry \'{"pageviews", :desc}\'. Entry is not a queried metric or dimension.',
    );
    expect(await error({ include: { time_labels: true } })).toBe('Invalid include.time_labels: requires a time dimension.');
    expect(await error({ date_range: ['1970-01-01', '2105-12-31'], dimensions: ['time:hour'], include: { time_labels: true } })).toBe(
      'Invalid include.time_labels: time:hour over this date range gives more than 100000 time buckets.',
    );
    expect(await error({ filters: [['matches', 'event:page', ['(unclosed']]] })).toMatch(/^Invalid filters\. A pattern is not a valid regular expression/);
  });

  it('the same message over the HTTP status 400 for invalid JSON', async () => {
    const response = await qusto.app.inject({
      method: 'POST',
      url: '/api/v2/query',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      payload: '{"site_id": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toHaveProperty('error');
  });

  describe('fuzz: no body ever gets a 5xx', () => {
    const post = async (payload: string) =>
      (
        await qusto.app.inject({
          method: 'POST',
          url: '/api/v2/query',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          payload,
        })
      ).statusCode;

    it('arbitrary JSON', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          expect(await post(JSON.stringify(value))).toBeLessThan(500);
        }),
        { numRuns: 150 },
      );
    });

    const names = ['visitors', 'visits', 'pageviews', 'events', 'bounce_rate', 'visit_duration', 'views_per_visit', 'percentage', 'scroll_depth', 'time_on_page', 'exit_rate'];
    const dimensions = [
      'event:name', 'event:page', 'event:hostname', 'event:props:plan', 'visit:source', 'visit:referrer', 'visit:channel', 'visit:utm_source',
      'visit:device', 'visit:browser', 'visit:os', 'visit:country', 'visit:country_name', 'visit:region', 'visit:city', 'visit:city_name',
      'visit:entry_page', 'visit:exit_page', 'time', 'time:hour', 'time:day', 'time:week', 'time:month',
    ];
    const text = fc.oneof(
      fc.constantFrom('/', 'Google', '(none)', 'Direct / None', '(not set)', 'US', '^/a.*', '', "it's", '\\', '(unclosed', '(a)\\1', '[z-a]'),
      fc.string({ maxLength: 6 }),
    );
    const leaf = fc.tuple(
      fc.constantFrom('is', 'is_not', 'contains', 'contains_not', 'matches', 'matches_not'),
      fc.constantFrom(...dimensions.filter((d) => !d.startsWith('time')), 'event:props:file'),
      fc.array(fc.oneof(text, fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 3 }),
      fc.option(fc.record({ case_sensitive: fc.boolean() }), { nil: undefined }),
    ).map(([op, dim, clauses, modifiers]) => (modifiers ? [op, dim, clauses, modifiers] : [op, dim, clauses]));
    const tree: fc.Arbitrary<unknown> = fc.letrec<{ tree: unknown }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('tree'), { minLength: 1, maxLength: 3 })),
        fc.tuple(fc.constant('not'), tie('tree')),
        fc.tuple(fc.constantFrom('has_done', 'has_not_done'), leaf),
      ),
    })).tree;

    it('plausible-looking queries', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            {
              site_id: fc.constantFrom(SITE, 'nope.example'),
              metrics: fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 4 }),
              date_range: fc.oneof(
                fc.constantFrom('day', '7d', '30d', 'month', 'year', 'all', '6mo', '12mo', '24h', '3d'),
                fc.constant(['2026-03-01', '2026-03-31']),
                fc.constant(['2026-03-02T00:00:00+01:00', '2026-03-02T12:00:00Z']),
                fc.constantFrom(['1970-01-01', '2105-12-31'], ['9999-01-01', '9999-12-31'], ['2026-03-31', '2026-03-01'], '5000d', '100mo'),
                fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })),
              ),
              dimensions: fc.uniqueArray(fc.constantFrom(...dimensions), { maxLength: 2 }),
              filters: fc.array(tree, { maxLength: 3 }),
              include: fc.record(
                {
                  total_rows: fc.boolean(),
                  time_labels: fc.boolean(),
                  comparisons: fc.oneof(
                    fc.record({ mode: fc.constantFrom('previous_period', 'year_over_year'), match_day_of_week: fc.boolean() }),
                    fc.constant({ mode: 'custom', date_range: ['2025-03-01', '2025-03-31'] }),
                  ),
                },
                { requiredKeys: [] },
              ),
              pagination: fc.record({ limit: fc.integer({ min: 1, max: 20 }), offset: fc.integer({ min: 0, max: 5 }) }),
            },
            { requiredKeys: ['site_id', 'metrics', 'date_range'] },
          ),
          async (body) => {
            const status = await post(JSON.stringify(body));
            if (status >= 500) throw new Error(`5xx for ${JSON.stringify(body)}`);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
