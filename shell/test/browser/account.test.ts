import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, lastMailTo, linkToken, PASSWORD, sessionFor } from '../../../core/test/auth/support/accounts.ts';
import { startTestApp, type TestApp } from '../../../core/test/support/test-app.ts';
import { launchChromium } from './browser.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

/** A TOTP code `steps` 30-second steps ahead (each step is accepted once, so a later sign-in needs a later one). */
const totp = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

/** The log mailer keeps recent mail; the app sends it in the background, so wait for it. */
async function mailTo(qusto: TestApp, to: string, subject: RegExp): Promise<{ subject: string; text: string }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const mail = lastMailTo(qusto, to);
      if (subject.test(mail.subject)) return mail;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Light and dark, at the page's current size. */
async function shoot(page: Page, name: string) {
  // From the top, or the sticky top bar lands mid-page in a full-page capture.
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(scheme === 'dark');
    await page.screenshot({ path: path.join(SCREENSHOTS, `account-${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Desktop and 375 px wide (phone), each light and dark. */
async function shootSizes(page: Page, name: string) {
  const size = page.viewportSize();
  await shoot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 375, height: 812 });
  await shoot(page, `${name}-mobile`);
  if (size) await page.setViewportSize(size);
}

describe('account pages in the browser', () => {
  let browser: Browser;
  let qusto: TestApp;
  let base = '';
  const owner = 'owner@account.example';
  let teamId = '';

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    qusto = await startTestApp();
    const user = await createUser(qusto, owner, { admin: true });
    teamId = (await qusto.container.cradle.teams.teamsOf(user.id))[0]!.id;
    await qusto.container.cradle.sites.create({ domain: 'account-site.example', teamId });
    await qusto.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(qusto.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await qusto?.dispose();
  });

  async function newPage(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors, close: () => context.close() };
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('forgot password: asks for the email, the mailed link sets a new password, which signs in', async () => {
    const user = 'forgetful@account.example';
    await createUser(qusto, user);
    const { page, errors, close } = await newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email').fill(user);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    // The test instance has no SMTP: the page says the link went to the server log.
    await page.getByRole('heading', { name: 'Reset link requested' }).waitFor();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(`If an account uses ${user}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'account-forgot-password-sent.png') });

    const token = linkToken((await mailTo(qusto, user, /Reset your Qusto password/)).text, '/password-reset?token=');
    await page.goto(`${base}/password-reset?token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('a fresh reset passphrase 7');
    await page.getByLabel('Repeat the new password').fill('a fresh reset passphrase 7');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'account-reset-password.png') });
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/login`);

    await page.getByLabel('Email').fill(user);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong email or password');
    await page.getByLabel('Password').fill('a fresh reset passphrase 7');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My sites' }).waitFor();

    // The link works once.
    await page.goto(`${base}/password-reset?token=${encodeURIComponent(token)}`);
    await page.getByLabel('New password', { exact: true }).fill('yet another passphrase 8');
    await page.getByLabel('Repeat the new password').fill('yet another passphrase 8');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('invalid, used or expired');
    expect(errors).toEqual([]);
    await close();
  });

  it('signed out, /account asks to sign in and comes back', async () => {
    const { page, close } = await newPage();
    await page.goto(`${base}/account/sessions`);
    await page.waitForURL(`${base}/login?next=%2Faccount%2Fsessions`);
    await page.getByLabel('Email').fill(owner);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/account/sessions`);
    await page.getByRole('heading', { name: 'Signed-in devices' }).waitFor();
    await close();
  });

  it('account menu, password change, two-factor set-up and sign-in with a code', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, owner, PASSWORD);
    await page.getByRole('heading', { name: 'My sites' }).waitFor();

    // The menu by keyboard: Enter opens, arrows move, Escape closes.
    const menuButton = page.getByRole('button', { name: `Account: ${owner}` });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Account settings');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Sign out');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'account-menu-open.png') });
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await page.keyboard.press(' ');
    await menu.waitFor();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/account`);
    await page.getByRole('heading', { name: 'Account settings' }).waitFor();
    await page.getByLabel('Name', { exact: true }).waitFor();
    await shootSizes(page, 'profile');

    // Password.
    await page.getByRole('navigation', { name: 'Account settings' }).getByRole('link', { name: 'Security' }).click();
    await page.waitForURL(`${base}/account/security`);
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill('the owner’s new passphrase 9');
    await page.getByLabel('Repeat the new password').fill('the owner’s new passphrase 9');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();

    // Two-factor set-up.
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.getByTestId('totp-qr').waitFor();
    await expect.poll(() => page.getByTestId('totp-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shootSizes(page, '2fa-setup');
    await page.getByLabel(/Enter the 6-digit code/).fill('000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('That code is not right');
    await page.getByLabel(/Enter the 6-digit code/).fill(await totp(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    const shown = await codes.getByRole('listitem').allTextContents();
    expect(shown).toHaveLength(10);
    expect(shown.every((code) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(code))).toBe(true);
    await shootSizes(page, '2fa-recovery-codes');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .txt' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^qusto-recovery-codes-127\.0\.0\.1-\d+\.txt$/);
    const file = await readFile((await download.path())!, 'utf8');
    for (const code of shown) expect(file).toContain(code);
    const done = page.getByRole('button', { name: 'Done' });
    expect(await done.isDisabled()).toBe(true);
    await page.getByLabel('I saved my recovery codes somewhere safe').check();
    await done.click();
    await expect(page.getByTestId('two-factor-status').textContent()).resolves.toContain('10 of 10 recovery codes left');

    // Sign out through the menu, then in again: password, then the code step.
    await menuButton.click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/login`);
    await page.getByLabel('Email').fill(owner);
    await page.getByLabel('Password').fill('the owner’s new passphrase 9');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    await page.getByLabel('Code').fill(await totp(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'My sites' }).waitFor();
    await menuButton.waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('API keys: the new key is shown once, works as a Bearer token, and stops working when revoked', async () => {
    const user = 'keys@account.example';
    const created = await createUser(qusto, user);
    const keysTeam = (await qusto.container.cradle.teams.teamsOf(created.id))[0]!.id;
    await qusto.container.cradle.sites.create({ domain: 'keys-site.example', teamId: keysTeam });
    const { page, errors, close } = await newPage();
    await signIn(page, user, PASSWORD);
    await page.getByRole('heading', { name: 'My sites' }).waitFor();
    await page.goto(`${base}/account/api-keys`);
    await page.getByText('No API keys yet.').waitFor();
    await page.getByLabel('Key name').fill('Nightly export');
    expect(await page.getByRole('checkbox', { name: /List sites/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent())!.trim();
    expect(key).toMatch(/^qk_/);
    await shootSizes(page, 'api-key-created');

    const sites = await fetch(`${base}/api/v1/sites`, { headers: { authorization: `Bearer ${key}` } });
    expect(sites.status).toBe(200);
    expect((await sites.json()) as unknown).toMatchObject({ sites: [{ domain: 'keys-site.example' }] });

    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('new-api-key').count()).resolves.toBe(0);
    // Reloaded, the list shows the key's prefix only.
    await page.reload();
    const row = page.getByTestId('api-key');
    await row.waitFor();
    expect(await row.textContent()).not.toContain(key);
    await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke API key' });
    await dialog.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'account-api-key-revoke.png') });
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('No API keys yet.').waitFor();
    const refused = await fetch(`${base}/api/v1/sites`, { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(401);
    expect(errors).toEqual([]);
    await close();
  });

  it('sessions: lists this device and another, and signs the other out', async () => {
    const user = 'sessions@account.example';
    const created = await createUser(qusto, user);
    const other = await qusto.container.cradle.loginSessions.create(created.id, { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', ip: '203.0.113.9' });
    const asOther = () => fetch(`${base}/api/me`, { headers: { cookie: `qusto_session=${other.token}` } });
    expect((await asOther()).status).toBe(200);

    const { page, errors, close } = await newPage();
    await signIn(page, user, PASSWORD);
    await page.getByRole('heading', { name: 'My sites' }).waitFor();
    await page.goto(`${base}/account/sessions`);
    const rows = page.getByTestId('session');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('This device');
    expect(await rows.nth(1).textContent()).toContain('Safari on iPhone');
    await shootSizes(page, 'sessions');
    await page.getByRole('button', { name: 'Sign out Safari on iPhone (203.0.113.9)' }).click();
    await page.getByRole('dialog', { name: 'Sign out this session' }).getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect((await asOther()).status).toBe(401);
    // This browser is still signed in.
    await page.reload();
    await expect.poll(() => rows.count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it('email change: asked in the profile, confirmed from the mailed link', async () => {
    const user = 'mover@account.example';
    await createUser(qusto, user);
    const { page, errors, close } = await newPage();
    await signIn(page, user, PASSWORD);
    await page.getByRole('heading', { name: 'My sites' }).waitFor();
    await page.goto(`${base}/account`);
    await page.getByLabel('New email address').fill('moved@account.example');
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Send confirmation link' }).click();
    await page.getByText(/open the link we sent within 24 hours/).waitFor();
    const token = linkToken((await mailTo(qusto, 'moved@account.example', /Confirm your new address/)).text, '/email-change?token=');
    await page.goto(`${base}/email-change?token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Email address confirmed' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'account-email-confirmed.png') });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill('moved@account.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My sites' }).waitFor();
    // A second open of the link explains that it is used.
    await page.goto(`${base}/email-change?token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('an invitation: shown to a newcomer, accepted by creating the account, then the team’s sites', async () => {
    const inviter = await sessionFor(qusto, owner);
    const invited = await inviter.post(`/api/teams/${teamId}/invitations`, { email: 'newcomer@account.example', role: 'viewer' });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = linkToken(invited.json().url, '/invitations/');

    const { page, errors, close } = await newPage();
    await page.goto(`${base}/invitations/unknown-token`);
    await page.getByRole('heading', { name: 'This invitation is not valid' }).waitFor();

    await page.goto(`${base}/invitations/${token}`);
    await page.getByRole('heading', { name: 'You are invited' }).waitFor();
    await expect(page.getByTestId('invitation-target').textContent()).resolves.toBe('My sites');
    await page.getByText('Viewer', { exact: true }).waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('newcomer@account.example');
    await shootSizes(page, 'invitation');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account and accept' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('at least 10 characters');
    await page.getByLabel('Password').fill('the newcomer’s passphrase 5');
    await page.getByRole('button', { name: 'Create account and accept' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('heading', { name: 'My sites' }).waitFor();
    await expect(page.getByTestId('sites-list').textContent()).resolves.toContain('account-site.example');
    await page.getByRole('button', { name: 'Account: newcomer@account.example' }).waitFor();

    // Used up: the link now says so.
    await page.goto(`${base}/invitations/${token}`);
    await page.getByRole('heading', { name: 'This invitation is not valid' }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('an invitation for someone with an account: sign in, come back, accept, open the site', async () => {
    await createUser(qusto, 'guest@account.example');
    const inviter = await sessionFor(qusto, owner);
    const invited = await inviter.post('/api/sites/account-site.example/guests', { email: 'guest@account.example', role: 'viewer' });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = linkToken(invited.json().url, '/invitations/');

    const { page, errors, close } = await newPage();
    await page.goto(`${base}/invitations/${token}`);
    await expect(page.getByTestId('invitation-target').textContent()).resolves.toBe('account-site.example');
    await page.getByRole('link', { name: 'Sign in to accept' }).click();
    await page.getByLabel('Email').fill('guest@account.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/invitations/${token}`);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.waitForURL(`${base}/account-site.example`);
    expect(errors).toEqual([]);
    await close();
  });
});
