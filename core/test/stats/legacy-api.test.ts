import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { MAIN_DOMAIN, MAIN_EVENTS } from './support/main-fixture.ts';
import { ADMIN_TOKEN, client, pinNow, seed } from './support/stats-fixture.ts';

describe('v1 stats endpoints on the v2 engine', () => {
  let qusto: TestApp;
  let api: ReturnType<typeof client>;
  const site = `site_id=${MAIN_DOMAIN}`;

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN });
    await seed(qusto, MAIN_DOMAIN, 'Etc/UTC', MAIN_EVENTS);
    api = client(qusto);
    pinNow(qusto, '2026-03-04T12:00:00Z');
  });
  afterAll(async () => qusto?.dispose());

  it('aggregate: default metric and period, custom dates, compare', async () => {
    expect(await api.get(`/api/v1/stats/aggregate?${site}`)).toEqual({ status: 200, body: { results: { visitors: { value: 5 } } } });
    expect(await api.get(`/api/v1/stats/aggregate?${site}&period=custom&date=2026-03-02,2026-03-03&metrics=visitors,pageviews,bounce_rate,visit_duration`)).toEqual({
      status: 200,
      body: { results: { visitors: { value: 5 }, pageviews: { value: 10 }, bounce_rate: { value: 50 }, visit_duration: { value: 780 } } },
    });
    // `date` picks the day; the comparison is the day before.
    expect(await api.get(`/api/v1/stats/aggregate?${site}&period=day&date=2026-03-03&metrics=visitors,pageviews&compare=previous_period`)).toEqual({
      status: 200,
      body: { results: { visitors: { value: 1, change: -80 }, pageviews: { value: 1, change: -89 } } },
    });
    expect(await api.get(`/api/v1/stats/aggregate?${site}&period=day&date=2026-03-02&filters=visit:source%3D%3DGoogle%7CHacker%20News&metrics=visitors`)).toEqual({
      status: 200,
      body: { results: { visitors: { value: 2 } } },
    });
  });

  it('timeseries: zero-filled buckets keyed by date', async () => {
    const response = await api.get(`/api/v1/stats/timeseries?${site}&period=custom&date=2026-03-01,2026-03-04&metrics=visitors,pageviews`);
    expect(response).toEqual({
      status: 200,
      body: {
        results: [
          { date: '2026-03-01', visitors: 0, pageviews: 0 },
          { date: '2026-03-02', visitors: 5, pageviews: 9 },
          { date: '2026-03-03', visitors: 1, pageviews: 1 },
          { date: '2026-03-04', visitors: 0, pageviews: 0 },
        ],
      },
    });
    const hours = (await api.get(`/api/v1/stats/timeseries?${site}&period=day&date=2026-03-02&metrics=pageviews`)).body as { results: Array<{ date: string; pageviews: number }> };
    expect(hours.results).toHaveLength(24);
    expect(hours.results[10]).toEqual({ date: '2026-03-02 10:00:00', pageviews: 2 });
    const month = (await api.get(`/api/v1/stats/timeseries?${site}&period=custom&date=2026-02-01,2026-03-31&interval=month`)).body;
    expect(month).toEqual({ results: [{ date: '2026-02-01', visitors: 0 }, { date: '2026-03-01', visitors: 5 }] });
  });

  it('breakdown: keyed by the property, limit and 1-based page, v1 filters with wildcards', async () => {
    const range = 'period=custom&date=2026-03-02,2026-03-03';
    expect(await api.get(`/api/v1/stats/breakdown?${site}&${range}&property=visit:source&metrics=visitors,bounce_rate`)).toEqual({
      status: 200,
      body: {
        results: [
          { source: 'Direct / None', visitors: 2, bounce_rate: 67 },
          { source: 'Google', visitors: 1, bounce_rate: 0 },
          { source: 'Hacker News', visitors: 1, bounce_rate: 0 },
          { source: 'newsletter', visitors: 1, bounce_rate: 100 },
        ],
      },
    });
    expect(await api.get(`/api/v1/stats/breakdown?${site}&${range}&property=event:page&limit=2&page=2`)).toEqual({
      status: 200,
      body: { results: [{ page: '/pricing', visitors: 2 }, { page: '/A', visitors: 1 }] },
    });
    expect(await api.get(`/api/v1/stats/breakdown?${site}&${range}&property=event:page&filters=event:page%3D%3D/blog/**`)).toEqual({
      status: 200,
      body: { results: [{ page: '/blog/post-1', visitors: 2 }] },
    });
    expect(await api.get(`/api/v1/stats/breakdown?${site}&${range}&property=event:props:plan&filters=event:name%3D%3DSignup`)).toEqual({
      status: 200,
      body: { results: [{ plan: 'pro', visitors: 1 }] },
    });
    expect(await api.get(`/api/v1/stats/breakdown?${site}&${range}&property=event:page&filters=event:page!%3D/*`)).toEqual({
      status: 200,
      body: { results: [{ page: '/blog/post-1', visitors: 2 }] },
    });
  });

  it('realtime visitors: a bare number of the last 5 minutes', async () => {
    pinNow(qusto, '2026-03-02T15:38:00Z');
    expect(await api.get(`/api/v1/stats/realtime/visitors?${site}`)).toEqual({ status: 200, body: 1 });
    pinNow(qusto, '2026-03-02T18:00:00Z');
    expect(await api.get(`/api/v1/stats/realtime/visitors?${site}`)).toEqual({ status: 200, body: 0 });
    pinNow(qusto, '2026-03-04T12:00:00Z');
  });

  it('errors are 400s with a message', async () => {
    expect(await api.get(`/api/v1/stats/aggregate`)).toEqual({
      status: 400,
      body: { error: 'Missing site ID. Please provide the required site_id parameter with your request.' },
    });
    expect((await api.get(`/api/v1/stats/aggregate?${site}&period=fortnight`)).status).toBe(400);
    expect((await api.get(`/api/v1/stats/aggregate?${site}&metrics=nope`)).body).toEqual({ error: '#/metrics/0: Invalid metric "nope"' });
    expect((await api.get(`/api/v1/stats/breakdown?${site}`)).status).toBe(400);
    expect((await api.get(`/api/v1/stats/timeseries?${site}&interval=fortnight`)).status).toBe(400);
    expect((await api.get(`/api/v1/stats/aggregate?${site}&filters=nonsense`)).status).toBe(400);
    const anonymous = await qusto.app.inject({ method: 'GET', url: `/api/v1/stats/aggregate?${site}` });
    expect(anonymous.statusCode).toBe(401);
  });
});
