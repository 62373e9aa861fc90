import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tooManyRequests } from './errors.ts';

const MINUTE = 60_000;

/**
 * Budgets for the endpoints that guess-and-check attacks go for. Each counts every attempt,
 * per client IP and per targeted account (or link), so spreading over many IPs does not help
 * against one account and one IP cannot walk through many accounts.
 */
export const AUTH_LIMITS = {
  login: { ip: { max: 30, windowMs: 5 * MINUTE }, account: { max: 10, windowMs: 15 * MINUTE } },
  register: { ip: { max: 10, windowMs: 60 * MINUTE }, account: { max: 5, windowMs: 60 * MINUTE } },
  resetRequest: { ip: { max: 10, windowMs: 60 * MINUTE }, account: { max: 3, windowMs: 60 * MINUTE } },
  resetConfirm: { ip: { max: 20, windowMs: 15 * MINUTE }, account: { max: 20, windowMs: 15 * MINUTE } },
  twoFactor: { ip: { max: 30, windowMs: 5 * MINUTE }, account: { max: 10, windowMs: 15 * MINUTE } },
  shareUnlock: { ip: { max: 30, windowMs: 5 * MINUTE }, account: { max: 20, windowMs: 15 * MINUTE } },
} as const;

export type AuthLimitKind = keyof typeof AUTH_LIMITS;

type Check = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

/** Rate limits of the auth endpoints and of API keys, on @fastify/rate-limit's store (Redis when configured). */
export class AuthRateLimits {
  private readonly keys = new WeakMap<FastifyRequest, string>();
  private readonly checks = new Map<string, Check>();
  private readonly apiKeyCheck: Check;

  constructor(app: FastifyInstance, options: { apiKeyPerHour: number }) {
    const keyGenerator = (request: FastifyRequest) => this.keys.get(request) ?? request.ip;
    for (const [kind, limits] of Object.entries(AUTH_LIMITS)) {
      for (const [dimension, limit] of Object.entries(limits)) {
        this.checks.set(`${kind}:${dimension}`, app.createRateLimit({ max: limit.max, timeWindow: limit.windowMs, keyGenerator }));
      }
    }
    this.apiKeyCheck = app.createRateLimit({ max: options.apiKeyPerHour, timeWindow: 60 * MINUTE, keyGenerator });
  }

  /** Counts one attempt; throws 429 when the IP's or the account's budget is spent. */
  async attempt(request: FastifyRequest, kind: AuthLimitKind, account?: string): Promise<void> {
    const perIp = await this.run(request, `${kind}:ip`, `${kind}:ip:${request.ip}`);
    const perAccount = account === undefined ? true : await this.run(request, `${kind}:account`, `${kind}:account:${account.toLowerCase()}`);
    if (!perIp || !perAccount) throw tooManyRequests('Too many attempts; wait a few minutes and try again');
  }

  /** Counts one request of an API key; false when its hourly budget is spent. */
  async takeApiKeyRequest(request: FastifyRequest, keyId: string): Promise<boolean> {
    this.keys.set(request, `api-key:${keyId}`);
    const result = await this.apiKeyCheck(request);
    return result.isAllowed || !result.isExceeded;
  }

  private async run(request: FastifyRequest, check: string, key: string): Promise<boolean> {
    this.keys.set(request, key);
    const result = await this.checks.get(check)!(request);
    return result.isAllowed || !result.isExceeded;
  }
}
