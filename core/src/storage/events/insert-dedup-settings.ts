import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';

/**
 * Extra settings that make `insert_deduplicate` decide deduplication on this ClickHouse version.
 * ClickHouse 26 added `deduplicate_insert` (default `enable`), which overrides `insert_deduplicate`
 * and would drop a repeated identical insert that carries no token; older servers reject the
 * setting as unknown, so it is only sent where it exists.
 */
export async function insertDedupSettings(client: ClickHouseClient): Promise<ClickHouseSettings> {
  const result = await client.query({
    query: "SELECT name FROM system.settings WHERE name = 'deduplicate_insert'",
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ name: string }>();
  return rows.length > 0 ? { deduplicate_insert: 'backward_compatible_choice' } : {};
}
