import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { earlyFetch, EARLY_CLAIM_MS, SHARE_HEADER, startEarlyRequests } from './early-requests.ts';
import { NAVIGATE_EVENT } from './routes.ts';

const json = (data: unknown, status = 200) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });

function fakeNetwork() {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init });
    return json({ url: String(input), body: init.body ?? null });
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

let network: ReturnType<typeof fakeNetwork>;

beforeEach(() => {
  delete window.__qustoEarlyRequests;
  network = fakeNetwork();
  vi.stubGlobal('fetch', network.fetch);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  delete window.__qustoEarlyRequests;
});

describe('early requests', () => {
  it('hands a started request over once, to the identical request (same body in any key order)', async () => {
    startEarlyRequests([{ method: 'POST', path: '/api/v2/query', body: { site_id: 'a.example', metrics: ['visitors'] } }], network.fetch);
    expect(network.calls).toHaveLength(1);
    expect(network.calls[0]!.init.headers).toEqual({ accept: 'application/json', 'content-type': 'application/json' });

    const taken = await earlyFetch('/api/v2/query', { method: 'POST', body: JSON.stringify({ metrics: ['visitors'], site_id: 'a.example' }) });
    expect(await taken.json()).toEqual({ url: '/api/v2/query', body: '{"site_id":"a.example","metrics":["visitors"]}' });
    expect(network.calls).toHaveLength(1);

    // Taken once: the same request again goes to the network.
    await earlyFetch('/api/v2/query', { method: 'POST', body: JSON.stringify({ metrics: ['visitors'], site_id: 'a.example' }) });
    expect(network.calls).toHaveLength(2);
  });

  it('matches method, path, body and a shared link’s slug; anything else is fetched as usual', async () => {
    startEarlyRequests(
      [
        { method: 'GET', path: '/api/plugins' },
        { method: 'POST', path: '/api/v2/query', body: { metrics: ['visitors'] }, share: 'slug-1' },
      ],
      network.fetch,
    );
    expect((network.calls[1]!.init.headers as Record<string, string>)[SHARE_HEADER]).toBe('slug-1');
    await earlyFetch('/api/plugins', { method: 'POST' });
    await earlyFetch('/api/v2/query', { method: 'POST', body: '{"metrics":["visitors"]}' });
    await earlyFetch('/api/v2/query', { method: 'POST', body: '{"metrics":["visitors"]}', headers: { [SHARE_HEADER]: 'slug-2' } });
    await earlyFetch('/api/plugins', { headers: { authorization: 'Bearer key' } });
    expect(network.calls).toHaveLength(6);
    await earlyFetch('/api/v2/query', { method: 'POST', body: '{"metrics":["visitors"]}', headers: new Headers({ [SHARE_HEADER]: 'slug-1' }) });
    await earlyFetch(`${window.location.origin}/api/plugins`, {});
    expect(network.calls).toHaveLength(6);
  });

  it('does not start what the app already asked for', async () => {
    startEarlyRequests([{ method: 'GET', path: '/api/plugins' }], network.fetch);
    await earlyFetch('/api/plugins');
    await earlyFetch('/api/auth/status');
    expect(network.calls).toHaveLength(2);
    const started = startEarlyRequests([{ method: 'GET', path: '/api/plugins' }, { method: 'GET', path: '/api/auth/status' }, { method: 'GET', path: '/api/me' }], network.fetch);
    expect(started.map((s) => s !== null)).toEqual([false, false, true]);
    expect(network.calls).toHaveLength(3);
  });

  it('forgets and cancels what is left once the app navigates, or after half a minute', async () => {
    const signals: AbortSignal[] = [];
    const hanging = (_input: RequestInfo | URL, init: RequestInit = {}) => {
      signals.push(init.signal!);
      return new Promise<Response>(() => {});
    };
    startEarlyRequests([{ method: 'GET', path: '/api/me/abilities' }], hanging);
    window.dispatchEvent(new Event(NAVIGATE_EVENT));
    expect(signals[0]!.aborted).toBe(true);
    await earlyFetch('/api/me/abilities');
    expect(network.calls).toHaveLength(1);
    // Closed: nothing starts early any more.
    expect(startEarlyRequests([{ method: 'GET', path: '/api/plugins' }], hanging)).toEqual([null]);

    delete window.__qustoEarlyRequests;
    vi.useFakeTimers();
    startEarlyRequests([{ method: 'GET', path: '/api/plugins' }], hanging);
    vi.advanceTimersByTime(EARLY_CLAIM_MS);
    expect(signals[1]!.aborted).toBe(true);
  });

  it('cancels the early request with the app’s signal, and falls back to the network when it failed', async () => {
    const signals: AbortSignal[] = [];
    startEarlyRequests(
      [
        { method: 'GET', path: '/api/one' },
        { method: 'GET', path: '/api/two' },
      ],
      (input, init = {}) => {
        signals.push(init.signal!);
        return String(input) === '/api/two' ? Promise.reject(new TypeError('network down')) : new Promise<Response>(() => {});
      },
    );
    const controller = new AbortController();
    void earlyFetch('/api/one', { signal: controller.signal }).catch(() => {});
    controller.abort();
    expect(signals[0]!.aborted).toBe(true);

    const two = await earlyFetch('/api/two');
    expect(await two.json()).toEqual({ url: '/api/two', body: null });
    expect(network.calls).toHaveLength(1);
  });
});
