import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from '../../../core/test/auth/support/accounts.ts';
import { startTestApp, type TestApp } from '../../../core/test/support/test-app.ts';
import { launchChromium } from './browser.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const SCREENSHOTS = path.join(REPO, 'test-results', 'screenshots');
const DOMAIN = 'goals-shop.example';
const DAY = '2026-03-02';
const VIEW = `/${DOMAIN}?period=custom&from=${DAY}&to=${DAY}`;
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

/** Six visitors on one day: pages, signups and purchases (one paid in USD: 23.108 USD = 20 EUR at the built-in rate). */
function trafficLines(): string {
  const line = (ip: string, minute: number, name: string, page: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ timestamp: `${DAY}T10:${String(minute).padStart(2, '0')}:00Z`, ip, user_agent: UA, name, url: `https://${DOMAIN}${page}`, ...extra });
  return [
    line('10.9.0.1', 0, 'pageview', '/'),
    line('10.9.0.1', 1, 'pageview', '/pricing'),
    line('10.9.0.1', 2, 'Signup', '/pricing', { props: { plan: 'pro' } }),
    line('10.9.0.1', 3, 'Purchase', '/checkout', { props: { plan: 'pro' }, revenue: { amount: '49.90', currency: 'EUR' } }),
    line('10.9.0.2', 0, 'pageview', '/pricing'),
    line('10.9.0.2', 1, 'Signup', '/pricing', { props: { plan: 'free' } }),
    line('10.9.0.3', 0, 'pageview', '/pricing'),
    line('10.9.0.4', 0, 'pageview', '/'),
    line('10.9.0.4', 1, 'Purchase', '/checkout', { props: { plan: 'team' }, revenue: { amount: 23.108, currency: 'USD' } }),
    line('10.9.0.5', 0, 'pageview', '/'),
    line('10.9.0.6', 0, 'pageview', '/blog'),
  ].join('\n');
}

