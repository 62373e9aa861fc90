import type { StatsResult, StatsResultRow } from '@qusto/sdk';
import { IMPORTS_WARNINGS, type ImportsOutcome } from '../imports/imports-decision.ts';
import { toStatsQuery } from '../query/parse-query.ts';
import type { Query } from '../query/query.ts';
import { timeLabels } from './time-labels.ts';

/** The response body: results, meta (keys sorted, as Plausible sends them) and the executed query. */
export function shapeResult(query: Query, rows: StatsResultRow[], totalRows: number | null, imports: ImportsOutcome | null = null): StatsResult {
  const meta: Record<string, unknown> = {};
  if (query.include.imports) {
    meta.imports_included = imports?.included === true;
    if (imports?.skipReason) {
      meta.imports_skip_reason = imports.skipReason;
      meta.imports_warning = IMPORTS_WARNINGS[imports.skipReason];
    }
  }
  if (query.include.timeLabels) meta.time_labels = timeLabels(query);
  if (query.include.totalRows) meta.total_rows = totalRows ?? 0;
  return { results: rows, meta, query: toStatsQuery(query) as unknown as Record<string, unknown> };
}
