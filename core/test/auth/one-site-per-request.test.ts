import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createUser, signIn } from './support/accounts.ts';
import { TestClient } from './support/http-client.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/**
 * The guard checks the site a request names in its path, query or body; the handler must read
 * that site and no other. A caller who may read one site names it in the query string and
 * another in the body: that is refused, by every kind of caller, on every stats endpoint.
 */
describe('a request reads the one site it was authorized for', () => {
  let qusto: TestApp;
  let owner: TestClient;
  let apiKey: string;
  let shareSlug: string;

  beforeAll(async () => {
    qusto = await startTestApp();
    await createUser(qusto, 'admin@one-site.example', { admin: true });
    await createUser(qusto, 'bob@one-site.example');
    owner = await signIn(qusto, 'bob@one-site.example');
    expect((await owner.post('/api/sites', { domain: 'mine.example' })).statusCode).toBe(201);
    await qusto.container.cradle.sites.create({ domain: 'secret.example' });
    const at = Date.now() - 3_600_000;
    const report = await qusto.container.cradle.ingestion.importEvents(
      'secret.example',
      JSON.stringify({ timestamp: new Date(at).toISOString(), name: 'pageview', url: 'https://secret.example/launch-plan', ip: '8.8.8.8', user_agent: UA }),
    );
    expect(report.imported).toBe(1);
    apiKey = (await owner.post('/api/me/api-keys', { name: 'stats', scopes: ['stats:read'] })).json().key;
    shareSlug = (await owner.post('/api/sites/mine.example/shared-links', { name: 'Board' })).json().sharedLink.slug;
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  const callers = (): Array<[string, TestClient]> => [
    ['a dashboard session', owner],
    ['an API key', new TestClient(qusto.app, { bearer: apiKey })],
    ['a shared link', new TestClient(qusto.app, { headers: { 'x-qusto-share': shareSlug } })],
  ];
  const secretQuery = { site_id: 'secret.example', metrics: ['visitors'], date_range: '24h', dimensions: ['event:page'] };

  it('refuses a body naming another site than the query string, with a 400 naming both', async () => {
    for (const [who, client] of callers()) {
      for (const named of ['mine.example', 'MINE.example']) {
        const response = await client.post(`/api/v2/query?site_id=${named}`, secretQuery);
        expect(response.statusCode, `${who} ${named}: ${response.body}`).toBe(400);
        expect(response.json().error).toBe(`The request names more than one site ("${named}", "secret.example"): name one site, once`);
        expect(response.body).not.toContain('launch-plan');
      }
    }
  });

  it('still answers a site named twice the same way, and refuses the other site named alone', async () => {
    for (const [who, client] of callers()) {
      const same = await client.post('/api/v2/query?site_id=mine.example', { ...secretQuery, site_id: 'www.mine.example' });
      expect(same.statusCode, `${who}: ${same.body}`).toBe(200);
      expect(same.json().query.site_id).toBe('mine.example');
      const other = await client.post('/api/v2/query', secretQuery);
      expect(other.statusCode, `${who}: ${other.body}`).toBe(401);
      expect(other.body).not.toContain('launch-plan');
    }
  });

  it('the admin, who may read every site, gets the secret site when it is the only one named', async () => {
    const admin = await signIn(qusto, 'admin@one-site.example');
    const response = await admin.post('/api/v2/query', secretQuery);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().results).toEqual([{ dimensions: ['/launch-plan'], metrics: [1] }]);
  });
});
