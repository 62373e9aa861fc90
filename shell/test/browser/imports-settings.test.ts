import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../core/test/support/test-app.ts';
import { createSiteOwner } from '../../../core/test/support/testing.ts';
import { launchChromium } from './browser.ts';

/**
 * The imports plugin's settings page in real Chromium, as the shell renders its `site.settings`
 * module at /<domain>/settings/imports.
 */
const REPO = path.resolve(import.meta.dirname, '../../..');
const SCREENSHOTS = path.join(REPO, 'test-results', 'screenshots');
const PLUGIN = path.join(REPO, 'plugins/imports');
const DOMAIN = 'imports-ui.example';
const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

const file = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
const FILES = [
  file('imported_visitors_20240101_20240131.csv', ['date,visitors,pageviews,bounces,visits,visit_duration', '2024-01-01,10,25,4,12,1200', '2024-01-02,20,40,6,22,2000']),
  file('imported_sources_20240101_20240131.csv', ['date,source,visitors,visits,visit_duration,bounces,pageviews', '2024-01-01,Google,6,7,700,2,15', '2024-01-02,<b>DuckDuckGo</b>,9,10,1000,3,20']),
  file('imported_devices_20240101_20240131.csv', ['date,device,visitors,visits,visit_duration,bounces', '2024-01-01,Desktop,3,3,10,0', '2024-01-02,Mobile,many,3,10,0']),
];

describe('imports settings page, in Chromium', () => {
  let browser: Browser;
  let qusto: TestApp;
  let base = '';
  let cookie = '';

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    qusto = await startTestApp({ QUSTO_PLUGINS: PLUGIN });
    expect(qusto.plugins.failed).toEqual([]);
    ({ cookie } = await createSiteOwner(qusto, { domain: DOMAIN }));
    const line = JSON.stringify({ timestamp: '2024-02-01T10:00:00Z', name: 'pageview', url: `https://${DOMAIN}/`, ip: '8.8.8.8', user_agent: UA });
    expect((await qusto.container.cradle.ingestion.importEvents(DOMAIN, line)).imported).toBe(1);
    await qusto.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(qusto.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await qusto?.dispose();
  });

  async function signedIn(options: { width: number; dark?: boolean }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: options.width, height: 900 }, colorScheme: options.dark ? 'dark' : 'light' });
    const cookies = cookie.split('; ').map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: base };
    });
    await context.addCookies(cookies);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/${DOMAIN}/settings/imports`);
    await page.getByTestId('imports-panel').waitFor({ timeout: 30_000 });
    return { context, page, errors };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `imports-${name}.png`), fullPage: true });

  it('uploads several CSV files with a result per file, lists the import and deletes it after confirming', async () => {
    const { context, page, errors } = await signedIn({ width: 1280 });
    await page.getByTestId('imports-empty').waitFor();
    await expect(page.getByTestId('native-start').textContent()).resolves.toContain('1 Feb 2024');
    await shot(page, 'empty-light');

    await page.getByLabel('Choose CSV files').setInputFiles(FILES);
    await page.getByText('2 of 3 files imported, 1 failed').waitFor({ timeout: 30_000 });
    const rows = page.getByTestId('upload-row');
    await expect(rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-status')))).resolves.toEqual(['failed', 'done', 'done']);
    await expect(rows.nth(0).textContent()).resolves.toContain('imported_devices_20240101_20240131.csvline 3, column visitors: "many" is not a whole number');
    await expect(rows.nth(2).textContent()).resolves.toContain('2 rows into visitors · 1 Jan 2024 – 31 Jan 2024');

    const item = page.getByTestId('import-row');
    await item.waitFor();
    await expect(item.textContent()).resolves.toMatch(/1 Jan 2024 – 31 Jan 2024.*Completed.*2 files · 4 rows/);
    await shot(page, 'uploaded-light');

    // Delete asks first; Cancel keeps the import, "Delete import" removes it.
    await item.getByRole('button', { name: /Delete the import/ }).click();
    await page.getByRole('alertdialog').waitFor();
    await shot(page, 'confirm-light');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('import-row').count()).resolves.toBe(1);
    await item.getByRole('button', { name: /Delete the import/ }).click();
    // Keyboard: the confirm button has focus.
    await page.keyboard.press('Enter');
    await page.getByTestId('imports-empty').waitFor({ timeout: 20_000 });
    const list = (await (await fetch(`${base}/api/sites/${DOMAIN}/imports`, { headers: { cookie } })).json()) as { imports: unknown[] };
    expect(list.imports).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('looks finished in dark mode and at 375 px', async () => {
    // One import to show.
    const response = await fetch(`${base}/api/sites/${DOMAIN}/imports`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ files: FILES.slice(0, 2).map((f) => ({ name: f.name, content: f.buffer.toString() })) }),
    });
    expect(response.status).toBe(201);
    for (const [width, dark, name] of [
      [1280, true, 'dark'],
      [375, false, 'light-375'],
      [375, true, 'dark-375'],
    ] as const) {
      const { context, page, errors } = await signedIn({ width, dark });
      await page.getByTestId('import-row').first().waitFor();
      // Nothing overflows the narrow viewport.
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);
      await shot(page, name);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
