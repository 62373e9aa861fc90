/**
 * Core's test harness for plugin authors (`@qusto/core/testing`): a real Qusto on embedded
 * stores, and an owner with a site and an API key made through the public HTTP API.
 */
import type { TestApp } from './test-app.ts';

export { startTestApp, type TestApp } from './test-app.ts';

const ORIGIN = 'http://localhost:8000';

export interface SiteOwner {
  email: string;
  /** `Authorization` header value of an API key with the requested scopes. */
  authorization: string;
  /** Cookie header of the owner's dashboard session. */
  cookie: string;
}

/**
 * Registers a user (the first becomes instance admin), creates `domain` in their team and an API
 * key with `scopes`, all over HTTP as a person and a script would.
 */
export async function createSiteOwner(
  qusto: TestApp,
  options: { email?: string; domain: string; scopes?: string[] },
): Promise<SiteOwner> {
  const email = options.email ?? `owner-${Date.now()}@example.com`;
  const password = 'correct horse battery staple';
  const registered = await qusto.app.inject({ method: 'POST', url: '/api/auth/register', headers: { origin: ORIGIN }, payload: { email, password } });
  if (registered.statusCode !== 201) throw new Error(`register failed: ${registered.statusCode} ${registered.body}`);
  const cookie = [registered.headers['set-cookie']].flat().filter(Boolean).map((c) => String(c).split(';')[0]).join('; ');
  const headers = { origin: ORIGIN, cookie };
  const site = await qusto.app.inject({ method: 'POST', url: '/api/sites', headers, payload: { domain: options.domain } });
  if (site.statusCode !== 201) throw new Error(`site creation failed: ${site.statusCode} ${site.body}`);
  const key = await qusto.app.inject({
    method: 'POST',
    url: '/api/me/api-keys',
    headers,
    payload: { name: 'test', scopes: options.scopes ?? ['stats:read', 'sites:read', 'sites:provision'] },
  });
  if (key.statusCode !== 201) throw new Error(`API key creation failed: ${key.statusCode} ${key.body}`);
  return { email, authorization: `Bearer ${key.json<{ key: string }>().key}`, cookie };
}
