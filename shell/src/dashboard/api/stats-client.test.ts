import { QustoApiError, type StatsQuery } from '@qusto/sdk';
import { describe, expect, it, vi } from 'vitest';
import { describeError, isAbortError, requestKey, stableStringify, StatsClient } from './stats-client.ts';

const body: StatsQuery = { site_id: 'example.com', metrics: ['visitors'], date_range: '7d' };

/** A fetch whose answers are released by hand, recording each call's init. */
function controlledFetch() {
  const calls: Array<{ url: string; init: RequestInit; resolve: (status: number, body: unknown) => void }> = [];
  const fetch = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => {
    return new Promise<Response>((resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
      calls.push({ url: String(input), init, resolve: (status, data) => resolve(new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } })) });
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls, mock: fetch };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('StatsClient', () => {
  it('posts the query same-origin with the session cookie, as JSON', async () => {
    const f = controlledFetch();
    const client = new StatsClient({ fetch: f.fetch });
    const answer = client.query(body);
    await tick();
    expect(f.calls).toHaveLength(1);
    const call = f.calls[0]!;
    expect(call.url).toBe('/api/v2/query');
    expect(call.init.method).toBe('POST');
    expect(call.init.credentials).toBe('same-origin');
    expect(JSON.parse(String(call.init.body))).toEqual(body);
    call.resolve(200, { results: [{ dimensions: [], metrics: [3] }], meta: {}, query: {} });
    await expect(answer).resolves.toMatchObject({ results: [{ metrics: [3] }] });
  });

  it('makes identical requests in flight once, whatever the key order', async () => {
    const f = controlledFetch();
    const client = new StatsClient({ fetch: f.fetch });
    const a = client.query(body);
    const b = client.query({ date_range: '7d', metrics: ['visitors'], site_id: 'example.com' });
    await tick();
    expect(f.calls).toHaveLength(1);
    f.calls[0]!.resolve(200, { results: [], meta: {}, query: {} });
    await expect(Promise.all([a, b])).resolves.toHaveLength(2);
    expect(client.sent).toBe(1);
  });

  it('tells when nothing is in flight any more: after the last answer, failure or abort', async () => {
    const f = controlledFetch();
    const client = new StatsClient({ fetch: f.fetch });
    let idle = false;
    await client.whenIdle();
    const a = client.query(body);
    const b = client.query({ ...body, date_range: '30d' }).catch(() => null);
    void client.whenIdle().then(() => (idle = true));
    await tick();
    f.calls[0]!.resolve(200, { results: [], meta: {}, query: {} });
    await a;
    await tick();
    expect(idle).toBe(false);
    f.calls[1]!.resolve(500, { error: 'down' });
    await b;
    await tick();
    expect(idle).toBe(true);

    const controller = new AbortController();
    let idleAgain = false;
    void client.query({ ...body, date_range: '91d' }, { signal: controller.signal }).catch(() => null);
    void client.whenIdle().then(() => (idleAgain = true));
    await tick();
    expect(idleAgain).toBe(false);
    controller.abort();
    await tick();
    await tick();
    expect(idleAgain).toBe(true);
  });

  it('aborts the request when every waiter has gone, not before', async () => {
    const f = controlledFetch();
    const client = new StatsClient({ fetch: f.fetch });
    const one = new AbortController();
    const two = new AbortController();
    const a = client.query(body, { signal: one.signal });
    const b = client.query(body, { signal: two.signal });
    await tick();
    const signal = f.calls[0]!.init.signal!;
    one.abort();
    await expect(a).rejects.toSatisfy(isAbortError);
    expect(signal.aborted).toBe(false);
    two.abort();
    await expect(b).rejects.toSatisfy(isAbortError);
    expect(signal.aborted).toBe(true);
    expect(client.pending).toBe(0);
    // A new request after the abort goes out again.
    void client.query(body).catch(() => {});
    await tick();
    expect(f.calls).toHaveLength(2);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const f = controlledFetch();
    const client = new StatsClient({ fetch: f.fetch });
    const controller = new AbortController();
    controller.abort();
    await expect(client.query(body, { signal: controller.signal })).rejects.toSatisfy(isAbortError);
    expect(f.calls).toHaveLength(0);
  });

  it('reuses answers while fresh, asks again when stale or when told to', async () => {
    let now = 0;
    const f = controlledFetch();
    const client = new StatsClient({ fetch: f.fetch, ttlMs: 1000, now: () => now });
    const first = client.query(body);
    await tick();
    f.calls[0]!.resolve(200, { results: [], meta: { n: 1 }, query: {} });
    await first;
    expect(client.peek({ kind: 'query', body })).toMatchObject({ meta: { n: 1 } });
    await expect(client.query(body)).resolves.toMatchObject({ meta: { n: 1 } });
    expect(f.calls).toHaveLength(1);
    void client.query(body, { fresh: true });
    await tick();
    expect(f.calls).toHaveLength(2);
    f.calls[1]!.resolve(200, { results: [], meta: { n: 2 }, query: {} });
    now = 5000;
    expect(client.peek({ kind: 'query', body })).toBeUndefined();
  });

  it('does not cache failures, and reports them with the server message', async () => {
    const f = controlledFetch();
    const client = new StatsClient({ fetch: f.fetch });
    const failing = client.query(body);
    await tick();
    f.calls[0]!.resolve(400, { error: 'Metric `views_per_visit` cannot be queried with a filter on `event:page`.' });
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QustoApiError);
    expect(describeError(error)).toEqual({
      kind: 'bad-request',
      title: 'The stats API rejected this query',
      message: 'Metric `views_per_visit` cannot be queried with a filter on `event:page`.',
      status: 400,
    });
    void client.query(body).catch(() => {});
    await tick();
    expect(f.calls).toHaveLength(2);
  });

  it('classifies errors', () => {
    expect(describeError(new QustoApiError(401, 'Missing API key.', null)).kind).toBe('auth');
    expect(describeError(new QustoApiError(403, 'Forbidden', null)).kind).toBe('auth');
    expect(describeError(new QustoApiError(429, 'Slow down', null)).kind).toBe('rate-limited');
    expect(describeError(new QustoApiError(503, 'down', null))).toMatchObject({ kind: 'server', title: 'The server had a problem (HTTP 503)' });
    expect(describeError(new TypeError('Failed to fetch'))).toMatchObject({ kind: 'network', message: 'Failed to fetch. Check your connection, then retry.' });
  });

  it('GET requests share the same machinery', async () => {
    const f = controlledFetch();
    const client = new StatsClient({ fetch: f.fetch });
    const a = client.get<number>('/api/v1/stats/realtime/visitors?site_id=example.com');
    const b = client.get<number>('/api/v1/stats/realtime/visitors?site_id=example.com');
    await tick();
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]!.init.method).toBe('GET');
    f.calls[0]!.resolve(200, 7);
    await expect(Promise.all([a, b])).resolves.toEqual([7, 7]);
  });

  it('keys are stable', () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    expect(requestKey({ kind: 'get', path: '/x' })).toBe('GET /x');
  });
});
