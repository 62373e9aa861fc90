import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createSiteOwner, startTestApp, type TestApp } from '@qusto/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'acme-analytics');
const REPO = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'dist' || name === 'node_modules') return [];
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/**
 * A plugin from outside the workspace, as a closed-source vendor would ship it (its own
 * package.json, only @qusto/sdk): an enricher, a metric, a route, an ability and a UI panel.
 */
describe('a closed-source plugin built only on @qusto/sdk', () => {
  let qusto: TestApp;
  let authorization = '';

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [path.join(REPO, 'node_modules/@rspack/cli/bin/rspack.js'), 'build', '--config', path.join(FIXTURE, 'ui/rspack.config.ts')], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr + build.stdout).toBe(0);
    qusto = await startTestApp({ QUSTO_PLUGINS: FIXTURE });
    ({ authorization } = await createSiteOwner(qusto, { domain: 'acme-customer.example', scopes: ['stats:read'] }));
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('imports nothing but @qusto/sdk', () => {
    const specifiers = sourceFiles(FIXTURE).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!));
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((s) => !s.startsWith('@qusto/sdk') && !s.startsWith('.'))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(FIXTURE, 'package.json'), 'utf8')).peerDependencies).toEqual({ '@qusto/sdk': '^0.1.0' });
  });

  it('enriches events and defines a metric the Stats API computes', async () => {
    const sent = await qusto.app.inject({
      method: 'POST',
      url: '/api/event',
      headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0' },
      payload: JSON.stringify({ n: 'pageview', u: 'https://acme-customer.example/?utm_source=google&utm_medium=cpc', d: 'acme-customer.example' }),
    });
    expect(sent.statusCode).toBe(202);
    await qusto.container.cradle.ingestion.flush();
    const query = await qusto.app.inject({
      method: 'POST',
      url: '/api/v2/query',
      headers: { authorization },
      payload: { site_id: 'acme-customer.example', metrics: ['acme_paid_events', 'pageviews'], date_range: 'day', dimensions: ['event:props:acme_tier'] },
    });
    expect(query.statusCode, query.body).toBe(200);
    expect(query.json().results).toEqual([{ dimensions: ['gold'], metrics: [1, 1] }]);
  });

  it('guards its route with its own ability, granted through auth:abilities', async () => {
    const allowed = await qusto.app.inject({ method: 'GET', url: '/api/acme/sites/acme-customer.example/report', headers: { authorization } });
    expect([allowed.statusCode, allowed.json()]).toEqual([200, { site: 'acme-customer.example', report: 'ok' }]);
    const anonymous = await qusto.app.inject({ method: 'GET', url: '/api/acme/sites/acme-customer.example/report' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('serves its UI panel for the dashboard slot', async () => {
    expect(existsSync(path.join(FIXTURE, 'ui/dist/mf-manifest.json'))).toBe(true);
    const plugins = (await qusto.app.inject({ method: 'GET', url: '/api/plugins' })).json().plugins;
    expect(plugins).toContainEqual({
      name: 'acme',
      version: '2.0.0',
      ui: { remote: 'acme', manifestUrl: '/plugins/acme/ui/mf-manifest.json', slots: { 'dashboard.panel': './AcmePanel' } },
    });
    const manifest = await qusto.app.inject({ method: 'GET', url: '/plugins/acme/ui/mf-manifest.json' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.json().exposes.map((e: { path: string }) => e.path)).toEqual(['./AcmePanel']);
    // The remote takes React from the shell: none of its files carries a copy (React 19's
    // element symbol appears only in the shell's bundle).
    const files = readdirSync(path.join(FIXTURE, 'ui/dist')).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(path.join(FIXTURE, 'ui/dist', file), 'utf8')).not.toContain('react.transitional.element');
    expect((await qusto.app.inject({ method: 'GET', url: '/plugins/acme/ui/remoteEntry.js' })).statusCode).toBe(200);
  });
});
