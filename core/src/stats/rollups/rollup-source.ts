import type { FilterTree, StatsTable } from '@qusto/sdk';
import type { TablePlan } from '../plan/plan-query.ts';
import { isLeaf, visitLeaves } from '../query/filter-tree.ts';
import { isTimeDimension, type Query, type TimeDimension } from '../query/query.ts';
import type { StatsRegistry } from '../registry/stats-registry.ts';
import { dimensionLabelSql } from '../sql/leaf-sql.ts';
import { clickhouseDateTime } from '../sql/sql-binder.ts';
import { timeDimensionSql } from '../sql/time-sql.ts';
import { eventsWhere, filterOn, LIVE_GROUP, sessionsWhere, type WhereContext } from '../sql/where-sql.ts';
import type { RollupCoverage } from './rollup-coverage.ts';
import { chooseKey, dimensionColumns, keyName, ROLLUP_COLUMN_READERS, type RollupKey } from './rollup-keys.ts';
import { rollupComponent, rollupMetric, type RollupKind } from './rollup-metrics.ts';

export const ROLLUP_TABLE = 'stats_rollups';

const ROLLUP_TIME_DIMENSIONS = new Set<string>(['time:day', 'time:week', 'time:month']);

const KINDS: Record<StatsTable, Record<string, RollupKind>> = {
  events: { visitors: 'event_visitors', visits: 'event_visits', pageviews: 'event_counts', events: 'event_counts' },
  sessions: { visitors: 'visit_visitors', visits: 'visits', pageviews: 'visits', bounces: 'visits', duration: 'visits' },
};

export interface RollupSourceInput {
  query: Query;
  table: TablePlan;
  registry: StatsRegistry;
  ctx: WhereContext;
  coverage: RollupCoverage;
  /** Column alias of each of the table plan's dimensions. */
  dimensionAliases: string[];
  /** Column of each metric the source must compute. */
  metricColumns: Map<string, string>;
  /** Condition keeping a visit's current state on raw session rows ('1' when any state will do). */
  live: string;
}

interface Shape {
  key: RollupKey;
  time: Exclude<TimeDimension, 'time'> | null;
  components: string[];
}

/** Whether rollups can answer this table plan, and how. */
function shapeOf(input: RollupSourceInput): Shape | null {
  const { table, registry } = input;
  if (table.metrics.some((metric) => !rollupMetric(table.table, metric))) return null;

  const grouped = new Set<string>();
  let time: Shape['time'] = null;
  for (const dimension of table.dimensions) {
    if (isTimeDimension(dimension)) {
      if (!ROLLUP_TIME_DIMENSIONS.has(dimension) || time) return null;
      time = dimension as Shape['time'];
      continue;
    }
    const columns = dimensionColumns(table.table, dimension);
    if (!columns) return null;
    for (const column of columns) grouped.add(column);
  }

  const filtered = new Set<string>();
  if (!plainFilters(table.filters)) return null;
  for (const { leaf } of visitLeaves(table.filters)) {
    const columns = registry.filter(leaf[1]) ? undefined : dimensionColumns(table.table, leaf[1]);
    if (!columns) return null;
    for (const column of columns) filtered.add(column);
  }

  const key = chooseKey(table.table, grouped, filtered);
  if (!key) return null;
  const components = [...new Set(table.metrics.flatMap((metric) => rollupMetric(table.table, metric)!.components))];
  return { key, time, components };
}

/** Only and/or/not over leaves: behavioral filters read other visits' events. */
function plainFilters(filters: readonly FilterTree[]): boolean {
  const plain = (tree: FilterTree): boolean => {
    if (isLeaf(tree)) return true;
    if (tree[0] === 'and' || tree[0] === 'or') return (tree[1] as FilterTree[]).every(plain);
    if (tree[0] === 'not') return plain(tree[1] as FilterTree);
    return false;
  };
  return filters.every(plain);
}

/**
 * The table plan's grouped rows from rollups (visits that started on rolled-up days) plus raw
 * rows (the rest), or null when rollups cannot answer it. Same columns as the raw source.
 */
export function rollupSourceSql(input: RollupSourceInput): string | null {
  const shape = shapeOf(input);
  if (!shape) return null;
  const { coverage, dimensionAliases, metricColumns, table } = input;
  if (coverage.builds.length === 0) return null;

  const componentColumn = (component: string) => `__c_${component}`;
  const parts = [rolledUpPart(input, shape, componentColumn)];
  if (coverage.rawFrom !== null) parts.push(rawPart(input, shape, componentColumn, coverage.rawFrom));

  const metrics = [...metricColumns].map(([metric, column]) => {
    const value = rollupMetric(table.table, metric)!.value((component) => `sum(${componentColumn(component)})`);
    return `${value} AS ${column}`;
  });
  const groupBy = dimensionAliases.length > 0 ? ` GROUP BY ${dimensionAliases.join(', ')}` : '';
  return `SELECT ${[...dimensionAliases, ...metrics].join(', ')} FROM (${parts.join(' UNION ALL ')})${groupBy}`;
}

