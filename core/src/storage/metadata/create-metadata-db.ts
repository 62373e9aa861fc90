import path from 'node:path';
import type { MetadataDb } from '@qusto/sdk';
import { PgliteMetadataDb } from './pglite-metadata-db.ts';
import { PostgresMetadataDb } from './postgres-metadata-db.ts';

export interface CreateMetadataDbOptions {
  /** PostgreSQL connection string; when absent, embedded PGlite is used. */
  databaseUrl?: string;
  /** Qusto's data dir; PGlite keeps its files in `<dataDir>/metadata`. */
  dataDir: string;
}

/** Opens the metadata store for this configuration and checks that it answers. */
export async function createMetadataDb(options: CreateMetadataDbOptions): Promise<MetadataDb> {
  if (!options.databaseUrl) return PgliteMetadataDb.open({ dataDir: path.join(options.dataDir, 'metadata') });
  const db = new PostgresMetadataDb({ connectionString: options.databaseUrl });
  try {
    await db.ping(); // fail at start-up, not on the first request
  } catch (error) {
    await db.close().catch(() => {});
    throw new Error(`PostgreSQL at ${redactUrl(options.databaseUrl)} did not answer: ${(error as Error).message}`, { cause: error });
  }
  return db;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
