/**
 * The site dashboard in Chromium against the real server on the embedded stores: numbers on
 * screen equal the Stats API's answers; filters by row click, by URL and with the editor;
 * back/forward; details view; keyboard shortcuts; dark mode; error and empty states; tracked
 * strings rendered as text. Saves screenshots under test-results/screenshots/.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../core/test/support/test-app.ts';
import { formatMetric } from '../../src/dashboard/format.ts';
import { launchChromium } from './browser.ts';
import { statsApi, type QueryAnswer } from './support/browser-test-kit.ts';
import { dashboardEvents, toNdjson, XSS_PATH, XSS_PROP, XSS_REFERRER } from './support/dashboard-fixture.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const SCREENSHOTS = path.join(REPO, 'test-results', 'screenshots');
const TOKEN = 'dashboard-test-token-'.padEnd(48, 'x');
const DOMAIN = 'dash.example';
const TOP_STATS = ['visitors', 'visits', 'pageviews', 'views_per_visit', 'bounce_rate', 'visit_duration'];


describe('site dashboard, in Chromium', () => {
  let qusto: TestApp;
  let browser: Browser;
  let base: string;

  const api = statsApi(() => qusto, TOKEN, DOMAIN);
  const apiGet = async (url: string): Promise<unknown> => (await qusto.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } })).json();

  /** A page that sends the admin token (until sign-in exists) and records dialogs and errors. */
  const openPage = async (options: { width?: number; height?: number; theme?: 'light' | 'dark' } = {}) => {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, colorScheme: options.theme ?? 'light' });
    await page.setExtraHTTPHeaders({ authorization: `Bearer ${TOKEN}` });
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, dialogs, errors };
  };

  const topStatsOnScreen = async (page: Page, metrics = TOP_STATS) =>
    Object.fromEntries(await Promise.all(metrics.map(async (m) => [m, (await page.getByTestId(`stat-${m}`).textContent())?.trim()] as const)));
  const expected = (answer: QueryAnswer, metrics = TOP_STATS) => Object.fromEntries(metrics.map((m, i) => [m, formatMetric(m, answer.results[0]!.metrics[i])]));

  /** Waits until the top stats show `wanted` (they update after a view change). */
  const waitForStats = async (page: Page, wanted: Record<string, string>) => {
    const deadline = Date.now() + 15_000;
    let seen: Record<string, string | undefined> = {};
    while (Date.now() < deadline) {
      seen = await topStatsOnScreen(page, Object.keys(wanted)).catch(() => ({}));
      if (JSON.stringify(seen) === JSON.stringify(wanted)) return;
      await page.waitForTimeout(100);
    }
    expect(seen).toEqual(wanted);
  };

  /** A full-page screenshot from the top (a reload restores the scroll position; sticky bars would sit mid-page). */
  const shot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  };

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    qusto = await startTestApp({ ADMIN_TOKEN: TOKEN });
    await qusto.container.cradle.sites.create({ domain: DOMAIN, timezone: 'Europe/Berlin' });
    await qusto.container.cradle.sites.create({ domain: 'empty.example', timezone: 'UTC' });
    const events = dashboardEvents(DOMAIN);
    const report = await qusto.container.cradle.ingestion.importEvents(DOMAIN, toNdjson(events));
    if (report.errors.length > 0 || report.imported !== events.length) throw new Error(`fixture import was not clean: ${JSON.stringify(report).slice(0, 500)}`);
    await qusto.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = qusto.app.server.address() as { port: number };
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await qusto?.dispose();
  });

  it('shows the API’s numbers, fast, with tracked strings as text', async () => {
    const { page, dialogs, errors } = await openPage();
    await page.goto(`${base}/${DOMAIN}`);
    await page.getByTestId('stat-visitors').waitFor({ timeout: 20_000 });
    const answer = await api({ metrics: TOP_STATS, date_range: '28d' });
    await waitForStats(page, expected(answer));

    const timing = await page.evaluate(() => ({
      firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      firstPaint: performance.getEntriesByName('first-paint')[0]?.startTime ?? null,
      dashboardData: performance.getEntriesByName('qusto:dashboard-data')[0]?.startTime ?? null,
      domContentLoaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? null,
    }));
    console.log(
      `dashboard timing (cold load, local server): first paint ${timing.firstPaint?.toFixed(0)} ms, first contentful paint ${timing.firstContentfulPaint?.toFixed(0)} ms, ` +
        `DOMContentLoaded ${timing.domContentLoaded?.toFixed(0)} ms, top stats on screen ${timing.dashboardData?.toFixed(0)} ms`,
    );
    expect(timing.firstContentfulPaint).toBeGreaterThan(0);
    expect(timing.dashboardData).toBeGreaterThan(0);

    // Panels: the hostile path is shown as text, nothing of it runs.
    const pages = page.getByTestId('panel-pages');
    await pages.getByText(XSS_PATH, { exact: true }).waitFor();
    expect(await page.locator('img[src="x"], img[src="y"]').count()).toBe(0);
    const topPage = await api({ metrics: ['visitors'], date_range: '28d', dimensions: ['event:page'], pagination: { limit: 1, offset: 0 } });
    const firstRow = page.getByTestId('report-pages').locator('li').first();
    expect(await firstRow.getByRole('link').first().textContent()).toContain(String(topPage.results[0]!.dimensions[0]));
    expect((await firstRow.textContent())!).toContain(formatMetric('visitors', topPage.results[0]!.metrics[0]));

    // Locations carry the DB-IP attribution.
    const attribution = page.getByTestId('panel-locations').getByRole('link', { name: 'IP geolocation by DB-IP' });
    expect(await attribution.getAttribute('href')).toBe('https://db-ip.com');

    // The property with a hostile value.
    await page.getByRole('button', { name: /Property key/ }).click();
    await page.getByPlaceholder('Another key, e.g. plan').fill('plan');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByTestId('panel-properties').getByText(XSS_PROP, { exact: true }).waitFor();

    // Drill into the hostile referrer.
    await page.getByTestId('panel-sources').getByRole('link', { name: /^evil\.example/ }).click();
    const referrers = await api({ metrics: ['visitors'], date_range: '28d', dimensions: ['visit:referrer'], filters: [['is', 'visit:source', ['evil.example']]] });
    const referrer = String(referrers.results[0]!.dimensions[0]);
    expect(referrer.startsWith(new URL(XSS_REFERRER).host)).toBe(true);
    await page.getByTestId('panel-sources').getByText(referrer, { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.getAll('f')).toEqual(['is,source,evil.example']);

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters by clicking a row and by URL; back and forward restore the view', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/${DOMAIN}`);
    const all = expected(await api({ metrics: TOP_STATS, date_range: '28d' }));
    await waitForStats(page, all);

    await page.getByTestId('panel-sources').getByRole('link', { name: /^Google/ }).click();
    expect(new URL(page.url()).search).toBe('?f=is,source,Google');
    const google = expected(await api({ metrics: TOP_STATS, date_range: '28d', filters: [['is', 'visit:source', ['Google']]] }));
    await waitForStats(page, google);
    expect(await page.getByTestId('filter-chip').textContent()).toContain('Source is Google');
    // Filtered to one source, the panel drills down to its referrers.
    await page.getByTestId('panel-sources').getByRole('heading', { name: 'Top referrers' }).waitFor();

    await page.goBack();
    await waitForStats(page, all);
    expect(await page.getByTestId('filter-chip').count()).toBe(0);
    await page.goForward();
    await waitForStats(page, google);

    // Straight from a URL: period, filter, comparison and metric.
    await page.goto(`${base}/${DOMAIN}?period=7d&f=is,country,EE&compare=previous_period&metric=pageviews`);
    const estonia = await api({ metrics: TOP_STATS, date_range: '7d', filters: [['is', 'visit:country', ['EE']]], include: { comparisons: { mode: 'previous_period' } } });
    await waitForStats(page, expected(estonia));
    expect(await page.getByTestId('filter-chip').textContent()).toContain('Country is Estonia');
    expect(await page.getByTestId('period-label').textContent()).toBe('Last 7 days');
    expect(await page.getByRole('button', { name: /Total pageviews/ }).getAttribute('aria-pressed')).toBe('true');
    // With a comparison, each stat shows its change.
    const visitorsCard = page.getByRole('button', { name: /Unique visitors/ });
    const change = estonia.results[0]!.comparison!.change[0]!;
    expect(await visitorsCard.textContent()).toContain(change === 0 ? '0%' : `${Math.abs(change)}%`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('edits filters in the filter editor with suggestions', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/${DOMAIN}`);
    await page.getByTestId('stat-visitors').waitFor();
    await page.getByRole('button', { name: 'Add a filter' }).click();
    await page.getByRole('menuitem', { name: 'Location' }).click();
    const dialog = page.getByRole('dialog', { name: 'Filter by location' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Country: values' }).fill('germ');
    await dialog.getByRole('option', { name: /Germany/ }).click();
    await dialog.getByRole('button', { name: 'Apply filter' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.getAll('f')).toEqual(['is,country,DE']);
    await waitForStats(page, expected(await api({ metrics: TOP_STATS, date_range: '28d', filters: [['is', 'visit:country', ['DE']]] })));

    // Edit it from its chip: "is not", two values.
    await page.getByTestId('filter-chip').getByRole('button', { name: /Edit filter/ }).click();
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Country: operator' }).selectOption('is_not');
    await dialog.getByRole('combobox', { name: 'Country: values' }).fill('fran');
    await dialog.getByRole('option', { name: /France/ }).click();
    await dialog.getByRole('button', { name: 'Apply filter' }).click();
    expect(new URL(page.url()).searchParams.getAll('f')).toEqual(['is_not,country,DE,FR']);
    await waitForStats(page, expected(await api({ metrics: TOP_STATS, date_range: '28d', filters: [['is_not', 'visit:country', ['DE', 'FR']]] })));
    await shot(page, 'dashboard-filtered-light-1280.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a details view: search, sort, pages; Escape closes it', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/${DOMAIN}`);
    await page.getByTestId('panel-pages').getByRole('button', { name: /Details/ }).click();
    const dialog = page.getByRole('dialog');
    const table = dialog.getByTestId('details-table');
    await table.waitFor();
    const pages = await api({ metrics: ['visitors'], date_range: '28d', dimensions: ['event:page'], include: { total_rows: true } });
    expect(await table.locator('tbody tr').count()).toBe(pages.results.length);
    await dialog.getByText(`1–${pages.results.length} of ${pages.results.length}`).waitFor();
    await dialog.getByText(XSS_PATH, { exact: true }).waitFor();

    await dialog.getByRole('searchbox').fill('BLOG');
    const blog = await api({ metrics: ['visitors'], date_range: '28d', dimensions: ['event:page'], filters: [['contains', 'event:page', ['blog'], { case_sensitive: false }]] });
    await expect.poll(async () => (await table.locator('tbody th').allTextContents()).sort()).toEqual(blog.results.map((r) => String(r.dimensions[0])).sort());
    // "% of visitors" is a share of the whole view, not of the rows the search left.
    const total = (await api({ metrics: ['visitors'], date_range: '28d' })).results[0]!.metrics[0]!;
    const top = blog.results[0]!;
    const row = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: String(top.dimensions[0]), exact: true }) });
    expect(await row.locator('td').nth(1).textContent()).toBe(formatMetric('percentage', Math.round((top.metrics[0]! / total) * 1000) / 10));

    await dialog.getByRole('button', { name: 'Pageviews' }).click();
    await expect.poll(() => dialog.locator('th[aria-sort="descending"]').textContent()).toContain('Pageviews');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-details-light-1280.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keyboard shortcuts switch periods (not while typing), realtime shows current visitors', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/${DOMAIN}`);
    await page.getByTestId('stat-visitors').waitFor();
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('period-label').textContent()).toBe('Last 7 days');
    await waitForStats(page, expected(await api({ metrics: TOP_STATS, date_range: '7d' })));
    await page.keyboard.press('x');
    await expect.poll(() => new URL(page.url()).searchParams.get('compare')).toBe('previous_period');

    // Hourly for 7 days; the CSV export is the graph's series with its comparison.
    await page.getByRole('button', { name: /Graph interval/ }).click();
    await page.getByRole('menuitemradio', { name: 'Hours' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('interval')).toBe('hour');
    await page.waitForLoadState('networkidle');
    const series = await api({ metrics: ['visitors'], date_range: '7d', dimensions: ['time:hour'], include: { time_labels: true, comparisons: { mode: 'previous_period' } } });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download the graph/ }).click()]);
    expect(download.suggestedFilename()).toBe(`${DOMAIN}-visitors-7d-by-hour.csv`);
    const csv = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    expect(csv[0]).toBe('date,visitors,comparison_date,comparison_visitors');
    const labels = series.meta.time_labels as string[];
    expect(csv.length - 1).toBe(labels.length);
    const byLabel = new Map(series.results.map((r) => [String(r.dimensions[0]), r.metrics[0]]));
    expect(csv.slice(1).map((line) => line.split(',').slice(0, 2).join(','))).toEqual(labels.map((l) => `${l},${byLabel.get(l) ?? 0}`));

    // Typing in an input does not switch.
    await page.getByTestId('panel-pages').getByRole('button', { name: /Details/ }).click();
    await page.getByRole('searchbox').pressSequentially('year');
    expect(await page.getByTestId('period-label').textContent()).toBe('Last 7 days');
    await page.keyboard.press('Escape');

    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('period-label').textContent()).toBe('Realtime');
    const current = (await apiGet(`/api/v1/stats/realtime/visitors?site_id=${DOMAIN}`)) as number;
    await expect.poll(() => page.getByTestId('stat-current_visitors').textContent()).toBe(formatMetric('visitors', current));
    await page.getByTestId('main-graph').waitFor();
    await shot(page, 'dashboard-realtime-light-1280.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the Locations map colours countries by visitors; hover and focus tell, a click filters', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/${DOMAIN}`);
    const map = page.getByTestId('world-map');
    await map.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('panel-locations').getByRole('tab', { name: 'Map' }).getAttribute('aria-selected')).toBe('true');
    const countries = await api({ metrics: ['visitors'], date_range: '28d', dimensions: ['visit:country'], filters: [['is_not', 'visit:country_name', ['']]] });
    const known = countries.results.filter((r) => /^[A-Z]{2}$/.test(String(r.dimensions[0])));
    expect(known.length).toBeGreaterThan(2);
    // Every country with visitors is drawn with its number; the others are not links.
    for (const row of known) {
      const shapes = map.locator(`path[data-country="${String(row.dimensions[0])}"]`);
      if ((await shapes.count()) === 0) continue; // too small for the 110m atlas
      expect(await shapes.first().getAttribute('data-visitors')).toBe(String(row.metrics[0]));
    }
    const linked = await map.locator('path[role="link"]').count();
    expect(linked).toBeGreaterThan(2);
    expect(linked).toBeLessThanOrEqual(known.length);
    expect(await map.locator('path').count()).toBeGreaterThan(150);

    // Hover: the tooltip names the country and its visitors.
    const top = known[0]!;
    const code = String(top.dimensions[0]);
    const shape = map.locator(`path[data-country="${code}"]`).first();
    await shape.hover();
    const tooltip = page.getByTestId('map-tooltip');
    await tooltip.waitFor();
    const name = await page.evaluate((c) => new Intl.DisplayNames(['en'], { type: 'region' }).of(c), code);
    expect(await tooltip.textContent()).toContain(name!);
    expect(await tooltip.textContent()).toContain(`${top.metrics[0]} visitor`);
    await page.getByTestId('panel-locations').screenshot({ path: path.join(SCREENSHOTS, 'dashboard-map-hover-light-1280.png') });

    // Keyboard: focus a country, Enter filters by it.
    await shape.focus();
    await tooltip.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.getAll('f')).toEqual([`is,country,${code}`]);
    await waitForStats(page, expected(await api({ metrics: TOP_STATS, date_range: '28d', filters: [['is', 'visit:country', [code]]] })));
    await page.goBack();

    // A click does the same.
    const second = String(known[1]!.dimensions[0]);
    // (An island country's box centre can be sea, so the click goes to the shape itself.)
    await map.locator(`path[data-country="${second}"]`).first().dispatchEvent('click');
    await expect.poll(() => new URL(page.url()).searchParams.getAll('f')).toEqual([`is,country,${second}`]);
    expect(await page.getByTestId('filter-chip').textContent()).toContain('Country is');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows what went wrong with Retry, and recovers', async () => {
    const { page } = await openPage();
    await page.route('**/api/v2/query', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"ClickHouse is restarting"}' }));
    await page.goto(`${base}/${DOMAIN}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Top stats could not be loaded' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('ClickHouse is restarting');
    await shot(page, 'dashboard-error-light-1280.png');
    await page.unroute('**/api/v2/query');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await waitForStats(page, expected(await api({ metrics: TOP_STATS, date_range: '28d' })));
    await page.close();
  });

  it('tells a site without data how to install the script', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${base}/empty.example`);
    const empty = page.getByTestId('empty-site');
    await empty.waitFor({ timeout: 20_000 });
    expect(await empty.textContent()).toContain(`<script defer data-domain="empty.example" src="${base}/js/script.js"></script>`);
    await shot(page, 'dashboard-empty-light-1280.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('dark mode: toggled, persisted; screenshots light and dark, desktop and mobile', async () => {
    const { page, errors, dialogs } = await openPage();
    await page.goto(`${base}/${DOMAIN}?compare=previous_period`);
    await page.evaluate((domain) => window.localStorage.setItem(`qusto:${domain}:prop-key`, 'plan'), DOMAIN);
    await page.reload();
    await page.getByTestId('stat-visitors').waitFor();
    await page.getByTestId('report-props').waitFor();
    await page.getByTestId('world-map').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(false);
    await shot(page, 'dashboard-light-1280.png');

    await page.getByRole('button', { name: /Colour theme/ }).click();
    await page.getByRole('menuitemradio', { name: 'Dark' }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    expect(await page.evaluate(() => window.localStorage.getItem('qusto:theme'))).toBe('dark');
    await page.reload();
    await page.getByTestId('report-props').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await shot(page, 'dashboard-dark-1280.png');
    await page.getByTestId('panel-sources').getByRole('button', { name: /Details/ }).click();
    await page.getByRole('dialog').getByTestId('details-table').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-details-dark-1280.png') });
    await page.keyboard.press('Escape');

    for (const theme of ['dark', 'light'] as const) {
      await page.setViewportSize({ width: 375, height: 812 });
      await page.evaluate((t) => window.localStorage.setItem('qusto:theme', t), theme);
      await page.reload();
      await page.getByTestId('report-props').waitFor();
      await page.waitForLoadState('networkidle');
      // Nothing sticks out sideways on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await shot(page, `dashboard-${theme}-375.png`);
    }
    // System: follows the OS preference.
    await page.getByRole('button', { name: /Colour theme/ }).click();
    await page.getByRole('menuitemradio', { name: 'System' }).click();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
