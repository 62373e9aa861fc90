import type { DimensionDefinition, FilterTree, SqlBinder } from '@qusto/sdk';
import { children, isLeaf } from '../query/filter-tree.ts';
import { isTimeDimension, queryView, type Query } from '../query/query.ts';
import { localDate } from '../query/timezone.ts';
import { countryNameTable } from '../registry/countries.ts';
import { cityNameSql, regionNameSql } from '../registry/location-names.ts';
import { StatsRegistry } from '../registry/stats-registry.ts';
import { dimensionLabelSql, leafSql, type LeafContext } from '../sql/leaf-sql.ts';
import { IMPORTED_TABLE_SHAPES, type ImportedTable, type ImportedTotal } from './imported-tables.ts';

/**
 * SQL for merging imported daily totals into a grouped native query: the imported rows grouped
 * by the same dimension aliases, then both stacked and summed per group (a full outer join),
 * with rates recomputed from the summed parts as Plausible does.
 */

/** Native visit totals the merge needs next to a sessions query's metrics (sign-weighted sums). */
const NATIVE_VISIT_TOTALS = {
  visits: 'sum(sign)',
  bounces: 'sum(is_bounce * sign)',
  visit_duration: 'sum(duration * sign)',
  pageviews: 'sum(sign * pageviews)',
} as const;

type NativeVisitTotal = keyof typeof NATIVE_VISIT_TOTALS;

/** Metrics recomputed from visit totals rather than added. */
const RATE_METRICS = new Set(['bounce_rate', 'visit_duration', 'views_per_visit']);

export const nativeTotalColumn = (prefix: string, total: NativeVisitTotal) => `${prefix}n_${total}`;
const importedColumn = (prefix: string, total: ImportedTotal) => `${prefix}i_${total}`;

/** Whether the sessions source must also select the native visit totals. */
export function needsNativeVisitTotals(metrics: readonly string[]): boolean {
  return metrics.some((m) => RATE_METRICS.has(m));
}

/** `expr AS column` for each native visit total (on the sessions table). */
export function nativeVisitTotalSelects(prefix: string): { selects: string[]; columns: string[] } {
  const entries = Object.entries(NATIVE_VISIT_TOTALS) as Array<[NativeVisitTotal, string]>;
  return {
    selects: entries.map(([total, sql]) => `${sql} AS ${nativeTotalColumn(prefix, total)}`),
    columns: entries.map(([total]) => nativeTotalColumn(prefix, total)),
  };
}

/** SQL of a dimension on an imported table's column; names are looked up as for native rows. */
function importedDimensionSql(name: string, column: string): DimensionDefinition['sql'] {
  switch (name) {
    case 'visit:country_name':
      return (ctx) => {
        const { codes, names } = countryNameTable();
        return `transform(${column}, ${ctx.param(codes, 'Array(String)')}, ${ctx.param(names, 'Array(String)')}, '')`;
      };
    case 'visit:region_name':
      return () => regionNameSql(column);
    case 'visit:city_name':
      return () => cityNameSql(column);
    default:
      return () => column;
  }
}

/** A registry whose dimensions read the imported table's columns, with the built-ins' labels. */
function importedDimensions(table: ImportedTable, registry: StatsRegistry): StatsRegistry {
  const imported = new StatsRegistry();
  const registrar = imported.registrar('imports');
  for (const [name, column] of Object.entries(IMPORTED_TABLE_SHAPES[table].dimensions)) {
    const builtin = registry.dimension(name)?.definition;
    const definition: DimensionDefinition = {
      name,
      table: 'either',
      sql: importedDimensionSql(name, column),
      ...(builtin?.emptyLabel ? { emptyLabel: builtin.emptyLabel } : {}),
      ...(builtin?.emptyValues ? { emptyValues: builtin.emptyValues } : {}),
      ...(builtin?.valueType ? { valueType: builtin.valueType } : {}),
    };
    registrar.defineDimension(definition);
  }
  return imported;
}

