import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The Content-Security-Policy of every page: scripts and styles from our own origin only (the
 * shell and plugin remotes are external files built by rspack), no plugins, no framing. Inline
 * styles stay allowed because React and chart libraries set `style` attributes.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} satisfies Record<string, string[]>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route answers scripts on other sites (the Events API): it gets no page headers (no page
     * to protect), only nosniff, and its answers may be read cross-origin.
     */
    crossOriginApi?: boolean;
  }
}

/** Files other sites load: the tracker script (cross-origin readable, with the page headers). */
const CROSS_ORIGIN_FILES = /^\/js\//;
const CROSS_ORIGIN_API_HEADERS = { 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'cross-origin' };

/**
 * The headers helmet sets for these options, computed once: they are the same for every
 * response, and building helmet's middleware per request (as @fastify/helmet does) cost about
 * a quarter of the Events API's CPU.
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as never, response as never, () => {});
  return headers;
}

/** Security headers on every response (helmet); HSTS only when the instance is served over https. */
export async function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  const headers = helmetHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES, ...(options.https ? { upgradeInsecureRequests: [] } : {}) } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
  });
  // A callback hook, not an async one: it runs on every request, the Events API's included.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config?.crossOriginApi) {
      reply.headers(CROSS_ORIGIN_API_HEADERS);
      done();
      return;
    }
    reply.headers(headers);
    // Websites embed /js/script.js from their own origin.
    if (CROSS_ORIGIN_FILES.test(request.url)) reply.header('cross-origin-resource-policy', 'cross-origin');
    done();
  });
}

/** The embed view of a shared link is the one page other sites may frame. */
export function allowFraming(reply: FastifyReply): void {
  const directives = Object.entries({ ...CSP_DIRECTIVES, frameAncestors: ['*'] }).map(
    ([name, value]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${value.join(' ')}`,
  );
  reply.header('content-security-policy', directives.join('; '));
  reply.removeHeader('x-frame-options');
}
