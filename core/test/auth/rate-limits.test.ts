import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_LIMITS } from '../../src/auth/rate-limits.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { createUser, PASSWORD } from './support/accounts.ts';
import { TestClient } from './support/http-client.ts';

describe('rate limits of sign-in, sign-up and reset', () => {
  let qusto: TestApp;

  beforeAll(async () => {
    qusto = await startTestApp({ REGISTRATION: 'open' });
    await createUser(qusto, 'victim@limits.example');
    await createUser(qusto, 'other@limits.example');
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('locks an account after repeated wrong passwords, from any number of IPs, but not others', async () => {
    const max = AUTH_LIMITS.login.account.max;
    for (let i = 0; i < max; i++) {
      const attacker = new TestClient(qusto.app, { remoteAddress: `198.51.100.${i + 1}` });
      expect((await attacker.post('/api/auth/login', { email: 'victim@limits.example', password: `guess number ${i}` })).statusCode).toBe(401);
    }
    const next = new TestClient(qusto.app, { remoteAddress: '198.51.100.200' });
    const blocked = await next.post('/api/auth/login', { email: 'VICTIM@limits.example', password: PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatch(/Too many failed attempts/);
    // Unknown accounts are limited the same way, so the limit does not reveal who exists.
    for (let i = 0; i < max; i++) {
      await new TestClient(qusto.app, { remoteAddress: `198.51.101.${i + 1}` }).post('/api/auth/login', { email: 'ghost@limits.example', password: `guess ${i}` });
    }
    expect((await next.post('/api/auth/login', { email: 'ghost@limits.example', password: 'x'.repeat(12) })).statusCode).toBe(429);
    // Someone else signs in fine.
    expect((await next.post('/api/auth/login', { email: 'other@limits.example', password: PASSWORD })).statusCode).toBe(200);
  });

  it('does not count successful sign-ins', async () => {
    const client = new TestClient(qusto.app, { remoteAddress: '198.51.102.1' });
    for (let i = 0; i < AUTH_LIMITS.login.account.max + 2; i++) {
      expect((await client.post('/api/auth/login', { email: 'other@limits.example', password: PASSWORD })).statusCode).toBe(200);
    }
  });

  it('limits one IP trying many accounts', async () => {
    const sprayer = new TestClient(qusto.app, { remoteAddress: '198.51.103.1' });
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_LIMITS.login.ip.max + 1; i++) {
      statuses.push((await sprayer.post('/api/auth/login', { email: `user${i}@spray.example`, password: 'password guess here' })).statusCode);
    }
    expect(statuses.slice(0, AUTH_LIMITS.login.ip.max).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('limits reset requests per account and sign-ups per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_LIMITS.resetRequest.account.max + 1; i++) {
      const client = new TestClient(qusto.app, { remoteAddress: `198.51.104.${i + 1}` });
      statuses.push((await client.post('/api/auth/password-reset', { email: 'other@limits.example' })).statusCode);
    }
    expect(statuses).toEqual([...Array(AUTH_LIMITS.resetRequest.account.max).fill(202), 429]);

    const signups = new TestClient(qusto.app, { remoteAddress: '198.51.105.1' });
    const codes: number[] = [];
    for (let i = 0; i < AUTH_LIMITS.register.ip.max + 1; i++) {
      codes.push((await signups.post('/api/auth/register', { email: `new${i}@limits.example`, password: 'short' })).statusCode);
    }
    expect(codes).toEqual([...Array(AUTH_LIMITS.register.ip.max).fill(400), 429]);
  });
});
