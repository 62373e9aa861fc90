/**
 * Hook points: the names and payloads are the plugin contract, versioned by the sdk's major.
 *
 * Two kinds:
 * - observe: handlers are told something happened. A handler that throws or overruns its time
 *   budget is logged with its plugin's name and counted; the caller never fails because of it.
 * - transform: handlers run one after another in declared order, each receiving the value the
 *   previous one returned (returning `undefined` keeps the value). A failing handler is skipped
 *   the same way: the value it was given goes on to the next handler.
 */
import type { QustoEvent, RawEventRequest } from './events.ts';
import type { StatsQuery, StatsResult } from './stats.ts';

export interface SiteRef {
  id: string;
  domain: string;
  timezone: string;
}

/** Outcome of `usage:check`; the first handler that denies wins. */
export interface UsageDecision {
  allowed: boolean;
  reason?: string;
}

export interface HookPoints {
  /** A request to the Events API passed validation (observe). */
  'ingest:received': { kind: 'observe'; payload: RawEventRequest };
  /** An event is enriched and about to be spooled; return a changed event (transform). */
  'ingest:enrich': { kind: 'transform'; payload: QustoEvent };
  /** A batch of events was confirmed by the event store (observe). */
  'ingest:written': { kind: 'observe'; payload: { events: readonly QustoEvent[] } };
  /** A parsed stats query before planning; return a changed query (transform). */
  'stats:query': { kind: 'transform'; payload: StatsQuery };
  /** Stats results before they are sent; return changed results (transform). */
  'stats:result': { kind: 'transform'; payload: StatsResult };
  /** Extra CASL rules for a user (transform over the rule list). */
  'auth:abilities': { kind: 'transform'; payload: AbilityRulesPayload };
  'site:created': { kind: 'observe'; payload: SiteRef };
  'site:deleted': { kind: 'observe'; payload: SiteRef };
  /** Whether a site may use more of something (events, sites, members) (transform). */
  'usage:check': { kind: 'transform'; payload: UsageCheck };
}

export interface AbilityRule {
  action: string | string[];
  subject: string | string[];
  conditions?: Record<string, unknown>;
  inverted?: boolean;
  reason?: string;
}

export interface AbilityRulesPayload {
  /** The signed-in user; null for a shared link or the admin token. */
  user: { id: string; email: string; isAdmin: boolean } | null;
  /**
   * Who the rules are for: a dashboard session (`user`), an API key, a shared link (or a public
   * dashboard's visitor), or the instance `ADMIN_TOKEN`. Absent in hosts that predate it.
   */
  principal?: 'user' | 'api_key' | 'shared_link' | 'admin_token';
  rules: AbilityRule[];
}

export interface UsageCheck {
  siteId: string;
  resource: string;
  amount: number;
  decision: UsageDecision;
}

export type HookName = keyof HookPoints;
export type HookPayload<H extends HookName> = HookPoints[H]['payload'];
export type HookKind<H extends HookName> = HookPoints[H]['kind'];

export interface HookContext {
  /** Name of the plugin (or `core`) that registered the handler. */
  readonly owner: string;
  /** Aborted when the handler overran its time budget. */
  readonly signal: AbortSignal;
}

export type HookHandler<H extends HookName> = HookKind<H> extends 'transform'
  ? (payload: HookPayload<H>, ctx: HookContext) => HookPayload<H> | void | Promise<HookPayload<H> | void>
  : (payload: HookPayload<H>, ctx: HookContext) => void | Promise<void>;

export interface HookOptions {
  /** Lower runs first; equal orders run in registration order. Default 100. */
  order?: number;
  /** Time budget in ms before the handler is abandoned and counted as timed out. */
  timeoutMs?: number;
}

export interface HookRegistrar {
  on<H extends HookName>(hook: H, handler: HookHandler<H>, options?: HookOptions): void;
}

/** The names of every hook point, for validation and listings. */
export const HOOK_KINDS: { readonly [H in HookName]: HookKind<H> } = {
  'ingest:received': 'observe',
  'ingest:enrich': 'transform',
  'ingest:written': 'observe',
  'stats:query': 'transform',
  'stats:result': 'transform',
  'auth:abilities': 'transform',
  'site:created': 'observe',
  'site:deleted': 'observe',
  'usage:check': 'transform',
};
