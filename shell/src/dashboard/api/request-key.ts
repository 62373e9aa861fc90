/** What the dashboard asks the server, and the key that identifies a request (no dependencies). */
import type { StatsQuery } from '@qusto/sdk';

export type ApiRequest = { kind: 'query'; body: StatsQuery } | { kind: 'get'; path: string };

/** A stable key: object keys sorted, so `{a, b}` and `{b, a}` are the same request. */
export function requestKey(request: ApiRequest): string {
  return request.kind === 'get' ? `GET ${request.path}` : `POST /api/v2/query ${stableStringify(request.body)}`;
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