function rolledUpPart(input: RollupSourceInput, shape: Shape, componentColumn: (c: string) => string): string {
  const { coverage, ctx, dimensionAliases, query, registry, table } = input;
  const { binder } = ctx;
  const firstDay = binder.param(coverage.firstDay, 'Date');
  const lastDay = binder.param(coverage.lastDay, 'Date');
  const inRange = `p -> p.1 <= ${lastDay} AND p.2 >= ${firstDay}`;

  const days = binder.param(coverage.builds.map(([day]) => day), 'Array(Date)');
  const builds = binder.param(coverage.builds.map(([, build]) => Number(build)), 'Array(UInt64)');
  const exposed = shape.key.columns.map((column, i) => `${ROLLUP_COLUMN_READERS[column]!(`key_values[${i + 1}]`)} AS ${column}`);
  const kinds = [...new Set(shape.components.map((component) => KINDS[table.table][component]!))];
  const rows =
    `SELECT ${[...exposed, 'kind', 'spans', 'n', 'pageviews', 'events', 'bounces', 'duration'].join(', ')} FROM ${ROLLUP_TABLE}` +
    ` WHERE site_id = ${binder.param(query.site.id, 'UInt64')} AND key_columns = ${binder.param(keyName(shape.key), 'String')}` +
    ` AND kind IN (${kinds.map((kind) => `'${kind}'`).join(', ')})` +
    ` AND salt_day IN ${days} AND build = arrayElement(${builds}, indexOf(${days}, salt_day))` +
    ` AND arrayExists(${inRange}, spans)`;

  // A visit or visitor counts once in each time bucket it was active in: events by their day,
  // visits by their last day (clamped to the range, as raw session rows are).
  let arrayJoin = '';
  if (shape.time) {
    const bucket = timeBucketSql(shape.time, `least(p.2, ${lastDay})`, firstDay);
    arrayJoin = ` ARRAY JOIN arrayDistinct(arrayMap(p -> ${bucket}, arrayFilter(${inRange}, spans))) AS __rollup_bucket`;
  }
  const selects = table.dimensions.map((dimension, i) => {
    if (isTimeDimension(dimension)) return `toString(__rollup_bucket) AS ${dimensionAliases[i]}`;
    const resolved = registry.dimension(dimension)!;
    return `${dimensionLabelSql(resolved.definition, resolved.key, table.table, binder, table.view)} AS ${dimensionAliases[i]}`;
  });
  for (const component of shape.components) selects.push(`toInt64(${rollupComponent(table.table, component).rollup}) AS ${componentColumn(component)}`);
  const where = table.filters.length > 0 ? ` WHERE ${table.filters.map((filter) => filterOn(filter, table.table, ctx)).join(' AND ')}` : '';
  const groupBy = dimensionAliases.length > 0 ? ` GROUP BY ${dimensionAliases.join(', ')}` : '';
  return `SELECT ${selects.join(', ')} FROM (${rows})${arrayJoin}${where}${groupBy}`;
}

/** The bucket of local day `day` as the raw SQL reports it (time-sql.ts), as a Date. */
function timeBucketSql(time: Exclude<TimeDimension, 'time'>, day: string, firstDay: string): string {
  switch (time) {
    case 'time:day':
      return day;
    case 'time:week':
      // Weeks start on Monday, but the first bucket never starts before the range does.
      return `greatest(toMonday(${day}), ${firstDay})`;
    case 'time:month':
      return `toStartOfMonth(${day})`;
    default:
      throw new Error(`${time} is not answered from rollups`);
  }
}

function rawPart(input: RollupSourceInput, shape: Shape, componentColumn: (c: string) => string, rawFrom: number): string {
  const { ctx, dimensionAliases, query, registry, table, live } = input;
  const { binder } = ctx;
  const selects: string[] = [];
  let arrayJoin = '';
  table.dimensions.forEach((dimension, i) => {
    if (isTimeDimension(dimension)) {
      const time = timeDimensionSql(dimension as Exclude<TimeDimension, 'time'>, table.table, query.timezone, ctx);
      if (time.arrayJoin) arrayJoin = ` ${time.arrayJoin}`;
      selects.push(`${time.select} AS ${dimensionAliases[i]}`);
      return;
    }
    const resolved = registry.dimension(dimension)!;
    selects.push(`${dimensionLabelSql(resolved.definition, resolved.key, table.table, binder, table.view)} AS ${dimensionAliases[i]}`);
  });
  for (const component of shape.components) selects.push(`toInt64(${rollupComponent(table.table, component).raw(live)}) AS ${componentColumn(component)}`);

  const site = binder.param(query.site.id, 'UInt64');
  const from = binder.param(clickhouseDateTime(rawFrom), "DateTime('UTC')");
  // Visits that started on days not rolled up; events by the visit they belong to.
  const notRolledUp =
    table.table === 'sessions'
      ? `start >= ${from}`
      : `session_id IN (SELECT session_id FROM sessions WHERE site_id = ${site} AND start >= ${from})`;
  const where = table.table === 'events' ? eventsWhere(table.filters, ctx) : sessionsWhere(table.filters, ctx);
  const groupBy = dimensionAliases.length > 0 ? ` GROUP BY ${dimensionAliases.join(', ')}${table.table === 'sessions' ? ` HAVING ${LIVE_GROUP}` : ''}` : '';
  return `SELECT ${selects.join(', ')} FROM ${table.table}${arrayJoin} WHERE ${where} AND ${notRolledUp}${groupBy}`;
}
