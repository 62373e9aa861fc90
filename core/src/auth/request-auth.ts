import type { RouteAuth } from '@qusto/sdk';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { SiteRecord } from '../sites/site-repository.ts';
import { siteSubject, type AppAbility } from './abilities.ts';
import type { AuthContext } from './authenticator.ts';
import { forbidden, notFound, unauthorized } from './errors.ts';
import type { GuardMessages } from './route-guard.ts';
import type { UserRecord } from './user-repository.ts';

/**
 * The auth API for route code outside `config.auth`: the stats engine, plugins, services.
 * All of it needs the auth plugin registered on the app (buildApp does).
 */

/** Who is calling (cached per request): principal, ability, and the user behind it if any. */
export function authenticate(request: FastifyRequest): Promise<AuthContext> {
  return request.server.qustoAuth.authenticator.authenticate(request);
}

/**
 * A preHandler doing what `config: { auth }` does, for hooks that cover several routes:
 * `app.addHook('preHandler', requireAuth({ action: 'read', subject: 'Stats' }))`.
 * Afterwards `request.principal`, `request.ability` and `request.authorizedSite` are set.
 */
export function requireAuth(auth: RouteAuth, messages?: GuardMessages): preHandlerAsyncHookHandler {
  return async (request) => {
    await request.server.qustoAuth.guard(request, auth, messages);
  };
}

/**
 * Checks that the caller may `action` the `subject` of the site named `domain` (e.g. read the
 * stats of X), for code that learns the site only in its handler. Unknown and invisible sites
 * are one 404; visible but forbidden is 403. Returns the site.
 */
export async function authorizeSite(request: FastifyRequest, action: string, subjectName: string, domain: string): Promise<SiteRecord> {
  const context = await authenticate(request);
  if (context.principal.kind === 'anonymous') throw unauthorized('Sign in, or send an API key as a Bearer token');
  const site = await request.server.container.cradle.sites.findRecordByDomain(domain);
  const { ability } = context;
  if (!site || !(ability.can('read', siteSubject('Site', site)) || ability.can('read', siteSubject('Stats', site)))) {
    throw notFound(`Site ${domain} does not exist or you have no access to it`);
  }
  if (!ability.can(action, siteSubject(subjectName, site))) throw forbidden(`You may not ${action} ${subjectName} of ${site.domain}`);
  return site;
}

// ---- for core's own route handlers, after `config.auth` ran ----

/** The ability `config.auth` resolved. */
export function abilityOf(request: FastifyRequest): AppAbility {
  if (!request.ability) throw new Error(`route ${request.routeOptions.url} reads the ability but has no config.auth`);
  return request.ability;
}

/** The site `config.auth` checked (routes with a `:domain`/`site_id`). */
export function siteOf(request: FastifyRequest): SiteRecord {
  if (!request.authorizedSite) throw new Error(`route ${request.routeOptions.url} reads the site but config.auth resolved none`);
  return request.authorizedSite as SiteRecord;
}

/** The signed-in user of a `config: { auth: 'user' }` route. */
export async function signedInUser(request: FastifyRequest): Promise<{ user: UserRecord; context: AuthContext }> {
  const context = await authenticate(request);
  if (!context.user) throw unauthorized();
  return { user: context.user, context };
}

export function clientOf(request: FastifyRequest): { userAgent: string; ip: string } {
  return { userAgent: String(request.headers['user-agent'] ?? ''), ip: request.ip };
}
