import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QustoUiContext } from '@qusto/sdk/ui';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, type FakeApi } from '../account/fake-api.ts';
import AcceptInvitation from './AcceptInvitation.tsx';
import EmailChange from './EmailChange.tsx';
import PasswordReset from './PasswordReset.tsx';

function renderAt(url: string, api: FakeApi, node: ReactNode) {
  window.history.replaceState(null, '', url);
  return render(<QustoUiContext.Provider value={{ api: api.api, shellVersion: 'test' }}>{node}</QustoUiContext.Provider>);
}

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('password reset', () => {
  it('asks for the email and answers the same whether or not an account exists', async () => {
    const api = fakeApi({
      'GET /api/auth/status': () => ({ signedIn: false, mail: 'smtp' }),
      'POST /api/auth/password-reset': () => ({ status: 202, body: { message: 'If an account uses this address, a reset link is on its way' } }),
    });
    renderAt('/password-reset', api, <PasswordReset />);
    expect(screen.getByRole('heading', { name: 'Forgot your password?' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'nobody@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByRole('heading', { name: 'Check your inbox' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/If an account uses nobody@example.com, we sent it a link/);
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ email: 'nobody@example.com' });
  });

  it('with a token: checks the two entries, then sets the password and leads to sign in', async () => {
    const api = fakeApi({ 'POST /api/auth/password-reset/confirm': () => ({ message: 'Your password is changed; sign in with it' }) });
    renderAt('/password-reset?token=abc', api, <PasswordReset />);
    expect(screen.getByRole('heading', { name: 'Choose a new password' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a brand new passphrase' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'a brand new passphrasf' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not the same/);
    expect(api.requests).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'a brand new passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('heading', { name: 'Password changed' })).toBeTruthy();
    expect(api.requests[0]?.body).toEqual({ token: 'abc', password: 'a brand new passphrase' });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(window.location.pathname).toBe('/login');
  });

  it('explains a used or expired link and offers a new one', async () => {
    const api = fakeApi({ 'POST /api/auth/password-reset/confirm': () => ({ status: 400, body: { error: 'This reset link is invalid, used or expired: ask for a new one' } }) });
    renderAt('/password-reset?token=old', api, <PasswordReset />);
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a brand new passphrase' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'a brand new passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('invalid, used or expired');
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/password-reset');
  });
});

describe('email change', () => {
  it('confirms the token once and says which address now signs in', async () => {
    const api = fakeApi({ 'POST /api/auth/email-change/confirm': () => ({ email: 'ada@new.example', message: 'Your address is changed; sign in again' }) });
    renderAt('/email-change?token=t1', api, <EmailChange />);
    expect(await screen.findByRole('heading', { name: 'Email address confirmed' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('ada@new.example');
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('explains an expired or used link', async () => {
    const api = fakeApi({ 'POST /api/auth/email-change/confirm': () => ({ status: 400, body: { error: 'This confirmation link is invalid, used or expired' } }) });
    renderAt('/email-change?token=t2', api, <EmailChange />);
    expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('invalid, used or expired');
    expect(screen.getByRole('link', { name: 'account settings' }).getAttribute('href')).toBe('/account');
  });
});

describe('invitations', () => {
  const preview = {
    id: '5',
    teamId: '7',
    siteId: '3',
    email: 'guest@example.com',
    role: 'viewer',
    expiresAt: '2026-07-01T00:00:00Z',
    createdAt: '2026-06-24T00:00:00Z',
    teamName: 'Acme',
    siteDomain: 'acme.example',
    accountExists: false,
  };

  it('says when an invitation is unknown or expired', async () => {
    const api = fakeApi({ 'GET /api/invitations/tok': () => ({ status: 404, body: { error: 'This invitation does not exist or has expired; ask for a new one' } }) });
    renderAt('/invitations/tok', api, <AcceptInvitation token="tok" />);
    expect(await screen.findByRole('heading', { name: 'This invitation is not valid' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('does not exist or has expired');
  });

  it('signed out, without an account: creates one with the invitation, then opens the site', async () => {
    const api = fakeApi({
      'GET /api/invitations/tok': () => preview,
      'GET /api/auth/status': () => ({ signedIn: false }),
      'POST /api/auth/register': () => ({ status: 201, body: { user: { email: 'guest@example.com' } } }),
    });
    renderAt('/invitations/tok', api, <AcceptInvitation token="tok" />);
    expect((await screen.findByTestId('invitation-target')).textContent).toBe('acme.example');
    expect(screen.getByText('Guest viewer')).toBeTruthy();
    expect((screen.getByLabelText('Email') as HTMLInputElement).readOnly).toBe(true);
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login?next=%2Finvitations%2Ftok');
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a long guest passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account and accept' }));
    await waitFor(() => expect(window.location.pathname).toBe('/acme.example'));
    expect(api.requests.find((r) => r.path === '/api/auth/register')?.body).toEqual({ email: 'guest@example.com', password: 'a long guest passphrase', invitation: 'tok' });
  });

  it('signed out, with an account: leads to sign in and back', async () => {
    const api = fakeApi({ 'GET /api/invitations/tok': () => ({ ...preview, accountExists: true }), 'GET /api/auth/status': () => ({ signedIn: false }) });
    renderAt('/invitations/tok', api, <AcceptInvitation token="tok" />);
    expect((await screen.findByRole('link', { name: 'Sign in to accept' })).getAttribute('href')).toBe('/login?next=%2Finvitations%2Ftok');
  });

  it('signed in as someone else: says so and offers to sign out', async () => {
    const api = fakeApi({
      'GET /api/invitations/tok': () => ({ ...preview, accountExists: true }),
      'GET /api/auth/status': () => ({ signedIn: true }),
      'GET /api/me': () => ({ user: { email: 'other@example.com' }, teams: [] }),
    });
    renderAt('/invitations/tok', api, <AcceptInvitation token="tok" />);
    expect((await screen.findByText(/You are signed in as/)).textContent).toMatch(/signed in as other@example.com, but this invitation is for guest@example.com/);
    expect(screen.getByRole('button', { name: 'Sign out and continue' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull();
  });

  it('signed in as the invited address: accepts a team invitation and opens the sites list', async () => {
    const api = fakeApi({
      'GET /api/invitations/tok': () => ({ ...preview, siteId: null, siteDomain: null, role: 'editor', accountExists: true }),
      'GET /api/auth/status': () => ({ signedIn: true }),
      'GET /api/me': () => ({ user: { email: 'Guest@example.com' }, teams: [] }),
      'POST /api/invitations/tok/accept': () => ({ invitation: preview }),
    });
    renderAt('/invitations/tok', api, <AcceptInvitation token="tok" />);
    expect((await screen.findByTestId('invitation-target')).textContent).toBe('Acme');
    expect(screen.getByText('Editor')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    await waitFor(() => expect(window.location.pathname).toBe('/'));
  });
});
