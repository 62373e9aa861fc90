import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../core/test/support/test-app.ts';
import { launchChromium } from './browser.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

describe('first run: create the admin account, then see the site', () => {
  let browser: Browser;
  let qusto: TestApp;
  let base = '';

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    qusto = await startTestApp();
    // A site made before any account exists (as `qusto create-site` does on a fresh install).
    await qusto.container.cradle.sites.create({ domain: 'first-run.example' });
    await qusto.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(qusto.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await qusto?.dispose();
  });

  it('asks to sign in on a dashboard, registers the first user, and lands back on the dashboard', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/first-run.example`);
    await page.getByRole('heading', { name: 'Sign in to see this site’s stats' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Set up Qusto' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'first-run-register.png') });

    await page.getByLabel('Email').fill('admin@first-run.example');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/password/i);

    await page.getByLabel('Password').fill('a long and unusual passphrase 42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${base}/first-run.example`);
    await page.getByTestId('empty-site').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Account: admin@first-run.example' }).click();
    await expect(page.getByRole('menuitem', { name: 'Sign out' }).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the signed-in user’s sites with their last 24 hours, and adds a site', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill('admin@first-run.example');
    await page.getByLabel('Password').fill('a long and unusual passphrase 42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My sites' }).waitFor();
    await expect(page.getByTestId('sites-list').textContent()).resolves.toContain('first-run.example');
    await page.getByText('visitors in the last 24 hours').first().waitFor();
    await page.getByLabel('Domain').fill('second-site.example');
    await page.getByRole('button', { name: 'Add site' }).click();
    await page.waitForURL(`${base}/second-site.example`);
    await page.getByTestId('empty-site').waitFor({ timeout: 20_000 });
    await page.goto(`${base}/`);
    await expect(page.getByTestId('sites-list').textContent()).resolves.toContain('second-site.example');
    await expect.poll(() => page.getByText('– visitors').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sites-list.png') });
    await page.close();
  });

  it('signs in with the account and refuses a wrong password with a clear message', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login?next=/first-run.example`);
    await page.getByLabel('Email').fill('admin@first-run.example');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sign-in-error.png') });
    await page.getByLabel('Password').fill('a long and unusual passphrase 42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/first-run.example`);
    await page.getByTestId('empty-site').waitFor({ timeout: 20_000 });
    await page.close();
  });
});
