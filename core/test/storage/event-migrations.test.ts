import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore, MetadataDb } from '@qusto/sdk';
import { CORE_EVENT_MIGRATIONS } from '../../src/storage/core-migrations.ts';
import { runEventMigrations } from '../../src/storage/migrations/index.ts';
import { createTestEventStore, createTestMetadataDb, eventBackends } from '../support/test-stores.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'qusto-event-migrations-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let dirCount = 0;
async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = path.join(root, `set-${++dirCount}`);
  await mkdir(dir);
  for (const [name, sql] of Object.entries(files).reverse()) await writeFile(path.join(dir, name), sql);
  return dir;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(eventBackends())('runEventMigrations on %s', (backend) => {
  let store: EventStore;
  let lockDb: MetadataDb; // the runner takes its lock on the metadata db
  beforeAll(async () => {
    [store, lockDb] = await Promise.all([createTestEventStore(path.join(root, 'events'), { backend }), createTestMetadataDb({ migrated: false })]);
  });
  afterAll(async () => {
    await store?.close();
    await lockDb?.close();
  });

  const tableExists = async (name: string) => (await store.query('SELECT 1 FROM system.tables WHERE database = currentDatabase() AND name = {name:String}', { name })).length === 1;
  const recordsOf = (owner: string) =>
    store.query<{ name: string; checksum: string }>(
      'SELECT name, argMax(checksum, applied_at) AS checksum FROM schema_migrations WHERE owner = {owner:String} GROUP BY name ORDER BY name',
      { owner },
    );

  it("applies core's events, sessions, imported_* and rollup tables, once", async () => {
    const core = ['0001_events.sql', '0002_sessions.sql', '0003_imported.sql', '0004_stats_rollups.sql', '0005_location_names.sql'];
    const summary = await runEventMigrations(store, lockDb, CORE_EVENT_MIGRATIONS);
    expect(summary).toEqual({ applied: core.map((name) => `core/${name}`), skipped: 0 });
    expect(await runEventMigrations(store, lockDb, CORE_EVENT_MIGRATIONS)).toEqual({ applied: [], skipped: core.length });
    expect((await recordsOf('core')).map((row) => row.name)).toEqual(core);
    for (const table of ['stats_rollups', 'stats_rollup_days', 'stats_rollup_sites', 'location_names', 'imported_visitors', 'imported_sources', 'imported_pages', 'imported_entry_pages', 'imported_exit_pages', 'imported_locations', 'imported_devices', 'imported_browsers', 'imported_operating_systems', 'imported_custom_events']) {
      expect(await tableExists(table)).toBe(true);
    }

    const columns = await store.query<{ table: string; name: string; type: string }>(
      "SELECT table, name, type FROM system.columns WHERE database = currentDatabase() AND table IN ('events', 'sessions') AND default_kind != 'ALIAS'",
    );
    const typeOf = (table: string, name: string) => columns.find((column) => column.table === table && column.name === name)?.type;
    expect(typeOf('events', 'site_id')).toBe('UInt64');
    expect(typeOf('events', 'meta.key')).toBe('Array(String)');
    expect(typeOf('events', 'meta.value')).toBe('Array(String)');
    expect(typeOf('events', 'acquisition_channel')).toBe('LowCardinality(String)');
    expect(typeOf('events', 'revenue_reporting_amount')).toBe('Nullable(Decimal(18, 3))');
    expect(typeOf('sessions', 'sign')).toBe('Int8');
    expect(typeOf('sessions', 'entry_meta.key')).toBe('Array(String)');
    expect(typeOf('events', 'channel')).toBeUndefined();
    expect(typeOf('events', 'recovery_id')).toBeUndefined();

    const engines = await store.query<{ name: string; engine_full: string }>(
      "SELECT name, engine_full FROM system.tables WHERE database = currentDatabase() AND name IN ('events', 'sessions') ORDER BY name",
    );
    expect(engines[0]?.engine_full).toMatch(/^MergeTree PARTITION BY toYYYYMM\(timestamp\).*SAMPLE BY user_id.*non_replicated_deduplication_window = 1000/);
    expect(engines[1]?.engine_full).toMatch(/^VersionedCollapsingMergeTree\(sign, events\)/);
  });

  it('the core tables take events and collapsing session rows', async () => {
    const event = {
      timestamp: '2026-03-01 10:00:00',
      name: 'pageview',
      site_id: '18446744073709551615',
      user_id: '12345678901234567890',
      session_id: '1',
      hostname: 'example.com',
      pathname: '/pricing',
      referrer_source: 'Google',
      country_code: 'EE',
      'meta.key': ['plan'],
      'meta.value': ['pro'],
      acquisition_channel: 'Organic Search',
    };
    await store.insert('events', [event], { deduplicationToken: 'events-batch-1' });
    await store.insert('events', [event], { deduplicationToken: 'events-batch-1' });
    expect(
      await store.query('SELECT site_id, user_id, source, country, meta.value[indexOf(meta.key, {key:String})] AS plan FROM events', { key: 'plan' }),
    ).toEqual([{ site_id: '18446744073709551615', user_id: '12345678901234567890', source: 'Google', country: 'EE', plan: 'pro' }]);

    const session = { session_id: '1', site_id: '7', user_id: '9', start: '2026-03-01 10:00:00', timestamp: '2026-03-01 10:00:00', pageviews: 1, events: 1, is_bounce: 1 };
    await store.insert('sessions', [{ ...session, sign: 1 }]);
    await store.insert('sessions', [
      { ...session, sign: -1 },
      { ...session, sign: 1, pageviews: 2, events: 2, is_bounce: 0, timestamp: '2026-03-01 10:05:00', duration: 300 },
    ]);
    expect(
      await store.query('SELECT sum(sign) AS visits, sum(pageviews * sign) AS pageviews, sum(is_bounce * sign) AS bounces FROM sessions WHERE site_id = {site:UInt64}', {
        site: 7,
      }),
    ).toEqual([{ visits: '1', pageviews: '2', bounces: '0' }]);
  });

  it('renders placeholders, splits statements and namespaces records by owner', async () => {
    const file = [
      '-- two tables; one file',
      'CREATE TABLE IF NOT EXISTS plugin_a {{on_cluster}} (x UInt8, note String DEFAULT \'a;b\') ENGINE = {{engine:MergeTree()}} ORDER BY x;',
      'CREATE TABLE IF NOT EXISTS plugin_b {{on_cluster}} (x UInt8, v UInt32) ENGINE = {{engine:ReplacingMergeTree(v)}} ORDER BY x;',
    ].join('\n');
    const dir = await migrationsDir({ '0001_events.sql': file });
    // Same file name as core's first migration: the owner keeps them apart.
    const summary = await runEventMigrations(store, lockDb, [{ owner: 'plugin:demo', dir }]);
    expect(summary).toEqual({ applied: ['plugin:demo/0001_events.sql'], skipped: 0 });
    expect(await tableExists('plugin_a')).toBe(true);
    expect(await tableExists('plugin_b')).toBe(true);
    expect(await recordsOf('plugin:demo')).toEqual([{ name: '0001_events.sql', checksum: sha256(file) }]);
  });

  it('refuses an applied migration that was modified, naming owner and file', async () => {
    const dir = await migrationsDir({ '0001_t.sql': 'CREATE TABLE IF NOT EXISTS modified_t (x UInt8) ENGINE = MergeTree ORDER BY x;' });
    await runEventMigrations(store, lockDb, [{ owner: 'plugin:mod', dir }]);
    await writeFile(path.join(dir, '0001_t.sql'), 'CREATE TABLE IF NOT EXISTS modified_t (x UInt16) ENGINE = MergeTree ORDER BY x;');
    await writeFile(path.join(dir, '0002_new.sql'), 'CREATE TABLE modified_new (x UInt8) ENGINE = MergeTree ORDER BY x;');
    await expect(runEventMigrations(store, lockDb, [{ owner: 'plugin:mod', dir }])).rejects.toThrow(
      /applied migration plugin:mod\/0001_t\.sql was modified \(owner plugin:mod, file 0001_t\.sql\)/,
    );
    expect(await tableExists('modified_new')).toBe(false);
  });

  it('does not record a file that failed midway, and re-runs it from its first statement', async () => {
    const good = 'CREATE TABLE IF NOT EXISTS midway_a (x UInt8) ENGINE = MergeTree ORDER BY x;';
    const dir = await migrationsDir({ '0001_midway.sql': `${good}\nCREATE TABLE midway_b (x UInt8) ENGINE = NoSuchEngine;` });
    await expect(runEventMigrations(store, lockDb, [{ owner: 'midway', dir }])).rejects.toThrow(/event migration midway\/0001_midway\.sql failed at statement 2 of 2/);
    expect(await tableExists('midway_a')).toBe(true);
    expect(await recordsOf('midway')).toEqual([]);

    await writeFile(path.join(dir, '0001_midway.sql'), `${good}\nCREATE TABLE IF NOT EXISTS midway_b (x UInt8) ENGINE = MergeTree ORDER BY x;`);
    expect(await runEventMigrations(store, lockDb, [{ owner: 'midway', dir }])).toEqual({ applied: ['midway/0001_midway.sql'], skipped: 0 });
    expect(await tableExists('midway_b')).toBe(true);
  });

  it('rejects an unknown placeholder before running any statement', async () => {
    const dir = await migrationsDir({
      '0001_ok.sql': 'CREATE TABLE IF NOT EXISTS placeholder_ok (x UInt8) ENGINE = MergeTree ORDER BY x;',
      '0002_bad.sql': 'CREATE TABLE placeholder_bad {{on_clusters}} (x UInt8) ENGINE = MergeTree ORDER BY x;',
    });
    await expect(runEventMigrations(store, lockDb, [{ owner: 'placeholder', dir }])).rejects.toThrow(
      /event migration placeholder\/0002_bad\.sql: unknown placeholder \{\{on_clusters\}\}/,
    );
    expect(await tableExists('placeholder_ok')).toBe(false);
  });

  it('two concurrent runs sharing the lock apply each file once', async () => {
    const dir = await migrationsDir({
      // Not idempotent on purpose: applying it twice would fail.
      '0001_once.sql': 'CREATE TABLE once_only (x UInt8) ENGINE = MergeTree ORDER BY x;',
      '0002_row.sql': 'INSERT INTO once_only VALUES (1);',
    });
    const results = await Promise.all([0, 1, 2].map(() => runEventMigrations(store, lockDb, [{ owner: 'once', dir }])));
    expect(results.flatMap((result) => result.applied).sort()).toEqual(['once/0001_once.sql', 'once/0002_row.sql']);
    expect(await store.query('SELECT count() AS n FROM once_only')).toEqual([{ n: '1' }]);
  });
});
