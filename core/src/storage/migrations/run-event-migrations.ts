import type { EventStore, MetadataDb } from '@qusto/sdk';
import { renderClickhouseSql, type ClickhouseDialectOptions } from '../events/clickhouse-dialect.ts';
import { splitClickhouseStatements } from './clickhouse-statements.ts';
import { migrationId, readMigrationSets, type MigrationSet, type MigrationSummary } from './migration-files.ts';
import { withMigrationLock } from './migration-lock.ts';
import { planMigrations, type AppliedMigration } from './plan-migrations.ts';

// ReplacingMergeTree keeps one row per (owner, name) after merges; reads aggregate, so rows that
// are not merged yet never count twice.
const CREATE_RECORDS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations {{on_cluster}} (
  owner String,
  name String,
  checksum String,
  applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = {{engine:ReplacingMergeTree(applied_at)}}
ORDER BY (owner, name)`;

const READ_RECORDS = `SELECT owner, name, argMax(checksum, applied_at) AS checksum
FROM schema_migrations
WHERE owner IN {owners:Array(String)}
GROUP BY owner, name`;

/**
 * Applies each set's pending `.sql` files to the event store, in order, one statement per request,
 * and records each file in the event store's `schema_migrations` after its last statement.
 * ClickHouse has no transactions: a file that fails midway is re-run from its first statement next
 * time, so migration statements must be idempotent (`IF NOT EXISTS`, `IF EXISTS`).
 * The lock is taken on the metadata db, shared with runMetadataMigrations.
 */
export async function runEventMigrations(
  store: EventStore,
  metadataDb: MetadataDb,
  sets: readonly MigrationSet[],
  options: ClickhouseDialectOptions = {},
): Promise<MigrationSummary> {
  const files = await readMigrationSets(sets);
  // Render and split everything first: a bad placeholder or statement fails before anything runs.
  const statementsOf = new Map(files.map((file) => [file, prepare(migrationId(file), file.sql, options)]));
  return withMigrationLock(metadataDb, async () => {
    await store.command(renderClickhouseSql(CREATE_RECORDS_TABLE, options));
    const owners = [...new Set(files.map((file) => file.owner))];
    const recorded = owners.length ? await store.query<AppliedMigration>(READ_RECORDS, { owners }) : [];
    const { pending, skipped } = planMigrations(files, recorded);
    const applied: string[] = [];
    for (const file of pending) {
      const statements = statementsOf.get(file) ?? [];
      for (const [index, statement] of statements.entries()) {
        try {
          await store.command(statement);
        } catch (error) {
          throw new Error(`event migration ${migrationId(file)} failed at statement ${index + 1} of ${statements.length}: ${(error as Error).message}`, {
            cause: error,
          });
        }
      }
      await store.insert('schema_migrations', [{ owner: file.owner, name: file.name, checksum: file.checksum }]);
      applied.push(migrationId(file));
    }
    return { applied, skipped };
  });
}

function prepare(id: string, sql: string, options: ClickhouseDialectOptions): string[] {
  try {
    return splitClickhouseStatements(renderClickhouseSql(sql, options));
  } catch (error) {
    throw new Error(`event migration ${id}: ${(error as Error).message}`, { cause: error });
  }
}
