import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventStore, EventStoreInsertOptions, QustoEvent } from '@qusto/sdk';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Batcher, DEFAULT_BATCHER_OPTIONS } from './batcher.ts';
import { EVENT_ROW_COLUMNS } from './event-rows.ts';
import { Spool } from './spool.ts';
import type { SpoolRecord } from './spool-record.ts';

const event = (pathname: string): QustoEvent =>
  ({ timestamp: '2026-01-01 10:00:00', siteId: '1', name: 'pageview', userId: '42', sessionId: '7', pathname, props: {} }) as QustoEvent;
const record = (pathname: string): SpoolRecord => ({ events: [event(pathname)], visits: [] });

/** Records the inserts it accepts; refuses them while `down`. */
class FakeEventStore {
  down = false;
  readonly inserts: Array<{ table: string; rows: unknown[][]; token: string | undefined }> = [];

  asEventStore(): EventStore {
    return {
      insert: async (table: string, rows: readonly object[], options?: EventStoreInsertOptions) => {
        if (this.down) throw new Error('connect ECONNREFUSED (simulated outage)');
        this.inserts.push({ table, rows: rows as unknown[][], token: options?.deduplicationToken });
      },
    } as unknown as EventStore;
  }

  pathnames(): string[] {
    const column = EVENT_ROW_COLUMNS.indexOf('pathname');
    return this.inserts.filter((i) => i.table === 'events').flatMap((i) => i.rows.map((row) => String(row[column])));
  }
}

describe('Batcher', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  const setUp = async (options: Partial<typeof DEFAULT_BATCHER_OPTIONS> = {}) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qusto-batcher-'));
    dirs.push(dir);
    const { spool } = await Spool.open(dir, 1_000_000);
    const store = new FakeEventStore();
    const batcher = new Batcher(spool, store.asEventStore(), pino({ level: 'silent' }), async () => {}, {
      ...DEFAULT_BATCHER_OPTIONS,
      retryDelayMs: 5,
      maxRetryDelayMs: 5,
      ...options,
    });
    batcher.start([]);
    return { spool, store, batcher };
  };

  const until = async (condition: () => boolean) => {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('seals a segment once its first record waited the flush interval, as one batch', async () => {
    const { spool, store, batcher } = await setUp({ flushIntervalMs: 40 });
    for (const page of ['/a', '/b', '/c']) {
      await spool.append(record(page));
      batcher.noteAppended();
    }
    expect(store.inserts).toEqual([]);
    await until(() => store.inserts.length > 0);
    expect(store.inserts.map((i) => i.table)).toEqual(['events']);
    expect(store.pathnames()).toEqual(['/a', '/b', '/c']);
    await batcher.stop(Date.now() + 1000);
    await spool.close();
  });

  it('writes a backlog longer than it keeps in memory, each segment once and in order, after an outage', async () => {
    const { spool, store, batcher } = await setUp({ flushIntervalMs: 60_000 });
    store.down = true;
    const pages = ['/1', '/2', '/3', '/4', '/5'];
    for (const page of pages) {
      await spool.append(record(page));
      await batcher.flush();
    }
    expect(batcher.backlogSegments).toBe(pages.length);
    store.down = false;
    await until(() => batcher.backlogSegments === 0);
    expect(store.pathnames()).toEqual(pages);
    expect(new Set(store.inserts.map((i) => i.token)).size).toBe(pages.length);
    await batcher.stop(Date.now() + 1000);
    await spool.close();
  });
});
