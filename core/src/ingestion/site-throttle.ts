/** A per-site event budget: at most `count` events in each fixed window of `seconds`. */
export interface SiteRateLimit {
  count: number;
  seconds: number;
}

/**
 * Plausible's per-site ingest limit: events past a site's budget for the current window are
 * dropped as `throttled` (still answered 202, like every drop). Fixed windows keep it O(1) per
 * event with one counter per site; the count is per instance.
 */
export class SiteThrottle {
  private readonly windows = new Map<string, { window: number; used: number }>();
  private readonly windowMs: number;

  constructor(private readonly limit: SiteRateLimit) {
    this.windowMs = limit.seconds * 1000;
  }

  /** Spends one event of the site's budget; false when it is used up for this window. */
  allow(siteId: string, at: Date): boolean {
    const window = Math.floor(at.getTime() / this.windowMs);
    const current = this.windows.get(siteId);
    if (!current || current.window !== window) {
      this.windows.set(siteId, { window, used: 1 });
      return true;
    }
    if (current.used >= this.limit.count) return false;
    current.used += 1;
    return true;
  }
}
