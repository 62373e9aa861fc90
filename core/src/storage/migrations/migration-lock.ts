import type { MetadataDb } from '@qusto/sdk';

// Both runners take the same lock, keyed by the schema: instances sharing a schema never migrate
// at once, while separate schemas (tests, side-by-side deployments) do not block each other.
const ADVISORY_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtextextended('qusto:migrations:' || current_schema(), 0))";

// Per-db queue inside this process. PGlite's single connection cannot wait on an advisory lock
// held by its own session, and PGlite data dirs are single-process anyway, so this is its lock;
// for PostgreSQL it keeps one process from parking several pool connections on the same lock.
const localQueues = new WeakMap<MetadataDb, Promise<unknown>>();

/**
 * Runs `fn` while holding the migration lock. On PostgreSQL that is a transaction-scoped advisory
 * lock on a pooled connection held for the whole run (the pool needs a second connection for `fn`).
 */
export async function withMigrationLock<T>(db: MetadataDb, fn: () => Promise<T>): Promise<T> {
  const previous = localQueues.get(db) ?? Promise.resolve();
  const run = previous.then(() =>
    db.kind === 'postgres'
      ? db.transaction(async (tx) => {
          await tx.query(ADVISORY_LOCK_SQL);
          return fn();
        })
      : fn(),
  );
  localQueues.set(db, run.catch(() => {}));
  return run;
}
