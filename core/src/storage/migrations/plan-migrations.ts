import { migrationId, type MigrationFile } from './migration-files.ts';

export interface AppliedMigration {
  owner: string;
  name: string;
  checksum: string;
}

/**
 * Splits files into pending and already applied; an applied file whose checksum changed is an
 * error, raised before anything is applied.
 */
export function planMigrations(files: readonly MigrationFile[], applied: readonly AppliedMigration[]): { pending: MigrationFile[]; skipped: number } {
  const recorded = new Map(applied.map((row) => [migrationId(row), row.checksum]));
  const pending: MigrationFile[] = [];
  let skipped = 0;
  for (const file of files) {
    const checksum = recorded.get(migrationId(file));
    if (checksum === undefined) pending.push(file);
    else if (checksum === file.checksum) skipped += 1;
    else {
      throw new Error(
        `applied migration ${migrationId(file)} was modified (owner ${file.owner}, file ${file.name}): ` +
          `recorded checksum ${checksum.slice(0, 12)}…, file now ${file.checksum.slice(0, 12)}…. ` +
          'Restore the applied file and put the change in a new migration.',
      );
    }
  }
  return { pending, skipped };
}
