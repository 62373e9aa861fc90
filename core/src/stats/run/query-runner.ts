import type { EventStore, MetricDefinition, StatsResultRow } from '@qusto/sdk';
import { QueryError } from '../query/query-error.ts';
import type { Query } from '../query/query.ts';
import type { StatsRegistry } from '../registry/stats-registry.ts';
import { buildQuerySql, type BuildQueryOptions, type BuiltQuery } from '../sql/build-query-sql.ts';

export interface RunResult {
  rows: StatsResultRow[];
  totalRows: number | null;
  sql: BuiltQuery;
}

/** ClickHouse errors that are the query's fault (a pattern that does not compile), not ours. */
const CLIENT_ERRORS = [/Pattern '.*' failed with error/s, /cannot compile re2/i, /cannot compile regexp/i, /hyperscan/i, /vectorscan/i];

function toMetricValue(raw: unknown, definition: MetricDefinition | undefined): number | null {
  if (raw === null || raw === undefined) return definition?.empty === null ? null : 0;
  const value = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(value) ? value : null;
}

/** Runs the query's SQL and reads the rows into dimensions and metrics. */
export async function runQuery(eventStore: EventStore, registry: StatsRegistry, query: Query, options: BuildQueryOptions = {}): Promise<RunResult> {
  const built = buildQuerySql(query, registry, options);
  const rows = await execute(eventStore, built);
  const definitions = query.metrics.map((m) => registry.metric(m));
  // 64-bit integers arrive as strings.
  const integerDimension = query.dimensions.map((d) => registry.dimension(d)?.definition.valueType === 'integer');
  let totalRows: number | null = null;
  if (built.totalRowsColumn) {
    if (rows.length > 0) totalRows = Number(rows[0]![built.totalRowsColumn] ?? 0);
    else if (query.pagination && query.pagination.offset > 0) {
      // Past the last page: the window count needs one row to be read.
      const first = await execute(eventStore, { ...built, params: { ...built.params, ...firstPage(built) } });
      totalRows = first.length > 0 ? Number(first[0]![built.totalRowsColumn] ?? 0) : 0;
    } else totalRows = 0;
  }
  return {
    sql: built,
    totalRows,
    rows: rows.map((row) => ({
      dimensions: built.dimensions.map((column, i) => (integerDimension[i] ? Number(row[column]) : (row[column] as string | number))),
      metrics: query.metrics.map((metric, i) => toMetricValue(row[built.metrics.get(metric)!], definitions[i])),
    })),
  };
}

/** Parameter overrides for offset 0 (the LIMIT/OFFSET placeholders are the last two bound). */
function firstPage(built: BuiltQuery): Record<string, unknown> {
  const match = /OFFSET \{(p\d+):UInt64\}$/.exec(built.sql);
  return match ? { [match[1]!]: 0 } : {};
}

async function execute(eventStore: EventStore, built: Pick<BuiltQuery, 'sql' | 'params'>): Promise<Array<Record<string, unknown>>> {
  try {
    return await eventStore.query<Record<string, unknown>>(built.sql, built.params);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (CLIENT_ERRORS.some((pattern) => pattern.test(message))) {
      const reason = message.split(': In scope')[0]!.split('\n')[0]!.slice(0, 200);
      throw new QueryError(`Invalid filters. A pattern is not a valid regular expression: ${reason}`);
    }
    throw error;
  }
}
