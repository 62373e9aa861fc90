import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataDb } from '@qusto/sdk';
import { createMetadataDb } from '../../src/storage/metadata/create-metadata-db.ts';
import { createTestMetadataDb, metadataBackends } from '../support/test-stores.ts';

describe.each(metadataBackends())('MetadataDb on %s', (backend) => {
  let db: MetadataDb;
  beforeAll(async () => {
    db = await createTestMetadataDb({ backend, migrated: false });
    await db.exec('CREATE TABLE things (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, big int8, price numeric(12, 3))');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports its kind and answers ping', async () => {
    expect(db.kind).toBe(backend);
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it('runs parameterised queries and returns rows as objects', async () => {
    const inserted = await db.query<{ id: string; name: string }>('INSERT INTO things (name) VALUES ($1), ($2) RETURNING id, name', ['a', 'b']);
    expect(inserted.map((row) => row.name)).toEqual(['a', 'b']);
    const rows = await db.query<{ name: string }>('SELECT name FROM things WHERE name = $1', ['b']);
    expect(rows).toEqual([{ name: 'b' }]);
  });

  it('returns int8 and numeric as exact strings on every backend', async () => {
    await db.query('INSERT INTO things (name, big, price) VALUES ($1, $2, $3)', ['big', '9223372036854775807', '12345.678']);
    const [row] = await db.query<{ id: unknown; big: unknown; price: unknown; count: unknown }>(
      "SELECT id, big, price, (SELECT count(*) FROM things) AS count FROM things WHERE name = 'big'",
    );
    expect(typeof row?.id).toBe('string');
    expect(row?.big).toBe('9223372036854775807');
    expect(row?.price).toBe('12345.678');
    expect(typeof row?.count).toBe('string');
  });

  it.runIf(backend === 'postgres')('keeps int8 as strings even if another module changes pg.types globally', async () => {
    const { default: pg } = await import('pg');
    const previous = pg.types.getTypeParser(20);
    pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));
    try {
      expect(await db.query("SELECT '9007199254740993'::int8 AS v")).toEqual([{ v: '9007199254740993' }]);
    } finally {
      pg.types.setTypeParser(20, previous);
    }
  });

  it('keeps working behind a Proxy (tests wrap stores to inject faults)', async () => {
    const wrapped = new Proxy(db, { get: (target, property, receiver) => Reflect.get(target, property, receiver) });
    expect(await wrapped.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
    expect(await wrapped.query('SELECT 2 AS two')).toEqual([{ two: 2 }]);
  });

  it('exec runs several statements; query refuses more than one', async () => {
    await db.exec("CREATE TABLE multi (x int); INSERT INTO multi VALUES (1), (2); INSERT INTO multi VALUES (3)");
    expect(await db.query('SELECT sum(x)::int AS total FROM multi')).toEqual([{ total: 6 }]);
    await expect(db.query('SELECT 1; SELECT 2')).rejects.toThrow();
  });

  it('commits a transaction and returns its result', async () => {
    const result = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO things (name) VALUES ($1)', ['committed']);
      return (await tx.query<{ n: string }>("SELECT count(*) AS n FROM things WHERE name = 'committed'"))[0]?.n;
    });
    expect(result).toBe('1');
    expect(await db.query("SELECT name FROM things WHERE name = 'committed'")).toHaveLength(1);
  });

  it('rolls a transaction back when its function throws, and rethrows', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO things (name) VALUES ($1)', ['rolled-back']);
        await tx.exec('CREATE TABLE created_in_rolled_back_tx (x int)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query("SELECT name FROM things WHERE name = 'rolled-back'")).toEqual([]);
    expect(await db.query("SELECT to_regclass('created_in_rolled_back_tx') AS t")).toEqual([{ t: null }]);
  });

  it('does not report a commit when a swallowed statement error aborted the transaction', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO things (name) VALUES ($1)', ['before-error']);
        await tx.query('INSERT INTO things (name) VALUES ($1)', ['a']).catch(() => {}); // unique violation, swallowed
        return 'done';
      }),
    ).rejects.toThrow();
    expect(await db.query("SELECT name FROM things WHERE name = 'before-error'")).toEqual([]);
  });

  it('refuses the transaction executor after the transaction ended', async () => {
    let leaked: { query(sql: string): Promise<unknown> } | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1')).rejects.toThrow(/after its transaction ended/);
  });

  it('PGlite queues plain calls behind a running transaction; PostgreSQL runs them on another connection', async () => {
    let releaseTx!: () => void;
    const gate = new Promise<void>((resolve) => (releaseTx = resolve));
    let txDone = false;
    const tx = db.transaction(async (t) => {
      await t.query('INSERT INTO things (name) VALUES ($1)', ['in-tx']);
      await gate;
      txDone = true;
    });
    const outside = db.query("SELECT name FROM things WHERE name = 'in-tx'");
    if (backend === 'postgres') {
      // Answers while the transaction is still open, and does not see its uncommitted row.
      expect(await outside).toEqual([]);
      expect(txDone).toBe(false);
      releaseTx();
      await tx;
    } else {
      const settled = await Promise.race([outside.then(() => 'answered'), new Promise((resolve) => setTimeout(resolve, 100, 'waiting'))]);
      expect(settled).toBe('waiting');
      releaseTx();
      await tx;
      expect(await outside).toEqual([{ name: 'in-tx' }]); // ran after the commit
    }
  });

  it.runIf(backend === 'pglite')('PGlite: using the db instead of tx inside a transaction fails fast instead of deadlocking', async () => {
    await expect(db.transaction(async () => db.query('SELECT 1'))).rejects.toThrow(/use the `tx` executor/);
    await expect(db.ping()).resolves.toBeUndefined();
  });
});

describe('createMetadataDb', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'qusto-metadata-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('persists embedded PGlite in <dataDir>/metadata across reopen', async () => {
    const first = await createMetadataDb({ dataDir });
    expect(first.kind).toBe('pglite');
    await first.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await first.close();
    const second = await createMetadataDb({ dataDir });
    try {
      expect(await second.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await second.close();
    }
  });

  it.runIf(Boolean(process.env.DATABASE_URL))('uses PostgreSQL when databaseUrl is set', async () => {
    const db = await createMetadataDb({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      expect(db.kind).toBe('postgres');
      expect(await db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('fails fast with the redacted URL when PostgreSQL does not answer', async () => {
    await expect(createMetadataDb({ databaseUrl: 'postgres://qusto:secret@127.0.0.1:1/nowhere', dataDir })).rejects.toThrow(
      /PostgreSQL at postgres:\/\/qusto:\*\*\*@127\.0\.0\.1:1\/nowhere did not answer/,
    );
  });
});
