import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { started } from '../fixtures/plugins/good/index.ts';
import { fixturePlugin, startTestApp, type TestApp } from '../support/test-app.ts';

const broken = ['throws-in-register', 'bad-manifest', 'needs-future-sdk', 'fails-start', 'broken-routes', 'not-a-plugin', 'import-error', 'bad-migration'];

describe('plugin host', () => {
  let qusto: TestApp;

  beforeAll(async () => {
    const specifiers = [fixturePlugin('good'), ...broken.map(fixturePlugin), 'qusto-plugin-that-is-not-installed'];
    qusto = await startTestApp({ QUSTO_PLUGINS: specifiers.join(',') });
  });
  afterAll(async () => {
    await qusto?.dispose();
  });

  it('loads a good plugin: migrations applied, services, routes and start all work', async () => {
    const response = await qusto.app.inject({ method: 'GET', url: '/api/good/items' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: ['from-migration'], greeting: 'hello from good' });
    expect(started).toContain('start');
  });

  it('gives plugin routes the request scope', async () => {
    const response = await qusto.app.inject({ method: 'GET', url: '/api/good/scope' });
    expect(response.json().requestId).toMatch(/^req-/);
  });

  it('runs the good plugin hook handlers and removes those of a plugin that failed to start', async () => {
    await qusto.container.cradle.hookBus.emit('site:created', { id: '9', domain: 'hooks.example', timezone: 'Etc/UTC' });
    expect(started).toContain('site:hooks.example');
    const calls = await qusto.container.cradle.metrics.hookCalls.get();
    expect(calls.values.filter((v) => v.labels.owner === 'fails-start')).toEqual([]);
  });

  it('reports each broken plugin with its step and reason and leaves it out', () => {
    const failures = Object.fromEntries(qusto.plugins.failed.map((f) => [f.name ?? f.specifier.split('/').pop(), `${f.step}: ${f.reason}`]));
    expect(failures).toMatchObject({
      'throws-in-register': 'register: cannot register: missing licence',
      'bad-manifest': expect.stringMatching(/^manifest: invalid manifest: name must match pattern/),
      'needs-future-sdk': expect.stringMatching(/^manifest: needs @qusto\/sdk \^9\.0\.0/),
      'fails-start': 'start: upstream service unreachable',
      'broken-routes': expect.stringMatching(/^routes: /),
      'not-a-plugin': expect.stringMatching(/^manifest: the default export is not a plugin made with definePlugin/),
      'import-error': 'import: module initialisation failed',
      'bad-migration': expect.stringMatching(/^migrate: /),
      'qusto-plugin-that-is-not-installed': 'resolve: cannot find package "qusto-plugin-that-is-not-installed" (is it installed?)',
    });
  });

  it('does not apply what a failing register() staged', async () => {
    expect(qusto.container.hasRegistration('leakedService')).toBe(false);
    expect((await qusto.app.inject({ method: 'GET', url: '/api/leaked' })).statusCode).toBe(404);
  });

  it('answers 503 on the routes of a plugin that failed to start', async () => {
    const response = await qusto.app.inject({ method: 'GET', url: '/api/fails-start/ping' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: 'plugin fails-start is not running' });
  });

  it('keeps core routes intact when a plugin tries to take one', async () => {
    const response = await qusto.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toHaveProperty('stores');
  });

  it('lists only the running plugins with their UI remote entries', async () => {
    const response = await qusto.app.inject({ method: 'GET', url: '/api/plugins' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      plugins: [
        {
          name: 'good',
          version: '1.2.3',
          ui: { remote: 'good', manifestUrl: '/plugins/good/ui/mf-manifest.json', slots: { 'dashboard.panel': './Panel' } },
        },
      ],
    });
  });

  it('answers a clear 404 for the UI files of a plugin whose UI is not built', async () => {
    const response = await qusto.app.inject({ method: 'GET', url: '/plugins/good/ui/mf-manifest.json' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('the UI of plugin good is not built');
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('stops running plugins on close', async () => {
    await qusto.close();
    expect(started.at(-1)).toBe('stop');
  });
});
