import type { MetricDefinition, SubquerySqlContext } from '@qusto/sdk';
import { importedTableFor } from '../imports/imports-decision.ts';
import { importedGroupedSql, mergeImportedSql, nativeVisitTotalSelects, needsNativeVisitTotals } from '../imports/imported-sql.ts';
import type { ImportedTable } from '../imports/imported-tables.ts';
import { planQuery, type QueryPlan, type TablePlan } from '../plan/plan-query.ts';
import { dimensionsUsed } from '../query/filter-tree.ts';
import { isTimeDimension, queryView, type Query, type TimeDimension } from '../query/query.ts';
import type { StatsRegistry } from '../registry/stats-registry.ts';
import type { RollupCoverage } from '../rollups/rollup-coverage.ts';
import { rollupSourceSql } from '../rollups/rollup-source.ts';
import { dimensionLabelSql } from './leaf-sql.ts';
import { ParamBinder } from './sql-binder.ts';
import { timeDimensionSql } from './time-sql.ts';
import { eventsWhere, filterOn, LIVE_GROUP, liveSessionRow, sessionsWhere, type WhereContext } from './where-sql.ts';

/** Rows grouped by the query's dimensions with every planned metric, before ordering. */
export interface GroupedSql {
  sql: string;
  /** Column of each dimension, in query order. */
  dimensions: string[];
  /** Column of each computed metric. */
  metrics: Map<string, string>;
}

export interface BuiltQuery {
  sql: string;
  params: Record<string, unknown>;
  dimensions: string[];
  /** Column of each requested metric. */
  metrics: Map<string, string>;
  totalRowsColumn: string | null;
}

interface Source {
  sql: string;
  /** Columns this source provides (besides the dimensions). */
  columns: string[];
  /** false for per-group totals: they never add rows of their own. */
  main: boolean;
}

const metricDef = (registry: StatsRegistry, name: string): MetricDefinition => registry.metric(name)!;

/** Visit columns that change while a visit goes on (the rest is fixed by its first event). */
const CHANGING_VISIT_DIMENSIONS = new Set(['visit:entry_page', 'visit:exit_page', 'visit:entry_page_hostname', 'visit:exit_page_hostname']);

/**
 * Whether a sessions query groups or filters by something a later state of a visit can change
 * (pages, last activity, or a plugin's sessions-only dimension). Only then can a cancelled state
 * land in another group than the current one and be counted by a distinct count.
 */
function readsVisitState(registry: StatsRegistry, table: TablePlan): boolean {
  const changing = (dimension: string) =>
    isTimeDimension(dimension) ||
    CHANGING_VISIT_DIMENSIONS.has(dimension) ||
    (registry.dimension(dimension)?.definition.table ?? registry.filter(dimension)?.definition.table) === 'sessions';
  return table.dimensions.some(changing) || dimensionsUsed(table.filters).some(changing);
}

class GroupedBuilder {
  private readonly binder;

  constructor(
    private readonly registry: StatsRegistry,
    params: ParamBinder,
    private readonly rollups: RollupCoverage | null,
  ) {
    this.binder = params.binder();
  }

  build(query: Query, prefix: string): GroupedSql {
    const plan = planQuery(query, this.registry);
    const dimensions = plan.query.dimensions.map((_, i) => `${prefix}d${i}`);
    const metrics = new Map(plan.metrics.map((m, i) => [m, `${prefix}m${i}`] as const));

    // Totals queries decide for themselves: their dimensions and filters may map elsewhere.
    const importedTable = query.mergeImports ? importedTableFor(query) : null;
    let sources: Source[] = [];
    for (const table of [plan.events, plan.sessions]) {
      if (table) sources.push(this.tableSource(plan, table, dimensions, metrics, importedTable !== null, prefix));
    }
    for (const name of plan.subqueries) sources.push(this.subquerySource(plan, name, dimensions, metrics));
    if (importedTable) sources = [this.withImports(plan, importedTable, sources, dimensions, metrics, prefix)];

    const totalColumns = new Map<string, string>();
    const scalarTotals: string[] = [];
    plan.totals.forEach((total, j) => {
      const column = `${prefix}t${j}`;
      totalColumns.set(`${total.metric}#${total.index}`, column);
      const inner = this.build(total.query, `${prefix}t${j}_`);
      const value = inner.metrics.get(total.spec.metric)!;
      if (total.grouped) {
        const renamed = inner.dimensions.map((d, i) => `${d} AS ${dimensions[i]}`);
        sources.push({ sql: `SELECT ${[...renamed, `${value} AS ${column}`].join(', ')} FROM (${inner.sql})`, columns: [column], main: false });
      } else {
        scalarTotals.push(`(SELECT ${value} FROM (${inner.sql})) AS ${column}`);
      }
    });

    let sql = this.combine(sources, dimensions, prefix);
    if (scalarTotals.length > 0) sql = `SELECT *, ${scalarTotals.join(', ')} FROM (${sql})`;
    if (plan.derived.length > 0) sql = this.derivedLayer(plan, sql, metrics, totalColumns);
    return { sql, dimensions, metrics };
  }

