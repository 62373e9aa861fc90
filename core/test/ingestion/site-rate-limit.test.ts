import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0';

describe('INGEST_SITE_RATE_LIMIT', () => {
  let qusto: TestApp;
  let busyId = '';
  let quietId = '';

  const send = (domain: string, path: string) =>
    qusto.app.inject({
      method: 'POST',
      url: '/api/event',
      headers: { 'content-type': 'text/plain', 'user-agent': FIREFOX, 'x-forwarded-for': '81.2.69.142' },
      payload: JSON.stringify({ n: 'pageview', u: `https://${domain}${path}`, d: domain }),
    });

  beforeAll(async () => {
    qusto = await startTestApp({ TRUSTED_PROXIES: 'true', INGEST_SITE_RATE_LIMIT: '3/3600' });
    busyId = (await qusto.container.cradle.sites.create({ domain: 'busy.example' })).id;
    quietId = (await qusto.container.cradle.sites.create({ domain: 'quiet.example' })).id;
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('answers 202 past a site’s budget but drops those events as throttled, other sites unaffected', async () => {
    const busy = [];
    for (let i = 0; i < 5; i++) busy.push(await send('busy.example', `/p${i}`));
    expect(busy.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202]);
    expect(busy.map((r) => r.headers['x-plausible-dropped'] ?? null)).toEqual([null, null, null, '1', '1']);
    const quiet = await send('quiet.example', '/');
    expect(quiet.headers['x-plausible-dropped']).toBeUndefined();

    await qusto.container.cradle.ingestion.flush();
    const rows = await qusto.container.cradle.eventStore.query<{ domain: string; n: string }>(
      `SELECT s.domain AS domain, count() AS n FROM events AS e
       INNER JOIN (SELECT {busy:UInt64} AS id, 'busy' AS domain UNION ALL SELECT {quiet:UInt64}, 'quiet') AS s ON e.site_id = s.id
       GROUP BY domain ORDER BY domain`,
      { busy: busyId, quiet: quietId },
    );
    expect(rows).toEqual([
      { domain: 'busy', n: '3' },
      { domain: 'quiet', n: '1' },
    ]);
  });

  it('rejects a malformed limit at start-up, naming the variable', async () => {
    await expect(startTestApp({ INGEST_SITE_RATE_LIMIT: 'lots' })).rejects.toThrow(/INGEST_SITE_RATE_LIMIT.*<events>\/<seconds>/);
  });
});
