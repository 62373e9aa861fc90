import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import type { EventStore, EventStoreInsertOptions, EventStoreParams } from '@qusto/sdk';

/**
 * Settings sent with every request, on both backends.
 * - 64-bit integers quoted: JSON numbers lose precision above 2^53.
 * - No content-hash deduplication: only an explicit token deduplicates an insert, so two
 *   legitimately identical batches are both kept (with `insertDedupSettings` on ClickHouse ≥ 26).
 *   Also resets any token chdb kept on a connection.
 */
export const EVENT_STORE_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 1,
  // Timestamps are stored and compared as UTC; without this a server (or the embedded engine,
  // which follows the process's TZ) on another zone would shift every date range.
  session_timezone: 'UTC',
  insert_deduplicate: 0,
  insert_deduplication_token: '',
};

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** Plain and Nested (`meta.key`) column names; they are quoted in the INSERT. */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export interface ClickhouseEventStoreOptions {
  kind: EventStore['kind'];
  /** Client for queries and commands. */
  client: ClickHouseClient;
  /**
   * A client used only for inserts, one insert at a time. chdb applies per-request settings as
   * `SET` on its connection, where they stay: a deduplication token would leak into the next
   * statement on that connection. Omit it for a server, where settings are per request.
   */
  exclusiveInsertClient?: ClickHouseClient;
  /** Settings added to every request, e.g. version-dependent ones from `insertDedupSettings`. */
  requestSettings?: ClickHouseSettings;
  /** Runs after the clients are closed (chdb: releases the data directory). */
  onClose?: () => void | Promise<void>;
}

/** EventStore over `@clickhouse/client`: the same calls against a ClickHouse server or chdb. */
export class ClickhouseEventStore implements EventStore {
  readonly kind: EventStore['kind'];
  private readonly client: ClickHouseClient;
  private readonly insertClient: ClickHouseClient | undefined;
  private readonly onClose: (() => void | Promise<void>) | undefined;
  private readonly settings: ClickHouseSettings;
  private insertQueue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: ClickhouseEventStoreOptions) {
    this.kind = options.kind;
    this.client = options.client;
    this.insertClient = options.exclusiveInsertClient;
    this.onClose = options.onClose;
    this.settings = options.requestSettings ?? {};
  }

  async query<Row = Record<string, unknown>>(sql: string, params?: EventStoreParams): Promise<Row[]> {
    const result = await this.client.query({ query: sql, format: 'JSONEachRow', query_params: params ?? {}, clickhouse_settings: this.settings });
    return result.json<Row>();
  }

  async command(sql: string, params?: EventStoreParams): Promise<void> {
    await this.client.command({ query: sql, query_params: params ?? {}, clickhouse_settings: this.settings });
  }

  async insert<Row extends object>(table: string, rows: readonly Row[], options: EventStoreInsertOptions = {}): Promise<void> {
    if (!TABLE_NAME.test(table)) throw new Error(`invalid table name ${JSON.stringify(table)}: expected ${TABLE_NAME}`);
    if (rows.length === 0) return;
    const token = options.deduplicationToken;
    if (token === '') throw new Error('deduplicationToken must not be empty');
    if (options.columns?.length === 0) throw new Error('columns must not be empty');
    const columns = options.columns?.map((column) => {
      if (!COLUMN_NAME.test(column)) throw new Error(`invalid column name ${JSON.stringify(column)}: expected ${COLUMN_NAME}`);
      return `\`${column}\``;
    });
    // Both settings on every insert so nothing is inherited from an earlier request.
    const clickhouse_settings: ClickHouseSettings = {
      ...this.settings,
      ...(token ? { insert_deduplicate: 1, insert_deduplication_token: token } : { insert_deduplicate: 0, insert_deduplication_token: '' }),
    };
    const params = columns
      ? { table, columns: columns as [string, ...string[]], values: [...rows], format: 'JSONCompactEachRow' as const, clickhouse_settings }
      : { table, values: [...rows], format: 'JSONEachRow' as const, clickhouse_settings };
    const insertClient = this.insertClient;
    if (!insertClient) {
      await this.client.insert(params);
      return;
    }
    const run = this.insertQueue.then(() => insertClient.insert(params));
    this.insertQueue = run.catch(() => {}); // a failed insert must not block the ones queued after it
    await run;
  }

  async ping(): Promise<void> {
    // A SELECT rather than /ping: it also checks credentials and that the database exists.
    const result = await this.client.ping({ select: true });
    if (!result.success) throw result.error;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.insertQueue;
    try {
      await this.client.close();
      await this.insertClient?.close();
    } finally {
      await this.onClose?.();
    }
  }
}
