import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_BY_INGEST_DOMAIN_SQL } from '../../src/sites/site-repository.ts';
import { MAX_SHIELDS_PER_KIND } from '../../src/sites/shield-service.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { metadataBackends } from '../support/test-stores.ts';
import { createUser, sessionFor } from '../auth/support/accounts.ts';
import type { TestClient } from '../auth/support/http-client.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

describe.each(metadataBackends())('sites on %s', (backend) => {
  let qusto: TestApp;
  let owner: TestClient;
  let editor: TestClient;
  let teamId: string;

  beforeAll(async () => {
    qusto = await startTestApp({}, { backend });
    await createUser(qusto, 'owner@sites.example');
    await createUser(qusto, 'editor@sites.example');
    owner = await sessionFor(qusto, 'owner@sites.example');
    editor = await sessionFor(qusto, 'editor@sites.example');
    teamId = (await owner.get('/api/me')).json().teams[0].id;
    await qusto.container.cradle.teams.setRole(teamId, (await qusto.container.cradle.users.findByEmail('editor@sites.example'))!.id, 'editor');
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('creates sites with a valid domain and IANA time zone, normalised and unique', async () => {
    const created = await owner.post('/api/sites', { domain: 'WWW.Example.COM', timezone: 'America/New_York' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().site).toMatchObject({ domain: 'example.com', timezone: 'America/New_York', teamId, public: false, allowedEventProps: null });
    for (const [body, message] of [
      [{ domain: 'not a domain' }, /not a valid domain/],
      [{ domain: 'ok.example', timezone: 'Mars/Olympus' }, /not an IANA time zone/],
      [{ domain: "ok.example', timezone => 'x" }, /not a valid domain/],
      [{ domain: 'ok.example', timezone: "UTC'); DROP TABLE sites;--" }, /not an IANA time zone/],
    ] as const) {
      const response = await owner.post('/api/sites', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error).toMatch(message);
    }
    expect((await owner.post('/api/sites', { domain: 'example.com' })).statusCode).toBe(409);
    // Editors may not add sites to the team.
    expect((await editor.post('/api/sites', { domain: 'editor.example', teamId })).statusCode).toBe(403);
  });

  it('changes the domain, keeping the old one for ingestion during the grace period', async () => {
    await owner.post('/api/sites', { domain: 'old.example' });
    expect((await editor.put('/api/sites/old.example', { domain: 'new.example' })).statusCode).toBe(403);
    const changed = await owner.put('/api/sites/old.example', { domain: 'new.example' });
    expect(changed.statusCode, changed.body).toBe(200);
    const site = changed.json().site;
    expect(site).toMatchObject({ domain: 'new.example', previousDomain: 'old.example' });
    const grace = Date.parse(site.previousDomainExpiresAt) - Date.now();
    expect(grace).toBeGreaterThan(71 * 3600 * 1000);
    expect(grace).toBeLessThan(73 * 3600 * 1000);

    const { metadataDb } = qusto.container.cradle;
    for (const domain of ['old.example', 'new.example']) {
      expect(await metadataDb.query(SITE_BY_INGEST_DOMAIN_SQL, [domain]), domain).toEqual([{ id: site.id, domain: 'new.example', timezone: 'Etc/UTC' }]);
    }
    // The old domain is not free while it still ingests for this site...
    expect((await owner.post('/api/sites', { domain: 'old.example' })).statusCode).toBe(409);
    // ...and stops matching once the grace period is over.
    await metadataDb.query("UPDATE sites SET previous_domain_expires_at = now() - interval '1 second' WHERE id = $1", [site.id]);
    expect(await metadataDb.query(SITE_BY_INGEST_DOMAIN_SQL, ['old.example'])).toEqual([]);
    expect((await owner.get('/api/sites/old.example')).statusCode).toBe(404);
  });

  it('updates settings: time zone, public dashboard, allowed custom properties', async () => {
    await owner.post('/api/sites', { domain: 'settings.example' });
    const updated = await editor.put('/api/sites/settings.example', { timezone: 'Asia/Tokyo', public: true, allowedEventProps: ['plan', 'plan', 'author'] });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().site).toMatchObject({ timezone: 'Asia/Tokyo', public: true, allowedEventProps: ['plan', 'author'] });
    expect((await editor.put('/api/sites/settings.example', { allowedEventProps: null })).json().site.allowedEventProps).toBeNull();
    expect((await editor.put('/api/sites/settings.example', { timezone: 'Nowhere/Land' })).statusCode).toBe(400);
    expect((await editor.put('/api/sites/settings.example', { public: 'yes' })).statusCode).toBe(400);
  });

  it('manages shields (validated, at most 30 of a kind), and ingestion applies them at once', async () => {
    await owner.post('/api/sites', { domain: 'shields.example' });
    const event = (ip: string) =>
      qusto.app.inject({
        method: 'POST',
        url: '/api/event',
        remoteAddress: ip,
        headers: { 'content-type': 'application/json', 'user-agent': UA },
        payload: { name: 'pageview', url: 'https://shields.example/', domain: 'shields.example' },
      });
    expect((await event('8.8.4.4')).headers['x-qusto-dropped']).toBeUndefined();

    const added = await editor.post('/api/sites/shields.example/shields', { kind: 'ip', value: '8.8.4.4', description: 'office' });
    expect(added.statusCode, added.body).toBe(201);
    expect((await event('8.8.4.4')).headers['x-qusto-dropped']).toBe('1');

    expect((await editor.post('/api/sites/shields.example/shields', { kind: 'ip', value: '8.8.4.4' })).statusCode).toBe(409);
    for (const [body, message] of [
      [{ kind: 'ip', value: '999.1.1.1' }, /not an IP address/],
      [{ kind: 'page', value: 'no-slash' }, /must start with \//],
      [{ kind: 'country', value: 'Germany' }, /ISO 3166/],
      [{ kind: 'referrer', value: 'x' }, /kind must be one of/],
    ] as const) {
      const response = await editor.post('/api/sites/shields.example/shields', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error).toMatch(message);
    }
    const country = await editor.post('/api/sites/shields.example/shields', { kind: 'country', value: 'de' });
    expect(country.json().shield.value).toBe('DE');
    for (let i = 1; i < MAX_SHIELDS_PER_KIND; i++) {
      expect((await editor.post('/api/sites/shields.example/shields', { kind: 'page', value: `/p${i}/**` })).statusCode).toBe(201);
    }
    expect((await editor.post('/api/sites/shields.example/shields', { kind: 'page', value: '/last' })).statusCode).toBe(201);
    const over = await editor.post('/api/sites/shields.example/shields', { kind: 'page', value: '/one-too-many' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatch(/at most 30 page rules/);

    const shields = (await editor.get('/api/sites/shields.example/shields')).json().shields;
    expect(shields).toHaveLength(32);
    const ipShield = shields.find((s: { kind: string }) => s.kind === 'ip');
    expect((await editor.delete(`/api/sites/shields.example/shields/${ipShield.id}`)).statusCode).toBe(204);
    expect((await editor.delete(`/api/sites/shields.example/shields/${ipShield.id}`)).statusCode).toBe(404);
    expect((await event('8.8.4.4')).headers['x-qusto-dropped']).toBeUndefined();
  });

  it('deletes a site with its events and sessions, its metadata, and tells plugins', async () => {
    await owner.post('/api/sites', { domain: 'doomed.example' });
    await owner.post('/api/sites', { domain: 'survivor.example' });
    const { ingestion, eventStore, hookBus, sites } = qusto.container.cradle;
    const line = (domain: string, minute: number) =>
      JSON.stringify({ timestamp: `2026-01-05T10:${String(minute).padStart(2, '0')}:00Z`, name: 'pageview', url: `https://${domain}/`, ip: '8.8.8.8', user_agent: UA });
    for (const domain of ['doomed.example', 'survivor.example']) {
      expect((await ingestion.importEvents(domain, [line(domain, 1), line(domain, 2)].join('\n'))).imported).toBe(2);
    }
    const doomed = (await sites.findRecordByDomain('doomed.example'))!;
    const survivor = (await sites.findRecordByDomain('survivor.example'))!;
    const count = async (table: string, id: string) =>
      Number((await eventStore.query<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE site_id = {id:UInt64}`, { id }))[0]!.n);
    expect(await count('events', doomed.id)).toBe(2);
    expect(await count('sessions', doomed.id)).toBeGreaterThan(0);
    await owner.post('/api/sites/doomed.example/shared-links', { name: 'gone soon' });

    const deleted: string[] = [];
    hookBus.on('test', 'site:deleted', (site) => void deleted.push(site.domain));
    expect((await editor.delete('/api/sites/doomed.example')).statusCode).toBe(403);
    expect((await owner.delete('/api/sites/doomed.example')).statusCode).toBe(204);
    expect(deleted).toEqual(['doomed.example']);
    expect(await sites.findRecordByDomain('doomed.example')).toBeNull();
    expect(await qusto.container.cradle.metadataDb.query('SELECT 1 FROM shared_links WHERE site_id = $1', [doomed.id])).toEqual([]);
    // ALTER TABLE ... DELETE is a mutation: applied in the background, soon.
    for (let i = 0; i < 100 && (await count('events', doomed.id)) + (await count('sessions', doomed.id)) > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await count('events', doomed.id)).toBe(0);
    expect(await count('sessions', doomed.id)).toBe(0);
    expect(await count('events', survivor.id)).toBe(2);
    expect((await owner.get('/api/sites/doomed.example')).statusCode).toBe(404);
  });

  it('moves a site to another team the caller administers', async () => {
    await owner.post('/api/sites', { domain: 'mover.example' });
    const otherTeam = (await owner.post('/api/teams', { name: 'Second team' })).json().team.id;
    const moved = await owner.post('/api/sites/mover.example/transfer', { teamId: otherTeam });
    expect(moved.json().site.teamId).toBe(otherTeam);
    expect((await editor.get('/api/sites/mover.example')).statusCode).toBe(404);
    expect((await owner.post('/api/sites/mover.example/transfer', { teamId: '999999' })).statusCode).toBe(403);
  });
});
