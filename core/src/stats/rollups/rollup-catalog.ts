import type { EventStore } from '@qusto/sdk';
import type { Query } from '../query/query.ts';
import { addDays, endOfLocalDay, localDate, startOfLocalDay, type PlainDate } from '../query/timezone.ts';
import type { RollupCoverage } from './rollup-coverage.ts';
import { ROLLUP_FORMAT } from './rollup-keys.ts';

const DAY_MS = 86_400_000;
/** Raw session rows are read from 7 days before a range (visits last far less); so are rollups. */
const LOOKBACK_DAYS = 7;
/** A built day whose visits lasted longer than this makes the site's ranges read raw rows. */
const MAX_VISIT_MS = 6 * DAY_MS;
/** How long another instance's builds may go unseen. */
const RELOAD_MS = 30_000;

export interface RollupDay {
  state: 'built' | 'dirty';
  /** '0' for a day without visits. */
  build: string;
  timezone: string;
  format: number;
  /** Last activity of the day's visits (epoch ms); 0 without visits. */
  maxActivity: number;
  /** When the row was written (epoch ms). */
  updatedAt: number;
}

interface SiteCatalog {
  loadedAt: number;
  /** Days before it had no visits when the site was last swept; null: never swept. */
  firstDay: PlainDate | null;
  days: Map<PlainDate, RollupDay>;
}

/** `YYYY-MM-DD` of an instant in UTC. */
export const utcDay = (instant: number): PlainDate => new Date(instant).toISOString().slice(0, 10);
export const utcMidnight = (day: PlainDate): number => Date.parse(`${day}T00:00:00Z`);
const chTime = (instant: number) => new Date(instant).toISOString().slice(0, 19).replace('T', ' ');
const chTime64 = (instant: number) => new Date(instant).toISOString().slice(0, 23).replace('T', ' ');

/**
 * Which salt days of each site are rolled up (stats_rollup_days), kept in memory per site and
 * reloaded now and then so builds of other instances show up. Answers which part of a query's
 * range can be read from rollups.
 */
export class RollupCatalog {
  private readonly sites = new Map<string, Promise<SiteCatalog>>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The rollup coverage of a query, or null when it must read raw rows only. */
  async coverage(query: Pick<Query, 'site' | 'timezone' | 'range'>): Promise<RollupCoverage | null> {
    const { timezone, range } = query;
    const firstDay = localDate(range.first, timezone);
    const lastDay = localDate(range.last, timezone);
    // Rollups know local days, not hours.
    if (startOfLocalDay(firstDay, timezone) !== range.first || endOfLocalDay(lastDay, timezone) !== range.last) return null;

    const site = await this.site(query.site.id);
    const windowStart = utcDay(range.first - LOOKBACK_DAYS * DAY_MS);
    const windowEnd = utcDay(range.last);
    const builds: Array<[PlainDate, string]> = [];
    let day = windowStart;
    for (; day <= windowEnd; day = addDays(day, 1)) {
      const row = site.days.get(day);
      if (!row) {
        if (site.firstDay !== null && day < site.firstDay) continue;
        break;
      }
      if (row.state !== 'built' || row.timezone !== timezone || row.format !== ROLLUP_FORMAT) break;
      if (row.maxActivity - utcMidnight(day) > MAX_VISIT_MS) return null;
      if (row.build !== '0') builds.push([day, row.build]);
    }
    if (day === windowStart || builds.length === 0) return null;
    // Visits before the window must not reach into the range: true unless a day had marathon visits.
    for (const [earlier, row] of site.days) {
      if (earlier < windowStart && row.maxActivity >= range.first) return null;
    }
    return { firstDay, lastDay, builds, rawFrom: day <= windowEnd ? utcMidnight(day) : null };
  }

  /** The site's days (loaded when missing or old). */
  async site(siteId: string): Promise<SiteCatalog> {
    const cached = this.sites.get(siteId);
    if (cached) {
      const site = await cached;
      if (this.now() - site.loadedAt < RELOAD_MS) return site;
    }
    const loading = this.load(siteId);
    this.sites.set(siteId, loading);
    loading.catch(() => this.sites.delete(siteId));
    return loading;
  }

  private async load(siteId: string): Promise<SiteCatalog> {
    const loadedAt = this.now();
    const [days, sites] = await Promise.all([
      this.eventStore.query<{ day: string; state: RollupDay['state']; build: string; timezone: string; format: number | string; max_activity: string; updated_at: string }>(
        `SELECT toString(salt_day) AS day, state, toString(build) AS build, timezone, format,
                toString(toUnixTimestamp(max_activity) * 1000) AS max_activity, toString(toUnixTimestamp64Milli(updated_at)) AS updated_at
           FROM stats_rollup_days FINAL WHERE site_id = {site:UInt64}`,
        { site: siteId },
      ),
      this.eventStore.query<{ first_day: string }>('SELECT toString(first_day) AS first_day FROM stats_rollup_sites FINAL WHERE site_id = {site:UInt64}', { site: siteId }),
    ]);
    const map = new Map<PlainDate, RollupDay>();
    for (const row of days) {
      map.set(row.day, {
        state: row.state,
        build: row.build,
        timezone: row.timezone,
        format: Number(row.format),
        maxActivity: Number(row.max_activity),
        updatedAt: Number(row.updated_at),
      });
    }
    return { loadedAt, firstDay: sites[0]?.first_day ?? null, days: map };
  }

  /** Records days as built (or dirty); the rows of each day's build must be written already. */
  async record(siteId: string, days: Array<[PlainDate, Omit<RollupDay, 'updatedAt'>]>): Promise<void> {
    if (days.length === 0) return;
    const site = await this.site(siteId);
    const updatedAt = Math.max(this.now(), ...days.map(([day]) => (site.days.get(day)?.updatedAt ?? 0) + 1));
    await this.eventStore.insert(
      'stats_rollup_days',
      days.map(([day, row]) => ({
        site_id: siteId,
        salt_day: day,
        state: row.state,
        build: row.build,
        timezone: row.timezone,
        format: row.format,
        max_activity: chTime(row.maxActivity),
        updated_at: chTime64(updatedAt),
      })),
    );
    for (const [day, row] of days) site.days.set(day, { ...row, updatedAt });
  }

  async recordFirstDay(siteId: string, firstDay: PlainDate): Promise<void> {
    const site = await this.site(siteId);
    await this.eventStore.insert('stats_rollup_sites', [{ site_id: siteId, first_day: firstDay, updated_at: chTime64(this.now()) }]);
    site.firstDay = firstDay;
  }

  /** Forgets what is known of a site (its rollups were deleted). */
  forget(siteId: string): void {
    this.sites.delete(siteId);
  }
}
