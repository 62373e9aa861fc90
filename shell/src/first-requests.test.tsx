/**
 * preload.ts predicts what a page's first render asks for. Rendered against a fake server, the
 * app must take over every request started early (none wasted) and send none of them again.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { createQustoClient } from '@qusto/sdk';
import { QustoUiContext } from '@qusto/sdk/ui';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App.tsx';
import { StatsClient } from './dashboard/api/stats-client.ts';
import { StatsClientContext } from './dashboard/api/use-request.ts';
import { earlyFetch } from './early-requests.ts';
import { preload } from './first-requests.ts';
import { PluginHost } from './plugins/PluginHost.tsx';
import { createFederationSource } from './plugins/federation.ts';

interface Call {
  key: string;
  early: boolean;
}

/** A fake Qusto: answers what the dashboard asks; records every request with its body. */
function fakeServer(options: { share?: { passwordRequired: boolean; unlocked: boolean } } = {}) {
  const calls: Call[] = [];
  let early = true;
  const json = (data: unknown, status = 200) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const share = new Headers(init.headers).get('x-qusto-share');
    calls.push({ key: `${init.method ?? 'GET'} ${url} ${share ?? ''} ${typeof init.body === 'string' ? JSON.stringify(JSON.parse(init.body)) : ''}`, early });
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (url === '/api/plugins') return json({ plugins: [] });
    if (url === '/api/auth/status') return json({ signedIn: true });
    if (url === '/api/me') return json({ user: { email: 'owner@example.com', name: 'Owner' } });
    if (url === '/api/me/abilities') return json({ principal: 'user', rules: [] });
    if (url.startsWith('/api/sites/')) return json({ site: { id: '1', domain: 'example.com', timezone: 'UTC', teamId: 't', allowedEventProps: ['plan'] } });
    if (url.startsWith('/api/share/')) return json({ name: 'Team', site: { domain: 'example.com', timezone: 'UTC' }, ...(options.share ?? { passwordRequired: false, unlocked: false }) });
    if (url.startsWith('/api/v1/stats/realtime/visitors')) return json(3);
    if (url === '/api/v2/query') {
      if (options.share?.passwordRequired && !options.share.unlocked) return json({ error: 'Locked' }, 401);
      const body = JSON.parse(String(init.body)) as { metrics: string[]; dimensions?: string[] };
      const metrics = body.metrics.map(() => 7);
      if (!body.dimensions) return json({ results: [{ dimensions: [], metrics }], meta: {}, query: {} });
      return json({ results: [{ dimensions: [body.dimensions[0]!.startsWith('time:') ? '2026-01-01' : 'DE'], metrics }], meta: { total_rows: 1, time_labels: ['2026-01-01'] }, query: {} });
    }
    return json({ error: `no route ${url}` }, 404);
  });
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    calls,
    appStarts: () => {
      early = false;
    },
  };
}

/** Loads the page as a browser does: preload.ts first, then the app (bootstrap.tsx's tree). */
async function openPage(path: string, server: ReturnType<typeof fakeServer>) {
  window.history.replaceState(null, '', path);
  preload();
  await new Promise((resolve) => setTimeout(resolve, 20));
  server.appStarts();
  const api = createQustoClient({ fetch: earlyFetch });
  render(
    <QustoUiContext.Provider value={{ api, shellVersion: 'test' }}>
      <StatsClientContext.Provider value={new StatsClient({ fetch: earlyFetch })}>
        <PluginHost source={createFederationSource({ api, federation: {} as never })}>
          <App />
        </PluginHost>
      </StatsClientContext.Provider>
    </QustoUiContext.Provider>,
  );
}

function expectNoneWastedOrRepeated(server: ReturnType<typeof fakeServer>) {
  const early = server.calls.filter((c) => c.early);
  expect(early.length).toBeGreaterThan(0);
  // Every early request was taken over.
  expect(window.__qustoEarlyRequests?.entries.size).toBe(0);
  // None was asked again.
  const repeated = server.calls.filter((c) => !c.early && early.some((e) => e.key === c.key));
  expect(repeated).toEqual([]);
  return early;
}

beforeEach(() => {
  delete window.__qustoEarlyRequests;
  window.localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  delete window.__qustoEarlyRequests;
  document.head.querySelectorAll('link[rel="preload"]').forEach((link) => link.remove());
  window.history.replaceState(null, '', '/');
});

describe('requests started before the app loads', () => {
  const views: Array<[string, string, Record<string, string>]> = [
    ['the default view (map, top pages, sources, browsers)', '', {}],
    ['filters, a comparison, another period', '?period=7d&compare=previous_period&f=is,source,Google&f=contains,page,/blog', {}],
    ['a goal filter and custom range', '?period=custom&from=2026-01-01&to=2026-01-10&f=is,goal,Signup', {}],
    [
      'remembered tabs: campaigns, entry pages, countries, OS, a property',
      '?period=month',
      { 'sources-tab': 'campaigns', 'utm-tab': 'utm_source', 'pages-tab': 'entry_pages', 'locations-tab': 'countries', 'devices-tab': 'os', 'prop-key': 'plan' },
    ],
  ];

  for (const [name, search, stored] of views) {
    it(`a site's dashboard, ${name}: all taken over, none sent twice`, async () => {
      for (const [key, value] of Object.entries(stored)) window.localStorage.setItem(`qusto:example.com:${key}`, value);
      const server = fakeServer();
      vi.stubGlobal('fetch', server.fetch);
      await openPage(`/example.com${search}`, server);
      await screen.findByTestId('stat-visitors');
      await waitFor(() => expect(window.__qustoEarlyRequests?.entries.size).toBe(0));
      const early = expectNoneWastedOrRepeated(server);
      expect(early.filter((c) => c.key.startsWith('POST /api/v2/query')).length).toBeGreaterThanOrEqual(4);
    });
  }

  it('the realtime view starts only what does not depend on the clock', async () => {
    const server = fakeServer();
    vi.stubGlobal('fetch', server.fetch);
    await openPage('/example.com?period=realtime', server);
    await screen.findByTestId('stat-visitors');
    await waitFor(() => expect(window.__qustoEarlyRequests?.entries.size).toBe(0));
    const early = expectNoneWastedOrRepeated(server);
    expect(early.some((c) => c.key.startsWith('POST'))).toBe(false);
  });

  it('a shared link: its details, then its stats with the slug', async () => {
    const server = fakeServer();
    vi.stubGlobal('fetch', server.fetch);
    await openPage('/share/example.com?auth=slug-1', server);
    await screen.findByTestId('stat-visitors');
    await waitFor(() => expect(window.__qustoEarlyRequests?.entries.size).toBe(0));
    const early = expectNoneWastedOrRepeated(server);
    expect(early.filter((c) => c.key.startsWith('POST /api/v2/query slug-1 ')).length).toBeGreaterThanOrEqual(4);
  });

  it('a password-protected shared link: no stats are asked for before it is unlocked', async () => {
    const server = fakeServer({ share: { passwordRequired: true, unlocked: false } });
    vi.stubGlobal('fetch', server.fetch);
    await openPage('/share/example.com?auth=slug-1', server);
    await screen.findByText('This dashboard is password protected');
    expect(server.calls.filter((c) => c.key.startsWith('POST'))).toEqual([]);
  });

  it('other pages start nothing', () => {
    const server = fakeServer();
    vi.stubGlobal('fetch', server.fetch);
    for (const path of ['/', '/login', '/example.com/settings', '/account']) {
      window.history.replaceState(null, '', path);
      preload();
    }
    expect(server.calls).toEqual([]);
  });
});
