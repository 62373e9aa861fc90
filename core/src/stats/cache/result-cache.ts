import type { StatsResult } from '@qusto/sdk';
import { LRUCache } from 'lru-cache';

export interface ResultCacheOptions {
  /** Most results kept. */
  max?: number;
  /** Most bytes of JSON kept. */
  maxBytes?: number;
  /** Safety net against data written into closed ranges by paths that do not announce it. */
  ttlMs?: number;
}

/**
 * Results of queries over closed date ranges (ranges that end before now). Keyed by the full
 * normalised query; entries are dropped when events are written into their range, or into a
 * visit that started in it (backfills and replayed spools land in closed ranges).
 */
export class ResultCache {
  private readonly cache: LRUCache<string, { siteId: string; rangeLast: number; result: StatsResult }>;

  constructor(options: ResultCacheOptions = {}) {
    this.cache = new LRUCache({
      max: options.max ?? 1000,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.result).length),
      ttl: options.ttlMs ?? 10 * 60_000,
    });
  }

  get(key: string): StatsResult | undefined {
    const hit = this.cache.get(key);
    return hit ? structuredClone(hit.result) : undefined;
  }

  /** `rangeLast`: the last instant the result (and its comparison) covers. */
  set(key: string, siteId: string, rangeLast: number, result: StatsResult): void {
    this.cache.set(key, { siteId, rangeLast, result: structuredClone(result) });
  }

  invalidateSite(siteId: string): void {
    for (const [key, entry] of this.cache.entries()) if (entry.siteId === siteId) this.cache.delete(key);
  }

  /** Drops the site's results whose range reaches `instant` or later. */
  invalidateSiteFrom(siteId: string, instant: number): void {
    for (const [key, entry] of this.cache.entries()) if (entry.siteId === siteId && entry.rangeLast >= instant) this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }
}
