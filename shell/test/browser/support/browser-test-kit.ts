/** Small helpers the dashboard browser tests share: screenshots, waiting for figures, errors. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestApp } from '../../../../core/test/support/test-app.ts';

export const REPO = path.resolve(import.meta.dirname, '../../../..');
export const SCREENSHOTS = path.join(REPO, 'test-results', 'screenshots');

export interface QueryAnswer {
  results: Array<{ dimensions: unknown[]; metrics: Array<number | null>; comparison?: { change: Array<number | null> } }>;
  meta: Record<string, unknown>;
}

/** Stats API v2 for one site with a Bearer token: what the numbers on screen must equal. */
export function statsApi(qusto: () => TestApp, token: string, domain: string): (body: Record<string, unknown>) => Promise<QueryAnswer> {
  return async (body) => {
    const response = await qusto().app.inject({
      method: 'POST',
      url: '/api/v2/query',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ site_id: domain, ...body }),
    });
    if (response.statusCode !== 200) throw new Error(`query failed: ${response.statusCode} ${response.body}`);
    return response.json() as QueryAnswer;
  };
}

/** A page that records dialogs and uncaught errors (both must stay empty). */
export async function openPage(browser: Browser, options: { width?: number; height?: number; theme?: 'light' | 'dark'; headers?: Record<string, string> } = {}) {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, colorScheme: options.theme ?? 'light' });
  if (options.headers) await page.setExtraHTTPHeaders(options.headers);
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, dialogs, errors };
}

export const topStatsOnScreen = async (page: Page, metrics: string[]) =>
  Object.fromEntries(await Promise.all(metrics.map(async (m) => [m, (await page.getByTestId(`stat-${m}`).textContent())?.trim()] as const)));

/** Waits until the top stats show `wanted` (they update after a view change). */
export async function waitForStats(page: Page, wanted: Record<string, string>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let seen: Record<string, string | undefined> = {};
  while (Date.now() < deadline) {
    seen = await topStatsOnScreen(page, Object.keys(wanted)).catch(() => ({}));
    if (JSON.stringify(seen) === JSON.stringify(wanted)) return;
    await page.waitForTimeout(100);
  }
  expect(seen).toEqual(wanted);
}

/** A full-page screenshot from the top. */
export async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** Screenshots in light and dark, desktop and 375 px, checking nothing sticks out sideways. */
export async function shotAllLooks(page: Page, name: string, ready: () => Promise<void>) {
  for (const [width, height] of [
    [1280, 900],
    [375, 812],
  ] as const) {
    for (const theme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: theme });
      await page.evaluate((t) => window.localStorage.setItem('qusto:theme', t), theme);
      await page.reload();
      await ready();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(page, `${name}-${theme}-${width}.png`);
    }
  }
  await page.evaluate(() => window.localStorage.removeItem('qusto:theme'));
}
