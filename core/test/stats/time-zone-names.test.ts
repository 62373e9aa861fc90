import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const ADMIN_TOKEN = 'time-zone-names-admin-token-0123456789abcdef';

/** Sites in zones ICU knows only by their retired names still get day buckets in their zone. */
describe('current IANA names of renamed zones', () => {
  let qusto: TestApp;

  beforeAll(async () => {
    qusto = await startTestApp({ ADMIN_TOKEN });
    await qusto.container.cradle.sites.create({ domain: 'kolkata.example', timezone: 'Asia/Kolkata' });
    // 20:00 UTC on 1 March is 01:30 on 2 March in Kolkata.
    const line = JSON.stringify({ timestamp: '2026-03-01T20:00:00Z', name: 'pageview', url: 'https://kolkata.example/', ip: '8.8.8.8', user_agent: UA });
    expect((await qusto.container.cradle.ingestion.importEvents('kolkata.example', line)).imported).toBe(1);
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('counts by day in Asia/Kolkata', async () => {
    const response = await qusto.app.inject({
      method: 'POST',
      url: '/api/v2/query',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { site_id: 'kolkata.example', metrics: ['visitors'], date_range: ['2026-03-01', '2026-03-02'], dimensions: ['time:day'] },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().results).toEqual([{ dimensions: ['2026-03-02'], metrics: [1] }]);
  });
});
