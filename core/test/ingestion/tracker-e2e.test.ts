import { createServer, type Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../../tracker/test/support/build.ts';
import { HIDE_PAGE } from '../../../tracker/test/support/harness.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * The tracker against the real server: a website on shop.test embeds /js/script.js from Qusto
 * on stats.test (both names mapped to 127.0.0.1 in Chromium), and its events land in the store.
 */
const ADMIN_TOKEN = 'tracker-e2e-admin-token-0123456789abcdef';

describe('tracker -> /api/event -> event store -> Stats API, in Chromium', () => {
  let qusto: TestApp;
  let website: Server;
  let browser: Browser;
  let qustoPort = 0;
  let sitePort = 0;

  beforeAll(async () => {
    await ensureBuilt();
    qusto = await startTestApp({ ADMIN_TOKEN });
    await qusto.container.cradle.sites.create({ domain: 'shop.test' });
    await qusto.app.listen({ port: 0, host: '127.0.0.1' });
    qustoPort = (qusto.app.server.address() as { port: number }).port;
    website = createServer((request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><html><head><title>Shop</title><link rel="icon" href="data:,">
        <script>window.__qusto = true</script>
        <script defer data-domain="shop.test" src="http://stats.test:${qustoPort}/js/script.js"></script>
        </head><body style="height:3000px"><h1>${request.url}</h1></body></html>`);
    });
    await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
    sitePort = (website.address() as { port: number }).port;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--host-resolver-rules=MAP shop.test 127.0.0.1, MAP stats.test 127.0.0.1',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => website?.close(resolve));
    await qusto?.dispose();
  });

  it('records pageviews, SPA navigation, a custom event and engagement with the right attributes', async () => {
    const page = await browser.newPage({ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' });
    // Names of the events the server answered, in order (engagement may precede an SPA pageview).
    const answered: Array<{ name: string; status: number }> = [];
    page.on('response', (response) => {
      if (!response.url().endsWith('/api/event')) return;
      const name = (JSON.parse(response.request().postData() ?? '{}') as { n?: string }).n ?? '?';
      answered.push({ name, status: response.status() });
    });
    const count = (name: string) => answered.filter((a) => a.name === name).length;
    await page.goto(`http://shop.test:${sitePort}/?utm_source=newsletter&utm_medium=email`, { referer: 'https://news.ycombinator.com/' });
    await expect.poll(() => count('pageview')).toBe(1);
    await page.evaluate(() => history.pushState({}, '', '/pricing'));
    await expect.poll(() => count('pageview')).toBe(2);
    await page.evaluate(() => (window as unknown as { qusto: (n: string, o: object) => void }).qusto('Signup', { props: { plan: 'pro' } }));
    await expect.poll(() => count('Signup')).toBe(1);
    await page.evaluate(() => window.scrollTo(0, 1500));
    await page.evaluate(HIDE_PAGE);
    await expect.poll(() => count('engagement')).toBeGreaterThanOrEqual(1);
    expect(answered.every((a) => a.status === 202)).toBe(true);

    await qusto.container.cradle.ingestion.flush();
    const rows = await qusto.container.cradle.eventStore.query<Record<string, unknown>>(
      `SELECT name, pathname, hostname, referrer_source, utm_source, acquisition_channel, browser, screen_size, meta.key AS keys, scroll_depth
         FROM events ORDER BY timestamp, name`,
    );
    const byName = (name: string) => rows.filter((r) => r.name === name);
    // Both pageviews can fall in the same second: compare as a set.
    expect(byName('pageview').map((r) => r.pathname).sort()).toEqual(['/', '/pricing']);
    const pageview = (path: string) => byName('pageview').find((r) => r.pathname === path);
    expect(pageview('/')).toMatchObject({
      hostname: 'shop.test',
      utm_source: 'newsletter',
      acquisition_channel: 'Email',
      browser: 'Chrome',
      screen_size: 'Desktop',
    });
    // Session attributes come from the first event, so the SPA pageview keeps the campaign.
    expect(pageview('/pricing')).toMatchObject({ utm_source: 'newsletter' });
    expect(byName('Signup')).toEqual([expect.objectContaining({ pathname: '/pricing', keys: ['plan'] })]);
    expect(byName('engagement').length).toBeGreaterThanOrEqual(1);

    // And the Stats API reports them.
    const stats = await qusto.app.inject({
      method: 'POST',
      url: '/api/v2/query',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { site_id: 'shop.test', metrics: ['visitors', 'pageviews', 'events'], date_range: 'day', dimensions: ['event:page'], order_by: [['event:page', 'asc']] },
    });
    expect(stats.statusCode).toBe(200);
    expect(stats.json().results).toEqual([
      { dimensions: ['/'], metrics: [1, 1, 1] },
      { dimensions: ['/pricing'], metrics: [1, 1, 2] },
    ]);
    await page.close();
  });

  it('serves the script with cache headers and an ETag, and versioned URLs as immutable', async () => {
    const plain = await fetch(`http://127.0.0.1:${qustoPort}/js/script.js`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toContain('max-age=3600');
    const etag = plain.headers.get('etag')!;
    const hash = etag.replaceAll('"', '');
    expect((await fetch(`http://127.0.0.1:${qustoPort}/js/script.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const versioned = await fetch(`http://127.0.0.1:${qustoPort}/js/v/${hash}/script.js`);
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await versioned.text()).toBe(await plain.text());
    expect((await fetch(`http://127.0.0.1:${qustoPort}/js/plausible.outbound-links.js`)).status).toBe(200);
    const unknown = await fetch(`http://127.0.0.1:${qustoPort}/js/script.teleport.js`);
    expect(unknown.status).toBe(404);
  });
});
