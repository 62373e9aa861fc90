import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tooManyRequests } from './errors.ts';

const MINUTE = 60_000;

/**
 * Budgets for the endpoints that guess-and-check attacks go for, per client IP and per targeted
 * account (or link): spreading over many IPs does not help against one account, and one IP
 * cannot walk through many accounts. Sign-in style checks count failures only (see `guard`);
 * sign-up and reset requests count every attempt, since each one sends mail.
 */
export const AUTH_LIMITS = {
  login: { ip: { max: 30, windowMs: 5 * MINUTE }, account: { max: 10, windowMs: 15 * MINUTE } },
  register: { ip: { max: 10, windowMs: 60 * MINUTE }, account: { max: 5, windowMs: 60 * MINUTE } },
  resetRequest: { ip: { max: 10, windowMs: 60 * MINUTE }, account: { max: 3, windowMs: 60 * MINUTE } },
  resetConfirm: { ip: { max: 20, windowMs: 15 * MINUTE }, account: { max: 10, windowMs: 15 * MINUTE } },
  twoFactor: { ip: { max: 30, windowMs: 5 * MINUTE }, account: { max: 10, windowMs: 15 * MINUTE } },
  shareUnlock: { ip: { max: 30, windowMs: 5 * MINUTE }, account: { max: 20, windowMs: 15 * MINUTE } },
} as const;

export type AuthLimitKind = keyof typeof AUTH_LIMITS;

type Check = (
  request: FastifyRequest,
  options?: { increment?: boolean },
) => Promise<{ isAllowed: boolean; isExceeded?: boolean; remaining?: number }>;

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

  /** Counts one attempt (success or not); throws 429 when the IP's or the account's budget is spent. */
  async attempt(request: FastifyRequest, kind: AuthLimitKind, account?: string): Promise<void> {
    const perIp = await this.run(request, `${kind}:ip`, `${kind}:ip:${request.ip}`);
    const perAccount = account === undefined ? true : await this.run(request, `${kind}:account`, `${kind}:account:${account.toLowerCase()}`);
    if (!perIp || !perAccount) throw tooManyRequests('Too many attempts; wait a few minutes and try again');
  }

  /**
   * Runs a check of a secret (password, code) that counts only when it fails with a 4xx: a
   * person who gets it right is never locked out by their own sign-ins. Throws 429 up front
   * when the IP's or the account's failure budget is spent.
   */
  async guard<T>(request: FastifyRequest, kind: AuthLimitKind, account: string, check: () => Promise<T>): Promise<T> {
    const counters: Array<[check: string, key: string]> = [
      [`${kind}:ip`, `${kind}:ip:${request.ip}`],
      [`${kind}:account`, `${kind}:account:${account.toLowerCase()}`],
    ];
    for (const [check, key] of counters) {
      if (!(await this.run(request, check, key, false))) throw tooManyRequests('Too many failed attempts; wait a few minutes and try again');
    }
    try {
      return await check();
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 400 && status < 500) for (const [check, key] of counters) await this.run(request, check, key);
      throw error;
    }
  }

  /** Counts one request of an API key; false when its hourly budget is spent. */
  async takeApiKeyRequest(request: FastifyRequest, keyId: string): Promise<boolean> {
    this.keys.set(request, `api-key:${keyId}`);
    const result = await this.apiKeyCheck(request);
    return result.isAllowed || !result.isExceeded;
  }

  /** Counts (or, with `increment` false, only reads) a key; false when its budget is spent. */
  private async run(request: FastifyRequest, check: string, key: string, increment = true): Promise<boolean> {
    this.keys.set(request, key);
    const result = await this.checks.get(check)!(request, { increment });
    if (result.isAllowed) return true;
    return increment ? !result.isExceeded : (result.remaining ?? 1) > 0;
  }
}
