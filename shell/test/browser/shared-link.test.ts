/**
 * Shared links in Chromium against the real server on the embedded stores, without signing in:
 * the read-only dashboard shows the Stats API's numbers and keeps `auth=` through view changes;
 * a password link asks for its password (a wrong one is refused in words); the embed view has
 * no top bar or footer and takes its theme from the URL; a bad link gets a clear page.
 */
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAbility } from '../../../core/src/auth/abilities.ts';
import { startTestApp, type TestApp } from '../../../core/test/support/test-app.ts';
import { formatMetric } from '../../src/dashboard/format.ts';
import { launchChromium } from './browser.ts';
import { openPage, REPO, SCREENSHOTS, shot, shotAllLooks, waitForStats, type QueryAnswer, statsApi } from './support/browser-test-kit.ts';
import { dashboardEvents, toNdjson } from './support/dashboard-fixture.ts';

const TOKEN = 'shared-link-test-token-'.padEnd(48, 'x');
const DOMAIN = 'shared.example';
const PASSWORD = 'a long shared passphrase 42';
const TOP_STATS = ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'];

describe('shared links, in Chromium, signed out', () => {
  let qusto: TestApp;
  let browser: Browser;
  let base: string;
  let openSlug: string;
  let lockedSlug: string;

  const api = statsApi(() => qusto, TOKEN, DOMAIN);
  const expected = (answer: QueryAnswer) => Object.fromEntries(TOP_STATS.map((m, i) => [m, formatMetric(m, answer.results[0]!.metrics[i])]));

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    // With the goals plugin: its panel must work through the link as well.
    qusto = await startTestApp({ ADMIN_TOKEN: TOKEN, QUSTO_PLUGINS: path.join(REPO, 'plugins/goals') });
    const { sites, ingestion, sharedLinks } = qusto.container.cradle;
    await sites.create({ domain: DOMAIN, timezone: 'Europe/Tallinn' });
    const record = (await sites.findRecordByDomain(DOMAIN))!;
    const events = dashboardEvents(DOMAIN);
    const report = await ingestion.importEvents(DOMAIN, toNdjson(events));
    if (report.imported !== events.length) throw new Error(`fixture import was not clean: ${JSON.stringify(report).slice(0, 500)}`);
    const owner = createAbility([{ action: 'manage', subject: 'all' }]);
    openSlug = (await sharedLinks.create(owner, record, { name: 'Public stats' })).slug;
    lockedSlug = (await sharedLinks.create(owner, record, { name: 'For the board', password: PASSWORD })).slug;
    await qusto.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(qusto.app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await qusto?.dispose();
  });

  it('shows the read-only dashboard with the API’s numbers; view changes keep auth=', async () => {
    const { page, errors, dialogs } = await openPage(browser);
    const sentSlugs: Array<string | undefined> = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v2/query')) sentSlugs.push(request.headers()['x-qusto-share']);
    });
    await page.goto(`${base}/share/${DOMAIN}?auth=${openSlug}`);
    await page.getByTestId('stat-visitors').waitFor({ timeout: 20_000 });
    await waitForStats(page, expected(await api({ metrics: TOP_STATS, date_range: '28d' })));
    expect(await page.getByTestId('shared-note').textContent()).toContain('Public stats');
    expect(await page.getByTestId('shared-note').textContent()).toContain('Powered by Qusto');
    // Nothing to change here: no settings, no site list.
    expect(await page.getByRole('link', { name: /Settings/ }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    // Every stats request carried the link, never a session.
    expect(sentSlugs.length).toBeGreaterThan(3);
    expect(new Set(sentSlugs)).toEqual(new Set([openSlug]));

    // A row click filters; the address keeps the link.
    await page.getByTestId('panel-sources').getByRole('link', { name: /^Google/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('f')).toEqual(['is,source,Google']);
    expect(new URL(page.url()).pathname).toBe(`/share/${DOMAIN}`);
    expect(new URL(page.url()).searchParams.get('auth')).toBe(openSlug);
    await waitForStats(page, expected(await api({ metrics: TOP_STATS, date_range: '28d', filters: [['is', 'visit:source', ['Google']]] })));

    // Period by keyboard, then the details view.
    await page.keyboard.press('w');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('7d');
    expect(new URL(page.url()).searchParams.get('auth')).toBe(openSlug);
    await waitForStats(page, expected(await api({ metrics: TOP_STATS, date_range: '7d', filters: [['is', 'visit:source', ['Google']]] })));
    await page.getByTestId('panel-pages').getByRole('button', { name: /Details/ }).click();
    await page.getByRole('dialog').getByTestId('details-table').waitFor();
    await page.keyboard.press('Escape');

    await shotAllLooks(page, 'shared-dashboard', () => page.getByTestId('stat-visitors').waitFor());
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('asks for the password of a protected link; a wrong one is refused in words', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${base}/share/${DOMAIN}?auth=${lockedSlug}`);
    await page.getByRole('heading', { name: 'This dashboard is password protected' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('stat-visitors').count()).toBe(0);
    await shot(page, 'shared-password-light-1280.png');

    await page.getByRole('button', { name: 'Show the dashboard' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter the password');
    await page.getByLabel('Password', { exact: true }).fill('not it at all');
    await page.getByRole('button', { name: 'Show the dashboard' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong password for this shared link');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'shared-password-wrong-light-1280.png');

    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Show the dashboard' }).click();
    await waitForStats(page, expected(await api({ metrics: TOP_STATS, date_range: '28d' })), 20_000);
    // Unlocked for this browser: a reload goes straight to the stats.
    await page.reload();
    await page.getByTestId('stat-visitors').waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);

    await page.setViewportSize({ width: 375, height: 812 });
    await page.emulateMedia({ colorScheme: 'dark' });
    const fresh = await openPage(browser, { width: 375, height: 812, theme: 'dark' });
    await fresh.page.goto(`${base}/share/${DOMAIN}?auth=${lockedSlug}`);
    await fresh.page.getByLabel('Password', { exact: true }).waitFor({ timeout: 20_000 });
    await shot(fresh.page, 'shared-password-dark-375.png');
    await fresh.page.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('embeds without the top bar and footer, in the theme the URL asks for', async () => {
    const { page, errors } = await openPage(browser, { width: 900, height: 1000 });
    await page.goto(`${base}/share/${DOMAIN}?auth=${openSlug}&embed=true&theme=dark`);
    await page.getByTestId('stat-visitors').waitFor({ timeout: 20_000 });
    await waitForStats(page, expected(await api({ metrics: TOP_STATS, date_range: '28d' })));
    expect(await page.getByRole('banner').count()).toBe(0);
    expect(await page.locator('footer').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Colour theme/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    expect(await page.getByText('Powered by Qusto').count()).toBe(1);
    await page.waitForLoadState('networkidle');
    // Plugin panels follow the imposed theme too, not the OS (light here).
    const pluginCard = page.locator('[data-qusto-plugin="goals"] > *').first();
    await pluginCard.waitFor({ timeout: 20_000 });
    const background = await pluginCard.evaluate((element) => {
      let node: Element | null = element;
      while (node) {
        const colour = getComputedStyle(node).backgroundColor;
        if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
        node = node.firstElementChild;
      }
      return null;
    });
    // A painted card was found, and it is dark: Tailwind 4's colours compute to CIE lab(L a b),
    // L from 0 (black) to 100 (white).
    expect(background).toMatch(/^lab\(/);
    expect(Number(background!.slice(4).split(' ')[0])).toBeLessThan(30);
    await shot(page, 'shared-embed-dark-900.png');

    // A filter keeps the embed options.
    await page.getByTestId('panel-sources').getByRole('link', { name: /^Google/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('f')).toEqual(['is,source,Google']);
    const params = new URL(page.url()).searchParams;
    expect([params.get('auth'), params.get('embed'), params.get('theme')]).toEqual([openSlug, 'true', 'dark']);

    // Light and transparent, inside a real iframe on another origin's page.
    const frameHost = await openPage(browser, { width: 1000, height: 1100 });
    // The embedding page: another origin (its own port), served for real, as Chromium checks
    // who frames whom (`frame-ancestors *`, local-network access).
    const src = `${base}/share/${DOMAIN}?auth=${openSlug}&embed=true&theme=light&background=transparent`;
    const embedder = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><body style="margin:0;background:#fef3c7"><iframe title="stats" src="${src}" style="width:100%;height:1080px;border:0"></iframe></body>`);
    });
    await new Promise<void>((resolve) => embedder.listen(0, '127.0.0.1', resolve));
    await frameHost.page.goto(`http://127.0.0.1:${(embedder.address() as AddressInfo).port}/blog-post`);
    const frame = frameHost.page.frameLocator('iframe');

    await frame.getByTestId('stat-visitors').waitFor({ timeout: 20_000 });
    await frame.getByTestId('world-map').waitFor();
    await frameHost.page.waitForTimeout(500);
    await frameHost.page.screenshot({ path: `${SCREENSHOTS}/shared-embed-transparent-light-1000.png` });
    await frameHost.page.close();
    embedder.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a bad or deleted link gets a clear page', async () => {
    const { page, errors } = await openPage(browser);
    // The server answers the page itself with 404 for an unknown slug, so open the app first.
    await page.goto(`${base}/share/${DOMAIN}?auth=${openSlug}`);
    await page.getByTestId('stat-visitors').waitFor({ timeout: 20_000 });
    await page.evaluate(() => {
      window.history.pushState(null, '', `${window.location.pathname}?auth=no-such-link`);
      window.dispatchEvent(new Event('qusto:navigate'));
    });
    const missing = page.getByTestId('share-missing');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('This shared link does not work');
    await shot(page, 'shared-missing-light-1280.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('plugin panels read through the link too (the goals panel loads, no sign-in)', async () => {
    const { page, errors } = await openPage(browser);
    const goalRequests: Array<{ status: number; slug: string | undefined }> = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('/goals')) goalRequests.push({ status: response.status(), slug: response.request().headers()['x-qusto-share'] });
    });
    await page.goto(`${base}/share/${DOMAIN}?auth=${openSlug}`);
    const panel = page.getByTestId('goals-panel');
    await panel.waitFor({ timeout: 30_000 });
    await panel.getByText('No goals yet').waitFor({ timeout: 20_000 });
    expect(goalRequests.length).toBeGreaterThan(0);
    expect(goalRequests.every((r) => r.status === 200 && r.slug === openSlug)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
