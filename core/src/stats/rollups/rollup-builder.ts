import type { EventStore, StatsTable } from '@qusto/sdk';
import type { PlainDate } from '../query/timezone.ts';
import { onClusterClause } from '../../storage/events/clickhouse-dialect.ts';
import { ROLLUP_TABLE } from './rollup-source.ts';
import { keyName, ROLLUP_KEYS } from './rollup-keys.ts';

const COLUMNS = 'site_id, salt_day, build, kind, key_columns, key_values, spans, n, pageviews, events, bounces, duration';

/** `[(key name, [values as strings]), ...]`: one entry per rollup key of the table (identifiers only). */
function keysArray(table: StatsTable): string {
  const entries = ROLLUP_KEYS.filter((key) => key.table === table).map((key) => {
    const values = key.columns.length > 0 ? `[${key.columns.map((column) => `toString(${column})`).join(', ')}]` : "CAST([], 'Array(String)')";
    return `('${keyName(key)}', ${values})`;
  });
  return `[${entries.join(', ')}]`;
}

export interface BuiltDay {
  /** Visits that started on the day. */
  visits: number;
  /** Their last activity (epoch ms). */
  maxActivity: number;
}

/**
 * Writes the rollup rows of the visits that started on one UTC day, for sites that share a time
 * zone, under a new build id. Visits are read in their current state (FINAL collapses the
 * cancelled ones); events are those of these visits, wherever they fall.
 */
export class RollupBuilder {
  constructor(
    private readonly eventStore: EventStore,
    /** ClickHouse cluster name: deletes run on every node. */
    private readonly cluster?: string,
  ) {}

  /** Builds the day for the sites; returns what each site with visits had (the others had none). */
  async build(siteIds: readonly string[], day: PlainDate, timezone: string, build: string): Promise<Map<string, BuiltDay>> {
    const params = { sites: siteIds.map(Number), day, tz: timezone, build: Number(build) };
    const summary = await this.eventStore.query<{ site_id: string; visits: string; last: string }>(
      `SELECT toString(site_id) AS site_id, count() AS visits, toString(toUnixTimestamp(max(timestamp)) * 1000) AS last
         FROM sessions FINAL WHERE site_id IN {sites:Array(UInt64)} AND toDate(start) = {day:Date} GROUP BY site_id`,
      params,
    );
    const built = new Map(summary.map((row) => [row.site_id, { visits: Number(row.visits), maxActivity: Number(row.last) }] as const));
    if (built.size === 0) return built;
    const lastActivity = Math.max(...[...built.values()].map((b) => b.maxActivity));

    const visitsOfDay = `FROM sessions FINAL WHERE site_id IN {sites:Array(UInt64)} AND toDate(start) = {day:Date}`;
    const head = (kind: string) => `INSERT INTO ${ROLLUP_TABLE} (${COLUMNS}) SELECT site_id, {day:Date}, {build:UInt64}, '${kind}', key.1, key.2`;
    const sessionKeys = keysArray('sessions');
    const eventKeys = keysArray('events');

    // Visits by key and by the local days they started and ended on.
    await this.eventStore.command(
      `${head('visits')}, [(first_day, last_day)], count(), sum(pageviews), 0, sum(is_bounce), sum(duration)
         FROM (SELECT site_id, toDate(start, {tz:String}) AS first_day, toDate(timestamp, {tz:String}) AS last_day, pageviews, is_bounce, duration,
                      arrayJoin(${sessionKeys}) AS key ${visitsOfDay})
         GROUP BY site_id, key, first_day, last_day`,
      params,
    );
    // Visitors by key and by the set of their visits' (first, last) local days.
    await this.eventStore.command(
      `${head('visit_visitors')}, spans, count(), 0, 0, 0, 0
         FROM (SELECT site_id, key, user_id, arraySort(groupUniqArray((toDate(start, {tz:String}), toDate(timestamp, {tz:String})))) AS spans
                 FROM (SELECT site_id, user_id, start, timestamp, arrayJoin(${sessionKeys}) AS key ${visitsOfDay})
                GROUP BY site_id, key, user_id)
         GROUP BY site_id, key, spans`,
      params,
    );

    const eventsOfVisits =
      `FROM events WHERE site_id IN {sites:Array(UInt64)} AND timestamp >= toDateTime({day:Date}, 'UTC') AND timestamp <= toDateTime({last:UInt32}, 'UTC')
         AND (site_id, session_id) IN (SELECT site_id, session_id ${visitsOfDay})`;
    const eventParams = { ...params, last: Math.floor(lastActivity / 1000) };
    // Pageviews and events by key and local day.
    await this.eventStore.command(
      `${head('event_counts')}, [(local_day, local_day)], 0, countIf(name = 'pageview'), countIf(name != 'engagement'), 0, 0
         FROM (SELECT site_id, toDate(timestamp, {tz:String}) AS local_day, name, arrayJoin(${eventKeys}) AS key ${eventsOfVisits})
         GROUP BY site_id, key, local_day`,
      eventParams,
    );
    // Visitors and visits of events by key and the set of local days they had events on.
    for (const [kind, id] of [
      ['event_visitors', 'user_id'],
      ['event_visits', 'session_id'],
    ] as const) {
      await this.eventStore.command(
        `${head(kind)}, spans, count(), 0, 0, 0, 0
           FROM (SELECT site_id, key, ${id}, arrayMap(d -> (d, d), arraySort(groupUniqArray(toDate(timestamp, {tz:String})))) AS spans
                   FROM (SELECT site_id, ${id}, timestamp, arrayJoin(${eventKeys}) AS key ${eventsOfVisits})
                  GROUP BY site_id, key, ${id})
           GROUP BY site_id, key, spans`,
        eventParams,
      );
    }
    return built;
  }

  /** Drops the rows of superseded builds, in one mutation (each costs a rewrite of the parts it touches). */
  async dropBuilds(superseded: ReadonlyArray<{ siteId: string; build: string }>): Promise<void> {
    if (superseded.length === 0) return;
    await this.eventStore.command(
      `ALTER TABLE ${ROLLUP_TABLE} ${onClusterClause(this.cluster)} DELETE WHERE concat(toString(site_id), ':', toString(build)) IN {builds:Array(String)}`,
      { builds: superseded.map(({ siteId, build }) => `${siteId}:${build}`) },
    );
  }
}
