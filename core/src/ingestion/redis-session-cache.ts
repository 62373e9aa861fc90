import { Redis } from 'ioredis';
import { SESSION_CACHE_TTL_MS, type SessionCache } from './session-cache.ts';
import type { SessionState } from './session-state.ts';

const PREFIX = 'qusto:visit:';

/** Visits shared by every app instance through Redis (`REDIS_URL`). */
export class RedisSessionCache implements SessionCache {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false, enableAutoPipelining: true });
  }

  async get(siteId: string, userId: string): Promise<SessionState | null> {
    const raw = await this.redis.get(`${PREFIX}${siteId}:${userId}`);
    return raw ? (JSON.parse(raw) as SessionState) : null;
  }

  async put(session: SessionState): Promise<void> {
    await this.redis.set(`${PREFIX}${session.siteId}:${session.userId}`, JSON.stringify(session), 'PX', SESSION_CACHE_TTL_MS);
  }

  async forgetSite(siteId: string): Promise<void> {
    // SCAN, not KEYS: never blocks Redis, however many visits are live.
    const stream = this.redis.scanStream({ match: `${PREFIX}${siteId}:*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length > 0) await this.redis.unlink(...keys);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
