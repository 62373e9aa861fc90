import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QustoUiContext } from '@qusto/sdk/ui';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountMenu } from '../../components/AccountMenu.tsx';
import Account from './Account.tsx';
import { fakeApi, type FakeApi } from './fake-api.ts';
import type { Me } from './model.ts';

const ME: Me = {
  user: { id: '1', email: 'ada@example.com', name: 'Ada', isAdmin: false, twoFactorEnabled: false, mustEnable2fa: false },
  teams: [{ id: '7', name: 'Ada’s sites', role: 'owner', require2fa: false }],
};

function renderWith(api: FakeApi, node: ReactNode) {
  return render(<QustoUiContext.Provider value={{ api: api.api, shellVersion: 'test' }}>{node}</QustoUiContext.Provider>);
}

beforeEach(() => {
  window.history.replaceState(null, '', '/account');
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('<AccountMenu>', () => {
  it('offers "Sign in" (back to this page) when signed out', async () => {
    window.history.replaceState(null, '', '/example.com');
    const api = fakeApi({ 'GET /api/auth/status': () => ({ signedIn: false }) });
    renderWith(api, <AccountMenu />);
    const link = await screen.findByRole('link', { name: 'Sign in' });
    expect(link.getAttribute('href')).toBe('/login?next=%2Fexample.com');
  });

  it('opens a menu from a button with the user’s email; arrows move, Escape closes', async () => {
    const api = fakeApi({
      'GET /api/auth/status': () => ({ signedIn: true }),
      'GET /api/me': () => ME,
      'POST /api/auth/logout': () => ({ status: 204 }),
    });
    renderWith(api, <AccountMenu />);
    const button = await screen.findByRole('button', { name: 'Account: ada@example.com' });
    expect(button.textContent).toContain('A');
    expect(button.getAttribute('aria-expanded')).toBe('false');

    fireEvent.keyDown(button, { key: 'ArrowDown' });
    const menu = await screen.findByRole('menu');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Account settings', 'Sign out']);
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    fireEvent.keyDown(items[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(items[1]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0]!, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    fireEvent.click(button);
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Account settings' }));
    expect(window.location.pathname).toBe('/account');

    fireEvent.click(button);
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(api.requests.some((r) => r.method === 'POST' && r.path === '/api/auth/logout')).toBe(true);
  });

  it('shows "Sign in" when the cookie’s session has ended', async () => {
    window.history.replaceState(null, '', '/');
    const api = fakeApi({ 'GET /api/auth/status': () => ({ signedIn: true }), 'GET /api/me': () => ({ status: 401, body: { error: 'Sign in first' } }) });
    renderWith(api, <AccountMenu />);
    expect(await screen.findByRole('link', { name: 'Sign in' })).toBeTruthy();
  });
});

describe('<Account>', () => {
  it('sends a signed-out visitor to sign in, and back here afterwards', async () => {
    window.history.replaceState(null, '', '/account/security');
    const api = fakeApi({ 'GET /api/me': () => ({ status: 401, body: { error: 'Sign in first' } }) });
    renderWith(api, <Account section="security" />);
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/account/security');
  });

  it('shows "page not found" for an unknown section', async () => {
    window.history.replaceState(null, '', '/account/nope');
    renderWith(fakeApi({ 'GET /api/me': () => ME }), <Account section="nope" />);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('marks the open section in the side nav and saves the name', async () => {
    const api = fakeApi({
      'GET /api/me': () => ME,
      'GET /api/auth/status': () => ({ signedIn: true, mail: 'smtp' }),
      'PUT /api/me': (body) => ({ user: { ...ME.user, name: (body as { name: string }).name } }),
    });
    renderWith(api, <Account section={null} />);
    const nav = await screen.findByRole('navigation', { name: 'Account settings' });
    expect(within(nav).getByRole('link', { name: 'Profile' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'API keys' }).getAttribute('href')).toBe('/account/api-keys');
    const name = await screen.findByLabelText('Name');
    fireEvent.change(name, { target: { value: 'Ada Lovelace ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(api.requests.find((r) => r.method === 'PUT')?.body).toEqual({ name: 'Ada Lovelace' });
  });

  it('asks for an email change by mail, with the password', async () => {
    const api = fakeApi({
      'GET /api/me': () => ME,
      'GET /api/auth/status': () => ({ signedIn: true, mail: 'log' }),
      'POST /api/me/email': (body) =>
        (body as { password: string }).password === 'right one' ? { status: 202, body: { message: 'ok' } } : { status: 401, body: { error: 'Your current password is not right' } },
    });
    renderWith(api, <Account section="profile" />);
    fireEvent.change(await screen.findByLabelText('New email address'), { target: { value: 'ada@new.example' } });
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send confirmation link' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Your current password is not right');
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'right one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send confirmation link' }));
    const done = await screen.findByText(/open the link we sent within 24 hours/);
    expect(done.textContent).toContain('ada@new.example');
    expect(done.textContent).toContain('server log');
  });
});

describe('two-factor set-up', () => {
  function twoFactorApi() {
    let enabled = false;
    return fakeApi({
      'GET /api/me': () => ME,
      'GET /api/me/2fa': () => ({ enabled, recoveryCodesLeft: enabled ? 10 : 0, requiredByTeam: false }),
      'POST /api/me/2fa/setup': () => ({ secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/Qusto:ada?secret=JBSWY3DPEHPK3PXP', qrCode: 'data:image/png;base64,AAAA' }),
      'POST /api/me/2fa/enable': (body) => {
        if ((body as { code: string }).code !== '123456') return { status: 400, body: { error: 'That code is not right; check the time on your device and try again' } };
        enabled = true;
        return { recoveryCodes: Array.from({ length: 10 }, (_, i) => `abcdefghj${i}`) };
      },
      'POST /api/me/2fa/disable': (body) => ((body as { password: string }).password === 'pw' ? { status: 204 } : { status: 401, body: { error: 'Your current password is not right' } }),
    });
  }

  it('shows the QR code and key, takes a code, then the recovery codes until they are saved', async () => {
    const api = twoFactorApi();
    renderWith(api, <Account section="security" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Set up two-factor authentication' }));
    const qr = await screen.findByTestId('totp-qr');
    expect(qr.getAttribute('src')).toBe('data:image/png;base64,AAAA');
    expect(screen.getByTestId('totp-secret').textContent).toBe('JBSW Y3DP EHPK 3PXP');

    const code = screen.getByLabelText(/Enter the 6-digit code/);
    fireEvent.change(code, { target: { value: '000 000' } });
    expect((code as HTMLInputElement).value).toBe('000000');
    fireEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect((await screen.findByRole('alert')).textContent).toContain('That code is not right');

    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    const codes = await screen.findByTestId('recovery-codes');
    expect(within(codes).getAllByRole('listitem')).toHaveLength(10);
    expect(codes.textContent).toContain('abcde-fghj0');
    expect(screen.getByRole('button', { name: 'Download .txt' })).toBeTruthy();
    const done = screen.getByRole('button', { name: 'Done' }) as HTMLButtonElement;
    expect(done.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('I saved my recovery codes somewhere safe'));
    expect(done.disabled).toBe(false);
    fireEvent.click(done);
    expect((await screen.findByTestId('two-factor-status')).textContent).toContain('10 of 10 recovery codes left');
  });

  it('turns it off only with the password', async () => {
    const api = twoFactorApi();
    api.routes.set('GET /api/me/2fa', () => ({ enabled: true, recoveryCodesLeft: 2, requiredByTeam: false }));
    renderWith(api, <Account section="security" />);
    expect((await screen.findByTestId('two-factor-status')).textContent).toContain('2 of 10 recovery codes left: make new ones soon');
    fireEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off two-factor authentication' });
    fireEvent.change(within(dialog).getByLabelText('Your password'), { target: { value: 'nope' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('not right');
    fireEvent.change(within(dialog).getByLabelText('Your password'), { target: { value: 'pw' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('two-factor-status').textContent).toContain('Off');
  });
});

describe('API keys', () => {
  it('creates a key with the chosen scopes, shows it once, and revokes after confirmation', async () => {
    const keys: unknown[] = [];
    const api = fakeApi({
      'GET /api/me': () => ({ ...ME, teams: [...ME.teams, { id: '9', name: 'Agency', role: 'viewer', require2fa: false }] }),
      'GET /api/me/api-keys': () => ({ apiKeys: keys }),
      'POST /api/me/api-keys': (body) => {
        const { name, teamId, scopes } = body as { name: string; teamId: string; scopes: string[] };
        const apiKey = { id: '3', teamId, name, prefix: 'qk_abcdef', scopes, lastUsedAt: null, createdAt: new Date().toISOString() };
        return { status: 201, body: { key: 'qk_abcdefSECRET', apiKey } };
      },
      'DELETE /api/me/api-keys/3': () => ({ status: 204 }),
    });
    renderWith(api, <Account section="api-keys" />);
    expect(await screen.findByText('No API keys yet.')).toBeTruthy();

    // A viewer cannot provision sites: the scope is offered but disabled.
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: '9' } });
    const provision = screen.getByRole('checkbox', { name: /Manage sites/ }) as HTMLInputElement;
    expect(provision.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: '7' } });
    expect(provision.disabled).toBe(false);
    fireEvent.click(provision);

    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Give the key a name');
    fireEvent.change(screen.getByLabelText('Key name'), { target: { value: 'Provisioner' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect((await screen.findByTestId('new-api-key')).textContent).toBe('qk_abcdefSECRET');
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ name: 'Provisioner', teamId: '7', scopes: ['stats:read', 'sites:read', 'sites:provision'] });
    const row = screen.getByTestId('api-key');
    expect(row.textContent).toContain('Provisioner');
    expect(row.textContent).not.toContain('SECRET');

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('new-api-key')).toBeNull();
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke Provisioner' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke API key' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(screen.queryByTestId('api-key')).toBeNull());
    expect(api.requests.some((r) => r.method === 'DELETE' && r.path === '/api/me/api-keys/3')).toBe(true);
  });
});

describe('sessions', () => {
  it('lists devices with this one first and signs out another', async () => {
    const sessions = [
      { id: '1', userAgent: 'curl/8.5.0', ip: '10.0.0.2', createdAt: '2026-01-01T00:00:00Z', lastSeenAt: '2026-01-02T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z', current: false },
      { id: '2', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', ip: '127.0.0.1', createdAt: '2026-01-01T00:00:00Z', lastSeenAt: '2026-01-01T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z', current: true },
    ];
    const api = fakeApi({ 'GET /api/me': () => ME, 'GET /api/me/sessions': () => ({ sessions }), 'DELETE /api/me/sessions/1': () => ({ status: 204 }) });
    renderWith(api, <Account section="sessions" />);
    const rows = await screen.findAllByTestId('session');
    expect(rows[0]!.textContent).toContain('Firefox on Linux');
    expect(rows[0]!.textContent).toContain('This device');
    expect(rows[1]!.textContent).toContain('curl');
    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Sign out curl (10.0.0.2)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out this session' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.getAllByTestId('session')).toHaveLength(1));
  });
});
