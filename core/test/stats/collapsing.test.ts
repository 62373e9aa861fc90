import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ADMIN_TOKEN, client, pinNow } from './support/stats-fixture.ts';

const SITE = 'collapse.example';

/**
 * Visits are stored as states: each update cancels the previous state (sign -1) and writes the new
 * one. Until ClickHouse merges them, both are there; the numbers must not depend on merges.
 */
describe('uncollapsed visit states', () => {
  let qusto: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN });
    const site = await qusto.container.cradle.sites.create({ domain: SITE });
    const { eventStore } = qusto.container.cradle;
    await eventStore.command('SYSTEM STOP MERGES sessions');
    const visit = (over: Record<string, unknown>) => ({
      site_id: site.id,
      hostname: SITE,
      exit_page_hostname: SITE,
      acquisition_channel: 'Direct',
      ...over,
    });
    const a1 = visit({ session_id: '100', user_id: '1', start: '2026-03-02 23:50:00', timestamp: '2026-03-02 23:50:00', entry_page: '/a', exit_page: '/a', pageviews: 1, events: 1, is_bounce: 1, duration: 0 });
    const a2 = { ...a1, timestamp: '2026-03-03 00:10:00', exit_page: '/b', pageviews: 2, events: 2, is_bounce: 0, duration: 1200 };
    const b = visit({ session_id: '200', user_id: '2', start: '2026-03-02 10:00:00', timestamp: '2026-03-02 10:00:00', entry_page: '/a', exit_page: '/c', pageviews: 1, events: 1, is_bounce: 1, duration: 0 });
    await eventStore.insert('sessions', [{ ...a1, sign: 1 }]);
    await eventStore.insert('sessions', [{ ...b, sign: 1 }]);
    await eventStore.insert('sessions', [{ ...a1, sign: -1 }, { ...a2, sign: 1 }]);
    const event = (session: string, user: string, timestamp: string, pathname: string) => ({
      site_id: site.id, session_id: session, user_id: user, timestamp, name: 'pageview', hostname: SITE, pathname, acquisition_channel: 'Direct',
    });
    await eventStore.insert('events', [
      event('100', '1', '2026-03-02 23:50:00', '/a'),
      event('100', '1', '2026-03-03 00:10:00', '/b'),
      event('200', '2', '2026-03-02 10:00:00', '/a'),
    ]);
    pinNow(qusto, '2026-03-10T00:00:00Z');
    api = client(qusto);
  });
  afterAll(async () => qusto?.dispose());

  const both = ['2026-03-02', '2026-03-03'];
  const expectations = async () => {
    const rows = (body: Record<string, unknown>) => api.rows({ site_id: SITE, date_range: both, ...body });
    expect(await rows({ metrics: ['visitors', 'visits', 'bounce_rate', 'visit_duration', 'views_per_visit'] })).toEqual([[2, 2, 50, 600, 1.5]]);
    // /a was visit 100's exit page only in its cancelled state: no row for it.
    expect(await rows({ metrics: ['visitors', 'visits'], dimensions: ['visit:exit_page'] })).toEqual([
      ['/b', 1, 1],
      ['/c', 1, 1],
    ]);
    expect(await rows({ metrics: ['visitors', 'visits'], dimensions: ['time:day'] })).toEqual([
      ['2026-03-02', 1, 1],
      ['2026-03-03', 1, 1],
    ]);
    expect(await rows({ metrics: ['visitors', 'visits'], dimensions: ['time:hour'], date_range: ['2026-03-02', '2026-03-02'] })).toEqual([
      ['2026-03-02 10:00:00', 1, 1],
      ['2026-03-02 23:00:00', 1, 1],
    ]);
    expect(await rows({ metrics: ['visitors', 'visits'], filters: [['is', 'visit:exit_page', ['/a']]] })).toEqual([[0, 0]]);
    expect(await rows({ metrics: ['visitors', 'visits'], filters: [['is', 'visit:exit_page', ['/c']]] })).toEqual([[1, 1]]);
    expect(await rows({ metrics: ['visitors', 'pageviews'], filters: [['is', 'visit:exit_page', ['/c']]] })).toEqual([[1, 1]]);
    expect(await rows({ metrics: ['visitors', 'pageviews'], filters: [['is', 'visit:exit_page', ['/b']]] })).toEqual([[1, 2]]);
  };

  it('counts each visit by its current state before merges', async () => {
    const parts = await qusto.container.cradle.eventStore.query<{ rows: string }>("SELECT sum(rows) AS rows FROM system.parts WHERE table = 'sessions' AND active");
    expect(parts[0]!.rows).toBe('4');
    await expectations();
  });

  it('and the same after the states collapse', async () => {
    const { eventStore } = qusto.container.cradle;
    await eventStore.command('SYSTEM START MERGES sessions');
    await eventStore.command('OPTIMIZE TABLE sessions FINAL');
    const parts = await eventStore.query<{ rows: string }>("SELECT sum(rows) AS rows FROM system.parts WHERE table = 'sessions' AND active");
    expect(parts[0]!.rows).toBe('2');
    qusto.container.cradle.stats.cache.clear();
    await expectations();
  });
});
