import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const METRICS_TOKEN = 'metrics-token-'.padEnd(40, 'm');

describe('web security', () => {
  let qusto: TestApp;
  let shellDist: string;

  beforeAll(async () => {
    shellDist = await mkdtemp(path.join(os.tmpdir(), 'qusto-shell-'));
    await mkdir(path.join(shellDist, 'static'));
    await writeFile(path.join(shellDist, 'index.html'), '<!doctype html><div id="root"></div><script defer src="/static/main.0123456789abcdef.js"></script>');
    await writeFile(path.join(shellDist, 'static', 'main.0123456789abcdef.js'), 'console.log(1)');
    qusto = await startTestApp({ METRICS_TOKEN }, { shellDist });
  });
  afterAll(async () => {
    await qusto?.dispose();
    await rm(shellDist, { recursive: true, force: true });
  });

  it('puts a strict CSP and the other security headers on pages, assets and API answers', async () => {
    for (const url of ['/', '/example.com/settings', '/static/main.0123456789abcdef.js', '/api/health', '/api/nope']) {
      const response = await qusto.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toContain('unsafe-inline\'; script');
      expect(csp.split(';').find((d) => d.trim().startsWith('script-src')), url).not.toContain('unsafe');
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('same-origin');
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('keeps the tracker script and the Events API usable from any website', async () => {
    const script = await qusto.app.inject({ method: 'GET', url: '/js/script.js' });
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(script.headers['access-control-allow-origin'] ?? '*').toBe('*');
    const preflight = await qusto.app.inject({ method: 'OPTIONS', url: '/api/event', headers: { origin: 'https://customer.example' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['cross-origin-resource-policy']).toBe('cross-origin');
    // A cross-site POST (what the tracker sends) is not caught by the CSRF check.
    const event = await qusto.app.inject({
      method: 'POST',
      url: '/api/event',
      headers: { origin: 'https://customer.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      payload: JSON.stringify({ name: 'pageview', url: 'https://unknown.example/', domain: 'unknown.example' }),
    });
    expect(event.statusCode).toBe(202);
    expect(event.headers['access-control-allow-origin']).toBe('*');
    // Other API answers stay same-origin.
    expect((await qusto.app.inject({ method: 'GET', url: '/api/health' })).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('protects /metrics with METRICS_TOKEN when it is set', async () => {
    expect((await qusto.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await qusto.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    const ok = await qusto.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('qusto_');
  });

  it('serves no development routes', () => {
    const urls = qusto.app.qustoAuth.routes.map((route) => route.url);
    expect(urls.filter((url) => /storybook|__|debug|dev|playground|graphiql/i.test(url))).toEqual([]);
  });
});
