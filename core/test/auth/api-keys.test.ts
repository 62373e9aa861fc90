import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { metadataBackends } from '../support/test-stores.ts';
import { createUser, signIn } from './support/accounts.ts';
import { TestClient } from './support/http-client.ts';

describe.each(metadataBackends())('API keys on %s', (backend) => {
  let qusto: TestApp;
  let owner: TestClient;
  let teamId: string;

  beforeAll(async () => {
    qusto = await startTestApp({ API_KEY_RATE_LIMIT: '20' }, { backend });
    await createUser(qusto, 'owner@keys.example');
    owner = await signIn(qusto, 'owner@keys.example');
    teamId = (await owner.get('/api/me')).json().teams[0].id;
    expect((await owner.post('/api/sites', { domain: 'keys.example', timezone: 'Europe/Paris' })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  const createKey = async (scopes: string[], client = owner) => {
    const response = await client.post('/api/me/api-keys', { name: scopes.join('+'), scopes });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { key: string; apiKey: { id: string; prefix: string; scopes: string[]; teamId: string } };
  };

  it('shows a key once and stores only its hash', async () => {
    const { key, apiKey } = await createKey(['sites:read']);
    expect(key).toMatch(/^qk_[\w-]{40}$/);
    expect(apiKey).toMatchObject({ scopes: ['sites:read'], teamId, prefix: key.slice(0, 9) });
    const listed = (await owner.get('/api/me/api-keys')).json().apiKeys;
    expect(JSON.stringify(listed)).not.toContain(key);
    const rows = await qusto.container.cradle.metadataDb.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [apiKey.id]);
    expect(rows[0]!.key_hash).toBe(hashToken(key));
  });

  it('lets each scope do its part and nothing more', async () => {
    const read = new TestClient(qusto.app, { bearer: (await createKey(['sites:read'])).key });
    const provision = new TestClient(qusto.app, { bearer: (await createKey(['sites:provision'])).key, remoteAddress: '192.0.2.50' });
    expect((await read.get('/api/v1/sites')).json()).toEqual({ sites: [{ domain: 'keys.example', timezone: 'Europe/Paris' }], meta: { after: null, before: null, limit: 100 } });
    expect((await read.post('/api/v1/sites', { domain: 'nope.example' })).statusCode).toBe(403);
    expect((await read.delete('/api/v1/sites/keys.example')).statusCode).toBe(403);

    const created = await provision.post('/api/v1/sites', { domain: 'Provisioned.example', timezone: 'Asia/Tokyo' });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toEqual({ domain: 'provisioned.example', timezone: 'Asia/Tokyo', custom_properties: [], tracker_script_configuration: {} });
    const link = await provision.put('/api/v1/sites/shared-links', { site_id: 'provisioned.example', name: 'Wordpress' });
    expect(link.json()).toEqual({ name: 'Wordpress', url: expect.stringMatching(/^http:\/\/localhost:8000\/share\/provisioned\.example\?auth=[\w-]+$/) });
    expect((await provision.put('/api/v1/sites/shared-links', { site_id: 'provisioned.example', name: 'Wordpress' })).json()).toEqual(link.json());
    const guest = await provision.put('/api/v1/sites/guests', { site_id: 'provisioned.example', email: 'Guest@Example.com', role: 'viewer' });
    expect(guest.json()).toEqual({ email: 'guest@example.com', role: 'viewer', status: 'invited' });
    expect((await provision.get('/api/v1/sites/guests?site_id=provisioned.example')).json().guests).toEqual([{ email: 'guest@example.com', role: 'viewer', status: 'invited' }]);
    expect((await provision.delete('/api/v1/sites/guests/guest@example.com?site_id=provisioned.example')).json()).toEqual({ deleted: true });
    const renamed = await provision.put('/api/v1/sites/provisioned.example', { domain: 'renamed.example' });
    expect(renamed.json().domain).toBe('renamed.example');
    const deleted = await provision.delete('/api/v1/sites/renamed.example');
    expect(deleted.json(), deleted.body).toEqual({ deleted: true });
    expect((await provision.get('/api/v1/sites/renamed.example')).statusCode).toBe(404);
    // Keys are for APIs, not for the account pages.
    expect((await provision.get('/api/me')).statusCode).toBe(403);
    expect((await provision.post('/api/me/api-keys', { name: 'escalate', scopes: ['events:import'] })).statusCode).toBe(403);
  });

  it('imports raw events with an events:import key, and not with others', async () => {
    const importer = new TestClient(qusto.app, { bearer: (await createKey(['events:import'])).key, remoteAddress: '192.0.2.51' });
    const reader = new TestClient(qusto.app, { bearer: (await createKey(['stats:read'])).key, remoteAddress: '192.0.2.52' });
    const line = JSON.stringify({ timestamp: '2026-01-05T10:00:00Z', name: 'pageview', url: 'https://keys.example/', ip: '8.8.8.8', user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0' });
    const headers = { 'content-type': 'application/x-ndjson' };
    const denied = await reader.request('POST', '/api/v1/import/events?site_id=keys.example', { body: line, headers });
    expect(denied.statusCode).toBe(403);
    const imported = await importer.request('POST', '/api/v1/import/events?site_id=keys.example', { body: line, headers });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ imported: 1 });
    // The site is named as everywhere else: case and a leading www. do not matter.
    const spelled = await importer.request('POST', '/api/v1/import/events?site_id=WWW.Keys.example', { body: line.replace('10:00', '11:00'), headers });
    expect(spelled.statusCode, spelled.body).toBe(200);
    expect(spelled.json()).toMatchObject({ imported: 1 });
    const missing = await importer.request('POST', '/api/v1/import/events', { body: line, headers });
    expect(missing.statusCode).toBe(400);
  });

  it('refuses scopes the user’s role cannot use', async () => {
    await createUser(qusto, 'viewer@keys.example');
    const { teams } = qusto.container.cradle;
    const viewerId = (await qusto.container.cradle.users.findByEmail('viewer@keys.example'))!.id;
    await teams.setRole(teamId, viewerId, 'viewer');
    const viewer = await signIn(qusto, 'viewer@keys.example');
    const refused = await viewer.post('/api/me/api-keys', { name: 'x', teamId, scopes: ['sites:provision'] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatch(/does not allow the sites:provision scope/);
    expect((await viewer.post('/api/me/api-keys', { name: 'x', teamId, scopes: ['nonsense'] })).statusCode).toBe(400);
    expect((await viewer.post('/api/me/api-keys', { name: 'x', teamId, scopes: ['stats:read'] })).statusCode).toBe(201);
  });

  it('stops working when revoked, and when its user leaves the team', async () => {
    const { key, apiKey } = await createKey(['sites:read']);
    const client = new TestClient(qusto.app, { bearer: key, remoteAddress: '192.0.2.53' });
    expect((await client.get('/api/v1/sites/keys.example')).statusCode).toBe(200);
    expect((await owner.delete(`/api/me/api-keys/${apiKey.id}`)).statusCode).toBe(204);
    const revoked = await client.get('/api/v1/sites/keys.example');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error).toBe('Invalid API key');
    expect((await owner.delete(`/api/me/api-keys/${apiKey.id}`)).statusCode).toBe(404);

    const viewer = await signIn(qusto, 'viewer@keys.example');
    const viewerKey = (await viewer.post('/api/me/api-keys', { name: 'v', teamId, scopes: ['stats:read'] })).json();
    const ownersKey = await createKey(['stats:read']);
    // A viewer cannot revoke the owner's key; owners and admins manage every key of their team.
    expect((await viewer.delete(`/api/me/api-keys/${ownersKey.apiKey.id}`)).statusCode).toBe(404);
    const probe = new TestClient(qusto.app, { bearer: viewerKey.key, remoteAddress: '192.0.2.55' });
    expect((await probe.get('/api/me/abilities')).json().principal).toBe('api_key');
    const viewerId = (await qusto.container.cradle.users.findByEmail('viewer@keys.example'))!.id;
    expect((await owner.delete(`/api/teams/${teamId}/members/${viewerId}`)).statusCode).toBe(204);
    expect((await probe.get('/api/me/abilities')).statusCode).toBe(401);
  });

  it('limits each key to API_KEY_RATE_LIMIT requests an hour', async () => {
    const { key } = await createKey(['sites:read']);
    const client = new TestClient(qusto.app, { bearer: key, remoteAddress: '192.0.2.54' });
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await client.get('/api/v1/sites')).statusCode);
    expect(statuses).toEqual([...Array(20).fill(200), 429, 429]);
    // Another key of the same user has its own budget.
    const other = new TestClient(qusto.app, { bearer: (await createKey(['sites:read'])).key, remoteAddress: '192.0.2.54' });
    expect((await other.get('/api/v1/sites')).statusCode).toBe(200);
  });

  it('rejects malformed and unknown bearer tokens with 401', async () => {
    for (const authorization of ['Bearer qk_not-a-real-key', 'Bearer something', 'Basic abc']) {
      const response = await qusto.app.inject({ method: 'GET', url: '/api/v1/sites', headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
    }
  });
});
