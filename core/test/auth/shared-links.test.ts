import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { metadataBackends } from '../support/test-stores.ts';
import { createUser, signIn } from './support/accounts.ts';
import { TestClient } from './support/http-client.ts';

describe.each(metadataBackends())('shared links on %s', (backend) => {
  let qusto: TestApp;
  let shellDist: string;
  let owner: TestClient;
  let open: { slug: string; url: string; id: string };
  let locked: { slug: string; url: string; id: string };

  beforeAll(async () => {
    shellDist = await mkdtemp(path.join(os.tmpdir(), 'qusto-shell-'));
    await writeFile(path.join(shellDist, 'index.html'), '<!doctype html><div id="root"></div>');
    qusto = await startTestApp({ QUSTO_PLUGINS: path.join(import.meta.dirname, 'fixtures', 'auth-probe') }, { backend, shellDist });
    await createUser(qusto, 'owner@share.example');
    owner = await signIn(qusto, 'owner@share.example');
    expect((await owner.post('/api/sites', { domain: 'share.example' })).statusCode).toBe(201);
    expect((await owner.post('/api/sites', { domain: 'private.example' })).statusCode).toBe(201);
    open = (await owner.post('/api/sites/share.example/shared-links', { name: 'Public board' })).json().sharedLink;
    const lockedResponse = await owner.post('/api/sites/share.example/shared-links', { name: 'Investors', password: 'a long shared secret' });
    expect(lockedResponse.statusCode, lockedResponse.body).toBe(201);
    locked = lockedResponse.json().sharedLink;
  });
  afterAll(async () => {
    await qusto?.dispose();
    await rm(shellDist, { recursive: true, force: true });
  });

  it('lists links with their URLs, refuses duplicate names', async () => {
    const listed = (await owner.get('/api/sites/share.example/shared-links')).json().sharedLinks;
    expect(listed).toEqual([
      expect.objectContaining({ name: 'Public board', hasPassword: false, url: `http://localhost:8000/share/share.example?auth=${open.slug}` }),
      expect.objectContaining({ name: 'Investors', hasPassword: true }),
    ]);
    expect(JSON.stringify(listed)).not.toContain('argon2');
    expect((await owner.post('/api/sites/share.example/shared-links', { name: 'Public board' })).statusCode).toBe(409);
  });

  it('reads the stats of its site, and nothing else', async () => {
    const visitor = new TestClient(qusto.app, { headers: { 'x-qusto-share': open.slug } });
    const stats = await visitor.get('/api/probe/sites/share.example/stats');
    expect(stats.json()).toEqual({ site: 'share.example', principal: 'shared_link' });
    expect((await visitor.post('/api/probe/query', { site_id: 'share.example' })).statusCode).toBe(200);
    // Plausible's ?auth= works too.
    expect((await new TestClient(qusto.app).get(`/api/probe/sites/share.example/stats?auth=${open.slug}`)).statusCode).toBe(200);

    // Another site: invisible. Anything but reading stats: refused (GHSA-8www-cffh-4q98 is the bug this prevents).
    expect((await visitor.get('/api/probe/sites/private.example/stats')).statusCode).toBe(404);
    for (const [method, url, body] of [
      ['GET', '/api/sites/share.example', undefined],
      ['PUT', '/api/sites/share.example', { public: true }],
      ['DELETE', '/api/sites/share.example', undefined],
      ['POST', '/api/sites/share.example/shared-links', { name: 'mine now' }],
      ['GET', '/api/sites/share.example/shields', undefined],
      ['PUT', '/api/probe/sites/share.example/goals', {}],
      ['GET', '/api/me', undefined],
      ['GET', '/api/sites', undefined],
      ['GET', '/api/v1/sites', undefined],
    ] as const) {
      const response = await visitor.request(method, url, { body });
      expect([401, 403, 404], `${method} ${url}: ${response.body}`).toContain(response.statusCode);
    }
    const abilities = (await visitor.get('/api/me/abilities')).json();
    expect(abilities.principal).toBe('shared_link');
    expect(JSON.stringify(abilities.rules)).toBe(JSON.stringify([['read', 'Stats', { siteId: (await qusto.container.cradle.sites.findByDomain('share.example'))!.id }]]));
  });

  it('needs the password for a protected link, unlocking it with a signed cookie', async () => {
    const visitor = new TestClient(qusto.app, { headers: { 'x-qusto-share': locked.slug } });
    const before = await visitor.get('/api/probe/sites/share.example/stats');
    expect(before.statusCode).toBe(401);
    expect(before.json().error).toMatch(/needs its password/);
    expect((await visitor.get(`/api/share/share.example?auth=${locked.slug}`)).json()).toEqual({
      name: 'Investors',
      site: { domain: 'share.example', timezone: 'Etc/UTC' },
      passwordRequired: true,
      unlocked: false,
    });
    const wrong = await visitor.post('/api/share/share.example/unlock', { auth: locked.slug, password: 'guess guess guess' });
    expect(wrong.statusCode).toBe(401);
    const unlocked = await visitor.post('/api/share/share.example/unlock', { auth: locked.slug, password: 'a long shared secret' });
    expect(unlocked.statusCode).toBe(204);
    expect(String(unlocked.headers['set-cookie'])).toMatch(new RegExp(`qusto_share_${locked.id}=.*HttpOnly.*SameSite=Lax`));
    expect((await visitor.get('/api/probe/sites/share.example/stats')).statusCode).toBe(200);
    expect((await visitor.get(`/api/share/share.example?auth=${locked.slug}`)).json().unlocked).toBe(true);

    // A forged cookie (not signed with the instance secret) does not unlock anything.
    const forger = new TestClient(qusto.app, { headers: { 'x-qusto-share': locked.slug } });
    forger.cookies.set(`qusto_share_${locked.id}`, `${locked.id}.${Date.now() + 1e9}`);
    expect((await forger.get('/api/probe/sites/share.example/stats')).statusCode).toBe(401);
  });

  it('serves the share page for a valid link only, framable only as a password-less embed', async () => {
    const page = await qusto.app.inject({ method: 'GET', url: `/share/share.example?auth=${open.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');

    const embed = await qusto.app.inject({ method: 'GET', url: `/share/share.example?auth=${open.slug}&embed=true` });
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(embed.headers['content-security-policy']).toContain("script-src 'self'");
    expect(embed.headers['x-frame-options']).toBeUndefined();

    const lockedEmbed = await qusto.app.inject({ method: 'GET', url: `/share/share.example?auth=${locked.slug}&embed=true` });
    expect(lockedEmbed.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    for (const url of ['/share/share.example?auth=nope', '/share/share.example', `/share/private.example?auth=${open.slug}`]) {
      const dead = await qusto.app.inject({ method: 'GET', url });
      expect(dead.statusCode, url).toBe(404);
      // The shell's page, which tells the visitor the link does not work.
      expect(dead.headers['content-type']).toMatch(/^text\/html/);
      expect(dead.body).toContain('<div id="root"></div>');
    }
  });

  it('stops working when deleted', async () => {
    const temporary = (await owner.post('/api/sites/share.example/shared-links', { name: 'Temporary' })).json().sharedLink;
    const visitor = new TestClient(qusto.app, { headers: { 'x-qusto-share': temporary.slug } });
    expect((await visitor.get('/api/probe/sites/share.example/stats')).statusCode).toBe(200);
    expect((await owner.delete(`/api/sites/share.example/shared-links/${temporary.id}`)).statusCode).toBe(204);
    expect((await visitor.get('/api/probe/sites/share.example/stats')).statusCode).toBe(401);
  });
});
