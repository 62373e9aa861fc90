/**
 * The dashboard's data layer over `createQustoClient` (same-origin, `credentials: 'same-origin'`,
 * so a login cookie works; an Authorization header set by the browser or a proxy works too):
 *
 * - identical requests in flight are made once and shared;
 * - a request nobody waits for any more (the view changed, the page was left) is aborted;
 * - answers are kept for a short while, so going back to a view is instant.
 */
import { createQustoClient, QustoApiError, type StatsQuery, type StatsResult } from '@qusto/sdk';
import { requestKey, type ApiRequest } from './request-key.ts';

export { requestKey, stableStringify, type ApiRequest } from './request-key.ts';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Skip the answer cache (realtime figures). */
  fresh?: boolean;
}

export interface StatsClientOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
  /** How long an answer is reused; default 60 s. */
  ttlMs?: number;
  /** Answers kept at most; default 200. */
  maxEntries?: number;
  now?: () => number;
}

interface InFlight {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function abortError(): Error {
  const error = new Error('The request was cancelled');
  error.name = 'AbortError';
  return error;
}

export class StatsClient {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly cache = new Map<string, { value: unknown; at: number }>();
  private readonly fetchImpl: typeof fetch;
  private readonly baseUrl: string;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Requests actually sent (tests and diagnostics). */
  sent = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(options: StatsClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.baseUrl = options.baseUrl ?? '';
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 200;
    this.now = options.now ?? Date.now;
  }

  query(body: StatsQuery, options?: RequestOptions): Promise<StatsResult> {
    return this.request<StatsResult>({ kind: 'query', body }, options);
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>({ kind: 'get', path }, options);
  }

  /** A cached answer that is still fresh, without requesting anything. */
  peek<T>(request: ApiRequest): T | undefined {
    const hit = this.cache.get(requestKey(request));
    return hit && this.now() - hit.at < this.ttlMs ? (hit.value as T) : undefined;
  }

  /**
   * Resolves once no request is in flight (the dashboard's first answers are in): what can wait,
   * such as plugin panels, starts then. Checked a moment after the last answer, so requests that
   * its render starts count too.
   */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  private checkIdle(): void {
    if (this.inFlight.size > 0 || this.idleWaiters.length === 0) return;
    setTimeout(() => {
      if (this.inFlight.size > 0) return;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }, 0);
  }

  /** Forget cached answers (after Retry, so it asks the server again). */
  invalidate(request?: ApiRequest): void {
    if (request) this.cache.delete(requestKey(request));
    else this.cache.clear();
  }

  request<T>(request: ApiRequest, options: RequestOptions = {}): Promise<T> {
    const { signal, fresh = false } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    const key = requestKey(request);
    if (!fresh) {
      const hit = this.peek<T>(request);
      if (hit !== undefined) return Promise.resolve(hit);
    }

    let entry = this.inFlight.get(key);
    if (!entry) entry = this.start(key, request);
    entry.waiters++;
    const shared = entry;

    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        reject(abortError());
        this.release(key, shared);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (value) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          resolve(value as T);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  private start(key: string, request: ApiRequest): InFlight {
    const controller = new AbortController();
    const api = createQustoClient({
      baseUrl: this.baseUrl,
      fetch: (input, init) => this.fetchImpl(input, { ...init, signal: controller.signal }),
    });
    this.sent++;
    const promise = (request.kind === 'query' ? api.post<unknown>('/api/v2/query', request.body) : api.get<unknown>(request.path)).then(
      (value) => {
        if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
        this.remember(key, value);
        this.checkIdle();
        return value;
      },
      (error: unknown) => {
        if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
        this.checkIdle();
        throw error;
      },
    );
    // Nobody may be listening when it is aborted.
    promise.catch(() => {});
    const entry: InFlight = { promise, controller, waiters: 0 };
    this.inFlight.set(key, entry);
    return entry;
  }

  private release(key: string, entry: InFlight): void {
    entry.waiters--;
    if (entry.waiters > 0) return;
    if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    entry.controller.abort();
    this.checkIdle();
  }

  private remember(key: string, value: unknown): void {
    if (this.ttlMs <= 0) return;
    this.cache.delete(key);
    this.cache.set(key, { value, at: this.now() });
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  /** Requests currently in flight (tests). */
  get pending(): number {
    return this.inFlight.size;
  }
}

export type ErrorKind = 'auth' | 'not-found' | 'bad-request' | 'rate-limited' | 'server' | 'network';

/** What went wrong, in words for the user, and whether retrying can help. */
export function describeError(error: unknown): { kind: ErrorKind; title: string; message: string; status: number | null } {
  if (error instanceof QustoApiError) {
    const status = error.status;
    const message = error.message;
    if (status === 401 || status === 403) return { kind: 'auth', title: 'You are not allowed to see these stats', message, status };
    if (status === 404) return { kind: 'not-found', title: 'Not found', message, status };
    if (status === 429) return { kind: 'rate-limited', title: 'Too many requests', message, status };
    if (status >= 400 && status < 500) return { kind: 'bad-request', title: 'The stats API rejected this query', message, status };
    return { kind: 'server', title: `The server had a problem (HTTP ${status})`, message, status };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'network', title: 'Could not reach the server', message: `${message}. Check your connection, then retry.`, status: null };
}
