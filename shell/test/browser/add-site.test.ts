/**
 * Adding a site as a new user expects it, in Chromium against the real server: domain and time
 * zone (the browser's by default), then the snippet with the tracker's optional features as
 * switches that rename the script, then "waiting for the first event", which turns green by
 * itself once a pageview is POSTed to /api/event, and leads to the filled-in dashboard.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../core/test/support/test-app.ts';
import { launchChromium } from './browser.ts';
import { openPage, SCREENSHOTS, shot } from './support/browser-test-kit.ts';

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const EMAIL = 'owner@add-site.example';
const PASSWORD = 'a long and unusual passphrase 42';

describe('adding a site, in Chromium', () => {
  let qusto: TestApp;
  let browser: Browser;
  let base: string;

  /** Signs the page's browser context in through the API (same-origin, as the form does). */
  const signIn = async (page: Page) => {
    const response = await page.request.post(`${base}/api/auth/login`, { data: { email: EMAIL, password: PASSWORD }, headers: { origin: base } });
    expect(response.status(), await response.text()).toBe(200);
  };

  /** Switches a feature with the keyboard (the switches are labelled checkboxes). */
  const flip = async (page: Page, name: RegExp) => {
    await page.getByRole('switch', { name }).focus();
    await page.keyboard.press('Space');
  };

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    qusto = await startTestApp();
    await qusto.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(qusto.app.server.address() as { port: number }).port}`;
    const registered = await qusto.app.inject({ method: 'POST', url: '/api/auth/register', headers: { origin: base, host: new URL(base).host }, payload: { email: EMAIL, password: PASSWORD } });
    if (registered.statusCode !== 201) throw new Error(`register failed: ${registered.statusCode} ${registered.body}`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await qusto?.dispose();
  });

  it('domain and time zone, then the snippet with switches, then green on the first event', async () => {
    const { page, errors, dialogs } = await openPage(browser);
    await signIn(page);
    await page.goto(`${base}/`);
    const form = page.getByTestId('add-site');
    await form.getByRole('heading', { name: 'Add your first site' }).waitFor({ timeout: 20_000 });
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(await page.getByLabel('Time zone').inputValue()).toBe(zone === 'UTC' ? 'Etc/UTC' : zone);
    await shot(page, 'add-site-form-light-1280.png');

    // Nothing typed: said in words, nothing sent.
    await page.getByRole('button', { name: 'Add site' }).click();
    expect(await form.getByRole('alert').textContent()).toContain('Enter your site’s domain');
    // A URL is cut down to its host.
    await page.getByLabel('Domain').fill('https://new-site.example/blog/');
    await page.getByLabel('Time zone').selectOption('Europe/Tallinn');
    await page.getByRole('button', { name: 'Add site' }).click();
    await page.waitForURL(`${base}/new-site.example`);
    const setup = page.getByTestId('empty-site');
    await setup.waitFor({ timeout: 20_000 });
    expect(await page.getByText('Times in Europe/Tallinn').count()).toBe(1);

    // Step 2: the snippet; each switch renames the script.
    const code = page.locator('[data-testid="empty-site"] pre code');
    expect(await code.textContent()).toBe(`<script defer data-domain="new-site.example" src="${base}/js/script.js"></script>`);
    await flip(page, /Outbound links/);
    await flip(page, /File downloads/);
    expect(await code.textContent()).toContain('/js/script.file-downloads.outbound-links.js"');
    await flip(page, /Revenue/);
    // Revenue needs custom events: switched on with it, and not switchable off alone.
    expect(await code.textContent()).toContain('/js/script.file-downloads.outbound-links.revenue.tagged-events.js"');
    expect(await page.getByRole('switch', { name: /Custom events/ }).isChecked()).toBe(true);
    expect(await page.getByRole('switch', { name: /Custom events/ }).isDisabled()).toBe(true);
    await flip(page, /Revenue/);
    await flip(page, /Outbound links/);
    expect(await code.textContent()).toContain('/js/script.file-downloads.js"');
    // The names are the ones the server serves.
    const served = await qusto.app.inject({ method: 'GET', url: '/js/script.file-downloads.js' });
    expect([200, 404]).toContain(served.statusCode);
    if (served.statusCode === 404) expect(served.body).not.toContain('No tracker script named');

    // Step 3: waiting, then green by itself.
    const status = page.getByTestId('first-event');
    expect(await status.getAttribute('data-state')).toBe('waiting');
    expect(await status.textContent()).toContain('Waiting for the first event');
    await shot(page, 'add-site-waiting-light-1280.png');
    const sent = await qusto.app.inject({
      method: 'POST',
      url: '/api/event',
      remoteAddress: '8.8.8.8',
      headers: { 'content-type': 'application/json', 'user-agent': UA },
      payload: { name: 'pageview', url: 'https://new-site.example/hello', domain: 'new-site.example' },
    });
    expect(sent.statusCode).toBe(202);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000, interval: 250 }).toBe('arrived');
    expect(await status.textContent()).toContain('First event received');
    await shot(page, 'add-site-arrived-light-1280.png');
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    // Today, where the first event is.
    await expect.poll(() => page.getByTestId('stat-visitors').textContent(), { timeout: 20_000 }).toBe('1');
    expect(await page.getByTestId('period-label').textContent()).toBe('Today');
    expect(await page.getByTestId('empty-site').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('looks finished in dark mode and on a phone', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { page, errors } = await openPage(browser, { width: 375, height: 812, theme });
      await signIn(page);
      await page.goto(`${base}/`);
      await page.getByTestId('add-site').waitFor({ timeout: 20_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await shot(page, `add-site-form-${theme}-375.png`);
      if (theme === 'dark') {
        await page.setViewportSize({ width: 1280, height: 900 });
        await shot(page, 'add-site-form-dark-1280.png');
      }
      // A second site, waiting: the set-up steps in this look.
      const domain = `phone-${theme}.example`;
      await page.getByLabel('Domain').fill(domain);
      await page.getByRole('button', { name: 'Add site' }).click();
      await page.waitForURL(`${base}/${domain}`);
      await page.getByTestId('empty-site').waitFor({ timeout: 20_000 });
      await page.setViewportSize({ width: 375, height: 812 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await shot(page, `add-site-waiting-${theme}-375.png`);
      if (theme === 'dark') {
        await page.setViewportSize({ width: 1280, height: 900 });
        await shot(page, 'add-site-waiting-dark-1280.png');
      }
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
