import { LRUCache } from 'lru-cache';
import type { SessionState } from './session-state.ts';

/**
 * Where live visits are kept between events. In-process by default; Redis when several app
 * instances must share them. Entries expire a little after the 30-minute visit window.
 */
export interface SessionCache {
  get(siteId: string, userId: string): Promise<SessionState | null>;
  put(session: SessionState): Promise<void>;
  /** Forgets every live visit of a site (its stats were reset: the next event starts a new visit). */
  forgetSite(siteId: string): Promise<void>;
  close(): Promise<void>;
}

export const SESSION_CACHE_TTL_MS = 35 * 60 * 1000;

const keyOf = (siteId: string, userId: string) => `${siteId}:${userId}`;

export class InProcessSessionCache implements SessionCache {
  private readonly cache: LRUCache<string, SessionState>;

  constructor(maxVisits = 500_000) {
    this.cache = new LRUCache({ max: maxVisits, ttl: SESSION_CACHE_TTL_MS, ttlAutopurge: false });
  }

  async get(siteId: string, userId: string): Promise<SessionState | null> {
    return this.cache.get(keyOf(siteId, userId)) ?? null;
  }

  async put(session: SessionState): Promise<void> {
    this.cache.set(keyOf(session.siteId, session.userId), session);
  }

  async forgetSite(siteId: string): Promise<void> {
    const prefix = `${siteId}:`;
    for (const key of [...this.cache.keys()]) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  async close(): Promise<void> {
    this.cache.clear();
  }
}