  private whereContext(plan: QueryPlan, view: TablePlan['view']): WhereContext {
    return { registry: this.registry, binder: this.binder, view, query: plan.query };
  }

  /** The native rows merged with the imported table's rows, as one source of every non-derived metric. */
  private withImports(plan: QueryPlan, table: ImportedTable, sources: Source[], dimensions: string[], metrics: Map<string, string>, prefix: string): Source {
    const computed = new Map([...metrics].filter(([name]) => metricDef(this.registry, name).compute.kind !== 'derived'));
    const nativeSql = this.combine(sources, dimensions, `${prefix}n`);
    const imported = importedGroupedSql(plan.query, table, this.registry, this.binder, dimensions, prefix);
    const sql = mergeImportedSql({ nativeSql, nativeColumns: sources.flatMap((s) => s.columns), imported, dimensions, metrics: computed, prefix });
    return { sql, columns: [...computed.values()], main: true };
  }

  private tableSource(
    plan: QueryPlan,
    table: TablePlan,
    dimensions: string[],
    metrics: Map<string, string>,
    withImports = false,
    prefix = '',
  ): Source {
    const ctx = this.whereContext(plan, table.view);
    const live = table.table === 'sessions' && readsVisitState(this.registry, table) ? liveSessionRow(ctx) : '1';
    const aggregates = table.metrics.filter((name) => metricDef(this.registry, name).compute.kind === 'aggregate');
    if (this.rollups && !withImports) {
      const metricColumns = new Map(aggregates.map((name) => [name, metrics.get(name)!] as const));
      const sql = rollupSourceSql({ query: plan.query, table, registry: this.registry, ctx, coverage: this.rollups, dimensionAliases: dimensions, metricColumns, live });
      if (sql) return { sql, columns: [...metricColumns.values()], main: true };
    }
    const selects: string[] = [];
    const joins: string[] = [];
    table.dimensions.forEach((dimension, i) => {
      if (isTimeDimension(dimension)) {
        const time = timeDimensionSql(dimension as Exclude<TimeDimension, 'time'>, table.table, plan.query.timezone, ctx);
        selects.push(`${time.select} AS ${dimensions[i]}`);
        if (time.arrayJoin) joins.push(time.arrayJoin);
        return;
      }
      const resolved = this.registry.dimension(dimension)!;
      selects.push(`${dimensionLabelSql(resolved.definition, resolved.key, table.table, this.binder, table.view)} AS ${dimensions[i]}`);
    });
    const columns: string[] = [];
    for (const name of table.metrics) {
      const compute = metricDef(this.registry, name).compute;
      if (compute.kind !== 'aggregate') continue;
      const expression = compute.sql({
        table: table.table,
        query: table.view,
        param: (value, type) => this.binder.param(value, type),
        condition: (filter) => filterOn(filter, table.table, ctx),
        liveSessionRow: live,
      });
      const column = metrics.get(name)!;
      selects.push(`${expression} AS ${column}`);
      columns.push(column);
    }
    if (withImports && table.table === 'sessions' && needsNativeVisitTotals(plan.metrics)) {
      // Rates merged with imported data are recomputed from these sums.
      const totals = nativeVisitTotalSelects(prefix);
      selects.push(...totals.selects);
      columns.push(...totals.columns);
    }
    const where = table.table === 'events' ? eventsWhere(table.filters, ctx) : sessionsWhere(table.filters, ctx);
    const groupBy = dimensions.length > 0 ? ` GROUP BY ${dimensions.join(', ')}${table.table === 'sessions' ? ` HAVING ${LIVE_GROUP}` : ''}` : '';
    return { sql: `SELECT ${selects.join(', ')} FROM ${table.table}${joins.map((j) => ` ${j}`).join('')} WHERE ${where}${groupBy}`, columns, main: true };
  }

  private subquerySource(plan: QueryPlan, name: string, dimensions: string[], metrics: Map<string, string>): Source {
    const compute = metricDef(this.registry, name).compute;
    if (compute.kind !== 'subquery') throw new Error(`${name} is not a subquery metric`);
    const view = queryView(plan.query);
    const ctx = this.whereContext(plan, view);
    const selects = plan.query.dimensions.map((dimension, i) => {
      if (isTimeDimension(dimension)) return `${timeDimensionSql(dimension as Exclude<TimeDimension, 'time'>, 'events', plan.query.timezone, ctx).select} AS ${dimensions[i]}`;
      const resolved = this.registry.dimension(dimension)!;
      return `${dimensionLabelSql(resolved.definition, resolved.key, 'events', this.binder, view)} AS ${dimensions[i]}`;
    });
    const subCtx: SubquerySqlContext = {
      query: view,
      eventsWhere: eventsWhere(plan.query.filters, ctx),
      dimensionSelect: selects.join(', '),
      dimensionAliases: dimensions,
      param: (value, type) => this.binder.param(value, type),
    };
    const column = metrics.get(name)!;
    const projected = [...dimensions, `value AS ${column}`].join(', ');
    return { sql: `SELECT ${projected} FROM (${compute.sql(subCtx)})`, columns: [column], main: true };
  }

