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

/** Paths other sites load: the tracker script and the Events API (CORS open, cross-origin readable). */
const CROSS_ORIGIN_PATHS = /^\/(js\/|api\/event(\?|$))/;
const EVENTS_API_PATH = /^\/api\/event(\?|$)/;

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
    if (EVENTS_API_PATH.test(request.url)) {
      // Answers `ok` to scripts on other sites: no page to protect, so no page headers to send.
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cross-origin-resource-policy', 'cross-origin');
      done();
      return;
    }
    reply.headers(headers);
    // Websites embed /js/script.js from their own origin.
    if (CROSS_ORIGIN_PATHS.test(request.url)) reply.header('cross-origin-resource-policy', 'cross-origin');
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
