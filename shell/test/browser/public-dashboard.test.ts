import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../core/test/support/test-app.ts';
import { launchChromium } from './browser.ts';
import { openPage, SCREENSHOTS, shot, waitForStats } from './support/browser-test-kit.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/** A site marked public: its dashboard opens without signing in, read-only. */
describe('public dashboard, signed out, in Chromium', () => {
  let browser: Browser;
  let qusto: TestApp;
  let base = '';

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    qusto = await startTestApp();
    const { sites, ingestion } = qusto.container.cradle;
    await sites.create({ domain: 'public.example' });
    await sites.create({ domain: 'private.example' });
    const site = (await sites.findRecordByDomain('public.example'))!;
    await sites.updateSettings(site.id, { public: true });
    // Within the last 24 hours, whatever the time of day the test runs at (the page asks for 24h).
    const at = Date.now() - 2 * 3_600_000;
    const lines = ['8.8.8.8', '8.8.4.4', '1.1.1.1'].map((ip, i) =>
      JSON.stringify({ timestamp: new Date(at + i * 60_000).toISOString(), name: 'pageview', url: `https://public.example/page-${i}`, ip, user_agent: UA }),
    );
    await ingestion.importEvents('public.example', lines.join('\n'));
    await qusto.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(qusto.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await qusto?.dispose();
  });

  it('shows a public site’s stats to a signed-out visitor, without a settings link; a private site asks to sign in', async () => {
    const { page, errors } = await openPage(browser);
    // The build's precompressed copies go out (brotli, as Chromium accepts it from this origin).
    const scripts: Array<{ url: string; encoding: string | undefined }> = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push({ url: response.url(), encoding: response.headers()['content-encoding'] });
    });
    await page.goto(`${base}/public.example?period=24h`);
    await waitForStats(page, { visitors: '3', pageviews: '3' });
    expect(await page.getByRole('link', { name: /settings/i }).count()).toBe(0);
    const main = scripts.find((s) => /\/main\.[0-9a-f]{8}\.js$/.test(s.url));
    expect(main?.encoding).toMatch(/^(br|gzip)$/);
    await shot(page, 'public-dashboard-light-1280.png');

    await page.goto(`${base}/private.example`);
    await page.getByRole('heading', { name: 'Sign in to see this site’s stats' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
