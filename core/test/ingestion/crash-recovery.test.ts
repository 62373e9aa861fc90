import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openChdbEventStore } from '../../src/storage/events/create-event-store.ts';
import { freePort, runQusto, type QustoProcess } from '../support/qusto-process.ts';

const UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('crash recovery', () => {
  const running: QustoProcess[] = [];
  let dataDir = '';
  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

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

    // Restart: the spool is replayed into the event store; a graceful stop drains it.
    const again = runQusto(['start'], env);
    running.push(again);
    await again.waitForOutput('Qusto is ready');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);

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
});
