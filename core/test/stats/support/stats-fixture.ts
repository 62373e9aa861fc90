import type { TestApp } from '../../support/test-app.ts';

export const ADMIN_TOKEN = 'stats-test-token-'.padEnd(40, 'x');

export const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
} as const;

/** Public IPs the bundled DB-IP data places in a known country. */
export const IP = { us1: '8.8.8.8', us2: '8.8.4.4', ee: '193.40.1.1', gb: '81.2.69.142', unknown: '10.0.0.1' } as const;

export interface RawEvent {
  timestamp: string;
  ip: string;
  ua: string;
  name: string;
  url: string;
  referrer?: string;
  props?: Record<string, string>;
  interactive?: boolean;
  sd?: number;
  e?: number;
}

export const ndjson = (events: RawEvent[]) =>
  events
    .map(({ timestamp, ip, ua, name, url, ...rest }) => JSON.stringify({ timestamp, ip, user_agent: ua, name, url, ...rest }))
    .join('\n');

/** Creates the site and backfills the events through the real pipeline; fails on any bad line. */
export async function seed(qusto: TestApp, domain: string, timezone: string, events: RawEvent[]): Promise<void> {
  await qusto.container.cradle.sites.create({ domain, timezone });
  const report = await qusto.container.cradle.ingestion.importEvents(domain, ndjson(events));
  if (report.errors.length > 0 || report.imported !== events.length) {
    throw new Error(`backfill of ${domain} was not clean: ${JSON.stringify(report)}`);
  }
}

export interface QueryResponse {
  status: number;
  body: {
    results: Array<{ dimensions: unknown[]; metrics: unknown[]; comparison?: { dimensions: unknown[]; metrics: unknown[]; change: unknown[] } }>;
    meta: Record<string, unknown>;
    query: Record<string, unknown>;
    error?: string;
  };
}

export function client(qusto: TestApp) {
  const query = async (body: unknown): Promise<QueryResponse> => {
    const response = await qusto.app.inject({
      method: 'POST',
      url: '/api/v2/query',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    return { status: response.statusCode, body: response.json() };
  };
  return {
    query,
    /** Rows as [dimensions..., metrics...] for compact expectations; fails on a non-200. */
    rows: async (body: unknown) => {
      const response = await query(body);
      if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${JSON.stringify(response.body)}`);
      return response.body.results.map((r) => [...r.dimensions, ...r.metrics]);
    },
    error: async (body: unknown) => {
      const response = await query(body);
      if (response.status !== 400) throw new Error(`expected 400, got ${response.status}: ${JSON.stringify(response.body)}`);
      return response.body.error;
    },
    get: async (url: string) => {
      const response = await qusto.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      return { status: response.statusCode, body: response.json() as unknown };
    },
  };
}

/** Pins the stats engine's "now". */
export function pinNow(qusto: TestApp, iso: string): void {
  qusto.container.cradle.stats.clock = () => Date.parse(iso);
}
