// Test harness: a Node http server on 127.0.0.1 (random port) serving the fixtures and
// the built tracker, with an /api/event route that records every request; and one
// headless Chromium per test file, resolving *.test hosts to that server.
import { readFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DIST } from '../../rspack.config.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

export interface Recorded {
  method: string;
  /** Request path without the query. */
  path: string;
  /** Request target as sent (path and query). */
  url: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (POST /api/event). */
  body: Record<string, unknown>;
  /** Host of the page that sent it (from Referer), to tell tests apart. */
  pageHost: string;
}

export interface Harness {
  port: number;
  browser: Browser;
  /** Every /api/event request (and any OPTIONS preflight) received so far. */
  requests: Recorded[];
  /** A fresh host for one test: `t<N>.example.test:<port>`, resolved to the server. */
  host(prefix?: string): string;
  /** New context + page; by default one viewport for every test. */
  open(url: string, opts?: { init?: string; referer?: string }): Promise<{ context: BrowserContext; page: Page }>;
  /** Waits until `n` events from pages on `host` arrived (then a short settle) and returns them all. */
  events(host: string, n: number, settleMs?: number): Promise<Record<string, unknown>[]>;
  /** The recorded requests from pages on `host`. */
  from(host: string): Recorded[];
  close(): Promise<void>;
}

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

function serve(requests: Recorded[]): Server {
  return createServer((req, res) => {
    const url = new URL(req.url || '/', 'http://x');
    const p = url.pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (p == '/api/event') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        const ref = req.headers.referer;
        requests.push({
          method: req.method || '',
          path: p,
          url: req.url || '',
          headers: req.headers,
          body: req.method == 'POST' ? (JSON.parse(body) as Record<string, unknown>) : {},
          pageHost: ref ? new URL(ref).host : '',
        });
        res.writeHead(202, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
        res.end('ok');
      });
      return;
    }
    if (p.startsWith('/js/') || p.startsWith('/npm/')) {
      const file = path.join(DIST, p.startsWith('/npm/') ? 'npm' : '', path.basename(p));
      if (existsSync(file)) return send(200, types['.js']!, readFileSync(file));
      return send(404, 'text/plain', 'no such script');
    }
    // Pages: /<fixture>.html; /missing* answers 404 with the 404 fixture.
    const fixture = p.startsWith('/missing') ? '404.html' : path.basename(p);
    const file = path.join(FIXTURES, fixture);
    if (fixture.endsWith('.html') && existsSync(file)) return send(p.startsWith('/missing') ? 404 : 200, types['.html']!, readFileSync(file));
    if (p.startsWith('/files/')) return send(200, 'text/plain', 'file contents');
    // Anything else: a plain page (link targets, "other" pages, form actions).
    send(200, types['.html']!, `<!doctype html><title>other</title><p>${p}</p>`);
  });
}

let counter = 0;

export async function startHarness(): Promise<Harness> {
  const requests: Recorded[] = [];
  const server = serve(requests);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Test pages live on *.test hosts (the tracker ignores 127.0.0.1 as localhost).
      '--host-resolver-rules=MAP *.test 127.0.0.1',
    ],
  });
  const contexts: BrowserContext[] = [];
  const from = (host: string) => requests.filter((r) => r.pageHost == host);
  return {
    port,
    browser,
    requests,
    host: (prefix = 't') => `${prefix}${++counter}-${process.pid}.example.test:${port}`,
    async open(url, opts = {}) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 500 } });
      contexts.push(context);
      if (opts.init) await context.addInitScript(opts.init);
      const page = await context.newPage();
      await page.goto(url, opts.referer ? { referer: opts.referer } : {});
      return { context, page };
    },
    async events(host, n, settleMs = 150) {
      const deadline = Date.now() + 10_000;
      while (from(host).filter((r) => r.method == 'POST').length < n) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${n} events from ${host}, got:\n${JSON.stringify(from(host).map((r) => r.body), null, 1)}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, settleMs));
      return from(host)
        .filter((r) => r.method == 'POST')
        .map((r) => r.body);
    },
    from,
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Marks the page hidden (as a tab switch does) and fires visibilitychange. */
export const HIDE_PAGE = `Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
document.dispatchEvent(new Event('visibilitychange'));`;

/** Scrolls to `y` and waits for the scroll event to have been dispatched. */
export const scrollTo = (y: number) => `new Promise((resolve) => {
  addEventListener('scroll', () => setTimeout(resolve, 0), { once: true });
  scrollTo(0, ${y});
})`;

/**
 * Two requests sent back to back (the engagement of the page being left and the next
 * pageview) may arrive in either order: compare such a run as a set.
 */
export function unordered<T>(actual: T[], expected: T[]): { actual: T[]; expected: T[] } {
  const key = (x: unknown) => JSON.stringify(x, Object.keys(x as object).sort());
  const rest = [...actual];
  const matched: T[] = [];
  for (const e of expected) {
    const i = rest.findIndex((a) => key(a) == key(e) || (e as { n?: string }).n == (a as { n?: string }).n);
    matched.push(i >= 0 ? rest.splice(i, 1)[0]! : (undefined as T));
  }
  return { actual: [...matched, ...rest], expected };
}
