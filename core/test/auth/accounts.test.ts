import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { metadataBackends } from '../support/test-stores.ts';
import { lastMailTo, linkToken, PASSWORD, signIn, signUp } from './support/accounts.ts';
import { ORIGIN, TestClient } from './support/http-client.ts';

describe.each(metadataBackends())('accounts on %s', (backend) => {
  let qusto: TestApp;

  beforeAll(async () => {
    qusto = await startTestApp({}, { backend });
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('lets the first user register, makes them instance admin, and adopts sites made before accounts', async () => {
    const legacy = await qusto.container.cradle.sites.create({ domain: 'legacy.example' });
    const status = await new TestClient(qusto.app).get('/api/auth/status');
    expect(status.json()).toMatchObject({ firstUser: true, registration: 'invite_only', signedIn: false });

    const admin = await signUp(qusto, 'Admin@Example.com', { name: 'Ada' });
    const me = await admin.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ email: 'admin@example.com', name: 'Ada', isAdmin: true, twoFactorEnabled: false });
    expect(me.json().teams).toEqual([expect.objectContaining({ role: 'owner', name: "Ada's sites" })]);
    const adopted = await qusto.container.cradle.sites.findRecordById(legacy.id);
    expect(adopted?.teamId).toBe(me.json().teams[0].id);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie (not Secure on http)', async () => {
    const client = new TestClient(qusto.app);
    const response = await client.post('/api/auth/login', { email: 'admin@example.com', password: PASSWORD });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/qusto_session=[\w-]{40,}/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
  });

  it('refuses sign-up on an invite-only instance without an invitation', async () => {
    const response = await new TestClient(qusto.app).post('/api/auth/register', { email: 'stranger@example.com', password: PASSWORD });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatch(/invitation/);
  });

  it('enforces the password policy: length and common passwords, with a 400 that says why', async () => {
    const admin = await signIn(qusto, 'admin@example.com');
    for (const [password, message] of [
      ['short', /at least 10/],
      ['password123', /too common/],
      ['qwertyuiop', /too common/],
    ] as const) {
      const response = await admin.post('/api/admin/users', { email: 'weak@example.com', password });
      expect(response.statusCode, password).toBe(400);
      expect(response.json().error).toMatch(message);
    }
  });

  it('answers a wrong password and an unknown account identically, in similar time', async () => {
    const client = new TestClient(qusto.app);
    const time = async (email: string) => {
      const started = performance.now();
      const response = await client.post('/api/auth/login', { email, password: 'not the right password' });
      return { ms: performance.now() - started, status: response.statusCode, body: response.body };
    };
    await time('warmup@example.com');
    const known = [await time('admin@example.com'), await time('admin@example.com'), await time('admin@example.com')];
    const unknown = [await time('nobody@example.com'), await time('nobody2@example.com'), await time('nobody3@example.com')];
    expect(new Set([...known, ...unknown].map((r) => `${r.status} ${r.body}`))).toEqual(new Set(['401 {"error":"Wrong email or password"}']));
    const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
    // Both cost one argon2 verification; without the dummy verification unknown accounts answer ~10x faster.
    expect(median(unknown.map((r) => r.ms))).toBeGreaterThan(median(known.map((r) => r.ms)) * 0.4);
  });

  it('lists sessions, revokes one, and logs out', async () => {
    const first = await signIn(qusto, 'admin@example.com');
    const second = await signIn(qusto, 'admin@example.com');
    const sessions = (await first.get('/api/me/sessions')).json().sessions as Array<{ id: string; current: boolean }>;
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const mine = sessions.find((s) => s.current)!;
    const secondId = (await second.get('/api/me/sessions')).json().sessions.find((s: { current: boolean }) => s.current).id;
    expect(secondId).not.toBe(mine.id);

    expect((await first.delete(`/api/me/sessions/${secondId}`)).statusCode).toBe(204);
    expect((await second.get('/api/me')).statusCode).toBe(401);
    expect((await first.delete('/api/me/sessions/999999')).statusCode).toBe(404);

    expect((await first.post('/api/auth/logout')).statusCode).toBe(204);
    expect(first.cookies.has('qusto_session')).toBe(false);
    expect((await first.get('/api/me')).statusCode).toBe(401);
  });

  it('resets a forgotten password with a single-use mailed link, ending other sessions', async () => {
    const other = await signIn(qusto, 'admin@example.com');
    const anonymous = new TestClient(qusto.app);
    const known = await anonymous.post('/api/auth/password-reset', { email: 'admin@example.com' });
    const unknown = await anonymous.post('/api/auth/password-reset', { email: 'ghost@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);

    await new Promise((r) => setTimeout(r, 20)); // the mail goes out in the background
    const token = linkToken(lastMailTo(qusto, 'admin@example.com').text, '/password-reset?token=');
    const newPassword = 'a brand new passphrase here';
    const weak = await anonymous.post('/api/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    const reset = await anonymous.post('/api/auth/password-reset/confirm', { token, password: newPassword });
    expect(reset.statusCode, reset.body).toBe(200);
    const again = await anonymous.post('/api/auth/password-reset/confirm', { token, password: 'another fine passphrase' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatch(/invalid, used or expired/);

    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect((await anonymous.post('/api/auth/login', { email: 'admin@example.com', password: PASSWORD })).statusCode).toBe(401);
    await signIn(qusto, 'admin@example.com', newPassword);
    // Put it back for the other tests.
    const { users } = qusto.container.cradle;
    const user = (await users.findByEmail('admin@example.com'))!;
    const { hashPassword } = await import('../../src/auth/passwords.ts');
    await users.setPassword(user.id, await hashPassword(PASSWORD));
  });

  it('changes the email address only after the new address confirms it', async () => {
    const admin = await signIn(qusto, 'admin@example.com');
    const wrong = await admin.post('/api/me/email', { email: 'ada@example.org', password: 'not my password' });
    expect(wrong.statusCode).toBe(401);
    expect((await admin.post('/api/me/email', { email: 'ada@example.org', password: PASSWORD })).statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 20));
    expect((await admin.get('/api/me')).json().user.email).toBe('admin@example.com');

    const token = linkToken(lastMailTo(qusto, 'ada@example.org').text, '/email-change?token=');
    const anonymous = new TestClient(qusto.app);
    const confirmed = await anonymous.post('/api/auth/email-change/confirm', { token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await anonymous.post('/api/auth/email-change/confirm', { token })).statusCode).toBe(400);
    await signIn(qusto, 'ada@example.org');
    await new Promise((r) => setTimeout(r, 20));
    expect(lastMailTo(qusto, 'admin@example.com').subject).toMatch(/address changed/);
    // And back.
    const { users } = qusto.container.cradle;
    await users.setEmail((await users.findByEmail('ada@example.org'))!.id, 'admin@example.com');
  });

  it('changes the password with the current one, keeping this session and ending the others', async () => {
    const admin = await signIn(qusto, 'admin@example.com');
    const other = await signIn(qusto, 'admin@example.com');
    expect((await admin.put('/api/me/password', { currentPassword: 'nope nope nope', newPassword: 'another good passphrase' })).statusCode).toBe(401);
    const changed = await admin.put('/api/me/password', { currentPassword: PASSWORD, newPassword: 'another good passphrase' });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await admin.get('/api/me')).statusCode).toBe(200);
    expect((await other.get('/api/me')).statusCode).toBe(401);
    expect((await admin.put('/api/me/password', { currentPassword: 'another good passphrase', newPassword: PASSWORD })).statusCode).toBe(204);
  });

  it('refuses cookie-authenticated changes without a same-origin Origin (CSRF)', async () => {
    const admin = await signIn(qusto, 'admin@example.com');
    const evil = await admin.put('/api/me', { name: 'pwned' }, { headers: { origin: 'https://evil.example' } });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error).toMatch(/Cross-site request refused/);
    const fetchMeta = await admin.put('/api/me', { name: 'pwned' }, { headers: { 'sec-fetch-site': 'cross-site', origin: ORIGIN } });
    expect(fetchMeta.statusCode).toBe(403);
    const noOrigin = await admin.put('/api/me', { name: 'pwned' }, { noOrigin: true });
    expect(noOrigin.statusCode).toBe(403);
    // A cross-site login form post is refused too (login CSRF).
    const login = await new TestClient(qusto.app).post('/api/auth/login', { email: 'admin@example.com', password: PASSWORD }, { headers: { origin: 'https://evil.example' } });
    expect(login.statusCode).toBe(403);
    const ok = await admin.put('/api/me', { name: 'Ada' }, { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.name).toBe('Ada');
  });

  it('answers bad input with a 400 naming the field, never a 500', async () => {
    const client = new TestClient(qusto.app);
    const missing = await client.post('/api/auth/login', { email: 'admin@example.com' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatch(/password/);
    const badEmail = await client.post('/api/auth/password-reset', { email: 'not-an-email' });
    expect(badEmail.statusCode).toBe(400);
    const notJson = await client.request('POST', '/api/auth/login', { body: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
  });
});
