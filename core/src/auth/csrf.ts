import type { FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery check for requests that change something. Browsers label every
 * request with `Sec-Fetch-Site` and send `Origin` on cross-origin and non-GET requests, so a
 * request that says it comes from another site is refused; and one that rides on the session
 * cookie must positively show it comes from our own pages. SameSite=Lax on the cookie is the
 * second layer. Returns the reason to refuse, or null.
 */
export function csrfProblem(request: FastifyRequest, options: { baseOrigin: string; viaCookie: boolean }): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const site = header(request, 'sec-fetch-site');
  const origin = header(request, 'origin');
  if (site !== null && site !== 'same-origin' && site !== 'none') return `Cross-site request refused (Sec-Fetch-Site: ${site})`;
  if (origin !== null) {
    const own = `${request.protocol}://${request.host}`;
    if (origin !== options.baseOrigin && origin !== own) return `Cross-site request refused (Origin: ${origin})`;
    return null;
  }
  if (options.viaCookie && site === null) return 'Cross-site request refused: a request signed in by cookie must carry an Origin header';
  return null;
}

function header(request: FastifyRequest, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}
