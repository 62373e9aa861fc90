import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../core/test/support/test-app.ts';
import { launchChromium } from './browser.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const SCREENSHOTS = path.join(REPO, 'test-results', 'screenshots');
const ADMIN_TOKEN = 'browser-test-admin-token-0123456789abcdef';

async function listen(qusto: TestApp): Promise<string> {
  await qusto.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = qusto.app.server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

describe('shell with plugin remotes, in Chromium', () => {
  let browser: Browser;
  let brokenPluginDir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
    // A copy of the goals plugin whose built UI is missing, inside the repo so @qusto/sdk resolves.
    await mkdir(path.join(REPO, 'test-results'), { recursive: true });
    brokenPluginDir = await mkdtemp(path.join(REPO, 'test-results', 'goals-without-ui-'));
    for (const entry of ['package.json', 'server', 'migrations']) {
      await cp(path.join(REPO, 'plugins/goals', entry), path.join(brokenPluginDir, entry), { recursive: true });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await rm(brokenPluginDir, { recursive: true, force: true });
  });

  it('renders the goals plugin panel into the dashboard slot, sharing one React', async () => {
    const qusto = await startTestApp({ QUSTO_PLUGINS: path.join(REPO, 'plugins/goals'), ADMIN_TOKEN: ADMIN_TOKEN });
    try {
      await qusto.container.cradle.sites.create({ domain: 'panel.example' });
      const base = await listen(qusto);
      const page = await browser.newPage();
      // The goals route needs read access to the site's stats; the admin token gives it.
      await page.setExtraHTTPHeaders({ authorization: `Bearer ${ADMIN_TOKEN}` });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${base}/panel.example`);
      const panel = page.getByTestId('goals-panel');
      await panel.waitFor({ timeout: 20_000 });
      await expect(panel.textContent()).resolves.toContain('Goal conversions');
      await page.getByText('No goals yet').waitFor({ timeout: 10_000 });
      await expect(page.getByRole('heading', { name: 'panel.example' }).count()).resolves.toBeGreaterThan(0);
      const reactCopies = await page.evaluate(() => {
        const share = (globalThis as { __FEDERATION__?: { __SHARE__?: Record<string, Record<string, Record<string, Record<string, unknown>>>> } }).__FEDERATION__?.__SHARE__ ?? {};
        return Object.values(share).flatMap((scopes) => Object.values(scopes).flatMap((scope) => Object.keys(scope.react ?? {})));
      });
      expect(new Set(reactCopies).size).toBe(1);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-with-goals-panel.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await qusto.dispose();
    }
  });

  it('shows an inline error when a remote cannot load, and the rest of the shell keeps working', async () => {
    const qusto = await startTestApp({ QUSTO_PLUGINS: brokenPluginDir });
    try {
      await qusto.container.cradle.sites.create({ domain: 'broken.example' });
      const base = await listen(qusto);
      const manifest = await fetch(`${base}/plugins/goals/ui/mf-manifest.json`);
      expect(manifest.status).toBe(404);

      const page = await browser.newPage();
      await page.goto(`${base}/broken.example`);
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 20_000 });
      await expect(alert.textContent()).resolves.toMatch(/goals/i);
      await expect(page.getByRole('heading', { name: 'broken.example' }).count()).resolves.toBeGreaterThan(0);
      await expect(page.getByRole('button', { name: /retry/i }).count()).resolves.toBeGreaterThan(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-with-broken-remote.png'), fullPage: true });
      await page.close();
    } finally {
      await qusto.dispose();
    }
  });
});