async function signIn(page: Page, base: string, email: string, next: string): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}${next}`);
}

/** A full-page screenshot from the top (scrolled, the shell's sticky header would land mid-page). */
async function shot(target: Page, name: string): Promise<void> {
  await target.evaluate(() => window.scrollTo(0, 0));
  await target.screenshot({ path: path.join(SCREENSHOTS, `goals-${name}.png`), fullPage: true });
}
const numberFormat = new Intl.NumberFormat('en-US');
const percent = (value: number) => `${Math.round(value * 10) / 10}%`;

describe('goals and funnels plugin UI, in Chromium', () => {
  let browser: Browser;
  let qusto: TestApp;
  let base = '';
  let funnelId = '';
  const owner = () => browser.newContext({ viewport: { width: 1280, height: 900 } });

  /** The Stats API answer the panel should show, asked with the owner's session from the page. */
  const apiQuery = (page: Page, body: Record<string, unknown>) =>
    page.evaluate(async (payload) => {
      const response = await fetch('/api/v2/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      return (await response.json()) as { results: Array<{ dimensions: string[]; metrics: unknown[] }> };
    }, { site_id: DOMAIN, date_range: [DAY, DAY], ...body });

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    qusto = await startTestApp({ QUSTO_PLUGINS: path.join(REPO, 'plugins/goals') });
    const { teams, users, siteService, abilityFactory, ingestion, goalRepository, funnelRepository, goalCatalog } = qusto.container.cradle as typeof qusto.container.cradle & {
      goalRepository: { findOrCreate(siteId: string, goal: unknown): Promise<{ goal: { id: string } }> };
      funnelRepository: { create(siteId: string, input: unknown): Promise<{ id: string }> };
      goalCatalog: { refresh(): Promise<void> };
    };
    const ownerUser = await createUser(qusto, 'owner@goals-shop.example');
    await createUser(qusto, 'viewer@goals-shop.example');
    const teamId = (await teams.teamsOf(ownerUser.id))[0]!.id;
    await teams.setRole(teamId, (await users.findByEmail('viewer@goals-shop.example'))!.id, 'viewer');
    const site = await siteService.create(await abilityFactory.forUser({ id: ownerUser.id, email: ownerUser.email, isAdmin: false }), ownerUser, { domain: DOMAIN, teamId });
    // Goals before the events: revenue is converted at ingest, for events of a revenue goal.
    const goal = async (definition: Record<string, unknown>) =>
      (await goalRepository.findOrCreate(site.id, { eventName: null, pagePath: null, scrollThreshold: -1, customProps: {}, currency: null, ...definition })).goal.id;
    const pricing = await goal({ pagePath: '/pricing', displayName: 'Visit /pricing' });
    const signup = await goal({ eventName: 'Signup', displayName: 'Signup' });
    const purchase = await goal({ eventName: 'Purchase', currency: 'EUR', displayName: 'Purchase' });
    await goalCatalog.refresh();
    funnelId = (await funnelRepository.create(site.id, { name: 'Pricing to purchase', steps: [pricing, signup, purchase] })).id;
    const report = await ingestion.importEvents(DOMAIN, trafficLines());
    expect(report).toMatchObject({ imported: 11, errors: [] });
    await qusto.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(qusto.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await qusto?.dispose();
  });

  it('shows goal conversions and revenue equal to the Stats API, and a click filters the dashboard', async () => {
    const context: BrowserContext = await owner();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, base, 'owner@goals-shop.example', VIEW);

    const panel = page.getByTestId('goals-panel');
    await panel.getByRole('button', { name: 'Purchase' }).waitFor({ timeout: 20_000 });
    const api = await apiQuery(page, { metrics: ['visitors', 'events', 'conversion_rate', 'total_revenue', 'average_revenue'], dimensions: ['event:goal'] });
    // The exact figures of the fixture: 49.90 EUR + 20 EUR (paid as 23.108 USD).
    const purchase = api.results.find((r) => r.dimensions[0] === 'Purchase')!;
    expect(purchase.metrics.slice(0, 3)).toEqual([2, 2, 33.33]);
    expect(purchase.metrics[3]).toMatchObject({ value: 69.9, long: '€69.90', currency: 'EUR' });
    expect(purchase.metrics[4]).toMatchObject({ value: 34.95, long: '€34.95' });
    expect(api.results.map((r) => [r.dimensions[0], r.metrics[0]])).toEqual(
      expect.arrayContaining([
        ['Visit /pricing', 3],
        ['Signup', 2],
      ]),
    );
    for (const row of api.results) {
      const [visitors, events, rate, revenue] = row.metrics as [number, number, number, { long: string } | null];
      const tr = panel.locator('tr', { has: page.getByRole('button', { name: row.dimensions[0], exact: true }) });
      const cells = await tr.locator('td').allInnerTexts();
      expect(cells.slice(1, 4)).toEqual([numberFormat.format(visitors), numberFormat.format(events), percent(rate)]);
      expect(cells[4]).toContain(revenue ? revenue.long : '—');
    }
    const purchaseRow = panel.locator('tr', { has: page.getByRole('button', { name: 'Purchase', exact: true }) });
    await expect(purchaseRow.getByTestId('goal-revenue').innerText()).resolves.toContain('avg €34.95');
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'goals-panel-light.png') });

    // A click on a goal filters the whole dashboard: URL, filter chip, top stats become conversions.
    await expect(page.getByTestId('stat-visitors').innerText()).resolves.toContain('6');
    await panel.getByRole('button', { name: 'Purchase', exact: true }).click();
    await page.waitForURL(/f=is,goal,Purchase/);
    await expect.poll(() => page.getByTestId('filter-chip').first().innerText()).toContain('Purchase');
    await expect.poll(() => page.getByTestId('stat-visitors').innerText(), { timeout: 15_000 }).toMatch(/^\D*2\b/);
    await shot(page, 'dashboard-filtered');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('breaks a goal down by its properties, and shows the funnel steps', async () => {
    const context = await owner();
    const page = await context.newPage();
    await signIn(page, base, 'owner@goals-shop.example', VIEW);
    const panel = page.getByTestId('goals-panel');
    await panel.getByRole('button', { name: 'Purchase' }).waitFor({ timeout: 20_000 });

    await panel.getByRole('tab', { name: 'Properties' }).click();
    await panel.getByLabel('Goal', { exact: true }).selectOption('Purchase');
    await panel.getByTestId('goal-properties').waitFor();
    await expect(panel.getByLabel('Property').inputValue()).resolves.toBe('plan');
    const props = await apiQuery(page, { metrics: ['visitors', 'total_revenue'], dimensions: ['event:props:plan'], filters: [['is', 'event:goal', ['Purchase']]] });
    expect(props.results.map((r) => [r.dimensions[0], r.metrics[0], (r.metrics[1] as { long: string }).long])).toEqual(
      expect.arrayContaining([
        ['pro', 1, '€49.90'],
        ['team', 1, '€20.00'],
      ]),
    );
    const text = await panel.getByTestId('goal-properties').innerText();
    expect(text).toContain('€49.90');
    expect(text).toContain('€20.00');
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'goals-properties-light.png') });

    await panel.getByRole('tab', { name: 'Funnels' }).click();
    const report = await page.evaluate(async (url) => (await fetch(url)).json(), `/api/sites/${DOMAIN}/funnels/${funnelId}/report?from=${DAY}&to=${DAY}`);
    expect(report.steps.map((s: { goal: string; visitors: number }) => [s.goal, s.visitors])).toEqual([
      ['Visit /pricing', 3],
      ['Signup', 2],
      ['Purchase', 1],
    ]);
    await panel.getByTestId('funnel-step').first().waitFor();
    const stepTexts = await panel.getByTestId('funnel-step').allInnerTexts();
    expect(stepTexts).toHaveLength(3);
    (report.steps as Array<{ goal: string; visitors: number; conversion_rate: number }>).forEach((step, i) => {
      expect(stepTexts[i]).toContain(step.goal);
      expect(stepTexts[i]).toContain(`${step.visitors} visitors · ${percent(step.conversion_rate)}`);
    });
    expect(stepTexts[2]).toContain('33.3%');
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'goals-funnel-light.png') });

    await page.emulateMedia({ colorScheme: 'dark' });
    await panel.getByRole('tab', { name: 'Goals' }).click();
    await panel.getByRole('button', { name: 'Purchase' }).waitFor();
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'goals-panel-dark.png') });
    await panel.getByRole('tab', { name: 'Funnels' }).click();
    await panel.getByTestId('funnel-step').first().waitFor();
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'goals-funnel-dark.png') });
    await context.close();

    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, colorScheme: 'light' });
    const small = await phone.newPage();
    await signIn(small, base, 'owner@goals-shop.example', VIEW);
    const smallPanel = small.getByTestId('goals-panel');
    await smallPanel.getByRole('button', { name: 'Purchase' }).waitFor({ timeout: 20_000 });
    // No revenue column at 375 px: the figure sits under the goal's name.
    await expect(smallPanel.innerText()).resolves.toContain('€69.90 revenue');
    await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
    await smallPanel.screenshot({ path: path.join(SCREENSHOTS, 'goals-panel-375.png') });
    await phone.close();
  });

  it('creates a goal and a funnel in the site settings section', async () => {
    const context = await owner();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, base, 'owner@goals-shop.example', `/${DOMAIN}/settings/goals`);
    const settings = page.getByTestId('goals-settings');
    await settings.waitFor({ timeout: 20_000 });
    await settings.getByRole('list', { name: 'Goals' }).waitFor();
    await expect(settings.getByTestId('goal-setting').count()).resolves.toBe(3);
    await shot(page, 'settings-light');

    // A revenue goal through the form.
    await settings.getByRole('button', { name: 'Add goal', exact: true }).click();
    const form = settings.getByRole('form', { name: 'Add a goal' });
    await form.getByText('Revenue', { exact: true }).click();
    await form.getByLabel('Event name').fill('Upgrade');
    await form.getByLabel('Currency').selectOption('USD');
    await shot(page, 'settings-add-goal');
    await form.getByRole('button', { name: 'Add goal', exact: true }).click();
    await settings.getByText('Upgrade · USD').waitFor();

    // A taken display name is refused in words.
    await settings.getByRole('button', { name: 'Add goal', exact: true }).click();
    await form.getByLabel('Page path').fill('/about');
    await form.getByLabel(/Display name/).fill('Signup');
    await form.getByRole('button', { name: 'Add goal', exact: true }).click();
    await expect(form.getByRole('alert').innerText()).resolves.toBe('display_name: "Signup" has already been taken');
    await form.getByRole('button', { name: 'Cancel' }).click();

    // A funnel of two goals, strict.
    await settings.getByRole('button', { name: 'Add funnel' }).click();
    const funnelForm = settings.getByRole('form', { name: 'Add a funnel' });
    await funnelForm.getByLabel('Funnel name').fill('Signup to upgrade');
    await funnelForm.getByLabel('Step 1', { exact: true }).selectOption({ label: 'Signup' });
    await funnelForm.getByLabel('Step 2', { exact: true }).selectOption({ label: 'Upgrade' });
    await funnelForm.getByLabel(/Strict order/).check();
    await funnelForm.getByRole('button', { name: 'Add funnel' }).click();
    await settings.getByRole('list', { name: 'Steps of Signup to upgrade' }).waitFor();

    const saved = await page.evaluate(async (domain) => {
      const [goals, funnels] = await Promise.all([fetch(`/api/sites/${domain}/goals`).then((r) => r.json()), fetch(`/api/sites/${domain}/funnels`).then((r) => r.json())]);
      return { goals, funnels };
    }, DOMAIN);
    const upgrade = saved.goals.goals.find((g: { display_name: string }) => g.display_name === 'Upgrade');
    expect(upgrade).toMatchObject({ event_name: 'Upgrade', currency: 'USD' });
    const signup = saved.goals.goals.find((g: { display_name: string }) => g.display_name === 'Signup');
    expect(saved.funnels.funnels).toContainEqual({ id: expect.any(String), name: 'Signup to upgrade', strict_order: true, steps: [signup.id, upgrade.id] });
    await shot(page, 'settings-created');

    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'settings-dark');
    expect(errors).toEqual([]);
    await context.close();

    const phone = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const small = await phone.newPage();
    await signIn(small, base, 'owner@goals-shop.example', `/${DOMAIN}/settings/goals`);
    await small.getByTestId('goals-settings').getByRole('list', { name: 'Goals' }).waitFor({ timeout: 20_000 });
    await expect(small.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
    await shot(small, 'settings-375');
    await phone.close();
  });

  it('shows goals and funnels read-only to a viewer', async () => {
    const context = await owner();
    const page = await context.newPage();
    await signIn(page, base, 'viewer@goals-shop.example', `/${DOMAIN}/settings/goals`);
    const settings = page.getByTestId('goals-settings');
    await settings.getByRole('list', { name: 'Goals' }).waitFor({ timeout: 20_000 });
    await settings.getByText('only its editors and admins can change them').waitFor();
    await expect(settings.getByRole('button', { name: 'Add goal', exact: true }).count()).resolves.toBe(0);
    await expect(settings.getByRole('button', { name: /^Delete / }).count()).resolves.toBe(0);
    await shot(page, 'settings-viewer');
    await context.close();
  });
});
