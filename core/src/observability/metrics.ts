import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one app instance (a registry per app, so tests can build several). */
export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'qusto_' });
  return {
    registry,
    hookCalls: new Counter({
      name: 'qusto_hook_calls_total',
      help: 'Hook handler calls by hook, owner and outcome (ok, error, timeout).',
      labelNames: ['hook', 'owner', 'outcome'] as const,
      registers: [registry],
    }),
    hookDuration: new Histogram({
      name: 'qusto_hook_duration_seconds',
      help: 'Time spent in hook handlers.',
      labelNames: ['hook', 'owner'] as const,
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'qusto_http_requests_total',
      help: 'HTTP requests by route and status class.',
      labelNames: ['route', 'method', 'status'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
