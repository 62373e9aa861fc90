import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CORE_METADATA_MIGRATIONS } from '../../src/storage/core-migrations.ts';
import { readMigrationSet } from '../../src/storage/migrations/index.ts';
import { createTestMetadataDb, metadataBackends } from '../support/test-stores.ts';

describe('test support: metadata dbs', () => {
  it('lists PostgreSQL only when DATABASE_URL is set', () => {
    expect(metadataBackends()).toEqual(process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']);
  });

  describe.each(metadataBackends())('%s', (backend) => {
    it("gives fresh, isolated dbs migrated with core's migrations", async () => {
      const coreFiles = (await Promise.all(CORE_METADATA_MIGRATIONS.map((set) => readMigrationSet(set)))).flat();
      const started = performance.now();
      const [a, b] = await Promise.all([createTestMetadataDb({ backend }), createTestMetadataDb({ backend })]);
      console.info(`two ${backend} test dbs in ${Math.round(performance.now() - started)} ms`);
      try {
        expect(await a.query("SELECT owner, name FROM schema_migrations WHERE owner = 'core' ORDER BY name")).toEqual(
          coreFiles.map((file) => ({ owner: 'core', name: file.name })),
        );
        await a.query('INSERT INTO instance_settings (key, value) VALUES ($1, $2)', ['only-in-a', '1']);
        expect(await b.query("SELECT key FROM instance_settings WHERE key = 'only-in-a'")).toEqual([]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('gives an empty db when asked', async () => {
      const db = await createTestMetadataDb({ backend, migrated: false });
      try {
        expect(await db.query("SELECT to_regclass('instance_settings') AS t, to_regclass('schema_migrations') AS m")).toEqual([{ t: null, m: null }]);
      } finally {
        await db.close();
      }
    });
  });

  it('caches PGlite templates in os.tmpdir() for other test processes', async () => {
    await (await createTestMetadataDb()).close();
    const cached = await readdir(path.join(os.tmpdir(), 'qusto-test-templates'));
    expect(cached.some((name) => /^pglite-[0-9a-f]{16}\.tar$/.test(name))).toBe(true);
  });

  it.runIf(metadataBackends().includes('postgres'))('drops the PostgreSQL test schema on close', async () => {
    const db = await createTestMetadataDb({ backend: 'postgres' });
    const [{ schema } = { schema: '' }] = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
    expect(schema).toMatch(/^qusto_test_[0-9a-f]{12}$/);
    await db.close();
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      expect((await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});
