import path from 'node:path';
import { createSiteOwner, startTestApp, type TestApp } from '@qusto/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADMIN_TOKEN = 'revenue-test-admin-token-0123456789abcdef';

const PLUGIN = path.resolve(import.meta.dirname, '..');
const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0';
const ORIGIN = 'http://localhost:8000';

describe('revenue goals', () => {
  let qusto: TestApp;
  let authorization = '';
  let adminCookie = '';
  const query = async (body: Record<string, unknown>) => {
    const response = await qusto.app.inject({
      method: 'POST',
      url: '/api/v2/query',
      headers: { authorization },
      payload: { site_id: 'shop.example', date_range: ['2026-03-02', '2026-03-02'], ...body },
    });
    return { status: response.statusCode, body: response.json() };
  };
  const line = (ip: string, minute: number, name: string, revenue?: { amount: number | string; currency: string }, page = '/checkout') =>
    JSON.stringify({ timestamp: `2026-03-02T10:${String(minute).padStart(2, '0')}:00Z`, ip, user_agent: UA, name, url: `https://shop.example${page}`, ...(revenue ? { revenue } : {}) });

  beforeAll(async () => {
    qusto = await startTestApp({ QUSTO_PLUGINS: PLUGIN, REGISTRATION: 'open', ADMIN_TOKEN });
    // The first user registered is the instance admin.
    ({ authorization, cookie: adminCookie } = await createSiteOwner(qusto, { domain: 'shop.example' }));
    for (const goal of [
      { event_name: 'Purchase', currency: 'EUR' },
      { event_name: 'Subscription', currency: 'usd' },
      { event_name: 'Signup' },
      { page_path: '/pricing' },
    ]) {
      const created = await qusto.app.inject({ method: 'POST', url: '/api/sites/shop.example/goals', headers: { authorization }, payload: goal });
      expect(created.statusCode).toBe(201);
    }
    const report = await qusto.container.cradle.ingestion.importEvents(
      'shop.example',
      [
        line('10.2.0.1', 0, 'pageview', undefined, '/pricing'),
        line('10.2.0.1', 1, 'Purchase', { amount: '10.5', currency: 'EUR' }),
        // 23.108 USD at the built-in 1.1554 USD/EUR: 20 EUR.
        line('10.2.0.2', 0, 'Purchase', { amount: 23.108, currency: 'USD' }),
        // A currency without a rate: the event counts, its revenue is not reported.
        line('10.2.0.3', 0, 'Purchase', { amount: 99, currency: 'XYZ' }),
        // 355.76 JPY at 177.88 JPY/EUR: 2 EUR.
        line('10.2.0.4', 0, 'Purchase', { amount: '355.76', currency: 'JPY' }),
        line('10.2.0.4', 1, 'Subscription', { amount: 20, currency: 'USD' }),
        // 8.784 GBP = 10 EUR = 11.554 USD.
        line('10.2.0.5', 0, 'Subscription', { amount: '8.784', currency: 'GBP' }),
        line('10.2.0.5', 1, 'Signup'),
        line('10.2.0.6', 0, 'pageview', undefined, '/'),
      ].join('\n'),
    );
    expect(report).toMatchObject({ imported: 9, errors: [] });
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('converts revenue at ingest into the goal currency, keeping the source amount', async () => {
    const rows = await qusto.container.cradle.eventStore.query<{ name: string; src: string; src_cur: string; rep: string | null; rep_cur: string }>(
      `SELECT name, toString(revenue_source_amount) AS src, revenue_source_currency AS src_cur,
              toString(revenue_reporting_amount) AS rep, revenue_reporting_currency AS rep_cur
         FROM events WHERE revenue_source_amount IS NOT NULL ORDER BY name, src_cur`,
    );
    expect(rows.map((r) => [r.name, r.src, r.src_cur, r.rep, r.rep_cur.replace(/\0/g, '')])).toEqual([
      ['Purchase', '10.5', 'EUR', '10.5', 'EUR'],
      ['Purchase', '355.76', 'JPY', '2', 'EUR'],
      ['Purchase', '23.108', 'USD', '20', 'EUR'],
      ['Purchase', '99', 'XYZ', null, ''],
      ['Subscription', '8.784', 'GBP', '11.554', 'USD'],
      ['Subscription', '20', 'USD', '20', 'USD'],
    ]);
  });

  it('reports total and average revenue per goal in each goal’s currency', async () => {
    const { status, body } = await query({
      metrics: ['visitors', 'events', 'total_revenue', 'average_revenue'],
      dimensions: ['event:goal'],
      order_by: [['event:goal', 'asc']],
    });
    expect(status).toBe(200);
    expect(body.results).toEqual([
      {
        dimensions: ['Purchase'],
        metrics: [
          4,
          4,
          { short: '€32.5', long: '€32.50', value: 32.5, currency: 'EUR' },
          { short: '€10.8', long: '€10.83', value: 10.833, currency: 'EUR' },
        ],
      },
      { dimensions: ['Signup'], metrics: [1, 1, null, null] },
      {
        dimensions: ['Subscription'],
        metrics: [
          2,
          2,
          { short: '$31.6', long: '$31.55', value: 31.554, currency: 'USD' },
          { short: '$15.8', long: '$15.78', value: 15.777, currency: 'USD' },
        ],
      },
      { dimensions: ['Visit /pricing'], metrics: [1, 1, null, null] },
    ]);
    expect(body.meta.metric_warnings).toBeUndefined();
  });

  it('reports revenue in the single currency of the filtered goals', async () => {
    const { body } = await query({ metrics: ['visitors', 'total_revenue', 'average_revenue'], filters: [['is', 'event:goal', ['Purchase', 'Signup']]] });
    expect(body.results).toEqual([
      { dimensions: [], metrics: [5, { short: '€32.5', long: '€32.50', value: 32.5, currency: 'EUR' }, { short: '€10.8', long: '€10.83', value: 10.833, currency: 'EUR' }] },
    ]);
    // With other dimensions too: revenue of each source's conversions.
    const bySource = await query({ metrics: ['total_revenue'], dimensions: ['visit:source'], filters: [['is', 'event:goal', ['Purchase']]] });
    expect(bySource.body.results).toEqual([{ dimensions: ['Direct / None'], metrics: [{ short: '€32.5', long: '€32.50', value: 32.5, currency: 'EUR' }] }]);
  });

  it('answers null with Plausible’s metric_warnings when there is no single revenue currency', async () => {
    const mixed = await query({ metrics: ['total_revenue', 'average_revenue'], filters: [['is', 'event:goal', ['Purchase', 'Subscription']]] });
    expect(mixed.status).toBe(200);
    expect(mixed.body.results).toEqual([{ dimensions: [], metrics: [null, null] }]);
    expect(mixed.body.meta.metric_warnings).toEqual({
      total_revenue: { code: 'no_single_revenue_currency', warning: 'Revenue metrics are null as there are multiple currencies for the selected event:goals.' },
      average_revenue: { code: 'no_single_revenue_currency', warning: 'Revenue metrics are null as there are multiple currencies for the selected event:goals.' },
    });
    // No goal filter: every revenue goal of the site, in two currencies.
    expect((await query({ metrics: ['total_revenue'] })).body.meta.metric_warnings.total_revenue.code).toBe('no_single_revenue_currency');

    const none = await query({ metrics: ['visitors', 'total_revenue'], filters: [['is', 'event:goal', ['Signup']]] });
    expect(none.body.results).toEqual([{ dimensions: [], metrics: [1, null] }]);
    expect(none.body.meta.metric_warnings).toEqual({
      total_revenue: { code: 'no_revenue_goals_matching', warning: 'Revenue metrics are null as there are no matching revenue goals.' },
    });
  });

  it('lets the instance admin read and update the rates, and converts with the new rates', async () => {
    const headers = { origin: ORIGIN, cookie: adminCookie };
    const listed = await qusto.app.inject({ method: 'GET', url: '/api/plugins/goals/currency-rates', headers });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().rates.find((r: { currency: string }) => r.currency === 'USD')).toMatchObject({ currency: 'USD', per_eur: 1.1554 });

    const bad = await qusto.app.inject({ method: 'PUT', url: '/api/plugins/goals/currency-rates', headers, payload: { rates: { USD: -1 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'rates.USD: must be a positive number of units per EUR' });
    const unknown = await qusto.app.inject({ method: 'PUT', url: '/api/plugins/goals/currency-rates', headers, payload: { rates: { XYZ: 2 } } });
    expect(unknown.json()).toEqual({ error: 'rates.XYZ: is not an ISO 4217 currency code (3 capital letters)' });

    const updated = await qusto.app.inject({ method: 'PUT', url: '/api/plugins/goals/currency-rates', headers, payload: { rates: { USD: 1.25, SEK: 11 } } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().rates.filter((r: { currency: string }) => ['SEK', 'USD'].includes(r.currency)).map((r: { per_eur: number }) => r.per_eur)).toEqual([11, 1.25]);

    await qusto.container.cradle.ingestion.importEvents('shop.example', line('10.2.0.7', 0, 'Purchase', { amount: 25, currency: 'USD' }).replace('2026-03-02', '2026-03-03'));
    const { body } = await query({ date_range: ['2026-03-03', '2026-03-03'], metrics: ['total_revenue'], filters: [['is', 'event:goal', ['Purchase']]] });
    expect(body.results[0].metrics[0]).toMatchObject({ value: 20, currency: 'EUR' });
  });

  it('refuses rate updates from anyone but the instance admin', async () => {
    const other = await createSiteOwner(qusto, { email: 'not-admin@example.com', domain: 'other.example' });
    const asUser = await qusto.app.inject({ method: 'PUT', url: '/api/plugins/goals/currency-rates', headers: { origin: ORIGIN, cookie: other.cookie }, payload: { rates: { USD: 2 } } });
    expect(asUser.statusCode).toBe(403);
    // Not with the admin's API key either: keys never carry instance-admin powers.
    const asKey = await qusto.app.inject({ method: 'PUT', url: '/api/plugins/goals/currency-rates', headers: { authorization }, payload: { rates: { USD: 2 } } });
    expect(asKey.statusCode).toBe(403);
  });

  it('lets the instance’s ADMIN_TOKEN update rates (scripts keeping them current)', async () => {
    const asToken = await qusto.app.inject({
      method: 'PUT',
      url: '/api/plugins/goals/currency-rates',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { rates: { CHF: 0.94 } },
    });
    expect(asToken.statusCode, asToken.body).toBe(200);
    expect(asToken.json().rates.find((r: { currency: string }) => r.currency === 'CHF')).toMatchObject({ per_eur: 0.94 });
  });
});
