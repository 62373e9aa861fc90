import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventStore, MetadataDb } from '@qusto/sdk';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocationNameRecorder } from '../../src/ingestion/location-names.ts';
import { CORE_EVENT_MIGRATIONS } from '../../src/storage/core-migrations.ts';
import { runEventMigrations } from '../../src/storage/migrations/index.ts';
import { createTestEventStore, createTestMetadataDb } from '../support/test-stores.ts';

describe('LocationNameRecorder', () => {
  let root: string;
  let store: EventStore;
  let lockDb: MetadataDb;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'qusto-location-names-'));
    // Not migrated yet: the first write finds no table, as against a store that is down.
    [store, lockDb] = await Promise.all([createTestEventStore(path.join(root, 'events')), createTestMetadataDb({ migrated: false })]);
  });
  afterAll(async () => {
    await store?.close();
    await lockDb?.close();
    await rm(root, { recursive: true, force: true });
  });

  const names = () => store.query<{ kind: string; code: string; name: string }>('SELECT kind, code, name FROM location_names FINAL ORDER BY kind, code');

  it('keeps names a failed write could not store and writes them with the next one; the latest name of a place wins', async () => {
    let now = Date.parse('2026-03-02T10:00:00Z');
    const recorder = new LocationNameRecorder(store, pino({ level: 'silent' }), () => now);
    recorder.note({ kind: 'subdivision', code: 'US-CA', name: 'California' });
    recorder.note({ kind: 'city', code: '5391959', name: 'San Francisco' });

    await expect(recorder.write()).resolves.toBeUndefined();
    expect(recorder.pendingCount).toBe(2);

    await runEventMigrations(store, lockDb, CORE_EVENT_MIGRATIONS);
    await recorder.write();
    expect(recorder.pendingCount).toBe(0);
    expect(await names()).toEqual([
      { kind: 'city', code: '5391959', name: 'San Francisco' },
      { kind: 'subdivision', code: 'US-CA', name: 'California' },
    ]);

    now += 60_000;
    recorder.note({ kind: 'city', code: '5391959', name: 'San Francisco (renamed)' });
    await recorder.write();
    expect(await names()).toContainEqual({ kind: 'city', code: '5391959', name: 'San Francisco (renamed)' });
    expect(await names()).toHaveLength(2);
  });
});
