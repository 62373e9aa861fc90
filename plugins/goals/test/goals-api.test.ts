import path from 'node:path';
import { createSiteOwner, startTestApp, type TestApp } from '@qusto/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PLUGIN = path.resolve(import.meta.dirname, '..');

describe('goals plugin API', () => {
  let qusto: TestApp;
  let authorization = '';
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    qusto.app.inject({ method, url, payload: payload as never, headers: { authorization } });

  beforeAll(async () => {
    qusto = await startTestApp({ QUSTO_PLUGINS: PLUGIN });
    ({ authorization } = await createSiteOwner(qusto, { domain: 'goals.example' }));
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('creates goals with default display names, finds existing ones, and lists them', async () => {
    const created = await call('POST', '/api/sites/goals.example/goals', { page_path: '/docs/**' });
    expect(created.statusCode).toBe(201);
    expect(created.json().goal).toMatchObject({ display_name: 'Visit /docs/**', page_path: '/docs/**', event_name: null });
    const again = await call('POST', '/api/sites/goals.example/goals', { page_path: '/docs/**' });
    expect(again.statusCode).toBe(200);
    expect(again.json().goal.id).toBe(created.json().goal.id);
    await call('POST', '/api/sites/goals.example/goals', { event_name: 'Purchase', currency: 'EUR', custom_props: { plan: 'pro' } });
    const list = await call('GET', '/api/sites/goals.example/goals');
    expect(list.json().goals.map((g: { display_name: string }) => g.display_name)).toEqual(['Purchase', 'Visit /docs/**']);
  });

  it('answers 400 naming the problem for invalid goals and taken names', async () => {
    const bad = await call('POST', '/api/sites/goals.example/goals', { page_path: 'docs' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'page_path: must start with /' });
    const taken = await call('POST', '/api/sites/goals.example/goals', { event_name: 'Other', display_name: 'Purchase' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error).toBe('display_name: "Purchase" has already been taken');
  });

  it('renames a goal to a free display name, and refuses taken or empty names', async () => {
    const goal = (await call('POST', '/api/sites/goals.example/goals', { page_path: '/rename-me' })).json().goal;
    const renamed = await call('PUT', `/api/sites/goals.example/goals/${goal.id}`, { display_name: '  Read the guide ' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().goal).toMatchObject({ id: goal.id, display_name: 'Read the guide', page_path: '/rename-me' });
    const taken = await call('PUT', `/api/sites/goals.example/goals/${goal.id}`, { display_name: 'Purchase' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json()).toEqual({ error: 'display_name: "Purchase" has already been taken' });
    expect((await call('PUT', `/api/sites/goals.example/goals/${goal.id}`, { display_name: ' ' })).json()).toEqual({ error: 'display_name: is required' });
    expect((await call('PUT', '/api/sites/goals.example/goals/987654', { display_name: 'X' })).statusCode).toBe(404);
    // Stats see the new name at once.
    const stats = await qusto.app.inject({
      method: 'POST',
      url: '/api/v2/query',
      headers: { authorization },
      payload: { site_id: 'goals.example', metrics: ['visitors'], date_range: '7d', filters: [['is', 'event:goal', ['Read the guide']]] },
    });
    expect(stats.statusCode).toBe(200);
    await call('DELETE', `/api/sites/goals.example/goals/${goal.id}`);
  });

  it("speaks Plausible's Sites API for goals: find-or-create, list, delete", async () => {
    const put = await call('PUT', '/api/v1/sites/goals', { site_id: 'goals.example', goal_type: 'event', event_name: 'Signup' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ domain: 'goals.example', goal_type: 'event', event_name: 'Signup', page_path: null, display_name: 'Signup' });
    const same = await call('PUT', '/api/v1/sites/goals', { site_id: 'goals.example', goal_type: 'event', event_name: 'Signup' });
    expect(same.json().id).toBe(put.json().id);
    const badType = await call('PUT', '/api/v1/sites/goals', { site_id: 'goals.example', goal_type: 'scroll' });
    expect(badType.statusCode).toBe(400);
    const list = await call('GET', '/api/v1/sites/goals?site_id=goals.example');
    expect(list.json().goals.map((g: { event_name: string | null }) => g.event_name)).toContain('Signup');
    const deleted = await call('DELETE', `/api/v1/sites/goals/${put.json().id}?site_id=goals.example`);
    expect(deleted.json()).toEqual({ deleted: true });
    expect((await call('DELETE', `/api/v1/sites/goals/${put.json().id}?site_id=goals.example`)).statusCode).toBe(404);
  });

  it('suggests the system goals and the events and pages seen that are not goals yet', async () => {
    await qusto.container.cradle.ingestion.importEvents(
      'goals.example',
      [
        { timestamp: new Date(Date.now() - 3600_000).toISOString(), name: 'pageview', url: 'https://goals.example/pricing', ip: '1.2.3.4', user_agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0' },
        { timestamp: new Date(Date.now() - 3500_000).toISOString(), name: 'Download', url: 'https://goals.example/pricing', props: { file: 'report.pdf' }, ip: '1.2.3.4', user_agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0' },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const response = await call('GET', '/api/sites/goals.example/goals/suggestions');
    expect(response.json()).toEqual({
      system: ['Outbound Link: Click', 'File Download', '404', 'Form: Submission'],
      events: ['Download'],
      pages: ['/pricing'],
      properties: { Download: ['file'] },
    });
  });

  it('suggests from another period with from/to, and refuses bad dates', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const inRange = await call('GET', `/api/sites/goals.example/goals/suggestions?from=2020-01-01&to=${today}`);
    expect(inRange.json()).toMatchObject({ events: ['Download'], properties: { Download: ['file'] } });
    const before = await call('GET', '/api/sites/goals.example/goals/suggestions?from=2020-01-01&to=2020-01-31');
    expect(before.json()).toMatchObject({ events: [], pages: [], properties: {} });
    const bad = await call('GET', '/api/sites/goals.example/goals/suggestions?from=2020-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'from and to are dates like 2026-01-31' });
  });

  it('deletes a deleted site’s goals through the site:deleted hook', async () => {
    const site = (await qusto.container.cradle.sites.findByDomain('goals.example'))!;
    await qusto.container.cradle.hookBus.emit('site:deleted', site);
    expect((await call('GET', '/api/sites/goals.example/goals')).json().goals).toEqual([]);
  });
});
