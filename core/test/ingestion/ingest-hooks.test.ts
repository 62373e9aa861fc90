import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { received, written } from '../fixtures/plugins/enricher/index.ts';
import { fixturePlugin, startTestApp, type TestApp } from '../support/test-app.ts';

describe('ingestion hook points', () => {
  let qusto: TestApp;
  beforeAll(async () => {
    qusto = await startTestApp({ QUSTO_PLUGINS: fixturePlugin('enricher') });
    await qusto.container.cradle.sites.create({ domain: 'hooks.example' });
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('lets plugins observe, enrich and see written events; a throwing handler never fails ingestion', async () => {
    const response = await qusto.app.inject({
      method: 'POST',
      url: '/api/event',
      headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0' },
      payload: JSON.stringify({ n: 'Signup', u: 'https://hooks.example/join', d: 'hooks.example', p: { plan: 'pro' } }),
    });
    expect(response.statusCode).toBe(202);
    await qusto.container.cradle.ingestion.flush();
    await expect.poll(() => written.length).toBe(1);
    expect(received).toEqual(['Signup']);
    expect(written[0]!.props).toEqual({ plan: 'pro', tier: 'gold' });
    const [row] = await qusto.container.cradle.eventStore.query<{ keys: string[]; values: string[] }>(
      "SELECT meta.key AS keys, meta.value AS values FROM events WHERE name = 'Signup'",
    );
    expect(row).toEqual({ keys: ['plan', 'tier'], values: ['pro', 'gold'] });
    const calls = (await qusto.container.cradle.metrics.hookCalls.get()).values;
    expect(calls.find((v) => v.labels.owner === 'enricher' && v.labels.outcome === 'error')?.value).toBe(1);
  });
});
