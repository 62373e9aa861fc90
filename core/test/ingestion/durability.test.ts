import type { EventStore } from '@qusto/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createTestEventStore } from '../support/test-stores.ts';

/**
 * Fault injection around the real embedded event store: while `down`, inserts fail before
 * reaching it; with `loseAck`, the insert reaches the store and then the caller is told it
 * failed (the case a deduplication token exists for).
 */
class OutageSwitch {
  down = false;
  loseAck = false;
  attempts = 0;

  wrap(store: EventStore): EventStore {
    const outage = this;
    return new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'insert') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<EventStore['insert']>) => {
          outage.attempts++;
          if (outage.down) throw new Error('connect ECONNREFUSED (simulated outage)');
          await target.insert(...args);
          if (outage.loseAck) throw new Error('socket hang up after insert (simulated lost acknowledgement)');
        };
      },
    });
  }
}

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0';

describe('ingestion durability', () => {
  let qusto: TestApp;
  const outage = new OutageSwitch();
  let realStore: EventStore;

  const send = (path: string, ip: string) =>
    qusto.app.inject({
      method: 'POST',
      url: '/api/event',
      headers: { 'content-type': 'text/plain', 'user-agent': UA, 'x-forwarded-for': ip },
      payload: JSON.stringify({ n: 'pageview', u: `https://durable.example${path}`, d: 'durable.example' }),
    });

  const countStored = async (prefix: string) => {
    const rows = await realStore.query<{ n: string }>('SELECT count() AS n FROM events WHERE startsWith(pathname, {p:String})', { p: prefix });
    return Number(rows[0]!.n);
  };

  beforeAll(async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qusto-durable-'));
    realStore = await createTestEventStore(path.join(dir, 'events'));
    qusto = await startTestApp(
      { TRUSTED_PROXIES: 'true', INGEST_FLUSH_INTERVAL_MS: '50' },
      { eventStore: outage.wrap(realStore) },
    );
    await qusto.container.cradle.sites.create({ domain: 'durable.example' });
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('keeps accepted events through an event store outage and writes each exactly once after it heals', async () => {
    outage.down = true;
    for (let i = 0; i < 40; i++) expect((await send(`/outage/${i}`, `198.51.100.${i}`)).statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect(outage.attempts).toBeGreaterThan(0);
    expect(qusto.container.cradle.ingestion.pending.segments).toBeGreaterThan(0);
    expect(await countStored('/outage/')).toBe(0);

    outage.down = false;
    const deadline = Date.now() + 30_000;
    while (qusto.container.cradle.ingestion.pending.segments > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await qusto.container.cradle.ingestion.flush();
    expect(await countStored('/outage/')).toBe(40);
    const perPath = await realStore.query<{ c: string }>(
      "SELECT count() AS c FROM events WHERE startsWith(pathname, '/outage/') GROUP BY pathname HAVING c > 1",
    );
    expect(perPath).toEqual([]);
  });

  it('does not double-count when the store kept an insert but the acknowledgement was lost', async () => {
    outage.loseAck = true;
    for (let i = 0; i < 10; i++) expect((await send(`/lost-ack/${i}`, `203.0.113.${i}`)).statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 400));
    outage.loseAck = false;
    const deadline = Date.now() + 30_000;
    while (qusto.container.cradle.ingestion.pending.segments > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await qusto.container.cradle.ingestion.flush();
    expect(await countStored('/lost-ack/')).toBe(10);
    const sessions = await realStore.query<{ visits: string }>(
      "SELECT sum(sign) AS visits FROM sessions WHERE startsWith(entry_page, '/lost-ack/')",
    );
    expect(Number(sessions[0]!.visits)).toBe(10);
  });

  it('leaves no spool segments behind once everything is written', async () => {
    const files = await readdir(path.join(qusto.dataDir, 'spool'));
    expect(files.filter((f) => f.endsWith('.ndjson')).length).toBeLessThanOrEqual(1);
    expect(qusto.container.cradle.ingestion.pending.bytes).toBe(0);
  });

  it('answers 503, not a silent drop, when the spool is full', async () => {
    const small = await startTestApp({ SPOOL_MAX_BYTES: '2000', TRUSTED_PROXIES: 'true' }, { eventStore: outage.wrap(realStore) });
    try {
      await small.container.cradle.sites.create({ domain: 'durable.example' }).catch(() => {});
      outage.down = true;
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const response = await small.app.inject({
          method: 'POST',
          url: '/api/event',
          headers: { 'content-type': 'text/plain', 'user-agent': UA, 'x-forwarded-for': `192.0.2.${i}` },
          payload: JSON.stringify({ n: 'pageview', u: `https://durable.example/full/${i}`, d: 'durable.example' }),
        });
        statuses.push(response.statusCode);
        if (response.statusCode === 503) expect(response.json().error).toContain('spool is full');
      }
      expect(statuses).toContain(202);
      expect(statuses).toContain(503);
    } finally {
      outage.down = false;
      await small.dispose();
    }
  });
});
