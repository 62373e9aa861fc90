import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir } from 'node:fs/promises';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { MetadataDb, SqlExecutor } from '@qusto/sdk';

export interface PgliteMetadataDbOptions {
  /** Directory for the database files; omit for an in-memory database. */
  dataDir?: string;
  /** Start from a `dumpDataDir()` tarball instead of running initdb (tests' migrated template). */
  loadDataDir?: Blob | File;
}

// int8 and numeric as strings, like pg's defaults, so both backends return the same values.
const parsers = { [types.INT8]: (value: string) => value, [types.NUMERIC]: (value: string) => value };

/**
 * MetadataDb over PGlite (embedded PostgreSQL in WebAssembly). PGlite has one connection: its own
 * mutexes queue plain calls behind a running transaction, which is the serialization we need.
 */
export class PgliteMetadataDb implements MetadataDb {
  readonly kind = 'pglite' as const;
  private readonly db: PGlite;
  // Marks code running inside one of our transactions: using the db (not `tx`) there would wait for
  // the transaction to end, i.e. forever, so it throws instead.
  private readonly inTransaction = new AsyncLocalStorage<{ active: boolean }>();

  private constructor(db: PGlite) {
    this.db = db;
  }

  static async open(options: PgliteMetadataDbOptions = {}): Promise<PgliteMetadataDb> {
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
    const db = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers,
    });
    return new PgliteMetadataDb(db);
  }

  async query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    this.assertNotInsideTransaction();
    const result = await this.db.query<Row>(sql, params ? [...params] : []);
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    this.assertNotInsideTransaction();
    await this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.assertNotInsideTransaction();
    return this.db.transaction(async (pgliteTx: Transaction) => {
      const state = { active: true };
      const tx: SqlExecutor = {
        query: async <Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => {
          if (!state.active) throw new Error('transaction executor used after its transaction ended');
          return (await pgliteTx.query<Row>(sql, params ? [...params] : [])).rows;
        },
        exec: async (sql: string) => {
          if (!state.active) throw new Error('transaction executor used after its transaction ended');
          await pgliteTx.exec(sql);
        },
      };
      try {
        return await this.inTransaction.run(state, () => fn(tx));
      } finally {
        state.active = false;
      }
    });
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  /** A tarball of the data directory (see `loadDataDir`); tests cache a migrated template this way. */
  dumpDataDir(): Promise<File | Blob> {
    return this.db.dumpDataDir('none');
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }

  private assertNotInsideTransaction(): void {
    if (this.inTransaction.getStore()?.active) {
      throw new Error('PGlite has one connection: inside transaction() use the `tx` executor, not the db (this call would deadlock)');
    }
  }
}
