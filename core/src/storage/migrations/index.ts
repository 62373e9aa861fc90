// The migration runner, one module for both stores.
export { runMetadataMigrations } from './run-metadata-migrations.ts';
export { runEventMigrations } from './run-event-migrations.ts';
export { withMigrationLock } from './migration-lock.ts';
export { readMigrationSet, type MigrationFile, type MigrationSet, type MigrationSummary } from './migration-files.ts';
