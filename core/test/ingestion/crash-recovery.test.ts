import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openChdbEventStore } from '../../src/storage/events/create-event-store.ts';
import { freePort, runQusto, type QustoProcess } from '../support/qusto-process.ts';

const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('crash recovery', () => {
  const running: QustoProcess[] = [];
  const dataDirs: string[] = [];
  let dataDir = '';
  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    for (const dir of [dataDir, ...dataDirs]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Restart: the spool is replayed into the event store; a graceful stop drains it. */
  const restartAndStop = async (env: Record<string, string>): Promise<QustoProcess> => {
    const again = runQusto(['start'], env);
    running.push(again);
    await again.waitForOutput('Qusto is ready');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    return again;
  };

  it('finds every event acknowledged with 202 after the server is SIGKILLed and restarted', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'qusto-crash-'));
    const port = await freePort();
    // A long flush interval: the kill lands while accepted events exist only in the spool.
    const env = { QUSTO_DATA_DIR: dataDir, PORT: String(port), QUSTO_PLUGINS: '', LOG_LEVEL: 'info', INGEST_FLUSH_INTERVAL_MS: '600000', TRUSTED_PROXIES: 'true' };
    const create = runQusto(['create-site', '--domain', 'crash.example'], env);
    expect(await create.exited, JSON.stringify(create.output())).toBe(0);

    const server = runQusto(['start'], env);
    running.push(server);
    await server.waitForOutput('Qusto is ready');
    const sent = 60;
    const statuses = await Promise.all(
      Array.from({ length: sent }, (_, i) =>
        fetch(`http://127.0.0.1:${port}/api/event`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'user-agent': UA, 'x-forwarded-for': `100.64.0.${i}` },
          body: JSON.stringify({ n: 'pageview', u: `https://crash.example/page/${i}`, d: 'crash.example' }),
        }).then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 202)).toBe(true);
    server.child.kill('SIGKILL');
    await server.exited;
    await restartAndStop(env);

    const store = await openChdbEventStore(path.join(dataDir, 'events'));
    try {
      const [row] = await store.query<{ n: string; paths: string }>(
        "SELECT count() AS n, uniqExact(pathname) AS paths FROM events WHERE startsWith(pathname, '/page/')",
      );
      expect(Number(row!.n)).toBe(sent);
      expect(Number(row!.paths)).toBe(sent);
    } finally {
      await store.close();
    }
  });

  it('replays visits exactly: one visit per visitor with all its pageviews, continued across the kill', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'qusto-crash-visits-'));
    dataDirs.push(dir);
    const port = await freePort();
    // A short flush interval: the first pageviews reach the event store, the second are spooled at the kill.
    const env = { QUSTO_DATA_DIR: dir, PORT: String(port), QUSTO_PLUGINS: '', LOG_LEVEL: 'info', INGEST_FLUSH_INTERVAL_MS: '1000', TRUSTED_PROXIES: 'true' };
    const create = runQusto(['create-site', '--domain', 'visits.example'], env);
    expect(await create.exited, JSON.stringify(create.output())).toBe(0);
    const visitors = 20;
    const pageviews = (page: string) =>
      Promise.all(
        Array.from({ length: visitors }, (_, i) =>
          fetch(`http://127.0.0.1:${port}/api/event`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain', 'user-agent': UA, 'x-forwarded-for': `100.64.1.${i}` },
            body: JSON.stringify({ n: 'pageview', u: `https://visits.example/${page}/${i}`, d: 'visits.example' }),
          }).then((r) => r.status),
        ),
      );

    const server = runQusto(['start'], env);
    running.push(server);
    await server.waitForOutput('Qusto is ready');
    expect(await pageviews('first')).toEqual(Array(visitors).fill(202));
    await new Promise((r) => setTimeout(r, 2500));
    expect(await pageviews('second')).toEqual(Array(visitors).fill(202));
    server.child.kill('SIGKILL');
    await server.exited;
    const again = await restartAndStop(env);
    expect(again.output().stdout).toContain('replaying events left in the ingestion spool');

    const store = await openChdbEventStore(path.join(dir, 'events'));
    try {
      const [events] = await store.query<{ n: string }>('SELECT count() AS n FROM events');
      expect(Number(events!.n)).toBe(2 * visitors);
      const [visits] = await store.query<{ visits: string; pageviews: string; unbalanced: string }>(
        'SELECT sum(s) AS visits, sum(p) AS pageviews, countIf(s != 1) AS unbalanced ' +
          'FROM (SELECT session_id, sum(sign) AS s, sum(sign * pageviews) AS p FROM sessions GROUP BY session_id)',
      );
      expect(visits).toEqual({ visits: String(visitors), pageviews: String(2 * visitors), unbalanced: '0' });
    } finally {
      await store.close();
    }
  });
});
