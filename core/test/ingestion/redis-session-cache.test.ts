import { randomBytes } from 'node:crypto';
import type { QustoEvent } from '@qusto/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisSessionCache } from '../../src/ingestion/redis-session-cache.ts';
import { SessionTracker } from '../../src/ingestion/session-tracker.ts';

const REDIS_URL = process.env.REDIS_URL;

const event = (siteId: string, userId: string, timestamp: string, pathname: string) =>
  ({ siteId, userId, timestamp, name: 'pageview', pathname, hostname: 'example.com', interactive: true, props: {} }) as unknown as QustoEvent;

/** Visits shared by several app instances through Redis (runs when REDIS_URL is set). */
describe.skipIf(!REDIS_URL)('Redis session cache', () => {
  const caches: RedisSessionCache[] = [];
  const cache = () => {
    const c = new RedisSessionCache(REDIS_URL!);
    caches.push(c);
    return c;
  };
  afterAll(async () => {
    for (const c of caches) await c.close();
  });

  it('continues one visit across two instances', async () => {
    const site = `test-${randomBytes(4).toString('hex')}`;
    const first = new SessionTracker(cache());
    const second = new SessionTracker(cache());
    const a = await first.track(event(site, '42', '2026-01-01 10:00:00', '/'), () => null);
    const b = await second.track(event(site, '42', '2026-01-01 10:10:00', '/pricing'), () => null);
    if (a.kind !== 'tracked' || b.kind !== 'tracked') throw new Error('dropped');
    expect(b.event.sessionId).toBe(a.event.sessionId);
    expect(b.visit?.state).toMatchObject({ entryPage: '/', exitPage: '/pricing', pageviews: 2, isBounce: false });
    expect(b.visit?.replaced?.events).toBe(1);
  });

  it('starts a new visit after 30 minutes', async () => {
    const site = `test-${randomBytes(4).toString('hex')}`;
    const tracker = new SessionTracker(cache());
    const a = await tracker.track(event(site, '7', '2026-01-01 10:00:00', '/'), () => null);
    const b = await tracker.track(event(site, '7', '2026-01-01 10:45:00', '/'), () => null);
    if (a.kind !== 'tracked' || b.kind !== 'tracked') throw new Error('dropped');
    expect(b.event.sessionId).not.toBe(a.event.sessionId);
  });

  it('forgets one site’s live visits, and only that site’s', async () => {
    const site = `test-${randomBytes(4).toString('hex')}`;
    const other = `test-${randomBytes(4).toString('hex')}`;
    const shared = cache();
    const tracker = new SessionTracker(shared);
    for (const user of ['1', '2', '3']) await tracker.track(event(site, user, '2026-01-01 10:00:00', '/'), () => null);
    await tracker.track(event(other, '1', '2026-01-01 10:00:00', '/'), () => null);
    await shared.forgetSite(site);
    expect(await Promise.all(['1', '2', '3'].map((user) => shared.get(site, user)))).toEqual([null, null, null]);
    expect(await shared.get(other, '1')).not.toBeNull();
  });
});
