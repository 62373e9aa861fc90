import type { MetadataDb } from '@qusto/sdk';
import { migrationId, readMigrationSets, type MigrationSet, type MigrationSummary } from './migration-files.ts';
import { withMigrationLock } from './migration-lock.ts';
import { planMigrations, type AppliedMigration } from './plan-migrations.ts';

const CREATE_RECORDS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  owner text NOT NULL,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner, name)
)`;

/**
 * Applies each set's pending `.sql` files to the metadata store, in order, each in its own
 * transaction together with its `schema_migrations` record, under the migration lock.
 */
export async function runMetadataMigrations(db: MetadataDb, sets: readonly MigrationSet[]): Promise<MigrationSummary> {
  const files = await readMigrationSets(sets);
  return withMigrationLock(db, async () => {
    await db.exec(CREATE_RECORDS_TABLE);
    const owners = [...new Set(files.map((file) => file.owner))];
    const recorded = await db.query<AppliedMigration>('SELECT owner, name, checksum FROM schema_migrations WHERE owner = ANY($1::text[])', [owners]);
    const { pending, skipped } = planMigrations(files, recorded);
    const applied: string[] = [];
    for (const file of pending) {
      try {
        await db.transaction(async (tx) => {
          await tx.exec(file.sql);
          await tx.query('INSERT INTO schema_migrations (owner, name, checksum) VALUES ($1, $2, $3)', [file.owner, file.name, file.checksum]);
        });
      } catch (error) {
        throw new Error(`metadata migration ${migrationId(file)} failed (rolled back): ${(error as Error).message}`, { cause: error });
      }
      applied.push(migrationId(file));
    }
    return { applied, skipped };
  });
}
