import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

export const ORIGIN = 'http://localhost:8000';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD';

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Leave out the Origin header a browser would send on non-GET requests. */
  noOrigin?: boolean;
}

/**
 * A browser-like client over `app.inject`: keeps cookies between requests and sends the
 * Origin header a same-origin page would. `bearer` makes it an API client instead.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { bearer?: string; headers?: Record<string, string>; remoteAddress?: string } = {},
  ) {}

  async request(method: Method, url: string, options: RequestOptions = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...this.options.headers, ...options.headers };
    if (this.options.bearer) headers.authorization = `Bearer ${this.options.bearer}`;
    if (method !== 'GET' && method !== 'HEAD' && !options.noOrigin && !('origin' in headers)) headers.origin = ORIGIN;
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const inject: InjectOptions = { method, url, headers, ...(this.options.remoteAddress ? { remoteAddress: this.options.remoteAddress } : {}) };
    if (options.body !== undefined) inject.payload = options.body as InjectOptions['payload'];
    const response = await this.app.inject(inject);
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  get = (url: string, options?: RequestOptions) => this.request('GET', url, options);
  post = (url: string, body?: unknown, options?: RequestOptions) => this.request('POST', url, { ...options, body: body ?? {} });
  put = (url: string, body?: unknown, options?: RequestOptions) => this.request('PUT', url, { ...options, body: body ?? {} });
  delete = (url: string, options?: RequestOptions) => this.request('DELETE', url, options);
}
