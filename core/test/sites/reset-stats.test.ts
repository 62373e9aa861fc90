import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createUser, sessionFor } from '../auth/support/accounts.ts';
import type { TestClient } from '../auth/support/http-client.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/** NDJSON backfill lines for `domain`, a few minutes apart, `daysAgo` days back. */
function lines(domain: string, count: number, options: { daysAgo?: number; props?: Record<string, string> } = {}): string {
  const base = Date.now() - (options.daysAgo ?? 2) * 86_400_000;
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      timestamp: new Date(base + i * 60_000).toISOString(),
      name: options.props ? 'Signup' : 'pageview',
      url: `https://${domain}/page-${i}`,
      ip: `8.8.${i}.8`,
      user_agent: UA,
      ...(options.props ? { props: options.props } : {}),
    }),
  ).join('\n');
}

describe('resetting a site’s stats and listing its property keys', () => {
  let qusto: TestApp;
  let owner: TestClient;
  let editor: TestClient;

  beforeAll(async () => {
    qusto = await startTestApp();
    await createUser(qusto, 'owner@reset.example');
    await createUser(qusto, 'editor@reset.example');
    owner = await sessionFor(qusto, 'owner@reset.example');
    editor = await sessionFor(qusto, 'editor@reset.example');
    const teamId = (await owner.get('/api/me')).json().teams[0].id;
    await qusto.container.cradle.teams.setRole(teamId, (await qusto.container.cradle.users.findByEmail('editor@reset.example'))!.id, 'editor');
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  const count = async (table: 'events' | 'sessions', siteId: string) =>
    Number((await qusto.container.cradle.eventStore.query<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE site_id = {id:UInt64}`, { id: siteId }))[0]!.n);

  // A closed range (ending yesterday): its results are cached, so a stale cache would show.
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const visitors = async (domain: string) => {
    const answer = await owner.post('/api/v2/query', { site_id: domain, metrics: ['visitors', 'pageviews'], date_range: [day(6), day(1)] });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json().results[0]?.metrics as number[];
  };

  it('deletes the site’s events and sessions only, keeps its settings, and the stats show zero at once', async () => {
    for (const domain of ['reset.example', 'kept.example']) {
      expect((await owner.post('/api/sites', { domain })).statusCode).toBe(201);
      expect((await qusto.container.cradle.ingestion.importEvents(domain, lines(domain, 3))).imported).toBe(3);
    }
    await owner.put('/api/sites/reset.example', { timezone: 'Europe/Berlin', allowedEventProps: ['plan'] });
    await owner.post('/api/sites/reset.example/shields', { kind: 'ip', value: '203.0.113.9' });
    await owner.post('/api/sites/reset.example/shared-links', { name: 'Press' });
    const { sites } = qusto.container.cradle;
    const reset = (await sites.findRecordByDomain('reset.example'))!;
    const kept = (await sites.findRecordByDomain('kept.example'))!;
    expect(await count('events', reset.id)).toBe(3);
    expect(await count('sessions', reset.id)).toBeGreaterThan(0);
    expect(await visitors('reset.example')).toEqual([3, 3]);

    expect((await editor.delete('/api/sites/reset.example/stats')).statusCode).toBe(403);
    expect((await owner.delete('/api/sites/nowhere.example/stats')).statusCode).toBe(404);
    const response = await owner.delete('/api/sites/reset.example/stats');
    expect(response.statusCode, response.body).toBe(204);

    // Synchronous: no waiting for the mutation.
    expect(await count('events', reset.id)).toBe(0);
    expect(await count('sessions', reset.id)).toBe(0);
    expect(await visitors('reset.example')).toEqual([0, 0]);
    expect(await count('events', kept.id)).toBe(3);
    expect(await visitors('kept.example')).toEqual([3, 3]);

    const site = (await owner.get('/api/sites/reset.example')).json().site;
    expect(site).toMatchObject({ timezone: 'Europe/Berlin', allowedEventProps: ['plan'] });
    expect((await owner.get('/api/sites/reset.example/shields')).json().shields).toHaveLength(1);
    expect((await owner.get('/api/sites/reset.example/shared-links')).json().sharedLinks).toHaveLength(1);

    // New events count again after a reset.
    expect((await qusto.container.cradle.ingestion.importEvents('reset.example', lines('reset.example', 2, { daysAgo: 3 }))).imported).toBe(2);
    expect(await visitors('reset.example')).toEqual([2, 2]);
  });

  it('counts a visit that was live during the reset as a new visit afterwards', async () => {
    expect((await owner.post('/api/sites', { domain: 'live.example' })).statusCode).toBe(201);
    const live = (await qusto.container.cradle.sites.findRecordByDomain('live.example'))!;
    const pageview = (path: string) =>
      qusto.app.inject({
        method: 'POST',
        url: '/api/event',
        headers: { 'content-type': 'text/plain', 'user-agent': UA },
        payload: JSON.stringify({ n: 'pageview', u: `https://live.example${path}`, d: 'live.example' }),
      });
    expect((await pageview('/before')).statusCode).toBe(202);
    // Not flushed on purpose: the reset must write what is spooled before deleting.
    expect((await owner.delete('/api/sites/live.example/stats')).statusCode).toBe(204);
    expect(await count('events', live.id)).toBe(0);

    expect((await pageview('/after')).statusCode).toBe(202);
    await qusto.container.cradle.ingestion.flush();
    const answer = await owner.post('/api/v2/query', { site_id: 'live.example', metrics: ['visitors', 'visits', 'pageviews'], date_range: 'day' });
    expect(answer.json().results[0].metrics).toEqual([1, 1, 1]);
    const [entry] = await qusto.container.cradle.eventStore.query<{ entry: string; n: string }>(
      'SELECT any(entry_page) AS entry, sum(sign) AS n FROM sessions WHERE site_id = {id:UInt64}',
      { id: live.id },
    );
    expect(entry).toEqual({ entry: '/after', n: '1' });
  });

  it('lists the custom property keys of the last 30 days, most used first, to settings editors', async () => {
    expect((await owner.post('/api/sites', { domain: 'props.example' })).statusCode).toBe(201);
    const { ingestion } = qusto.container.cradle;
    await ingestion.importEvents('props.example', lines('props.example', 3, { props: { plan: 'pro', author: 'ann' } }));
    await ingestion.importEvents('props.example', lines('props.example', 1, { props: { "o'quote": 'x' } }));
    await ingestion.importEvents('props.example', lines('props.example', 2, { daysAgo: 40, props: { ancient: 'yes' } }));
    await ingestion.importEvents('kept.example', lines('kept.example', 1, { props: { other_site: 'x' } }));

    const response = await editor.get('/api/sites/props.example/property-keys');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().propertyKeys).toEqual([
      { key: 'author', events: 3 },
      { key: 'plan', events: 3 },
      { key: "o'quote", events: 1 },
    ]);
    expect((await owner.get('/api/sites/nowhere.example/property-keys')).statusCode).toBe(404);
  });
});
