import type { EventStore } from '@qusto/sdk';

/** How far back property keys are looked for, and how many are returned at most. */
export const PROPERTY_KEY_DAYS = 30;
export const MAX_PROPERTY_KEYS = 300;

export interface PropertyKeyCount {
  key: string;
  /** Events that carried the key in the window. */
  events: number;
}

/**
 * Custom property keys a site's events carried in the last 30 days, most used first. A Stats API
 * query can break down by one key's values but cannot list the keys themselves.
 */
export async function recentPropertyKeys(eventStore: EventStore, siteId: string): Promise<PropertyKeyCount[]> {
  const rows = await eventStore.query<{ key: string; events: string }>(
    `SELECT key, count() AS events
       FROM events ARRAY JOIN \`meta.key\` AS key
      WHERE site_id = {site:UInt64} AND timestamp >= now() - INTERVAL {days:UInt32} DAY AND key != ''
      GROUP BY key ORDER BY events DESC, key LIMIT {limit:UInt32}`,
    { site: siteId, days: PROPERTY_KEY_DAYS, limit: MAX_PROPERTY_KEYS },
  );
  return rows.map((row) => ({ key: row.key, events: Number(row.events) }));
}
