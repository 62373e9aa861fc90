import helmet from '@fastify/helmet';
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

/** Security headers on every response (helmet); HSTS only when the instance is served over https. */
export async function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES, ...(options.https ? { upgradeInsecureRequests: [] } : {}) } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
  });
  // Websites embed /js/script.js and post to /api/event from their own origin.
  app.addHook('onRequest', async (request, reply) => {
    if (CROSS_ORIGIN_PATHS.test(request.url)) reply.header('cross-origin-resource-policy', 'cross-origin');
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
