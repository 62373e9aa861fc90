import {
  HOOK_KINDS,
  type HookContext,
  type HookHandler,
  type HookName,
  type HookOptions,
  type HookPayload,
} from '@qusto/sdk';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.ts';

interface Registration {
  owner: string;
  handler: (payload: unknown, ctx: HookContext) => unknown;
  order: number;
  timeoutMs: number;
  seq: number;
}

export const DEFAULT_HOOK_ORDER = 100;
export const DEFAULT_HOOK_TIMEOUT_MS = 2000;

class HookTimeoutError extends Error {
  constructor(hook: string, owner: string, ms: number) {
    super(`hook ${hook} handler of ${owner} took longer than ${ms} ms`);
  }
}

/**
 * The hook bus: typed hook points, several handlers each, run in declared order with a time
 * budget per handler. A handler that throws or overruns is logged with its owner's name and
 * counted, and never fails the caller.
 */
export class HookBus {
  private readonly handlers = new Map<HookName, Registration[]>();
  private seq = 0;

  constructor(
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  on<H extends HookName>(owner: string, hook: H, handler: HookHandler<H>, options: HookOptions = {}): void {
    if (!(hook in HOOK_KINDS)) throw new Error(`unknown hook point "${hook}"`);
    if (typeof handler !== 'function') throw new Error(`handler for hook "${hook}" must be a function`);
    const list = this.handlers.get(hook) ?? [];
    list.push({
      owner,
      handler: handler as Registration['handler'],
      order: options.order ?? DEFAULT_HOOK_ORDER,
      timeoutMs: options.timeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS,
      seq: this.seq++,
    });
    list.sort((a, b) => a.order - b.order || a.seq - b.seq);
    this.handlers.set(hook, list);
  }

  /** Drops every handler of an owner (a plugin that failed to start). */
  removeOwner(owner: string): void {
    for (const [hook, list] of this.handlers) {
      this.handlers.set(
        hook,
        list.filter((r) => r.owner !== owner),
      );
    }
  }

  has(hook: HookName): boolean {
    return (this.handlers.get(hook)?.length ?? 0) > 0;
  }

  /** Observe-style hooks: every handler is told, in order; failures are isolated. */
  async emit<H extends HookName>(hook: H, payload: HookPayload<H>): Promise<void> {
    for (const registration of this.handlers.get(hook) ?? []) {
      await this.invoke(hook, registration, payload);
    }
  }

  /**
   * Transform-style hooks: each handler gets the previous handler's result; returning undefined
   * keeps the value; a failing handler is skipped.
   */
  async transform<H extends HookName>(hook: H, payload: HookPayload<H>): Promise<HookPayload<H>> {
    let value = payload;
    for (const registration of this.handlers.get(hook) ?? []) {
      const outcome = await this.invoke(hook, registration, value);
      if (outcome.ok && outcome.value !== undefined) value = outcome.value as HookPayload<H>;
    }
    return value;
  }

  private async invoke(
    hook: HookName,
    registration: Registration,
    payload: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false }> {
    const controller = new AbortController();
    const ctx: HookContext = { owner: registration.owner, signal: controller.signal };
    const stopTimer = this.metrics.hookDuration.startTimer({ hook, owner: registration.owner });
    let timer: NodeJS.Timeout | undefined;
    try {
      const value = await Promise.race([
        Promise.resolve().then(() => registration.handler(payload, ctx)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort();
            reject(new HookTimeoutError(hook, registration.owner, registration.timeoutMs));
          }, registration.timeoutMs);
        }),
      ]);
      this.metrics.hookCalls.inc({ hook, owner: registration.owner, outcome: 'ok' });
      return { ok: true, value };
    } catch (error) {
      const outcome = error instanceof HookTimeoutError ? 'timeout' : 'error';
      this.metrics.hookCalls.inc({ hook, owner: registration.owner, outcome });
      this.logger.error({ err: error, hook, plugin: registration.owner }, `hook ${hook}: handler of ${registration.owner} failed (${outcome})`);
      return { ok: false };
    } finally {
      clearTimeout(timer);
      stopTimer();
    }
  }
}
