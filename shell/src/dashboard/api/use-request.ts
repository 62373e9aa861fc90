import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { isAbortError, requestKey, StatsClient, type ApiRequest } from './stats-client.ts';

export const StatsClientContext = createContext<StatsClient | null>(null);

let fallbackClient: StatsClient | null = null;

export function useStatsClient(): StatsClient {
  const client = useContext(StatsClientContext);
  if (client) return client;
  fallbackClient ??= new StatsClient();
  return fallbackClient;
}

export interface RequestState<T> {
  status: 'idle' | 'loading' | 'success' | 'error';
  /** The answer; while a new request loads, the previous answer (see `stale`). */
  data: T | undefined;
  error: unknown;
  /** `data` belongs to the previous request; the new one is loading. */
  stale: boolean;
  retry: () => void;
}

interface Internal<T> {
  key: string | null;
  data: T | undefined;
  error: unknown;
  settled: boolean;
}

export interface UseRequestOptions {
  /** Ask again every this many ms (realtime); answers then bypass the cache. */
  refreshMs?: number;
}

/**
 * Runs `request` (null: nothing to run) and re-runs it when its key changes; the previous answer
 * stays visible meanwhile. Leaving the view aborts what it no longer needs.
 */
export function useRequest<T>(request: ApiRequest | null, options: UseRequestOptions = {}): RequestState<T> {
  const client = useStatsClient();
  const key = request ? requestKey(request) : null;
  const requestRef = useRef(request);
  requestRef.current = request;
  const [attempt, setAttempt] = useState(0);
  const [tick, setTick] = useState(0);
  const { refreshMs } = options;

  const [state, setState] = useState<Internal<T>>(() => {
    const cached = request ? client.peek<T>(request) : undefined;
    return { key, data: cached, error: null, settled: cached !== undefined };
  });

  useEffect(() => {
    const current = requestRef.current;
    if (!current || key === null) return;
    const controller = new AbortController();
    // Failures are never cached, so a retry asks the server again anyway.
    const fresh = refreshMs !== undefined;
    client.request<T>(current, { signal: controller.signal, fresh }).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, error: null, settled: true });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState((previous) => ({ key, data: previous.key === key ? previous.data : undefined, error, settled: true }));
      },
    );
    return () => controller.abort();
  }, [client, key, attempt, tick, refreshMs]);

  useEffect(() => {
    if (!refreshMs || key === null) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') setTick((n) => n + 1);
    }, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, key]);

  const retry = useCallback(() => {
    setState((previous) => ({ ...previous, error: null, settled: false }));
    setAttempt((n) => n + 1);
  }, []);

  return useMemo((): RequestState<T> => {
    if (key === null) return { status: 'idle', data: undefined, error: null, stale: false, retry };
    if (state.key !== key) {
      // A new request: a fresh cached answer shows at once, else the previous one, marked stale.
      const cached = request ? client.peek<T>(request) : undefined;
      if (cached !== undefined) return { status: 'success', data: cached, error: null, stale: false, retry };
      return { status: 'loading', data: state.data, error: null, stale: state.data !== undefined, retry };
    }
    if (!state.settled) return { status: 'loading', data: state.data, error: null, stale: state.data !== undefined, retry };
    if (state.error) return { status: 'error', data: state.data, error: state.error, stale: false, retry };
    return { status: 'success', data: state.data, error: null, stale: false, retry };
    // `request` is represented by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, state, retry, client]);
}
