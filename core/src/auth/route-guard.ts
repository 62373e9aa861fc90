import type { RouteAuth } from '@qusto/sdk';
import type { FastifyRequest } from 'fastify';
import { SiteRepository, type SiteRecord } from '../sites/site-repository.ts';
import type { TeamRepository } from '../sites/team-repository.ts';
import type { AbilityFactory } from './ability-factory.ts';
import { siteSubject, teamSubject } from './abilities.ts';
import type { AuthContext, Authenticator } from './authenticator.ts';
import { csrfProblem } from './csrf.ts';
import { badRequest, forbidden, HttpError, notFound, unauthorized } from './errors.ts';

/** Answers a route can override (the stats API keeps Plausible's wording and statuses). */
export interface GuardMessages {
  /** No credentials at all (401). */
  unauthenticated?: string;
  /** A Bearer token or shared link that is not valid (401). */
  invalidCredentials?: string;
  /** For unknown sites and sites the caller may not see (the same answer, so existence does not leak). */
  siteNotFound?: (site: string) => string;
  /** Status for `siteNotFound`; default 404 (Plausible's stats API says 401). */
  siteNotFoundStatus?: number;
  forbidden?: string;
}

/** Plausible's Stats API answers, for `requireAuth({ action: 'read', subject: 'Stats' }, PLAUSIBLE_STATS_MESSAGES)`. */
export const PLAUSIBLE_STATS_MESSAGES: GuardMessages = {
  unauthenticated: 'Missing API key. Please use a valid Plausible API key as a Bearer Token.',
  invalidCredentials: "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
  siteNotFound: () => "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
  siteNotFoundStatus: 401,
  forbidden: "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.",
};

export interface GuardDeps {
  authenticator: Authenticator;
  abilityFactory: Pick<AbilityFactory, 'forSharedLink'>;
  sites: SiteRepository;
  teams: TeamRepository;
  baseOrigin: string;
}

/** The names a request gives for its site or team: non-empty strings, and integers when `integers` (team ids). */
function named(values: unknown[], integers: boolean): string[] {
  return values.flatMap((value) => {
    if (typeof value === 'string' && value !== '') return [value];
    if (integers && typeof value === 'number' && Number.isSafeInteger(value)) return [String(value)];
    return [];
  });
}

/**
 * Where a route names its site: params, query or a JSON body's `site_id`. A request that names
 * two different sites is refused: the guard would check one and the handler might read the other.
 */
export function siteIdentifier(request: FastifyRequest): string | null {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const names = named([params.domain, params.site_id, query.site_id, body.site_id], false);
  if (new Set(names.map(SiteRepository.normalizeDomain)).size > 1) {
    throw badRequest(`The request names more than one site (${[...new Set(names)].map((n) => JSON.stringify(n)).join(', ')}): name one site, once`);
  }
  return names[0] ?? null;
}

/** Where a route names its team; like sites, two different teams in one request are refused. */
function teamIdentifier(request: FastifyRequest): string | null {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const names = named([params.teamId, query.team_id, body.team_id, body.teamId], true);
  if (new Set(names).size > 1) throw badRequest(`The request names more than one team (${[...new Set(names)].join(', ')}): name one team, once`);
  return names[0] ?? null;
}

/** The site a signed-out request reads stats of, when that site's dashboard is public. */
async function publicSiteToRead(request: FastifyRequest, auth: RouteAuth, deps: GuardDeps): Promise<SiteRecord | null> {
  if (typeof auth !== 'object' || auth.action !== 'read' || auth.subject !== 'Stats') return null;
  const siteName = siteIdentifier(request);
  const site = siteName === null ? null : await deps.sites.findRecordByDomain(siteName);
  return site?.public ? site : null;
}

/**
 * Enforces a route's `config.auth`: CSRF, authentication, then the ability against the site or
 * team the request names. Returns the auth context and the site it checked. Throws 4xx errors.
 */
export async function guardRequest(
  request: FastifyRequest,
  auth: RouteAuth,
  deps: GuardDeps,
  messages: GuardMessages = {},
): Promise<{ context: AuthContext | null; site: SiteRecord | null }> {
  if (auth === 'public') {
    const problem = csrfProblem(request, { baseOrigin: deps.baseOrigin, viaCookie: false });
    if (problem) throw forbidden(problem);
    return { context: null, site: null };
  }
  const context = await deps.authenticator.authenticate(request).catch((error: unknown) => {
    if (messages.invalidCredentials && (error as { statusCode?: number }).statusCode === 401) throw unauthorized(messages.invalidCredentials);
    throw error;
  });
  const problem = csrfProblem(request, { baseOrigin: deps.baseOrigin, viaCookie: context.via === 'cookie' });
  if (problem) throw forbidden(problem);
  if (context.principal.kind === 'anonymous') {
    // A public dashboard: anyone may read that site's stats, as through a shared link.
    const site = await publicSiteToRead(request, auth, deps);
    if (!site) throw unauthorized(messages.unauthenticated ?? 'Sign in, or send an API key as a Bearer token');
    return { context: { ...context, ability: await deps.abilityFactory.forSharedLink(site.id) }, site };
  }

  if (auth === 'user') {
    // Account pages are for people in a browser session, not for keys or links.
    if (context.via !== 'cookie' || !context.user) throw forbidden('This endpoint needs a signed-in dashboard session');
    return { context, site: null };
  }
  if (context.mustEnable2fa) throw forbidden('Your team requires two-factor authentication: turn it on in your account settings first');

  const { ability } = context;
  const siteName = siteIdentifier(request);
  if (siteName !== null) {
    const site = await deps.sites.findRecordByDomain(siteName);
    const visible = site && (ability.can('read', siteSubject('Site', site)) || ability.can('read', siteSubject('Stats', site)));
    if (!site || !visible) {
      throw new HttpError(messages.siteNotFoundStatus ?? 404, messages.siteNotFound?.(siteName) ?? `Site ${siteName} does not exist or you have no access to it`);
    }
    if (!ability.can(auth.action, siteSubject(auth.subject, site))) throw forbidden(messages.forbidden ?? `You may not ${auth.action} ${auth.subject} of ${site.domain}`);
    return { context, site };
  }
  const teamId = teamIdentifier(request);
  if (teamId !== null) {
    const team = await deps.teams.find(teamId);
    if (!team || !(ability.can('read', teamSubject('Team', team.id)) || ability.can(auth.action, teamSubject(auth.subject, team.id)))) {
      throw notFound(`Team ${teamId} does not exist or you are not in it`);
    }
    if (!ability.can(auth.action, teamSubject(auth.subject, team.id))) throw forbidden(messages.forbidden ?? `You may not ${auth.action} ${auth.subject} in this team`);
    return { context, site: null };
  }
  // No target named (lists, creation in a default team): some rule must allow it at all;
  // the service checks the exact target again.
  if (!ability.can(auth.action, auth.subject)) throw forbidden(messages.forbidden ?? `You may not ${auth.action} ${auth.subject}`);
  return { context, site: null };
}
