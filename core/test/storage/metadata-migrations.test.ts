import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataDb } from '@qusto/sdk';
import { CORE_METADATA_MIGRATIONS } from '../../src/storage/core-migrations.ts';
import { PostgresMetadataDb } from '../../src/storage/metadata/postgres-metadata-db.ts';
import { readMigrationSet, runMetadataMigrations, withMigrationLock } from '../../src/storage/migrations/index.ts';
import { createTestMetadataDb, createTestPostgresSchema, metadataBackends } from '../support/test-stores.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'qusto-metadata-migrations-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let dirCount = 0;
/** Writes a migrations folder; files are written in reverse order so sorting is really tested. */
async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = path.join(root, `set-${++dirCount}`);
  await mkdir(dir);
  for (const [name, sql] of Object.entries(files).reverse()) await writeFile(path.join(dir, name), sql);
  return dir;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(metadataBackends())('runMetadataMigrations on %s', (backend) => {
  let db: MetadataDb;
  beforeAll(async () => {
    db = await createTestMetadataDb({ backend, migrated: false });
  });
  afterAll(async () => {
    await db?.close();
  });

  const recordsOf = (owner: string) =>
    db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations WHERE owner = $1 ORDER BY applied_at, name', [owner]);

  it('applies files in name order, once, and records each with its checksum', async () => {
    const files = {
      '0001_create.sql': 'CREATE TABLE widgets (id int PRIMARY KEY);',
      '0002_alter.sql': "ALTER TABLE widgets ADD COLUMN label text NOT NULL DEFAULT 'w';\nINSERT INTO widgets (id) VALUES (1);",
      '0010_later.sql': 'INSERT INTO widgets (id, label) VALUES (2, (SELECT label FROM widgets WHERE id = 1));',
    };
    const dir = await migrationsDir(files);

    const first = await runMetadataMigrations(db, [{ owner: 'order', dir }]);
    expect(first).toEqual({ applied: ['order/0001_create.sql', 'order/0002_alter.sql', 'order/0010_later.sql'], skipped: 0 });
    expect(await db.query('SELECT id, label FROM widgets ORDER BY id')).toEqual([
      { id: 1, label: 'w' },
      { id: 2, label: 'w' },
    ]);
    expect(await recordsOf('order')).toEqual(Object.entries(files).map(([name, sql]) => ({ name, checksum: sha256(sql) })));

    // Re-running is a no-op: nothing applied (a re-applied INSERT would also fail on the primary key).
    const second = await runMetadataMigrations(db, [{ owner: 'order', dir }]);
    expect(second).toEqual({ applied: [], skipped: 3 });
    expect(await db.query('SELECT count(*)::int AS n FROM widgets')).toEqual([{ n: 2 }]);
  });

  it('applies only new files on a later run', async () => {
    const dir = await migrationsDir({ '0001_a.sql': 'CREATE TABLE later_a (x int);' });
    await runMetadataMigrations(db, [{ owner: 'later', dir }]);
    await writeFile(path.join(dir, '0002_b.sql'), 'CREATE TABLE later_b (x int);');
    expect(await runMetadataMigrations(db, [{ owner: 'later', dir }])).toEqual({ applied: ['later/0002_b.sql'], skipped: 1 });
  });

  it('refuses an applied migration that was modified, naming owner and file, before applying anything', async () => {
    const dir = await migrationsDir({ '0001_t.sql': 'CREATE TABLE modified_t (x int);' });
    await runMetadataMigrations(db, [{ owner: 'plugin:mod', dir }]);
    await writeFile(path.join(dir, '0001_t.sql'), 'CREATE TABLE modified_t (x int, y int);');
    await writeFile(path.join(dir, '0002_new.sql'), 'CREATE TABLE modified_new (x int);');

    await expect(runMetadataMigrations(db, [{ owner: 'plugin:mod', dir }])).rejects.toThrow(
      /applied migration plugin:mod\/0001_t\.sql was modified \(owner plugin:mod, file 0001_t\.sql\)/,
    );
    expect(await db.query("SELECT to_regclass('modified_new') AS t")).toEqual([{ t: null }]);
  });

  it('rolls back a failing file with its record, keeping the files applied before it', async () => {
    const dir = await migrationsDir({
      '0001_ok.sql': 'CREATE TABLE failing_ok (x int);',
      '0002_bad.sql': 'CREATE TABLE failing_half (x int);\nSELECT 1 / 0;',
    });
    await expect(runMetadataMigrations(db, [{ owner: 'failing', dir }])).rejects.toThrow(
      /metadata migration failing\/0002_bad\.sql failed \(rolled back\): division by zero/,
    );
    expect(await db.query("SELECT to_regclass('failing_half') AS t")).toEqual([{ t: null }]);
    expect((await recordsOf('failing')).map((row) => row.name)).toEqual(['0001_ok.sql']);
  });

  it('namespaces records by owner: core and a plugin may both have 0001_init.sql', async () => {
    const coreDir = await migrationsDir({ '0001_init.sql': 'CREATE TABLE ns_core (x int);' });
    const pluginDir = await migrationsDir({ '0001_init.sql': 'CREATE TABLE ns_plugin (x int);' });
    const summary = await runMetadataMigrations(db, [
      { owner: 'ns-core', dir: coreDir },
      { owner: 'plugin:ns', dir: pluginDir },
    ]);
    expect(summary.applied).toEqual(['ns-core/0001_init.sql', 'plugin:ns/0001_init.sql']);
    expect(await recordsOf('ns-core')).toEqual([{ name: '0001_init.sql', checksum: sha256('CREATE TABLE ns_core (x int);') }]);
    expect(await recordsOf('plugin:ns')).toEqual([{ name: '0001_init.sql', checksum: sha256('CREATE TABLE ns_plugin (x int);') }]);
  });

  it('rejects misnamed files, duplicate numbers and a missing folder before touching the db', async () => {
    const misnamed = await migrationsDir({ 'create_things.sql': 'CREATE TABLE misnamed (x int);' });
    await expect(runMetadataMigrations(db, [{ owner: 'bad', dir: misnamed }])).rejects.toThrow(/bad\/create_things\.sql: expected a name like 0001_/);
    const duplicate = await migrationsDir({ '0001_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 2;' });
    await expect(runMetadataMigrations(db, [{ owner: 'dup', dir: duplicate }])).rejects.toThrow(/dup\/0001_a\.sql and dup\/0001_b\.sql share the number 0001/);
    await expect(runMetadataMigrations(db, [{ owner: 'gone', dir: path.join(root, 'missing') }])).rejects.toThrow(/migrations of gone: cannot read/);
    expect(await db.query("SELECT to_regclass('misnamed') AS t")).toEqual([{ t: null }]);
  });

  it("applies core's migrations (instance_settings with jsonb) and records every file", async () => {
    const coreFiles = (await Promise.all(CORE_METADATA_MIGRATIONS.map((set) => readMigrationSet(set)))).flat();
    const summary = await runMetadataMigrations(db, CORE_METADATA_MIGRATIONS);
    expect(summary.applied[0]).toBe('core/0001_instance.sql');
    expect(summary.applied).toEqual(coreFiles.map((file) => `core/${file.name}`));
    await db.query('INSERT INTO instance_settings (key, value) VALUES ($1, $2)', ['registration', JSON.stringify({ mode: 'invite' })]);
    expect(await db.query("SELECT value FROM instance_settings WHERE key = 'registration'")).toEqual([{ value: { mode: 'invite' } }]);
    expect((await recordsOf('core')).length).toBe(coreFiles.length);
  });

  it('withMigrationLock lets one holder in at a time, also across awaits', async () => {
    let active = 0;
    let maxActive = 0;
    const holder = (label: string) => async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 30)); // real async I/O inside the lock
      active -= 1;
      return label;
    };
    const failing = withMigrationLock(db, async () => {
      throw new Error('holder failed');
    });
    const results = await Promise.all([withMigrationLock(db, holder('a')), failing.catch((e: Error) => e.message), withMigrationLock(db, holder('b'))]);
    expect(results).toEqual(['a', 'holder failed', 'b']);
    expect(maxActive).toBe(1);
  });
});

describe.runIf(metadataBackends().includes('postgres'))('migration lock on PostgreSQL', () => {
  it('two instances (separate pools) migrating at once apply each file exactly once', async () => {
    const schema = await createTestPostgresSchema();
    const instances = [0, 1].map(() => new PostgresMetadataDb({ connectionString: schema.connectionString, schema: schema.schema }));
    try {
      const dir = await migrationsDir({
        // The sleep keeps the first instance inside the lock while the second arrives.
        '0001_counter.sql': 'CREATE TABLE counter (n int);\nSELECT pg_sleep(0.5);',
        '0002_bump.sql': 'INSERT INTO counter VALUES (1);',
      });
      const results = await Promise.all(instances.map((db) => runMetadataMigrations(db, [{ owner: 'core', dir }])));

      expect(results.flatMap((result) => result.applied).sort()).toEqual(['core/0001_counter.sql', 'core/0002_bump.sql']);
      // The one that waited found everything applied.
      expect(results.map((result) => result.skipped).sort()).toEqual([0, 2]);
      expect(await instances[0]!.query('SELECT count(*)::int AS n FROM counter')).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all(instances.map((db) => db.close()));
      await schema.drop();
    }
  });
});
