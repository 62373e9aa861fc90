/**
 * The store interfaces core hands to plugins. Core implements them over PostgreSQL or PGlite
 * (metadata) and a ClickHouse server or chDB (events); plugins only see these shapes.
 */

/** Runs SQL against the metadata store (PostgreSQL dialect, `$1` placeholders). */
export interface SqlExecutor {
  /** Rows as plain objects. int8/bigint columns come back as strings on every backend. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** One or more statements without parameters (DDL, scripts). */
  exec(sql: string): Promise<void>;
}

export interface MetadataDb extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Resolves when the store answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Query parameters use ClickHouse's `{name:Type}` syntax; values are never spliced into SQL. */
export type EventStoreParams = Record<string, unknown>;

export interface EventStoreInsertOptions {
  /**
   * Makes the insert idempotent: a retried insert with the same token is not applied twice
   * (ClickHouse `insert_deduplication_token`).
   */
  deduplicationToken?: string;
  /**
   * Column names, in order, when each row is an array of values instead of an object (sent as
   * JSONCompactEachRow: no name per value, so the store parses it about a third cheaper).
   */
  columns?: readonly string[];
}

export interface EventStore {
  readonly kind: 'clickhouse' | 'chdb';
  /** Runs a SELECT and returns rows (64-bit integers quoted as strings). */
  query<Row = Record<string, unknown>>(sql: string, params?: EventStoreParams): Promise<Row[]>;
  /** Runs a statement that returns no rows (DDL, ALTER, DELETE). */
  command(sql: string, params?: EventStoreParams): Promise<void>;
  /** Inserts rows as JSONEachRow, or as JSONCompactEachRow with `options.columns`. */
  insert<Row extends object>(table: string, rows: readonly Row[], options?: EventStoreInsertOptions): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
