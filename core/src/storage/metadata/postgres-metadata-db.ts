import pg from 'pg';
import type { MetadataDb, SqlExecutor } from '@qusto/sdk';

export interface PostgresMetadataDbOptions {
  connectionString: string;
  /** Schema to put on `search_path` for every connection (tests isolate in their own schema). */
  schema?: string;
  /** Pool size. Keep it ≥ 2: the migration lock holds one connection while migrations use another. */
  max?: number;
  /** Errors of idle pooled connections (e.g. the server restarted); without a listener they crash the process. */
  onIdleError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

// int8 (20) and numeric (1700) stay strings: exact, and what PGlite is configured to return too.
// Set per pool so another module changing pg.types globally cannot change what we return.
const STRING_TYPE_OIDS = new Set<number>([20, 1700]);
const identity = (value: string): string => value;
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    STRING_TYPE_OIDS.has(oid) ? identity : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

async function runQuery<Row>(target: Queryable, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  // Extended protocol even without parameters: one statement per call, as on PGlite.
  const config = { text: sql, values: [...params], queryMode: 'extended' } as pg.QueryConfig;
  const result = await target.query(config);
  return result.rows as Row[];
}

/** MetadataDb over a `pg.Pool` (production PostgreSQL). */
export class PostgresMetadataDb implements MetadataDb {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(options: PostgresMetadataDbOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new Error(`invalid schema name ${JSON.stringify(options.schema)}: expected ${SCHEMA_NAME}`);
    }
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      types: typeParsers,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    this.pool.on('error', options.onIdleError ?? (() => {}));
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return runQuery<Row>(this.pool, sql, params);
  }

  async exec(sql: string): Promise<void> {
    // Simple protocol (no parameters): several statements per call are allowed.
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let open = true;
    const guard = () => {
      if (!open) throw new Error('transaction executor used after its transaction ended');
    };
    const tx: SqlExecutor = {
      query: async <Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => {
        guard();
        return runQuery<Row>(client, sql, params);
      },
      exec: async (sql: string) => {
        guard();
        await client.query(sql);
      },
    };
    // Destroy rather than reuse a connection whose BEGIN, COMMIT or ROLLBACK failed: its state is unknown.
    let destroy = false;
    try {
      await client.query('BEGIN');
      let result: T;
      try {
        result = await fn(tx);
      } catch (error) {
        open = false;
        await client.query('ROLLBACK').catch(() => {
          destroy = true;
        });
        throw error;
      }
      open = false;
      const commit = await client.query('COMMIT').catch((error: unknown) => {
        destroy = true;
        throw error;
      });
      // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK and no error; PGlite throws.
      // Throw here too so a caller that swallowed a statement error never believes it committed.
      if (commit.command === 'ROLLBACK') {
        throw new Error('transaction was rolled back: a statement inside it failed and its error was swallowed');
      }
      return result;
    } catch (error) {
      if (open) destroy = true; // BEGIN itself failed
      throw error;
    } finally {
      open = false;
      client.release(destroy);
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.pool.ended || this.pool.ending) return; // pg throws when a pool is ended twice
    await this.pool.end();
  }
}
