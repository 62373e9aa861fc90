import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { EventStore, MetadataDb } from '@qusto/sdk';
import { CORE_METADATA_MIGRATIONS } from '../../src/storage/core-migrations.ts';
import { openChdbEventStore, openServerEventStore } from '../../src/storage/events/create-event-store.ts';
import { PgliteMetadataDb } from '../../src/storage/metadata/pglite-metadata-db.ts';
import { PostgresMetadataDb } from '../../src/storage/metadata/postgres-metadata-db.ts';
import { readMigrationSet, runMetadataMigrations } from '../../src/storage/migrations/index.ts';

export type MetadataBackend = 'pglite' | 'postgres';
export type EventBackend = 'chdb' | 'clickhouse';

/** Metadata backends available here: PGlite always, PostgreSQL when DATABASE_URL is set. */
export function metadataBackends(): MetadataBackend[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** Event backends available here: chdb always, a ClickHouse server when CLICKHOUSE_URL is set. */
export function eventBackends(): EventBackend[] {
  return process.env.CLICKHOUSE_URL ? ['chdb', 'clickhouse'] : ['chdb'];
}

export interface TestMetadataDbOptions {
  backend?: MetadataBackend;
  /** Apply core's metadata migrations (default). `false` gives an empty database. */
  migrated?: boolean;
}

/**
 * A fresh metadata db of its own, migrated with core's migrations (plugins' are applied later by
 * the app). PGlite: loaded from a cached template tarball (~0.6 s instead of a 3–5 s initdb).
 * PostgreSQL: a new schema in DATABASE_URL, dropped by `close()`.
 */
export async function createTestMetadataDb(options: TestMetadataDbOptions = {}): Promise<MetadataDb> {
  const migrated = options.migrated ?? true;
  if ((options.backend ?? 'pglite') === 'pglite') {
    return PgliteMetadataDb.open({ loadDataDir: await pgliteTemplate(migrated) });
  }
  const schema = await createTestPostgresSchema();
  const db = new SchemaScopedPostgresDb(schema);
  try {
    if (migrated) await runMetadataMigrations(db, CORE_METADATA_MIGRATIONS);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export interface TestPostgresSchema {
  connectionString: string;
  schema: string;
  drop(): Promise<void>;
}

/** A new empty schema in DATABASE_URL (for tests that open several dbs on one schema). */
export async function createTestPostgresSchema(): Promise<TestPostgresSchema> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('the postgres test backend needs DATABASE_URL');
  const schema = `qusto_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(connectionString, (client) => client.query(`CREATE SCHEMA ${schema}`));
  return {
    connectionString,
    schema,
    drop: () => withAdminClient(connectionString, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => {}),
  };
}

class SchemaScopedPostgresDb extends PostgresMetadataDb {
  private readonly schema: TestPostgresSchema;
  constructor(schema: TestPostgresSchema) {
    super({ connectionString: schema.connectionString, schema: schema.schema });
    this.schema = schema;
  }
  override async close(): Promise<void> {
    await super.close();
    await this.schema.drop();
  }
}

async function withAdminClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestEventStoreOptions {
  backend?: EventBackend;
}

/**
 * An event store of its own, not migrated (the app, or runEventMigrations, migrates it).
 * chdb: at `dir` (one dir per process, so one per test file). ClickHouse server: a new database
 * in CLICKHOUSE_URL, dropped by `close()`; `dir` is unused.
 */
export async function createTestEventStore(dir: string, options: TestEventStoreOptions = {}): Promise<EventStore> {
  if ((options.backend ?? 'chdb') === 'chdb') return openChdbEventStore(dir);
  const base = process.env.CLICKHOUSE_URL;
  if (!base) throw new Error('the clickhouse test backend needs CLICKHOUSE_URL');
  const url = new URL(base);
  const database = `qusto_test_${randomBytes(6).toString('hex')}`;
  url.pathname = `/${database}`;
  const store = await openServerEventStore({ url: url.toString() });
  return {
    kind: store.kind,
    query: (sql, params) => store.query(sql, params),
    command: (sql, params) => store.command(sql, params),
    insert: (table, rows, insertOptions) => store.insert(table, rows, insertOptions),
    ping: () => store.ping(),
    async close() {
      try {
        await store.command('DROP DATABASE IF EXISTS {database:Identifier}', { database });
      } finally {
        await store.close();
      }
    },
  };
}

// ---- PGlite templates: built once, shared by every test process through os.tmpdir() ----

const TEMPLATE_DIR = path.join(os.tmpdir(), 'qusto-test-templates');
const templates = new Map<string, Promise<File>>();

function pgliteTemplate(migrated: boolean): Promise<File> {
  const key = String(migrated);
  let template = templates.get(key);
  if (!template) {
    template = loadOrBuildTemplate(migrated);
    template.catch(() => templates.delete(key));
    templates.set(key, template);
  }
  return template;
}

async function loadOrBuildTemplate(migrated: boolean): Promise<File> {
  const file = path.join(TEMPLATE_DIR, `pglite-${await templateKey(migrated)}.tar`);
  await mkdir(TEMPLATE_DIR, { recursive: true });
  // Test files start in parallel processes: one builds (3–5 s of initdb), the others wait for it.
  for (;;) {
    const cached = await readFile(file).catch(() => undefined);
    if (cached) return new File([cached], path.basename(file));
    const release = await tryLock(`${file}.lock`);
    if (release) {
      try {
        const builtMeanwhile = await readFile(file).catch(() => undefined);
        if (builtMeanwhile) return new File([builtMeanwhile], path.basename(file));
        return await buildTemplate(migrated, file);
      } finally {
        await release();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function buildTemplate(migrated: boolean, file: string): Promise<File> {
  const db = await PgliteMetadataDb.open();
  let dump: Blob;
  try {
    if (migrated) await runMetadataMigrations(db, CORE_METADATA_MIGRATIONS);
    dump = await db.dumpDataDir();
  } finally {
    await db.close();
  }
  const bytes = Buffer.from(await dump.arrayBuffer());
  await pruneStaleTemplates(path.basename(file));
  // Write then rename: a concurrent test process reads either nothing or a whole tarball.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
  return new File([bytes], path.basename(file));
}

/** An exclusive lock file; a lock left by a dead process or older than two minutes is taken over. */
async function tryLock(lockFile: string): Promise<(() => Promise<void>) | undefined> {
  try {
    await writeFile(lockFile, String(process.pid), { flag: 'wx' });
    return () => rm(lockFile, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const [owner, info] = await Promise.all([readFile(lockFile, 'utf8').catch(() => ''), stat(lockFile).catch(() => undefined)]);
    if (!info || Date.now() - info.mtimeMs > 120_000 || !isAlive(Number(owner))) await rm(lockFile, { force: true });
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Changes when PGlite or any core migration file changes, so a stale template is never used. */
async function templateKey(migrated: boolean): Promise<string> {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  const pglitePackage = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  hash.update(`pglite ${JSON.parse(await readFile(pglitePackage, 'utf8')).version}\n`);
  if (migrated) {
    for (const set of CORE_METADATA_MIGRATIONS) {
      for (const file of await readMigrationSet(set)) hash.update(`${file.owner}/${file.name} ${file.checksum}\n`);
    }
  } else {
    hash.update('empty\n');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Removes templates for older migration sets (40 MB each) once nobody can still be using them. */
async function pruneStaleTemplates(keep: string): Promise<void> {
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of await readdir(TEMPLATE_DIR).catch(() => [] as string[])) {
    if (name === keep || !name.startsWith('pglite-') || !name.endsWith('.tar')) continue;
    const file = path.join(TEMPLATE_DIR, name);
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < hourAgo) await rm(file, { force: true });
  }
}
