import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { PASSWORD } from './support/accounts.ts';
import { TestClient } from './support/http-client.ts';

// Its own file: chdb opens one data directory per process.
describe('web security with an https BASE_URL', () => {
  let https: TestApp;

  beforeAll(async () => {
    https = await startTestApp({ BASE_URL: 'https://analytics.example.com' });
  });
  afterAll(async () => {
    await https?.dispose();
  });

  it('on https: HSTS, and Secure session cookies', async () => {
    const page = await https.app.inject({ method: 'GET', url: '/api/health' });
    expect(page.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    const client = new TestClient(https.app, { headers: { origin: 'https://analytics.example.com' } });
    const registered = await client.post('/api/auth/register', { email: 'first@example.com', password: PASSWORD });
    expect(registered.statusCode, registered.body).toBe(201);
    const cookie = String(registered.headers['set-cookie']);
    expect(cookie).toMatch(/qusto_session=.*; HttpOnly; Secure; SameSite=Lax/);
  });

  it('leaves /metrics open when METRICS_TOKEN is not set', async () => {
    expect((await https.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });
});
