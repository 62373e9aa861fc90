/**
 * Requests a page starts before the app's JavaScript has loaded, handed over to the app when it
 * asks for the same thing.
 *
 * preload.ts (a small script of its own, run before the app) calls `startEarlyRequests` with what
 * the page's first render will ask for; the app's API clients fetch through `earlyFetch`, which
 * takes a matching request that is under way instead of sending it again. The two halves are
 * separate bundles and meet at a window property.
 *
 * An early request belongs to the page as it was loaded: it is handed over once, to the first
 * identical request the app makes before it navigates anywhere (a sign-in in between must not
 * hand out answers for the signed-out visitor) and within half a minute; whatever is left then is
 * cancelled and forgotten. What the app asked for itself first is never started early.
 */
import { stableStringify } from './dashboard/api/request-key.ts';
import { NAVIGATE_EVENT } from './routes.ts';

/** Header a shared link's slug travels in (core: `SHARE_HEADER`). */
export const SHARE_HEADER = 'x-qusto-share';

/** Early requests nobody took within this time are cancelled. */
export const EARLY_CLAIM_MS = 30_000;

export interface EarlyRequest {
  method: 'GET' | 'POST';
  /** Same-origin path with its query string. */
  path: string;
  /** JSON body (POST). */
  body?: unknown;
  /** A shared link's slug, sent as the app sends it (`x-qusto-share`). */
  share?: string | null;
}

interface Entry {
  response: Promise<Response>;
  controller: AbortController;
}

interface Registry {
  entries: Map<string, Entry>;
  /** Requests the app has made (taken over or not): too late to start them early. */
  asked: Set<string>;
  /** No more hand-overs: the app navigated, or time is up. */
  closed: boolean;
}

declare global {
  interface Window {
    __qustoEarlyRequests?: Registry;
  }
}

function keyOf(method: string, path: string, body: string | null, share: string | null): string {
  return `${method} ${path} ${share ?? ''} ${body ?? ''}`;
}

/** The path and query of a same-origin URL; null for another origin. */
function samePath(url: string): string | null {
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.origin === window.location.origin ? `${parsed.pathname}${parsed.search}` : null;
  } catch {
    return null;
  }
}

function close(registry: Registry): void {
  registry.closed = true;
  for (const entry of registry.entries.values()) entry.controller.abort();
  registry.entries.clear();
}

function registry(): Registry {
  let current = window.__qustoEarlyRequests;
  if (!current) {
    const created: Registry = { entries: new Map(), asked: new Set(), closed: false };
    current = window.__qustoEarlyRequests = created;
    const end = () => close(created);
    window.addEventListener(NAVIGATE_EVENT, end, { once: true });
    window.addEventListener('popstate', end, { once: true });
    setTimeout(end, EARLY_CLAIM_MS);
  }
  return current;
}

/**
 * Starts `requests` (with the headers the app's client sends) and keeps them for the app.
 * Returns each one's response, or null where it was not started (already asked for, closed).
 */
export function startEarlyRequests(requests: readonly EarlyRequest[], fetchImpl: typeof fetch = (input, init) => window.fetch(input, init)): Array<Promise<Response> | null> {
  const early = registry();
  return requests.map((request) => {
    const path = samePath(request.path);
    if (early.closed || !path) return null;
    const body = request.body === undefined ? null : stableStringify(request.body);
    const key = keyOf(request.method, path, body, request.share ?? null);
    if (early.asked.has(key)) return null;
    const existing = early.entries.get(key);
    if (existing) return existing.response;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== null) headers['content-type'] = 'application/json';
    if (request.share) headers[SHARE_HEADER] = request.share;
    const controller = new AbortController();
    const response = fetchImpl(path, {
      method: request.method,
      headers,
      credentials: 'same-origin',
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: controller.signal,
    });
    // Nobody may ever take it.
    response.catch(() => {});
    early.entries.set(key, { response, controller });
    return response;
  });
}

/** The key of an app request that could have been started early; null for any other. */
function appKey(input: RequestInfo | URL, init: RequestInit): string | null {
  if (typeof input !== 'string' || input.length === 0) return null;
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'POST') return null;
  const headers = new Headers(init.headers);
  // Early requests never carry credentials of their own.
  if (headers.has('authorization')) return null;
  const path = samePath(input);
  if (!path) return null;
  let body: string | null = null;
  if (init.body !== undefined && init.body !== null) {
    if (typeof init.body !== 'string') return null;
    try {
      body = stableStringify(JSON.parse(init.body));
    } catch {
      return null;
    }
  }
  return keyOf(method, path, body, headers.get(SHARE_HEADER));
}

/**
 * `fetch` for the app's API clients: a request preload.ts started for this page is taken over
 * (its answer used once), anything else is fetched as usual.
 */
export const earlyFetch: typeof fetch = (input, init = {}) => {
  const early = typeof window === 'undefined' ? undefined : window.__qustoEarlyRequests;
  const key = early && !early.closed ? appKey(input, init) : null;
  if (!early || key === null) return globalThis.fetch(input, init);
  early.asked.add(key);
  const entry = early.entries.get(key);
  if (!entry) return globalThis.fetch(input, init);
  early.entries.delete(key);
  const { signal } = init;
  if (signal) {
    if (signal.aborted) entry.controller.abort();
    else signal.addEventListener('abort', () => entry.controller.abort(), { once: true });
  }
  // Failed or cancelled early: ask as if it had never started (an aborted signal rejects again).
  return entry.response.catch(() => globalThis.fetch(input, init));
};
