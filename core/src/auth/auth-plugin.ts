import fastifyCookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Principal, RouteAuth } from '@qusto/sdk';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { QustoConfig } from '../config/load-config.ts';
import type { SiteRecord } from '../sites/site-repository.ts';
import type { AppAbility } from './abilities.ts';
import { Authenticator, SESSION_COOKIE } from './authenticator.ts';
import type { Cradle } from '../container/cradle.ts';
import { unauthorized } from './errors.ts';
import { SESSION_TTL_MS } from './login-sessions.ts';
import { AuthRateLimits } from './rate-limits.ts';
import { guardRequest, type GuardMessages } from './route-guard.ts';
import { installSecurityHeaders } from './security-headers.ts';
import { bearerToken, safeEqual } from './tokens.ts';

/** A route as the auth plugin saw it registered (the permission matrix test walks these). */
export interface RegisteredRoute {
  method: string;
  url: string;
  auth: RouteAuth | undefined;
}

/** What the auth plugin puts on the Fastify instance (`app.qustoAuth`). */
export interface QustoAuth {
  authenticator: Authenticator;
  rateLimits: AuthRateLimits;
  routes: RegisteredRoute[];
  /** Runs the same checks as `config.auth`, with optional messages (see `requireAuth`). */
  guard(request: FastifyRequest, auth: RouteAuth, messages?: GuardMessages): Promise<void>;
  setSessionCookie(reply: FastifyReply, token: string): void;
  clearSessionCookie(reply: FastifyReply): void;
  /** Sets an HttpOnly cookie signed with the instance secret. */
  setSignedCookie(reply: FastifyReply, name: string, value: string, maxAgeMs: number, path?: string): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    qustoAuth: QustoAuth;
  }
  interface FastifyRequest {
    /** The caller's CASL ability, once `config.auth` (or `requireAuth`) checked the request. */
    ability: AppAbility | null;
  }
}

const ANONYMOUS: Principal = { kind: 'anonymous' };

/**
 * Authentication and authorisation for every route: cookies, rate limits, security headers,
 * and one preHandler that enforces each route's `config.auth` (plugins' routes included).
 * Registered before any route so it sees them all.
 */
const authPlugin: FastifyPluginAsync<{ config: QustoConfig; cradle: Cradle }> = async (app, { config, cradle }) => {
  const https = config.baseUrl.protocol === 'https:';
  await app.register(fastifyCookie, { secret: config.secretKeyBase });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1, lazyConnect: true }) : undefined;
  if (redis) app.addHook('onClose', async () => void redis.disconnect());
  await app.register(rateLimit, { global: false, ...(redis ? { redis, skipOnError: true } : {}) });
  await installSecurityHeaders(app, { https });

  const rateLimits = new AuthRateLimits(app, { apiKeyPerHour: config.apiKeyRateLimit });
  const authenticator = new Authenticator({
    users: cradle.users,
    loginSessions: cradle.loginSessions,
    apiKeys: cradle.apiKeys,
    sharedLinks: cradle.sharedLinks,
    teams: cradle.teams,
    abilityFactory: cradle.abilityFactory,
    adminToken: config.adminToken,
    unsignCookie: (request, name) => {
      const raw = request.cookies[name];
      if (!raw) return null;
      const unsigned = request.unsignCookie(raw);
      return unsigned.valid ? unsigned.value : null;
    },
    takeApiKeyRequest: (request, keyId) => rateLimits.takeApiKeyRequest(request, keyId),
  });
  const guardDeps = { authenticator, abilityFactory: cradle.abilityFactory, sites: cradle.sites, teams: cradle.teams, baseOrigin: config.baseUrl.origin };
  const cookieBase = { httpOnly: true, sameSite: 'lax' as const, secure: https, path: '/' };
  const routes: RegisteredRoute[] = [];

  const qustoAuth: QustoAuth = {
    authenticator,
    rateLimits,
    routes,
    async guard(request, auth, messages) {
      const { context, site } = await guardRequest(request, auth, guardDeps, messages);
      if (context) {
        request.principal = context.principal;
        request.ability = context.ability;
      }
      if (site) request.authorizedSite = site;
    },
    setSessionCookie: (reply, token) => void reply.setCookie(SESSION_COOKIE, token, { ...cookieBase, maxAge: SESSION_TTL_MS / 1000 }),
    clearSessionCookie: (reply) => void reply.clearCookie(SESSION_COOKIE, cookieBase),
    setSignedCookie: (reply, name, value, maxAgeMs, path = '/') =>
      void reply.setCookie(name, value, { ...cookieBase, path, signed: true, maxAge: Math.floor(maxAgeMs / 1000) }),
  };
  app.decorate('qustoAuth', qustoAuth);
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('authorizedSite', null);
  app.decorateRequest('ability', null);

  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, auth: route.config?.auth });
  });

  // Callback hooks (no promise per request) because they run on every request, Events API included.
  app.addHook('onRequest', (request, _reply, done) => {
    request.principal = ANONYMOUS;
    // /metrics: open unless METRICS_TOKEN is set (Prometheus scrapes with that token).
    if (config.metricsToken && (request.url === '/metrics' || request.url.startsWith('/metrics?'))) {
      const token = bearerToken(request.headers.authorization);
      if (!token || !safeEqual(token, config.metricsToken)) {
        done(unauthorized('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>'));
        return;
      }
    }
    done();
  });

  app.addHook('preHandler', (request, _reply, done) => {
    const auth = request.routeOptions.config?.auth;
    // Routes without `config.auth` (the Events API, static files) have no guard: no promise.
    if (auth === undefined) {
      done();
      return;
    }
    qustoAuth.guard(request, auth).then(() => done(), done);
  });
};

export const qustoAuthPlugin = fp(authPlugin, { name: 'qusto-auth', fastify: '5.x' });
