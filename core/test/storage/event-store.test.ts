import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@qusto/sdk';
import { ChdbDataDirError } from '../../src/storage/events/chdb-data-dir.ts';
import { createEventStore, openChdbEventStore } from '../../src/storage/events/create-event-store.ts';
import { createTestEventStore, eventBackends } from '../support/test-stores.ts';

// chdb binds one data dir per process, so this file uses exactly one: <root>/events.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'qusto-event-store-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const DEDUP_TABLE_SETTINGS = 'SETTINGS non_replicated_deduplication_window = 100';

describe.each(eventBackends())('EventStore on %s', (backend) => {
  let store: EventStore;
  beforeAll(async () => {
    store = await createTestEventStore(path.join(root, 'events'), { backend });
    await store.command(`CREATE TABLE kv (id UInt64, name String, at DateTime) ENGINE = MergeTree ORDER BY id ${DEDUP_TABLE_SETTINGS}`);
  });
  afterAll(async () => {
    await store?.close();
  });

  const countOf = async (sql: string, params?: Record<string, unknown>) => (await store.query<{ n: string }>(sql, params))[0]?.n;

  it('reports its kind and answers ping', async () => {
    expect(store.kind).toBe(backend);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('inserts JSONEachRow rows and queries them with typed parameters', async () => {
    await store.insert('kv', [
      { id: 1, name: 'alpha', at: '2026-01-01 00:00:00' },
      { id: 2, name: 'beta', at: '2026-01-02 00:00:00' },
      { id: 3, name: 'beta', at: '2026-01-03 00:00:00' },
    ]);
    const rows = await store.query<{ id: string; name: string }>('SELECT id, name FROM kv WHERE name = {name:String} AND id >= {min:UInt64} ORDER BY id', {
      name: 'beta',
      min: 3,
    });
    expect(rows).toEqual([{ id: '3', name: 'beta' }]);
    // A parameter is a value, never SQL.
    expect(await store.query('SELECT id FROM kv WHERE name = {name:String}', { name: "beta' OR 1 = 1 --" })).toEqual([]);
  });

  it('inserts rows as arrays of values in the order of `columns` (JSONCompactEachRow), Nested columns too', async () => {
    await store.command('CREATE TABLE compact (id UInt64, `tags.key` Array(String), `tags.value` Array(String), note String) ENGINE = MergeTree ORDER BY id');
    const rows = [
      ['two', 2, ['a', 'b'], ['1', '2']],
      ['one', 1, [], []],
    ];
    await store.insert('compact', rows, { columns: ['note', 'id', 'tags.key', 'tags.value'] });
    expect(await store.query('SELECT id, `tags.key` AS k, `tags.value` AS v, note FROM compact ORDER BY id')).toEqual([
      { id: '1', k: [], v: [], note: 'one' },
      { id: '2', k: ['a', 'b'], v: ['1', '2'], note: 'two' },
    ]);
    await expect(store.insert('compact', [[3]], { columns: ['id); DROP TABLE compact; --'] })).rejects.toThrow(/invalid column name/);
  });

  it('runs commands with parameters', async () => {
    await store.command('INSERT INTO kv SELECT {id:UInt64}, {name:String}, toDateTime({at:String})', { id: 10, name: 'from-command', at: '2026-02-01 00:00:00' });
    expect(await store.query('SELECT name FROM kv WHERE id = 10')).toEqual([{ name: 'from-command' }]);
  });

  it('returns 64-bit integers as exact strings', async () => {
    await store.command('CREATE TABLE wide (u UInt64, i Int64) ENGINE = MergeTree ORDER BY u');
    await store.insert('wide', [{ u: '18446744073709551615', i: '-9223372036854775808' }]);
    expect(await store.query('SELECT u, i, greatest(u, 1) AS computed FROM wide')).toEqual([
      { u: '18446744073709551615', i: '-9223372036854775808', computed: '18446744073709551615' },
    ]);
    expect(await store.query('SELECT {x:UInt64} AS x', { x: '18446744073709551615' })).toEqual([{ x: '18446744073709551615' }]);
  });

  it('does not apply an insert twice when it carries the same deduplication token', async () => {
    await store.command(`CREATE TABLE dedup (id UInt64) ENGINE = MergeTree ORDER BY id ${DEDUP_TABLE_SETTINGS}`);
    const batch = [{ id: 1 }, { id: 2 }];
    await store.insert('dedup', batch, { deduplicationToken: 'batch-1' });
    await store.insert('dedup', batch, { deduplicationToken: 'batch-1' }); // a retry
    expect(await countOf('SELECT count() AS n FROM dedup')).toBe('2');
    // The token, not the content, decides: another token is applied, the same token is not.
    await store.insert('dedup', batch, { deduplicationToken: 'batch-2' });
    await store.insert('dedup', [{ id: 3 }], { deduplicationToken: 'batch-2' });
    expect(await countOf('SELECT count() AS n FROM dedup')).toBe('4');
  });

  it('keeps identical inserts without a token, also right after a tokened insert', async () => {
    await store.command(`CREATE TABLE plain (id UInt64) ENGINE = MergeTree ORDER BY id ${DEDUP_TABLE_SETTINGS}`);
    await store.insert('plain', [{ id: 7 }], { deduplicationToken: 'tok' });
    // chdb keeps SET settings on a connection: a leaked token would silently drop these.
    await store.insert('plain', [{ id: 8 }]);
    await store.insert('plain', [{ id: 8 }]);
    await store.command('INSERT INTO plain SELECT 9');
    expect(await store.query('SELECT id, count() AS n FROM plain GROUP BY id ORDER BY id')).toEqual([
      { id: '7', n: '1' },
      { id: '8', n: '2' },
      { id: '9', n: '1' },
    ]);
  });

  it('keeps tokens apart when inserts run concurrently', async () => {
    await store.command(`CREATE TABLE concurrent (batch UInt32, id UInt64) ENGINE = MergeTree ORDER BY id ${DEDUP_TABLE_SETTINGS}`);
    const insertBatch = (batch: number) =>
      store.insert(
        'concurrent',
        Array.from({ length: 3 }, (_, id) => ({ batch, id })),
        { deduplicationToken: `concurrent-${batch}` },
      );
    await Promise.all([1, 2, 3, 4, 5, 1, 2, 3, 4, 5].map(insertBatch));
    await Promise.all([store.insert('concurrent', [{ batch: 0, id: 99 }]), store.insert('concurrent', [{ batch: 0, id: 99 }])]);
    expect(await store.query('SELECT batch, count() AS n FROM concurrent GROUP BY batch ORDER BY batch')).toEqual([
      { batch: 0, n: '2' },
      ...[1, 2, 3, 4, 5].map((batch) => ({ batch, n: '3' })),
    ]);
  });

  it('rejects an invalid table name without touching the store, and an empty token', async () => {
    await expect(store.insert('kv (id) SELECT 1; DROP TABLE kv', [{ id: 1 }])).rejects.toThrow(/invalid table name/);
    await expect(store.insert('kv', [{ id: 1 }], { deduplicationToken: '' })).rejects.toThrow(/must not be empty/);
    expect(Number(await countOf('SELECT count() AS n FROM kv'))).toBeGreaterThan(0);
  });

  it('keeps working behind a Proxy (tests wrap stores to inject faults)', async () => {
    const wrapped = new Proxy(store, { get: (target, property, receiver) => Reflect.get(target, property, receiver) });
    await wrapped.command('CREATE TABLE IF NOT EXISTS proxied (x UInt8) ENGINE = MergeTree ORDER BY x');
    await wrapped.insert('proxied', [{ x: 5 }], { deduplicationToken: 'proxied-1' });
    expect(await wrapped.query('SELECT x FROM proxied')).toEqual([{ x: 5 }]);
  });

  it('treats an empty insert as a no-op', async () => {
    await expect(store.insert('kv', [])).resolves.toBeUndefined();
  });

  it('surfaces ClickHouse errors', async () => {
    await expect(store.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
  });
});

describe.runIf(eventBackends().includes('chdb'))('chdb: one data directory per process', () => {
  it('reopens the same directory, sharing its data; closing one store leaves the other working', async () => {
    const dir = path.join(root, 'events');
    const first = await openChdbEventStore(dir);
    const second = await openChdbEventStore(dir);
    try {
      await first.command('CREATE TABLE shared (x UInt8) ENGINE = MergeTree ORDER BY x');
      await first.insert('shared', [{ x: 1 }]);
      await first.close();
      expect(await second.query('SELECT x FROM shared')).toEqual([{ x: 1 }]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('refuses a second, different directory with a clear error while one is open', async () => {
    const open = await openChdbEventStore(path.join(root, 'events'));
    try {
      const other = path.join(root, 'elsewhere');
      await expect(openChdbEventStore(other)).rejects.toThrow(ChdbDataDirError);
      await expect(createEventStore({ dataDir: root + '-other' })).rejects.toThrow(
        /chdb allows one data directory per process: .*\/events is open, so .*-other\/events cannot be opened/,
      );
      await expect(open.ping()).resolves.toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('createEventStore without a URL opens chdb at <dataDir>/events', async () => {
    const store = await createEventStore({ dataDir: root });
    try {
      expect(store.kind).toBe('chdb');
      await store.command('CREATE TABLE IF NOT EXISTS marker (x UInt8) ENGINE = MergeTree ORDER BY x');
      const same = await openChdbEventStore(path.join(root, 'events'));
      await expect(same.query("SELECT name FROM system.tables WHERE name = 'marker'")).resolves.toEqual([{ name: 'marker' }]);
      await same.close();
    } finally {
      await store.close();
    }
  });

  it('refuses a cluster without a ClickHouse server', async () => {
    await expect(createEventStore({ dataDir: root, cluster: 'c1' })).rejects.toThrow(/needs a ClickHouse server/);
  });
});

describe.runIf(eventBackends().includes('clickhouse'))('createEventStore on a ClickHouse server', () => {
  it('creates the database named by the URL path when it is missing', async () => {
    const url = new URL(process.env.CLICKHOUSE_URL!);
    const database = `qusto_test_created_${Date.now()}`;
    url.pathname = `/${database}`;
    const store = await createEventStore({ clickhouseUrl: url.toString(), dataDir: root });
    try {
      expect(store.kind).toBe('clickhouse');
      expect(await store.query('SELECT currentDatabase() AS db')).toEqual([{ db: database }]);
    } finally {
      await store.command('DROP DATABASE IF EXISTS {database:Identifier}', { database });
      await store.close();
    }
  });
});
