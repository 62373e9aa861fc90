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

  it('computes group_conversion_rate over all visitors of the other dimensions’ group', async () => {
    // Alone with event:goal, the group is the whole query: the same as conversion_rate.
    const alone = await query({ metrics: ['visitors', 'group_conversion_rate'], dimensions: ['event:goal'], order_by: [['event:goal', 'asc']] });
    expect(alone.body.results).toEqual([
      { dimensions: ['Signup'], metrics: [2, 40] },
      { dimensions: ['Visit /docs/**'], metrics: [1, 20] },
      { dimensions: ['Visit /pricing'], metrics: [2, 40] },
    ]);
    // Next to event:page: conversions on a page over the visitors of that page (/ had 3, /pricing 2).
    const byPage = await query({
      metrics: ['visitors', 'group_conversion_rate'],
      dimensions: ['event:goal', 'event:page'],
      order_by: [['event:goal', 'asc'], ['event:page', 'asc']],
    });
    expect(byPage.status).toBe(200);
    expect(byPage.body.results).toEqual([
      { dimensions: ['Signup', '/'], metrics: [1, 33.33] },
      { dimensions: ['Signup', '/pricing'], metrics: [1, 50] },
      { dimensions: ['Visit /docs/**', '/docs/a'], metrics: [1, 100] },
      { dimensions: ['Visit /docs/**', '/docs/b/c'], metrics: [1, 100] },
      { dimensions: ['Visit /pricing', '/pricing'], metrics: [2, 100] },
    ]);
    // With a visit dimension: every visitor came direct, so the group is everyone.
    const bySource = await query({ metrics: ['visitors', 'group_conversion_rate'], dimensions: ['event:goal', 'visit:source'], order_by: [['event:goal', 'asc']] });
    expect(bySource.status).toBe(200);
    expect(bySource.body.results).toEqual([
      { dimensions: ['Signup', 'Direct / None'], metrics: [2, 40] },
      { dimensions: ['Visit /docs/**', 'Direct / None'], metrics: [1, 20] },
      { dimensions: ['Visit /pricing', 'Direct / None'], metrics: [2, 40] },
    ]);
    // A goal filter and another dimension: the group is that dimension's value without the filter.
    const filtered = await query({
      metrics: ['visitors', 'group_conversion_rate', 'conversion_rate'],
      dimensions: ['event:page'],
      filters: [['is', 'event:goal', ['Signup']]],
      order_by: [['event:page', 'asc']],
    });
    expect(filtered.body.results).toEqual([
      { dimensions: ['/'], metrics: [1, 33.33, 20] },
      { dimensions: ['/pricing'], metrics: [1, 50, 20] },
    ]);
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
