import type { FilterTree } from '@qusto/sdk';
import { dimensionsUsed, isBehavioral } from '../query/filter-tree.ts';
import { isTimeDimension, type Query } from '../query/query.ts';
import { localDate, type PlainDate } from '../query/timezone.ts';
import { IMPORTED_TABLE_SHAPES, importedTableOf, type ImportedTable, type ImportedTotal } from './imported-tables.ts';

/**
 * Whether a query can include imported data, after Plausible's `ensure_include_imported`:
 * nothing imported up to the range -> not included (no reason); an hour or minute interval ->
 * `unsupported_interval`; dimensions, filters or metrics that no single imported table answers
 * -> `unsupported_query`.
 */

export type ImportsSkipReason = 'unsupported_query' | 'unsupported_interval';

export interface ImportsOutcome {
  included: boolean;
  skipReason?: ImportsSkipReason;
}

/** Plausible's texts (QueryResult @imports_warnings). */
export const IMPORTS_WARNINGS: Readonly<Record<ImportsSkipReason, string>> = {
  unsupported_query:
    'Imported stats are not included in the results because query parameters are not supported. ' +
    'For more information, see: https://plausible.io/docs/stats-api#filtering-imported-stats',
  unsupported_interval: 'Imported stats are not included because the time dimension (i.e. the interval) is too short.',
};

/** Imported totals each mergeable metric needs. */
const METRIC_TOTALS: Readonly<Record<string, readonly ImportedTotal[]>> = {
  visitors: ['visitors'],
  visits: ['visits'],
  pageviews: ['pageviews'],
  events: ['events'],
  bounce_rate: ['visits', 'bounces'],
  visit_duration: ['visits', 'visit_duration'],
  views_per_visit: ['visits', 'pageviews'],
  // Derived from merged metrics (and totals queries that decide for themselves).
  percentage: ['visitors'],
  exit_rate: ['visits'],
};

export const MERGEABLE_METRICS = new Set(Object.keys(METRIC_TOTALS));

/**
 * The one imported table that answers every dimension, filter and metric of the query, or null.
 * No dimension or filter besides time: the site-wide visitors table.
 */
export function importedTableFor(query: Pick<Query, 'metrics' | 'dimensions' | 'filters'>): ImportedTable | null {
  if (query.filters.some((filter: FilterTree) => isBehavioral(filter))) return null;
  const used = [...query.dimensions.filter((d) => !isTimeDimension(d)), ...dimensionsUsed(query.filters)];
  const tables = new Set<ImportedTable | undefined>(used.map(importedTableOf));
  if (tables.has(undefined) || tables.size > 1) return null;
  const table = tables.size === 1 ? [...tables][0]! : 'imported_visitors';
  const totals = IMPORTED_TABLE_SHAPES[table].totals;
  for (const metric of query.metrics) {
    const needs = METRIC_TOTALS[metric];
    if (!needs || needs.some((total) => !totals[total])) return null;
  }
  return table;
}

/** Decides for a query that asked for imports, given the last day any import of the site covers. */
export function importsOutcome(query: Query, lastImportedDate: PlainDate | null): ImportsOutcome {
  if (!lastImportedDate || localDate(query.range.first, query.timezone) > lastImportedDate) return { included: false };
  if (query.dimensions.includes('time:hour') || query.dimensions.includes('time:minute')) {
    return { included: false, skipReason: 'unsupported_interval' };
  }
  if (!importedTableFor(query)) return { included: false, skipReason: 'unsupported_query' };
  return { included: true };
}