  /** One source as is; several are stacked and grouped again (a full outer join on the dimensions). */
  private combine(sources: Source[], dimensions: string[], prefix: string): string {
    if (sources.length === 1 && sources[0]!.main) return sources[0]!.sql;
    const all = sources.flatMap((s) => s.columns);
    const flag = `${prefix}u_main`;
    const branches = sources.map((source) => {
      const columns = all.map((c, i) => (source.columns.includes(c) ? `${c} AS ${prefix}u${i}` : `NULL AS ${prefix}u${i}`));
      return `SELECT ${[...dimensions, ...columns, `${source.main ? 1 : 0} AS ${flag}`].join(', ')} FROM (${source.sql})`;
    });
    const merged = all.map((c, i) => `max(${prefix}u${i}) AS ${c}`);
    const groupBy = dimensions.length > 0 ? ` GROUP BY ${dimensions.join(', ')}` : '';
    const having = sources.some((s) => !s.main) && dimensions.length > 0 ? ` HAVING max(${flag}) = 1` : '';
    return `SELECT ${[...dimensions, ...merged].join(', ')} FROM (${branches.join(' UNION ALL ')})${groupBy}${having}`;
  }

  private derivedLayer(plan: QueryPlan, inner: string, metrics: Map<string, string>, totalColumns: Map<string, string>): string {
    const expressions = new Map<string, string>();
    for (const name of plan.derived) {
      const compute = metricDef(this.registry, name).compute;
      if (compute.kind !== 'derived') continue;
      const expression = compute.sql({
        query: queryView(plan.query),
        param: (value, type) => this.binder.param(value, type),
        metric: (dependency) => {
          if (!compute.dependsOn.includes(dependency)) throw new Error(`metric ${name} did not declare a dependency on ${dependency}`);
          return expressions.get(dependency) ?? `ifNull(${metrics.get(dependency)!}, 0)`;
        },
        total: (index) => {
          const column = totalColumns.get(`${name}#${index}`);
          if (!column) throw new Error(`metric ${name} has no total #${index}`);
          return `ifNull(${column}, 0)`;
        },
      });
      expressions.set(name, `(${expression})`);
    }
    const selects = [...expressions].map(([name, expression]) => `${expression} AS ${metrics.get(name)!}`);
    return `SELECT *, ${selects.join(', ')} FROM (${inner})`;
  }
}

/** The full statement: grouped rows, ordered, paginated, with the total row count when asked. */
export interface BuildQueryOptions {
  /** Days the rollups answer for this query's range; absent or null: raw rows only. */
  rollups?: RollupCoverage | null;
}

export function buildQuerySql(query: Query, registry: StatsRegistry, options: BuildQueryOptions = {}): BuiltQuery {
  const params = new ParamBinder();
  const binder = params.binder();
  const grouped = new GroupedBuilder(registry, params, options.rollups ?? null).build(query, '');
  const metrics = new Map(query.metrics.map((m) => [m, grouped.metrics.get(m)!] as const));
  const columnOf = (name: string) => metrics.get(name) ?? grouped.dimensions[query.dimensions.indexOf(name)]!;

  const selects = [...grouped.dimensions, ...metrics.values()];
  const totalRowsColumn = query.include.totalRows ? '__total_rows' : null;
  if (totalRowsColumn) selects.push(`count() OVER () AS ${totalRowsColumn}`);

  let sql = `SELECT ${selects.join(', ')} FROM (${grouped.sql})`;
  if (grouped.dimensions.length > 0) {
    const order = query.orderBy.map(([name, direction]) => `${columnOf(name)} ${direction === 'asc' ? 'ASC' : 'DESC'}`);
    // Ties are broken by the dimensions, so pages never overlap.
    for (const column of grouped.dimensions) if (!query.orderBy.some(([name]) => columnOf(name) === column)) order.push(`${column} ASC`);
    sql += ` ORDER BY ${order.join(', ')}`;
    if (query.pagination) {
      sql += ` LIMIT ${binder.param(query.pagination.limit, 'UInt32')} OFFSET ${binder.param(query.pagination.offset, 'UInt64')}`;
    }
  }
  return { sql, params: params.params, dimensions: grouped.dimensions, metrics, totalRowsColumn };
}
