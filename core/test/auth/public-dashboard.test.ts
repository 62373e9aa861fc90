import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createUser, signIn } from './support/accounts.ts';
import { TestClient } from './support/http-client.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/** A site marked public is readable by anyone, as Plausible's public dashboards are; nothing else is. */
describe('public dashboards', () => {
  let qusto: TestApp;
  let owner: TestClient;
  let visitor: TestClient;

  beforeAll(async () => {
    qusto = await startTestApp();
    await createUser(qusto, 'owner@public.example');
    owner = await signIn(qusto, 'owner@public.example');
    visitor = new TestClient(qusto.app);
    for (const domain of ['open.example', 'closed.example']) {
      expect((await owner.post('/api/sites', { domain })).statusCode).toBe(201);
      const line = JSON.stringify({ timestamp: new Date(Date.now() - 3_600_000).toISOString(), name: 'pageview', url: `https://${domain}/`, ip: '8.8.8.8', user_agent: UA });
      await qusto.container.cradle.ingestion.importEvents(domain, line);
    }
    expect((await owner.put('/api/sites/open.example', { public: true })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  const query = (domain: string) => visitor.post('/api/v2/query', { site_id: domain, metrics: ['visitors'], date_range: '24h' });

  it('lets a signed-out visitor read a public site’s stats, and only its stats', async () => {
    const open = await query('open.example');
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json().results[0].metrics).toEqual([1]);
    expect((await query('closed.example')).statusCode).toBe(401);
    expect((await query('nowhere.example')).statusCode).toBe(401);
    const info = await visitor.get('/api/sites/open.example/dashboard');
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json().site).toMatchObject({ domain: 'open.example', timezone: 'Etc/UTC' });
    expect((await visitor.get('/api/sites/closed.example/dashboard')).statusCode).toBe(401);
    expect((await visitor.get('/api/sites/open.example')).statusCode).toBe(401);
    // Reading is all: settings stay closed.
    expect((await visitor.put('/api/sites/open.example', { timezone: 'Europe/Berlin' })).statusCode).toBe(401);
    expect((await visitor.get('/api/sites/open.example/shields')).statusCode).toBe(401);
  });

  it('closes again when the site is made private', async () => {
    expect((await owner.put('/api/sites/open.example', { public: false })).statusCode).toBe(200);
    expect((await query('open.example')).statusCode).toBe(401);
    expect((await owner.put('/api/sites/open.example', { public: true })).statusCode).toBe(200);
  });
});
