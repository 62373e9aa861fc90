import type { StatsResult, StatsResultRow } from '@qusto/sdk';
import { toStatsQuery } from '../query/parse-query.ts';
import type { Query } from '../query/query.ts';
import { timeLabels } from './time-labels.ts';

/** The response body: results, meta (keys sorted, as Plausible sends them) and the executed query. */
export function shapeResult(query: Query, rows: StatsResultRow[], totalRows: number | null): StatsResult {
  const meta: Record<string, unknown> = {};
  if (query.include.imports) meta.imports_included = false; // there is no imported data yet
  if (query.include.timeLabels) meta.time_labels = timeLabels(query);
  if (query.include.totalRows) meta.total_rows = totalRows ?? 0;
  return { results: rows, meta, query: toStatsQuery(query) as unknown as Record<string, unknown> };
}
