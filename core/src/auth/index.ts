/**
 * Core's auth, for the rest of core (stats engine, ingestion, HTTP modules). Plugins use the
 * route option `config: { auth }` and `request.principal` / `request.authorizedSite` (sdk types).
 */
export { authenticate, authorizeSite, requireAuth } from './request-auth.ts';
export type { AuthContext } from './authenticator.ts';
export { PLAUSIBLE_STATS_MESSAGES, type GuardMessages } from './route-guard.ts';
export { assertCan, siteSubject, teamSubject, type AppAbility } from './abilities.ts';
export { HttpError } from './errors.ts';