function importedFilter(tree: FilterTree, ctx: LeafContext): string {
  if (isLeaf(tree)) return leafSql(tree, 'events', ctx);
  switch (tree[0]) {
    case 'and':
    case 'or':
      return `(${children(tree).map((child) => importedFilter(child, ctx)).join(tree[0] === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `NOT (${importedFilter(tree[1] as FilterTree, ctx)})`;
    default:
      // Behavioral filters never reach here: such queries do not include imports.
      throw new Error(`filter ${String(tree[0])} cannot apply to imported data`);
  }
}

/** Time buckets of imported days, labelled like native buckets. */
function importedTimeSql(dimension: string, query: Query, binder: SqlBinder): string {
  switch (dimension) {
    case 'time:day':
      return 'toString(date)';
    case 'time:week':
      return `toString(greatest(toMonday(date), ${binder.param(localDate(query.range.first, query.timezone), 'Date')}))`;
    case 'time:month':
      return 'toString(toStartOfMonth(date))';
    default:
      throw new Error(`imported data has no ${dimension} buckets`);
  }
}

export interface ImportedGroupedSql {
  sql: string;
  /** Column of each imported total the table has. */
  columns: Map<ImportedTotal, string>;
}

/** Imported rows of the query's site and days, filtered and grouped by the dimension aliases. */
export function importedGroupedSql(
  query: Query,
  table: ImportedTable,
  registry: StatsRegistry,
  binder: SqlBinder,
  dimensionAliases: readonly string[],
  prefix: string,
): ImportedGroupedSql {
  const dimensions = importedDimensions(table, registry);
  const view = queryView(query);
  const ctx: LeafContext = { registry: dimensions, binder, view };
  const selects = query.dimensions.map((dimension, i) => {
    if (isTimeDimension(dimension)) return `${importedTimeSql(dimension, query, binder)} AS ${dimensionAliases[i]}`;
    const resolved = dimensions.dimension(dimension)!;
    return `${dimensionLabelSql(resolved.definition, resolved.key, 'events', binder, view)} AS ${dimensionAliases[i]}`;
  });
  const columns = new Map<ImportedTotal, string>();
  for (const [total, sql] of Object.entries(IMPORTED_TABLE_SHAPES[table].totals) as Array<[ImportedTotal, string]>) {
    columns.set(total, importedColumn(prefix, total));
    selects.push(`${sql} AS ${importedColumn(prefix, total)}`);
  }
  const where = [
    `site_id = ${binder.param(query.site.id, 'UInt64')}`,
    `date >= ${binder.param(localDate(query.range.first, query.timezone), 'Date')}`,
    `date <= ${binder.param(localDate(query.range.last, query.timezone), 'Date')}`,
    ...query.filters.map((filter) => importedFilter(filter, ctx)),
  ];
  const groupBy = dimensionAliases.length > 0 ? ` GROUP BY ${dimensionAliases.join(', ')}` : '';
  return { sql: `SELECT ${selects.join(', ')} FROM ${table} WHERE ${where.join(' AND ')}${groupBy}`, columns };
}

export interface MergeInput {
  /** Grouped native rows: dimension aliases, metric columns, native visit totals when needed. */
  nativeSql: string;
  nativeColumns: readonly string[];
  imported: ImportedGroupedSql;
  dimensions: readonly string[];
  /** Metric -> column, for every non-derived metric of the plan (output keeps the same names). */
  metrics: ReadonlyMap<string, string>;
  prefix: string;
}

/** Native and imported rows stacked and summed per group; rates from the summed parts. */
export function mergeImportedSql(input: MergeInput): string {
  const { prefix, dimensions } = input;
  const stacked = (column: string) => `${prefix}x_${column}`;
  const nativeCols = [...input.nativeColumns];
  const importedCols = [...input.imported.columns.values()];
  const all = [...nativeCols, ...importedCols];
  const branch = (sql: string, own: readonly string[]) =>
    `SELECT ${[...dimensions, ...all.map((c) => `${own.includes(c) ? c : 'NULL'} AS ${stacked(c)}`)].join(', ')} FROM (${sql})`;
  const part = (column: string | undefined) => (column ? `ifNull(max(${stacked(column)}), 0)` : '0');
  const native = (total: NativeVisitTotal) => part(nativeTotalColumn(prefix, total));
  const imported = (total: ImportedTotal) => part(input.imported.columns.get(total));
  const visits = `(${native('visits')} + ${imported('visits')})`;

  const merged = [...input.metrics].map(([metric, column]) => {
    let sql: string;
    switch (metric) {
      case 'bounce_rate':
        sql = `if(${visits} > 0, round((${native('bounces')} + ${imported('bounces')}) / ${visits} * 100), 0)`;
        break;
      case 'visit_duration':
        sql = `if(${visits} > 0, round((${native('visit_duration')} + ${imported('visit_duration')}) / ${visits}), 0)`;
        break;
      case 'views_per_visit':
        sql = `if(${visits} > 0, round((${native('pageviews')} + ${imported('pageviews')}) / ${visits}, 2), 0)`;
        break;
      default:
        // Counts add up per day and group (visitors too: Plausible sums them).
        sql = `${part(column)} + ${imported(metric as ImportedTotal)}`;
    }
    return `${sql} AS ${column}`;
  });
  const groupBy = dimensions.length > 0 ? ` GROUP BY ${dimensions.join(', ')}` : '';
  return (
    `SELECT ${[...dimensions, ...merged].join(', ')} ` +
    `FROM (${branch(input.nativeSql, nativeCols)} UNION ALL ${branch(input.imported.sql, importedCols)})${groupBy}`
  );
}
