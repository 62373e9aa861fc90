/** A fake Qusto server for component tests: answers by method and path, records every request. */
import { createQustoClient, type QustoClient } from '@qusto/sdk';
import { vi } from 'vitest';

export type Handler = (body: unknown, path: string) => { status: number; body?: unknown } | unknown;

export interface FakeApi {
  api: QustoClient;
  requests: Array<{ method: string; path: string; body: unknown }>;
  /** `'POST /api/x'` → handler; a handler returns `{ status, body }` or just the body (200). */
  routes: Map<string, Handler>;
}

export function fakeApi(routes: Record<string, Handler>): FakeApi {
  const requests: FakeApi['requests'] = [];
  const table = new Map(Object.entries(routes));
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const path = String(input);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method, path, body });
    const handler = table.get(`${method} ${path}`);
    const answer = handler ? handler(body, path) : { status: 404, body: { error: `no route ${method} ${path}` } };
    const { status, body: payload } =
      answer && typeof answer === 'object' && 'status' in answer && typeof (answer as { status: unknown }).status === 'number'
        ? (answer as { status: number; body?: unknown })
        : { status: 200, body: answer };
    return new Response(payload === undefined ? null : JSON.stringify(payload), { status, headers: { 'content-type': 'application/json' } });
  });
  return { api: createQustoClient({ fetch: fetch as unknown as typeof globalThis.fetch }), requests, routes: table };
}
