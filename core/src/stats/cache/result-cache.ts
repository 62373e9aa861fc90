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
 * normalised query; a site's entries are dropped when events are written for it (backfills can
 * land in closed ranges).
 */
export class ResultCache {
  private readonly cache: LRUCache<string, { siteId: string; result: StatsResult }>;

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

  set(key: string, siteId: string, result: StatsResult): void {
    this.cache.set(key, { siteId, result: structuredClone(result) });
  }

  invalidateSite(siteId: string): void {
    for (const [key, entry] of this.cache.entries()) if (entry.siteId === siteId) this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }
}
