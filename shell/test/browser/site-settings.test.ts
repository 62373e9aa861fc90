import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from '../../../core/test/auth/support/accounts.ts';
import { startTestApp, type TestApp } from '../../../core/test/support/test-app.ts';
import { launchChromium } from './browser.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const SCREENSHOTS = path.join(REPO, 'test-results', 'screenshots');
const DOMAIN = 'settings.example';
const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/** Backfill lines with a custom property, two days ago, so the settings can suggest it. */
function trafficLines(count: number): string {
  const base = Date.now() - 2 * 86_400_000;
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ timestamp: new Date(base + i * 60_000).toISOString(), name: 'Signup', url: `https://${DOMAIN}/`, ip: `8.8.${i}.8`, user_agent: UA, props: { plan: 'pro' } }),
  ).join('\n');
}

async function signIn(page: Page, base: string, email: string, next: string): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}${next}`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `settings-${name}.png`), fullPage: true });

describe('site settings, in Chromium', () => {
  let browser: Browser;
  let qusto: TestApp;
  let base = '';

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    qusto = await startTestApp({ QUSTO_PLUGINS: path.join(REPO, 'plugins/goals') });
    const { teams, users, siteService, abilityFactory, ingestion } = qusto.container.cradle;
    await createUser(qusto, 'admin@settings.example', { admin: true });
    const owner = await createUser(qusto, 'owner@settings.example');
    await createUser(qusto, 'viewer@settings.example');
    const teamId = (await teams.teamsOf(owner.id))[0]!.id;
    await teams.setRole(teamId, (await users.findByEmail('viewer@settings.example'))!.id, 'viewer');
    await siteService.create(await abilityFactory.forUser({ id: owner.id, email: owner.email, isAdmin: false }), owner, { domain: DOMAIN, teamId });
    expect((await ingestion.importEvents(DOMAIN, trafficLines(4))).imported).toBe(4);
    await qusto.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(qusto.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await qusto?.dispose();
  });

  const siteRecord = () => qusto.container.cradle.sites.findRecordByDomain(DOMAIN);

  it('lets the owner change every setting, reset the stats and delete the site', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, base, 'owner@settings.example', `/${DOMAIN}/settings`);

    // General: the time zone, searchable.
    await page.getByRole('heading', { name: 'Time zone' }).waitFor();
    await expect(page.getByRole('link', { name: 'Back to dashboard' }).getAttribute('href')).resolves.toBe(`/${DOMAIN}`);
    await expect(page.getByText(`data-domain="${DOMAIN}"`).count()).resolves.toBe(1);
    await page.getByLabel('Search time zones').fill('tokyo');
    await page.getByRole('combobox', { name: 'Time zone', exact: true }).selectOption('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save time zone' }).click();
    await page.getByText('Time zone saved').waitFor();
    expect((await siteRecord())!.timezone).toBe('Asia/Tokyo');
    await shot(page, 'general-light');

    // Plugins contributing to site.settings get a nav item (the goals plugin, once it has one).
    const plugins = (await (await fetch(`${base}/api/plugins`)).json()) as { plugins: Array<{ name: string; ui: { slots: Record<string, string> } | null }> };
    const goalsHasSettings = plugins.plugins.some((p) => p.name === 'goals' && p.ui?.slots['site.settings']);
    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    await expect(nav.getByRole('link', { name: /^Goals/ }).count()).resolves.toBe(goalsHasSettings ? 1 : 0);
    if (goalsHasSettings) {
      await nav.getByRole('link', { name: /^Goals/ }).click();
      await page.waitForURL(`${base}/${DOMAIN}/settings/goals`);
      // The wrapper is `display: contents`; the plugin's own markup is what shows.
      await page.locator('[data-qusto-plugin="goals"] > *').first().waitFor({ timeout: 20_000 });
      await expect(page.getByTestId('settings-section').getByRole('alert').count()).resolves.toBe(0);
      await shot(page, 'plugin-goals');
    }

    // Visibility: a shared link with a password, which responds; one without, for the embed code.
    await nav.getByRole('link', { name: 'Visibility' }).click();
    await page.getByText('No shared links yet').waitFor();
    await page.getByLabel('Name').fill('Client report');
    await page.getByLabel(/^Password/).fill('a long and unusual passphrase 42');
    await page.getByRole('button', { name: 'Create link' }).click();
    const links = page.getByRole('list', { name: 'Shared links' });
    await links.getByText('Client report').waitFor();
    await expect(links.getByText('Password').count()).resolves.toBe(1);
    const url = await links.getByRole('link').first().textContent();
    // The link is on the configured base URL; this server listens elsewhere.
    const link = new URL(url!);
    expect(`${link.pathname}${link.search}`).toMatch(/^\/share\/settings\.example\?auth=[\w-]+$/);
    expect((await fetch(`${base}${link.pathname}${link.search}`)).status).toBe(200);
    await expect(page.getByText('Create a shared link without a password above').count()).resolves.toBe(1);
    await page.getByLabel('Name').fill('Public');
    await page.getByRole('button', { name: 'Create link' }).click();
    await links.getByText('Public').waitFor();
    await page.getByRole('region', { name: 'Embed the dashboard' }).getByLabel('Theme').selectOption('dark');
    await expect(page.locator('pre').filter({ hasText: '<iframe' }).textContent()).resolves.toMatch(/&amp;embed=true&amp;theme=dark/);
    // Public dashboard: readable signed out once ticked, closed again when unticked.
    const signedOut = () => fetch(`${base}/api/sites/${DOMAIN}/dashboard`).then((r) => r.status);
    expect(await signedOut()).toBe(401);
    const publicToggle = page.getByLabel('Make the dashboard public');
    const saved = () => page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === `/api/sites/${DOMAIN}`);
    await Promise.all([saved(), publicToggle.check()]);
    await page.getByText('Public at ').waitFor();
    expect(await signedOut()).toBe(200);
    await shot(page, 'visibility-light');
    await Promise.all([saved(), publicToggle.uncheck()]);
    await page.getByText('When public, it is at ').waitFor();
    expect(await signedOut()).toBe(401);

    // Shields: the API's validation error next to the input, then a valid rule listed.
    await nav.getByRole('link', { name: 'Shields' }).click();
    const ipCard = page.getByTestId('shields-ip');
    await ipCard.getByLabel('IP address or CIDR range', { exact: true }).fill('999.1.1.1');
    await ipCard.getByRole('button', { name: /^Add/ }).click();
    await expect(ipCard.getByRole('alert').textContent()).resolves.toMatch(/not an IP address/);
    await ipCard.getByLabel('IP address or CIDR range', { exact: true }).fill('203.0.113.7');
    await ipCard.getByLabel('Note (optional)', { exact: true }).fill('Office');
    await ipCard.getByRole('button', { name: /^Add/ }).click();
    await ipCard.getByRole('list', { name: 'IP rules' }).getByText('203.0.113.7').waitFor();
    await expect(ipCard.getByRole('alert').count()).resolves.toBe(0);
    await shot(page, 'shields-light');

    // Custom properties: only `plan`, picked from the keys seen.
    await nav.getByRole('link', { name: 'Custom properties' }).click();
    await page.getByLabel('Only the properties listed below').check();
    await page.getByRole('button', { name: 'Add plan' }).click();
    await page.getByRole('list', { name: 'Allowed properties' }).getByText('plan').waitFor();
    await page.getByRole('button', { name: 'Save properties' }).click();
    await page.getByText('Properties saved').waitFor();
    expect((await siteRecord())!.allowedEventProps).toEqual(['plan']);
    await shot(page, 'properties-light');

    // People: invite a guest; the team's members are listed.
    await nav.getByRole('link', { name: 'People' }).click();
    const guests = page.getByTestId('guests');
    await guests.getByText('No guests yet').waitFor();
    await guests.getByLabel('Email').fill('guest@elsewhere.example');
    await guests.getByLabel('Role').selectOption('viewer');
    await guests.getByRole('button', { name: 'Send invitation' }).click();
    await guests.getByText('Invitation sent to guest@elsewhere.example').waitFor();
    await guests.getByRole('list', { name: 'Guests' }).getByText('Invitation pending').waitFor();
    await page.getByTestId('team-members').getByText('viewer@settings.example').waitFor();
    await shot(page, 'people-light');

    // API keys: a curl for this site.
    await nav.getByRole('link', { name: 'API keys' }).click();
    await expect(page.locator('pre').textContent()).resolves.toContain(`"site_id":"${DOMAIN}"`);

    // Dark mode and a phone, on the danger zone and general pages.
    await nav.getByRole('link', { name: 'Danger zone' }).click();
    await page.getByTestId('danger-zone').waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'danger-zone-dark');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${base}/${DOMAIN}/settings/general`);
    await page.getByRole('heading', { name: 'Time zone' }).waitFor();
    await shot(page, 'general-dark-375');
    await page.getByLabel('Section', { exact: true }).selectOption('shields');
    await page.waitForURL(`${base}/${DOMAIN}/settings/shields`);
    await page.getByText('203.0.113.7').waitFor();
    await shot(page, 'shields-dark-375');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${base}/${DOMAIN}/settings/visibility`);
    await page.getByText('Client report').first().waitFor();
    await shot(page, 'visibility-light-375');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Danger zone: reset the stats (typing the domain), then the site's stats are 0.
    // Asked from the page, as the dashboard does (same origin, the owner's session).
    const visitors = async () => {
      const answer = await page.evaluate(async (domain) => {
        const response = await fetch('/api/v2/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site_id: domain, metrics: ['visitors', 'events'], date_range: '7d' }) });
        return { status: response.status, body: (await response.json()) as { results: Array<{ metrics: number[] }> } };
      }, DOMAIN);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body.results[0]?.metrics;
    };
    expect(await visitors()).toEqual([4, 4]);
    await page.goto(`${base}/${DOMAIN}/settings/danger-zone`);
    await page.getByRole('button', { name: 'Reset stats' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('button', { name: 'Reset stats' }).isDisabled()).resolves.toBe(true);
    await dialog.getByLabel(/Type .* to confirm/).fill(DOMAIN);
    await shot(page, 'reset-dialog-light');
    await dialog.getByRole('button', { name: 'Reset stats' }).click();
    await page.waitForURL(`${base}/${DOMAIN}`);
    expect(await visitors()).toEqual([0, 0]);
    expect((await siteRecord())!.allowedEventProps).toEqual(['plan']);

    // Delete the site.
    await page.goto(`${base}/${DOMAIN}/settings/danger-zone`);
    await page.getByRole('button', { name: 'Delete site' }).click();
    await dialog.getByLabel(/Type .* to confirm/).fill(DOMAIN);
    await dialog.getByRole('button', { name: 'Delete site' }).click();
    await page.waitForURL(`${base}/`);
    expect(await siteRecord()).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a viewer the settings read-only, saying why', async () => {
    const { siteService, abilityFactory, users, teams } = qusto.container.cradle;
    const owner = (await users.findByEmail('owner@settings.example'))!;
    const teamId = (await teams.teamsOf(owner.id))[0]!.id;
    const domain = 'read-only.example';
    await siteService.create(await abilityFactory.forUser({ id: owner.id, email: owner.email, isAdmin: false }), owner, { domain, teamId });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, base, 'viewer@settings.example', `/${domain}/settings`);
    await page.getByText('Only team owners and admins can change the domain.').waitFor();
    await expect(page.getByRole('combobox', { name: 'Time zone', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /Save|Change domain/ }).count()).resolves.toBe(0);
    await shot(page, 'viewer-general-light');
    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    await nav.getByRole('link', { name: 'Shields' }).click();
    await page.getByText('Your role on this site can’t see or change shields.').waitFor();
    await nav.getByRole('link', { name: 'Danger zone' }).click();
    await page.getByText('Only team owners and admins can reset the stats or delete the site.').waitFor();
    await expect(page.getByRole('button', { name: /Reset stats|Delete site/ }).count()).resolves.toBe(0);
    await nav.getByRole('link', { name: 'People' }).click();
    await page.getByText('Only team owners and admins can see and invite guests.').waitFor();
    await page.getByText('Only team owners and admins can invite, change roles or remove members.').waitFor();
    await shot(page, 'viewer-people-light');
    await page.close();
  });
});
