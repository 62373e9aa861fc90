import type { QustoEvent, RawEventRequest } from '@qusto/sdk';
import type { HookBus } from '../hooks/hook-bus.ts';
import {
  acquisitionChannel,
  isBotRequest,
  parsePageUrl,
  parseUserAgent,
  readCampaign,
  resolveSource,
  type Geolocator,
} from './enrichment/index.ts';
import type { SaltPair } from './salts.ts';
import type { SessionTracker } from './session-tracker.ts';
import type { SiteGate } from './site-gate.ts';
import type { SiteThrottle } from './site-throttle.ts';
import type { VisitChange } from './session-state.ts';
import type { SpoolRecord } from './spool-record.ts';
import { validateEventRequest, type FieldErrors } from './validate-event-request.ts';
import { visitorId } from './visitor-id.ts';

export interface IngestInput {
  body: unknown;
  ip: string;
  userAgent: string;
  /** Server time; only the raw-event backfill passes its own. */
  at: Date;
  /** Backfill lines may omit the user agent; live requests without one are treated as bots. */
  allowMissingUserAgent?: boolean;
}

export type DropReason =
  | 'spam_referrer'
  | 'not_found'
  | 'throttled'
  | 'bot'
  | 'site_hostname_allowlist'
  | 'site_page_blocklist'
  | 'site_ip_blocklist'
  | 'site_country_blocklist'
  | 'no_session_for_engagement';

export type IngestOutcome =
  | { status: 'invalid'; errors: FieldErrors }
  | { status: 'processed'; record: SpoolRecord; events: QustoEvent[]; dropped: DropReason[] };

/** Events whose `props.path` Plausible fills from the page when the tracker did not send it. */
const PATH_PROP_EVENTS = new Set(['404', 'WP Form Completions', 'Form: Submission']);

export interface PipelineDeps {
  siteGate: SiteGate;
  geolocator: Geolocator;
  salts: (at: Date) => Promise<SaltPair>;
  sessions: SessionTracker;
  hookBus: HookBus;
  /** Per-site budget for live traffic; null for the backfill and when no limit is configured. */
  throttle: SiteThrottle | null;
}

/** `2026-11-25 13:04:05` in UTC, truncated to the second. */
export const toClickHouseTime = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ');

/** The registrable-ish root of a hostname: its last two labels (`blog.example.co` -> `example.co`). */
const rootDomain = (hostname: string) => hostname.split('.').slice(-2).join('.');

/**
 * validate -> spam referrer -> for each domain: site -> throttle -> shields -> geo -> country shield ->
 * bot filter -> enrichment -> visitor id -> session -> hook ingest:enrich -> rows.
 * Pure of I/O except the caches it consults; the caller spools the record.
 */
export class IngestPipeline {
  constructor(private readonly deps: PipelineDeps) {}

  async process(input: IngestInput): Promise<IngestOutcome> {
    const validation = validateEventRequest(input.body);
    if (!validation.ok) return { status: 'invalid', errors: validation.errors };
    const request = validation.request;
    void this.deps.hookBus.emit('ingest:received', request);

    const page = parsePageUrl(request.url, request.hashMode);
    const referrerHost = hostOf(request.referrer);
    const dropped: DropReason[] = [];
    const record: SpoolRecord = { events: [], visits: [] };
    const events: QustoEvent[] = [];

    const spam = isBotRequest({ userAgent: input.userAgent, referrerHost });
    if (spam.bot && spam.reason === 'spam_referrer') {
      return { status: 'processed', record, events, dropped: request.domains.map(() => 'spam_referrer') };
    }

    for (const domain of request.domains) {
      const isBot = spam.bot && !(input.allowMissingUserAgent && input.userAgent === '');
      const outcome = await this.processForDomain(domain, request, page, input, isBot);
      if (typeof outcome === 'string') {
        dropped.push(outcome);
        continue;
      }
      events.push(outcome.event);
      record.events.push(outcome.event);
      if (outcome.visit) record.visits.push(outcome.visit);
    }
    return { status: 'processed', record, events, dropped };
  }

  private async processForDomain(
    domain: string,
    request: RawEventRequest,
    page: ReturnType<typeof parsePageUrl>,
    input: IngestInput,
    isBot: boolean,
  ): Promise<DropReason | { event: QustoEvent; visit: VisitChange | null }> {
    const gated = await this.deps.siteGate.lookup(domain);
    if (!gated) return 'not_found';
    if (this.deps.throttle && !this.deps.throttle.allow(gated.site.id, input.at)) return 'throttled';
    const requestVerdict = gated.shields.checkRequest({ hostname: page.hostname, pathname: page.pathname, ip: input.ip });
    if (requestVerdict) return requestVerdict;
    const geo = this.deps.geolocator.lookup(input.ip);
    const countryVerdict = gated.shields.checkCountry(geo.countryCode);
    if (countryVerdict) return countryVerdict;
    if (isBot) return 'bot';

    const ua = parseUserAgent(input.userAgent);
    const source = resolveSource({ pageUrl: page.url, referrer: request.referrer });
    const campaign = readCampaign(page.url, source.referrerSource);
    const salts = await this.deps.salts(input.at);
    const hashInput = { siteId: gated.site.id, rootDomain: rootDomain(page.hostname), ip: input.ip, userAgent: input.userAgent };
    const props = { ...request.props };
    if (PATH_PROP_EVENTS.has(request.name) && props.path === undefined) props.path = page.pathname;

    const event: QustoEvent = {
      timestamp: toClickHouseTime(input.at),
      siteId: gated.site.id,
      name: request.name,
      userId: visitorId(salts.current, hashInput),
      sessionId: '0',
      hostname: page.hostname,
      pathname: page.pathname,
      referrer: source.referrer,
      referrerSource: source.referrerSource,
      ...campaign,
      acquisitionChannel: acquisitionChannel({
        referrerSource: source.referrerSource,
        utmMedium: campaign.utmMedium,
        utmCampaign: campaign.utmCampaign,
        utmSource: campaign.utmSource,
        clickIdParam: campaign.clickIdParam,
      }),
      ...geo,
      ...ua,
      props,
      scrollDepth: request.scrollDepth ?? 0,
      engagementTime: request.engagementTime ?? 0,
      revenueSourceAmount: request.revenue?.amount ?? null,
      revenueSourceCurrency: request.revenue?.currency ?? '',
      revenueReportingAmount: null,
      revenueReportingCurrency: '',
      interactive: request.interactive,
    };
    const previousSalt = salts.previous;
    const tracked = await this.deps.sessions.track(event, () => (previousSalt ? visitorId(previousSalt, hashInput) : null));
    if (tracked.kind === 'dropped') return tracked.reason;

    const enriched = await this.deps.hookBus.transform('ingest:enrich', tracked.event);
    return { event: enriched, visit: tracked.visit };
  }
}

function hostOf(referrer: string | null): string {
  if (!referrer) return '';
  try {
    return new URL(referrer).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
