import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One folder of migrations and who owns it (`core`, `plugin:goals`); `owner` namespaces the records. */
export interface MigrationSet {
  owner: string;
  dir: string;
}

export interface MigrationFile {
  owner: string;
  /** File name, e.g. `0001_instance.sql`; recorded as is. */
  name: string;
  sql: string;
  /** sha256 of the file's bytes, hex. */
  checksum: string;
}

/** What a runner did, for the start-up log. */
export interface MigrationSummary {
  /** `owner/name` of each migration applied by this run, in order. */
  applied: string[];
  /** Migrations that were already applied. */
  skipped: number;
}

export const MIGRATION_FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export function migrationId(file: Pick<MigrationFile, 'owner' | 'name'>): string {
  return `${file.owner}/${file.name}`;
}

/** Reads a set's `.sql` files sorted by name; misnamed or duplicate-numbered files are errors. */
export async function readMigrationSet(set: MigrationSet): Promise<MigrationFile[]> {
  if (!set.owner.trim()) throw new Error(`migration set in ${set.dir} has no owner`);
  let entries: string[];
  try {
    entries = await readdir(set.dir);
  } catch (error) {
    throw new Error(`migrations of ${set.owner}: cannot read ${set.dir}: ${(error as Error).message}`, { cause: error });
  }
  const names = entries.filter((entry) => entry.endsWith('.sql')).sort();
  const numbers = new Map<string, string>();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const match = MIGRATION_FILE_NAME.exec(name);
    if (!match) throw new Error(`migration ${set.owner}/${name}: expected a name like 0001_create_things.sql (${MIGRATION_FILE_NAME})`);
    const number = match[1] ?? '';
    const other = numbers.get(number);
    if (other) throw new Error(`migrations ${set.owner}/${other} and ${set.owner}/${name} share the number ${number}`);
    numbers.set(number, name);
    const bytes = await readFile(path.join(set.dir, name));
    files.push({ owner: set.owner, name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') });
  }
  return files;
}

/** Reads every set in order (core first, then plugins) and rejects a set listed twice. */
export async function readMigrationSets(sets: readonly MigrationSet[]): Promise<MigrationFile[]> {
  const owners = new Set<string>();
  const files: MigrationFile[] = [];
  for (const set of sets) {
    if (owners.has(set.owner)) throw new Error(`migration owner ${set.owner} is listed twice`);
    owners.add(set.owner);
    files.push(...(await readMigrationSet(set)));
  }
  return files;
}
