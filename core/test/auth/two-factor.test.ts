import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_LIMITS } from '../../src/auth/rate-limits.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { metadataBackends } from '../support/test-stores.ts';
import { createUser, PASSWORD, sessionFor, signIn } from './support/accounts.ts';
import { TestClient } from './support/http-client.ts';

/** A code for the next 30-second step, so it is not the one just used (each step works once). */
const codeAfter = (secret: string, steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

describe.each(metadataBackends())('two-factor authentication on %s', (backend) => {
  let qusto: TestApp;
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    qusto = await startTestApp({}, { backend });
    await createUser(qusto, 'totp@2fa.example');
    await createUser(qusto, 'member@2fa.example');
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('sets up TOTP with a QR code and enables it with a first code, giving 10 recovery codes', async () => {
    const user = await signIn(qusto, 'totp@2fa.example');
    const setup = (await user.post('/api/me/2fa/setup')).json();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Qusto:totp%402fa\.example\?secret=[A-Z2-7]+/);
    expect(setup.qrCode).toMatch(/^data:image\/png;base64,/);
    secret = setup.secret;
    expect((await user.post('/api/me/2fa/enable', { code: '123456' })).statusCode).toBe(400);
    const enabled = await user.post('/api/me/2fa/enable', { code: await codeAfter(secret, 0) });
    expect(enabled.statusCode, enabled.body).toBe(200);
    recoveryCodes = enabled.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes.every((c) => /^[a-z2-9]{10}$/.test(c))).toBe(true);
    expect((await user.get('/api/me/2fa')).json()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
  });

  it('asks for a code after the password; a code works once', async () => {
    const client = new TestClient(qusto.app);
    const first = await client.post('/api/auth/login', { email: 'totp@2fa.example', password: PASSWORD });
    expect(first.json()).toEqual({ twoFactorRequired: true });
    expect(client.cookies.has('qusto_session')).toBe(false);
    expect((await client.get('/api/me')).statusCode).toBe(401);
    expect((await client.post('/api/auth/login/2fa', { code: '000000' })).statusCode).toBe(401);
    const code = await codeAfter(secret, 1);
    const second = await client.post('/api/auth/login/2fa', { code });
    expect(second.statusCode, second.body).toBe(200);
    expect((await client.get('/api/me')).json().user.twoFactorEnabled).toBe(true);

    const replay = new TestClient(qusto.app);
    await replay.post('/api/auth/login', { email: 'totp@2fa.example', password: PASSWORD });
    expect((await replay.post('/api/auth/login/2fa', { code })).statusCode).toBe(401);
  });

  it('accepts each recovery code once, and remembers a device for 30 days', async () => {
    const client = new TestClient(qusto.app);
    await client.post('/api/auth/login', { email: 'totp@2fa.example', password: PASSWORD });
    const ok = await client.post('/api/auth/login/2fa', { code: recoveryCodes[0], rememberDevice: true });
    expect(ok.statusCode).toBe(200);
    expect(String(ok.headers['set-cookie'])).toMatch(/qusto_device=.*Max-Age=2592000/);
    expect((await client.get('/api/me/2fa')).json().recoveryCodesLeft).toBe(9);

    const again = new TestClient(qusto.app);
    await again.post('/api/auth/login', { email: 'totp@2fa.example', password: PASSWORD });
    expect((await again.post('/api/auth/login/2fa', { code: recoveryCodes[0] })).statusCode).toBe(401);

    // The remembered device skips the second step (the password is still needed).
    await client.post('/api/auth/logout');
    const remembered = await client.post('/api/auth/login', { email: 'totp@2fa.example', password: PASSWORD });
    expect(remembered.json().user?.email).toBe('totp@2fa.example');
  });

  it('limits wrong codes per user, however often the password step is repeated and from wherever', async () => {
    await createUser(qusto, 'guessed@2fa.example');
    const user = await sessionFor(qusto, 'guessed@2fa.example');
    const { secret: userSecret } = (await user.post('/api/me/2fa/setup')).json();
    expect((await user.post('/api/me/2fa/enable', { code: await codeAfter(userSecret, 0) })).statusCode).toBe(200);
    for (let i = 0; i < AUTH_LIMITS.twoFactor.account.max; i++) {
      const attacker = new TestClient(qusto.app, { remoteAddress: `203.0.113.${i + 1}` });
      await attacker.post('/api/auth/login', { email: 'guessed@2fa.example', password: PASSWORD });
      expect((await attacker.post('/api/auth/login/2fa', { code: String(100000 + i) })).statusCode).toBe(401);
    }
    const last = new TestClient(qusto.app, { remoteAddress: '203.0.113.200' });
    await last.post('/api/auth/login', { email: 'guessed@2fa.example', password: PASSWORD });
    expect((await last.post('/api/auth/login/2fa', { code: await codeAfter(userSecret, 1) })).statusCode).toBe(429);
  });

  it('lets a team owner require 2FA: members without it can only turn it on', async () => {
    const owner = await sessionFor(qusto, 'totp@2fa.example');
    const teamId = (await owner.get('/api/me')).json().teams[0].id;
    const memberId = (await qusto.container.cradle.users.findByEmail('member@2fa.example'))!.id;
    await qusto.container.cradle.teams.setRole(teamId, memberId, 'viewer');
    expect((await owner.post('/api/sites', { domain: 'twofa.example' })).statusCode).toBe(201);
    const member = await signIn(qusto, 'member@2fa.example');
    expect((await member.get('/api/sites/twofa.example')).statusCode).toBe(200);

    expect((await owner.put(`/api/teams/${teamId}`, { require2fa: true })).json().team.require2fa).toBe(true);
    const blocked = await member.get('/api/sites/twofa.example');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toMatch(/requires two-factor/);
    expect((await member.get('/api/me')).json().user.mustEnable2fa).toBe(true);
    const setup = (await member.post('/api/me/2fa/setup')).json();
    expect((await member.post('/api/me/2fa/enable', { code: await codeAfter(setup.secret, 0) })).statusCode).toBe(200);
    expect((await member.get('/api/sites/twofa.example')).statusCode).toBe(200);
    // And it stays on while the team requires it.
    expect((await member.post('/api/me/2fa/disable', { password: PASSWORD })).statusCode).toBe(409);
    await owner.put(`/api/teams/${teamId}`, { require2fa: false });
    expect((await member.post('/api/me/2fa/disable', { password: 'wrong password' })).statusCode).toBe(401);
    expect((await member.post('/api/me/2fa/disable', { password: PASSWORD })).statusCode).toBe(204);
    expect((await member.get('/api/me/2fa')).json().enabled).toBe(false);
  });
});
