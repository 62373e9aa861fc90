import path from 'node:path';
import { createSiteOwner, startTestApp, type TestApp } from '@qusto/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PLUGIN = path.resolve(import.meta.dirname, '..');
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('funnels', () => {
  let qusto: TestApp;
  let authorization = '';
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    qusto.app.inject({ method, url, payload: payload as never, headers: { authorization } });
  const goalIds: string[] = [];

  beforeAll(async () => {
    qusto = await startTestApp({ QUSTO_PLUGINS: PLUGIN });
    ({ authorization } = await createSiteOwner(qusto, { domain: 'shop.example' }));
    for (const goal of [{ page_path: '/' }, { page_path: '/pricing' }, { event_name: 'Signup' }]) {
      goalIds.push((await call('POST', '/api/sites/shop.example/goals', goal)).json().goal.id);
    }
    const at = (minute: number) => `2026-03-02T10:${String(minute).padStart(2, '0')}:00Z`;
    const event = (ip: string, minute: number, name: string, page: string) =>
      JSON.stringify({ timestamp: at(minute), ip, user_agent: UA, name, url: `https://shop.example${page}` });
    const report = await qusto.container.cradle.ingestion.importEvents(
      'shop.example',
      [
        // A: all three steps in order.
        event('10.0.0.1', 0, 'pageview', '/'), event('10.0.0.1', 1, 'pageview', '/pricing'), event('10.0.0.1', 2, 'Signup', '/pricing'),
        // B: two steps.
        event('10.0.0.2', 0, 'pageview', '/'), event('10.0.0.2', 3, 'pageview', '/pricing'),
        // C: the first step only.
        event('10.0.0.3', 5, 'pageview', '/'),
        // D: signs up without the earlier steps: not in the funnel.
        event('10.0.0.4', 5, 'Signup', '/'),
        // E: /, then Signup before /pricing: step 2 in any order, step 1 in strict order.
        event('10.0.0.5', 0, 'pageview', '/'), event('10.0.0.5', 1, 'Signup', '/'), event('10.0.0.5', 2, 'pageview', '/pricing'),
      ].join('\n'),
    );
    expect(report.imported).toBe(10);
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('counts visitors, drop-off and conversion per step', async () => {
    const funnel = (await call('POST', '/api/sites/shop.example/funnels', { name: 'Checkout', steps: goalIds })).json().funnel;
    const report = (await call('GET', `/api/sites/shop.example/funnels/${funnel.id}/report?from=2026-03-02&to=2026-03-02`)).json();
    expect(report).toMatchObject({ name: 'Checkout', all_visitors: 5, entering_visitors: 4 });
    expect(report.steps).toEqual([
      { goal: 'Visit /', visitors: 4, dropoff: 0, dropoff_percentage: 0, conversion_rate: 100, conversion_rate_step: 100 },
      { goal: 'Visit /pricing', visitors: 3, dropoff: 1, dropoff_percentage: 25, conversion_rate: 75, conversion_rate_step: 75 },
      { goal: 'Signup', visitors: 1, dropoff: 2, dropoff_percentage: 66.67, conversion_rate: 25, conversion_rate_step: 33.33 },
    ]);
  });

  it('in strict order, another step in between ends the visitor’s progress', async () => {
    const funnel = (await call('POST', '/api/sites/shop.example/funnels', { name: 'Strict', steps: goalIds, strict_order: true })).json().funnel;
    const report = (await call('GET', `/api/sites/shop.example/funnels/${funnel.id}/report?from=2026-03-02&to=2026-03-02`)).json();
    expect(report.steps.map((s: { visitors: number }) => s.visitors)).toEqual([4, 2, 1]);
  });

  it('edits a funnel: name, steps and strict order', async () => {
    const funnel = (await call('POST', '/api/sites/shop.example/funnels', { name: 'Draft', steps: [goalIds[0], goalIds[1]] })).json().funnel;
    const edited = await call('PUT', `/api/sites/shop.example/funnels/${funnel.id}`, { name: 'Signup path', steps: [goalIds[0], goalIds[2]], strict_order: true });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().funnel).toEqual({ id: funnel.id, name: 'Signup path', strict_order: true, steps: [goalIds[0], goalIds[2]] });
    const report = (await call('GET', `/api/sites/shop.example/funnels/${funnel.id}/report?from=2026-03-02&to=2026-03-02`)).json();
    // Strict: A views /pricing between / and Signup, which ends A's progress; only E goes straight on.
    expect(report.steps.map((s: { goal: string; visitors: number }) => [s.goal, s.visitors])).toEqual([['Visit /', 4], ['Signup', 1]]);
    const clash = await call('PUT', `/api/sites/shop.example/funnels/${funnel.id}`, { name: 'Checkout', steps: goalIds });
    expect(clash.json()).toEqual({ error: 'name: "Checkout" has already been taken' });
    expect((await call('PUT', '/api/sites/shop.example/funnels/987654', { name: 'X', steps: goalIds })).statusCode).toBe(404);
    await call('DELETE', `/api/sites/shop.example/funnels/${funnel.id}`);
  });

  it.each([
    [{ name: 'Too short', steps: ['1'] }, 'steps: a funnel has 2 to 8 steps'],
    [{ name: 'Repeats', steps: ['1', '1'] }, 'steps: each goal can be a step once'],
    [{ name: 'Foreign', steps: ['1', '999999'] }, 'steps: every step must be a goal of this site'],
    [{ steps: ['1', '2'] }, 'name: is required (at most 120 characters)'],
  ])('refuses %j', async (body, error) => {
    const response = await call('POST', '/api/sites/shop.example/funnels', body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error });
  });

  it('answers 400 for a bad date range and 404 for an unknown funnel', async () => {
    const [funnel] = (await call('GET', '/api/sites/shop.example/funnels')).json().funnels;
    expect((await call('GET', `/api/sites/shop.example/funnels/${funnel.id}/report?from=yesterday`)).statusCode).toBe(400);
    expect((await call('GET', '/api/sites/shop.example/funnels/424242/report')).statusCode).toBe(404);
  });
});
