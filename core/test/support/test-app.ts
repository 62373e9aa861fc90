import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type BuildAppOptions, type QustoApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { createTestEventStore, createTestMetadataDb } from './test-stores.ts';

export interface TestApp extends QustoApp {
  dataDir: string;
  /** Closes the app and removes its data dir. */
  dispose(): Promise<void>;
}

/**
 * A real Qusto app on real embedded stores (a migrated PGlite template and chDB in a temp dir),
 * or on PostgreSQL when `backend: 'postgres'`. `env` is read like the process environment.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: BuildAppOptions & { backend?: 'pglite' | 'postgres' } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qusto-app-'));
  // Rollups are built when a test asks (statsRollups.runOnce()), so results never depend on timing.
  const config = loadConfig({ QUSTO_PLUGINS: '', LOG_LEVEL: 'silent', QUSTO_DATA_DIR: dataDir, STATS_ROLLUP_INTERVAL_MS: '0', ...env });
  const metadataDb = options.metadataDb ?? (await createTestMetadataDb({ backend: options.backend ?? 'pglite' }));
  const eventStore = options.eventStore ?? (await createTestEventStore(path.join(dataDir, 'events')));
  const app = await buildApp(config, { ...options, metadataDb, eventStore });
  return {
    ...app,
    dataDir,
    async dispose() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const fixturePlugin = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'plugins', name);
