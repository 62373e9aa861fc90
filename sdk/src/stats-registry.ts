/**
 * Stats registries: how metrics, dimensions and filters of `POST /api/v2/query` compile to
 * ClickHouse SQL. Core registers its built-ins through these same shapes; plugins add theirs
 * with `api.stats.defineMetric / defineDimension / defineFilter`.
 *
 * Every value reaches SQL as a ClickHouse query parameter (`ctx.param(value, type)` returns a
 * `{p3:String}` placeholder); fragments must never splice values into SQL text.
 */
import type { FilterLeaf, FilterOperator, FilterTree } from './stats.ts';

/** The two tables of the event store. */
export type StatsTable = 'events' | 'sessions';

/**
 * Where a metric or dimension can be computed: only on one table, or on either (the planner
 * picks, following Plausible's TableDecider).
 */
export type TableAffinity = StatsTable | 'either';

/** Binds values as ClickHouse query parameters. */
export interface SqlBinder {
  /**
   * Binds `value` as a parameter of ClickHouse type `type` (`String`, `Array(String)`, `UInt64`,
   * `DateTime('UTC')` ...) and returns its placeholder, e.g. `{p3:String}`.
   */
  param(value: unknown, type: string): string;
}

/** What a registry entry sees of the query being compiled (after parsing and defaults). */
export interface StatsQueryView {
  readonly siteId: string;
  readonly timezone: string;
  readonly metrics: readonly string[];
  /** Resolved dimensions (`time` is already `time:day` etc.). */
  readonly dimensions: readonly string[];
  readonly filters: readonly FilterTree[];
}

export interface MetricSqlContext extends SqlBinder {
  /** The table the planner chose for this metric. */
  readonly table: StatsTable;
  readonly query: StatsQueryView;
  /** Compiles a filter tree into a boolean condition on `table` (for conditional aggregates). */
  condition(filter: FilterTree): string;
  /**
   * Sessions table only: true for the row holding a visit's current state (not cancelled by a
   * later -1 row). Sign-weighted sums need no such condition; distinct counts do.
   */
  readonly liveSessionRow: string;
}

export interface DerivedSqlContext extends SqlBinder {
  readonly query: StatsQueryView;
  /** SQL of another metric of the same row (one listed in `dependsOn`). */
  metric(name: string): string;
  /** SQL of the total declared at `index` in `totals` (NULL-safe: 0 when there is none). */
  total(index: number): string;
}

/** A second computation a derived metric divides by (percentage, conversion rates, exit rate). */
export interface TotalSpec {
  /** Metric computed for the total (usually `visitors`). */
  metric: string;
  /** Filters of the totals query; default: the query's own filters. */
  filters?(filters: readonly FilterTree[]): FilterTree[];
  /**
   * `'none'` (default): one number for the whole query. `'same'`: one per result row, grouped by
   * the query's dimensions. A map: grouped by other dimensions joined onto the query's
   * (`{'visit:exit_page': 'event:page'}`: pageviews of the page each row exits from).
   */
  dimensions?: 'none' | 'same' | Readonly<Record<string, string>>;
}

export interface SubquerySqlContext extends SqlBinder {
  readonly query: StatsQueryView;
  /** WHERE condition on the events table for this query: site, time range and filters. */
  readonly eventsWhere: string;
  /** `expr AS alias` list of the query's dimensions on the events table ('' when none). */
  readonly dimensionSelect: string;
  /** Aliases of the dimensions, in order ([] when none). */
  readonly dimensionAliases: readonly string[];
}

export type MetricCompute =
  /** One aggregate expression over the chosen table (`uniqExact(user_id)`). */
  | { kind: 'aggregate'; sql(ctx: MetricSqlContext): string }
  /** An expression over other metrics of the same row and totals, computed last. */
  | { kind: 'derived'; dependsOn: readonly string[]; totals?: readonly TotalSpec[]; sql(ctx: DerivedSqlContext): string }
  /**
   * A grouped subquery of its own over events, returning the dimension aliases and a column
   * named `value` (scroll depth: per-visit maxima averaged per group).
   */
  | { kind: 'subquery'; sql(ctx: SubquerySqlContext): string };

export interface MetricDefinition {
  name: string;
  table: TableAffinity;
  compute: MetricCompute;
  /** JSON type of the value. Floats are rounded by the SQL itself. */
  type: 'integer' | 'float';
  /** Value reported where a row has no data: 0 (default) or null. */
  empty?: 0 | null;
  /**
   * Change in comparisons: relative % change (default), difference in percentage points, or a
   * function of (previous, current).
   */
  change?: 'percent' | 'points' | ((previous: number | null, current: number | null) => number | null);
  /** Rejects a query this metric cannot answer; the message becomes a 400 error. */
  validate?(query: StatsQueryView): string | undefined;
}

export interface DimensionSqlContext extends SqlBinder {
  readonly table: StatsTable;
  /** For prefix dimensions (`event:props:`): what follows the prefix (`plan`). */
  readonly key: string;
  /** The query being compiled (its site, for dimensions that depend on site configuration). */
  readonly query: StatsQueryView;
}

export interface DimensionDefinition {
  /** Exact name (`visit:source`), or a prefix (`event:props:`) with `prefix: true`. */
  name: string;
  prefix?: boolean;
  table: TableAffinity;
  /** The raw value on `table` (used for grouping and filtering). */
  sql(ctx: DimensionSqlContext): string;
  /** Label reported instead of an empty value (`Direct / None`, `(not set)`, `(none)`). */
  emptyLabel?: string;
  /** Filter clauses that mean the empty value (the label itself and aliases). */
  emptyValues?: readonly string[];
  /** Type of values and filter clauses. Default `string`. */
  valueType?: 'string' | 'integer';
  /** Can be used in `dimensions` (default true) / in filters (default true). */
  groupable?: boolean;
  filterable?: boolean;
}

export interface FilterSqlContext extends SqlBinder {
  readonly table: StatsTable;
  readonly operator: FilterOperator;
  readonly dimension: string;
  /** For prefix filters: what follows the prefix. */
  readonly key: string;
  readonly clauses: ReadonlyArray<string | number>;
  readonly caseSensitive: boolean;
  readonly query: StatsQueryView;
}

/** Custom compilation of filters on a dimension (event:props:*, a plugin's event:goal). */
export interface FilterDefinition {
  /** Dimension name, or a prefix with `prefix: true`. */
  dimension: string;
  prefix?: boolean;
  table: TableAffinity;
  /** Operators accepted (default: all). */
  operators?: readonly FilterOperator[];
  /** Only allowed as a top-level filter (not inside and/or/not). */
  topLevelOnly?: boolean;
  validate?(filter: FilterLeaf, query: StatsQueryView): string | undefined;
  sql(ctx: FilterSqlContext): string;
}

/** What `api.stats` offers a plugin during `register`. */
export interface StatsRegistrar {
  defineMetric(definition: MetricDefinition): void;
  defineDimension(definition: DimensionDefinition): void;
  defineFilter(definition: FilterDefinition): void;
}
