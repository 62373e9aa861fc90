import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAUSIBLE_STATS_MESSAGES } from '../../src/auth/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createUser, sessionFor } from './support/accounts.ts';
import { TestClient } from './support/http-client.ts';

const ADMIN_TOKEN = 'stats-auth-admin-token-'.padEnd(40, 'z');

/**
 * `requireAuth({ action: 'read', subject: 'Stats' }, PLAUSIBLE_STATS_MESSAGES)`, the drop-in for the
 * stats API's ADMIN_TOKEN check, exercised through the probe plugin's POST /api/probe/query.
 */
describe('the stats-read guard with Plausible answers', () => {
  let qusto: TestApp;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN, QUSTO_PLUGINS: path.join(import.meta.dirname, 'fixtures', 'auth-probe') });
    await createUser(qusto, 'a@stats.example');
    await createUser(qusto, 'b@stats.example');
    const a = await sessionFor(qusto, 'a@stats.example');
    const b = await sessionFor(qusto, 'b@stats.example');
    await a.post('/api/sites', { domain: 'a.example' });
    await b.post('/api/sites', { domain: 'b.example' });
    key = (await a.post('/api/me/api-keys', { name: 'stats', scopes: ['stats:read'] })).json().key;
    otherKey = (await a.post('/api/me/api-keys', { name: 'sites', scopes: ['sites:read'] })).json().key;
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  const query = (client: TestClient, siteId?: string) => client.post('/api/probe/query', siteId === undefined ? {} : { site_id: siteId });

  it('answers like Plausible: 401 with its messages for missing or bad keys and foreign sites', async () => {
    const cases: Array<[TestClient, string | undefined, number, string | undefined]> = [
      [new TestClient(qusto.app), 'a.example', 401, PLAUSIBLE_STATS_MESSAGES.unauthenticated],
      [new TestClient(qusto.app, { bearer: 'qk_wrong' }), 'a.example', 401, PLAUSIBLE_STATS_MESSAGES.invalidCredentials],
      [new TestClient(qusto.app, { bearer: key }), 'b.example', 401, PLAUSIBLE_STATS_MESSAGES.invalidCredentials],
      [new TestClient(qusto.app, { bearer: key }), 'missing.example', 401, PLAUSIBLE_STATS_MESSAGES.invalidCredentials],
      [new TestClient(qusto.app, { bearer: otherKey }), 'a.example', 403, PLAUSIBLE_STATS_MESSAGES.forbidden],
      [new TestClient(qusto.app, { bearer: key }), 'a.example', 200, undefined],
      [new TestClient(qusto.app, { bearer: ADMIN_TOKEN }), 'b.example', 200, undefined],
      [await sessionFor(qusto, 'b@stats.example'), 'b.example', 200, undefined],
    ];
    for (const [client, site, status, error] of cases) {
      const response = await query(client, site);
      expect(response.statusCode, `${site}: ${response.body}`).toBe(status);
      if (error) expect(response.json().error).toBe(error);
      else expect(response.json().site).toBe(site);
    }
  });

  it('leaves a missing site_id to the handler (Plausible says 400 there)', async () => {
    const response = await query(new TestClient(qusto.app, { bearer: key }));
    expect(response.statusCode).toBe(200);
    expect(response.json().site).toBeUndefined();
  });
});
