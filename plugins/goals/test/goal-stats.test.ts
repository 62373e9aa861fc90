import path from 'node:path';
import { createSiteOwner, startTestApp, type TestApp } from '@qusto/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PLUGIN = path.resolve(import.meta.dirname, '..');
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

describe('goal conversions through the Stats API', () => {
  let qusto: TestApp;
  let authorization = '';
  const query = async (body: Record<string, unknown>) => {
    const response = await qusto.app.inject({
      method: 'POST',
      url: '/api/v2/query',
      headers: { authorization },
      payload: { site_id: 'conv.example', date_range: ['2026-03-02', '2026-03-02'], ...body },
    });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    qusto = await startTestApp({ QUSTO_PLUGINS: PLUGIN });
    ({ authorization } = await createSiteOwner(qusto, { domain: 'conv.example' }));
    for (const goal of [{ event_name: 'Signup' }, { page_path: '/pricing' }, { page_path: '/docs/**' }]) {
      const created = await qusto.app.inject({ method: 'POST', url: '/api/sites/conv.example/goals', headers: { authorization }, payload: goal });
      expect(created.statusCode).toBe(201);
    }
    const line = (ip: string, minute: number, name: string, page: string) =>
      JSON.stringify({ timestamp: `2026-03-02T09:${String(minute).padStart(2, '0')}:00Z`, ip, user_agent: UA, name, url: `https://conv.example${page}` });
    await qusto.container.cradle.ingestion.importEvents(
      'conv.example',
      [
        line('10.1.0.1', 0, 'pageview', '/'), line('10.1.0.1', 1, 'pageview', '/pricing'), line('10.1.0.1', 2, 'Signup', '/pricing'),
        line('10.1.0.2', 0, 'pageview', '/pricing'),
        line('10.1.0.3', 0, 'pageview', '/docs/a'), line('10.1.0.3', 1, 'pageview', '/docs/b/c'),
        line('10.1.0.4', 0, 'pageview', '/'),
        line('10.1.0.5', 0, 'Signup', '/'),
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('breaks down by goal with unique and total conversions and conversion rate', async () => {
    const { status, body } = await query({ metrics: ['visitors', 'events', 'conversion_rate'], dimensions: ['event:goal'], order_by: [['visitors', 'desc'], ['event:goal', 'asc']] });
    expect(status).toBe(200);
    expect(body.results).toEqual([
      { dimensions: ['Signup'], metrics: [2, 2, 40] },
      { dimensions: ['Visit /pricing'], metrics: [2, 2, 40] },
      { dimensions: ['Visit /docs/**'], metrics: [1, 2, 20] },
    ]);
  });

  it('filters by goal: is, and contains (case-insensitive)', async () => {
    expect((await query({ metrics: ['visitors', 'conversion_rate'], filters: [['is', 'event:goal', ['Signup']]] })).body.results).toEqual([
      { dimensions: [], metrics: [2, 40] },
    ]);
    const contains = await query({ metrics: ['visitors', 'conversion_rate'], filters: [['contains', 'event:goal', ['VISIT'], { case_sensitive: false }]] });
    expect(contains.body.results).toEqual([{ dimensions: [], metrics: [3, 60] }]);
  });

  it('answers goal mistakes with the reference messages', async () => {
    const unknown = await query({ metrics: ['visitors'], filters: [['is', 'event:goal', ['Purchase']]] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('The goal `Purchase` is not configured for this site.');
    const noGoal = await query({ metrics: ['conversion_rate'] });
    expect(noGoal.status).toBe(400);
    expect(noGoal.body.error).toBe('Metric `conversion_rate` can only be queried with event:goal filters or dimensions.');
  });
});
