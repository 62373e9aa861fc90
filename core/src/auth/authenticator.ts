import type { Principal } from '@qusto/sdk';
import type { FastifyRequest } from 'fastify';
import type { SharedLinks } from '../sites/shared-links.ts';
import type { TeamRepository } from '../sites/team-repository.ts';
import type { AppAbility } from './abilities.ts';
import type { AbilityFactory } from './ability-factory.ts';
import type { ApiKeys } from './api-keys.ts';
import { tooManyRequests, unauthorized } from './errors.ts';
import type { LoginSession, LoginSessions } from './login-sessions.ts';
import { bearerToken, safeEqual } from './tokens.ts';
import type { UserRecord, UserRepository } from './user-repository.ts';

export const SESSION_COOKIE = 'qusto_session';
/** Cookie proving a password-protected shared link was unlocked; name ends with the link id. */
export const SHARE_UNLOCK_COOKIE = 'qusto_share_';
/** Where a shared-link slug may be sent: Plausible's `?auth=` or this header. */
export const SHARE_HEADER = 'x-qusto-share';

/** Who is calling and what they may do. */
export interface AuthContext {
  principal: Principal;
  ability: AppAbility;
  /** The user behind a session or API key. */
  user: UserRecord | null;
  session: LoginSession | null;
  /** How the caller proved who they are; `cookie` requests get CSRF checks. */
  via: 'cookie' | 'bearer' | 'share' | 'none';
  /** The user must turn on 2FA (a team requires it) before doing anything else. */
  mustEnable2fa: boolean;
}

export interface AuthenticatorDeps {
  users: UserRepository;
  loginSessions: LoginSessions;
  apiKeys: ApiKeys;
  sharedLinks: SharedLinks;
  teams: TeamRepository;
  abilityFactory: AbilityFactory;
  adminToken: string | undefined;
  /** Reads a cookie signed with the instance secret; null when missing or tampered with. */
  unsignCookie(request: FastifyRequest, name: string): string | null;
  /** Counts a request against an API key's hourly budget; false when it is spent. */
  takeApiKeyRequest(request: FastifyRequest, keyId: string): Promise<boolean>;
}

const ANONYMOUS: Principal = { kind: 'anonymous' };

/**
 * Resolves the principal of a request, once per request. An explicit credential wins over the
 * ambient cookie: `Authorization: Bearer` (API key or ADMIN_TOKEN), then a shared-link slug,
 * then the session cookie. A wrong explicit credential is a 401, never a fall-back.
 */
export class Authenticator {
  private readonly resolved = new WeakMap<FastifyRequest, Promise<AuthContext>>();

  constructor(private readonly deps: AuthenticatorDeps) {}

  authenticate(request: FastifyRequest): Promise<AuthContext> {
    let pending = this.resolved.get(request);
    if (!pending) {
      pending = this.resolve(request).then((context) => {
        request.principal = context.principal;
        return context;
      });
      this.resolved.set(request, pending);
    }
    return pending;
  }

  private async resolve(request: FastifyRequest): Promise<AuthContext> {
    const bearer = bearerToken(request.headers.authorization);
    if (bearer !== null) return this.fromBearer(request, bearer);
    if (request.headers.authorization) throw unauthorized('The Authorization header must be "Bearer <API key>"');
    const slug = sharedLinkSlug(request);
    if (slug !== null) return this.fromSharedLink(request, slug);
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) {
      const context = await this.fromSession(cookie);
      if (context) return context;
    }
    return this.none();
  }

  private async fromBearer(request: FastifyRequest, token: string): Promise<AuthContext> {
    const { adminToken } = this.deps;
    if (adminToken && safeEqual(token, adminToken)) {
      return { ...this.none(), principal: { kind: 'admin_token' }, ability: await this.deps.abilityFactory.forAdminToken(), via: 'bearer' };
    }
    const key = await this.deps.apiKeys.authenticate(token);
    const user = key ? await this.deps.users.findById(key.userId) : null;
    if (!key || !user) throw unauthorized('Invalid API key');
    if (!(await this.deps.takeApiKeyRequest(request, key.id))) throw tooManyRequests('This API key made too many requests this hour; try again later');
    return {
      principal: { kind: 'api_key', user: userRef(user), apiKey: { id: key.id, teamId: key.teamId, scopes: key.scopes } },
      ability: await this.deps.abilityFactory.forApiKey(userRef(user), key),
      user,
      session: null,
      via: 'bearer',
      mustEnable2fa: false,
    };
  }

  private async fromSharedLink(request: FastifyRequest, slug: string): Promise<AuthContext> {
    const link = await this.deps.sharedLinks.findBySlug(slug);
    if (!link) throw unauthorized('This shared link does not exist (it may have been deleted)');
    if (link.passwordHash !== null) {
      const unlocked = this.deps.unsignCookie(request, `${SHARE_UNLOCK_COOKIE}${link.id}`);
      const [linkId, expires] = (unlocked ?? '').split('.');
      if (linkId !== link.id || !(Number(expires) > Date.now())) throw unauthorized('This shared link needs its password');
    }
    return {
      ...this.none(),
      principal: { kind: 'shared_link', sharedLink: { id: link.id, siteId: link.siteId } },
      ability: await this.deps.abilityFactory.forSharedLink(link.siteId),
      via: 'share',
    };
  }

  private async fromSession(token: string): Promise<AuthContext | null> {
    const session = await this.deps.loginSessions.find(token);
    const user = session ? await this.deps.users.findById(session.userId) : null;
    if (!session || !user) return null;
    const access = await this.deps.teams.accessOf(user.id);
    const mustEnable2fa = !user.totpEnabled && access.requires2fa;
    return {
      principal: { kind: 'user', user: userRef(user) },
      ability: mustEnable2fa ? this.deps.abilityFactory.anonymous() : await this.deps.abilityFactory.forUser(userRef(user), access),
      user,
      session,
      via: 'cookie',
      mustEnable2fa,
    };
  }

  private none(): AuthContext {
    return { principal: ANONYMOUS, ability: this.deps.abilityFactory.anonymous(), user: null, session: null, via: 'none', mustEnable2fa: false };
  }
}

export const userRef = (user: UserRecord) => ({ id: user.id, email: user.email, isAdmin: user.isAdmin });

function sharedLinkSlug(request: FastifyRequest): string | null {
  const header = request.headers[SHARE_HEADER];
  if (typeof header === 'string' && header) return header;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.auth === 'string' && query.auth ? query.auth : null;
}
