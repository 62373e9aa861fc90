import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import type { EventStore } from '@qusto/sdk';
import { claimChdbDataDir } from './chdb-data-dir.ts';
import { onClusterClause } from './clickhouse-dialect.ts';
import { ClickhouseEventStore, EVENT_STORE_SETTINGS } from './clickhouse-event-store.ts';
import { insertDedupSettings } from './insert-dedup-settings.ts';

export interface CreateEventStoreOptions {
  /** ClickHouse HTTP(S) URL; the path names the database (default `qusto`). Absent: embedded chdb. */
  clickhouseUrl?: string;
  /** Qusto's data dir; chdb keeps its files in `<dataDir>/events`. */
  dataDir: string;
  /** ClickHouse cluster name (server only). */
  cluster?: string;
}

export const DEFAULT_DATABASE = 'qusto';
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Opens the event store for this configuration and checks that it answers. */
export async function createEventStore(options: CreateEventStoreOptions): Promise<EventStore> {
  if (options.clickhouseUrl) return openServerEventStore({ url: options.clickhouseUrl, cluster: options.cluster });
  if (options.cluster) throw new Error('a ClickHouse cluster needs a ClickHouse server: set CLICKHOUSE_URL too');
  return openChdbEventStore(path.join(options.dataDir, 'events'));
}

/**
 * Embedded chdb at exactly `dir`. One directory per process: opening a different one while a store
 * is open throws ChdbDataDirError; the same directory can be opened again.
 */
export async function openChdbEventStore(dir: string): Promise<EventStore> {
  const release = claimChdbDataDir(dir);
  const opened: Array<ReturnType<typeof createClient>> = [];
  try {
    await mkdir(dir, { recursive: true });
    // Two connections on the same path: one for queries, one reserved for inserts (see
    // ClickhouseEventStoreOptions.exclusiveInsertClient). The cast bridges two copies of the
    // client-common types (chdb's and @clickhouse/client's); at runtime it is the same contract.
    const open = () => {
      const client = createClient({ connection: createChdbConnection({ path: dir }) as never, clickhouse_settings: EVENT_STORE_SETTINGS });
      opened.push(client);
      return client;
    };
    const client = open();
    const requestSettings = await insertDedupSettings(client); // also proves the engine answers
    return new ClickhouseEventStore({ kind: 'chdb', client, exclusiveInsertClient: open(), requestSettings, onClose: release });
  } catch (error) {
    await Promise.all(opened.map((client) => client.close().catch(() => {})));
    release();
    throw error;
  }
}

export interface ServerEventStoreOptions {
  /** `http[s]://[user:password@]host:port[/database]` */
  url: string;
  cluster?: string | undefined;
}

/** A ClickHouse server; creates the database named by the URL path when it is missing. */
export async function openServerEventStore(options: ServerEventStoreOptions): Promise<EventStore> {
  const url = new URL(options.url);
  const database = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, '')) || DEFAULT_DATABASE;
  if (!DATABASE_NAME.test(database)) throw new Error(`invalid ClickHouse database ${JSON.stringify(database)} in CLICKHOUSE_URL: expected ${DATABASE_NAME}`);
  url.pathname = '/';
  const where = `ClickHouse at ${url.origin}`;

  // The database must exist before a client can be bound to it, so create it through `default`.
  const bootstrap = createClient({ url, database: 'default', clickhouse_settings: EVENT_STORE_SETTINGS });
  try {
    await bootstrap.command({
      query: `CREATE DATABASE IF NOT EXISTS {database:Identifier} ${onClusterClause(options.cluster)}`,
      query_params: { database },
    });
  } catch (error) {
    throw new Error(`${where} could not create database ${database}: ${(error as Error).message}`, { cause: error });
  } finally {
    await bootstrap.close();
  }

  const client = createClient({ url, database, clickhouse_settings: EVENT_STORE_SETTINGS });
  try {
    const requestSettings = await insertDedupSettings(client);
    const store = new ClickhouseEventStore({ kind: 'clickhouse', client, requestSettings });
    await store.ping();
    return store;
  } catch (error) {
    await client.close().catch(() => {});
    throw new Error(`${where} did not answer: ${(error as Error).message}`, { cause: error });
  }
}
