import type { EventStore, MetadataDb } from '@qusto/sdk';
import type { Logger } from 'pino';
import { assertCan, siteSubject, teamSubject, type AppAbility } from '../auth/abilities.ts';
import { badRequest, conflict, forbidden } from '../auth/errors.ts';
import type { HookBus } from '../hooks/hook-bus.ts';
import { onClusterClause } from '../storage/events/clickhouse-dialect.ts';
import { SiteRepository, validateSiteInput, type SiteRecord } from './site-repository.ts';
import type { TeamRepository } from './team-repository.ts';

/** How long the old domain keeps ingesting after a domain change. */
export const DOMAIN_CHANGE_GRACE_MS = 72 * 3600 * 1000;
const MAX_ALLOWED_PROPS = 300;

/** Tells ingestion a site's domain or shields changed, so its cache forgets them now. */
export type SiteCacheInvalidator = (domain: string) => void;

/** Tells the stats engine a site's events changed wholesale, so cached results are dropped. */
export type StatsCacheInvalidator = (siteId: string) => void;
/** Writes what ingestion holds for a site and forgets its live visits (before a stats reset). */
export type LiveVisitsReset = (siteId: string) => Promise<void>;

/** The event-store tables that hold a site's rows (both keyed by `site_id`). */
const SITE_EVENT_TABLES = ['events', 'sessions', 'stats_rollups', 'stats_rollup_days', 'stats_rollup_sites'] as const;

export interface SiteSettingsChange {
  domain?: unknown;
  timezone?: unknown;
  public?: unknown;
  allowedEventProps?: unknown;
}

/**
 * Sites: creation in a team, settings, domain changes with a grace period, deletion with all
 * their events. Every method checks the caller's ability itself (routes check first).
 */
export class SiteService {
  private readonly metadataDb: MetadataDb;
  private readonly eventStore: EventStore;
  private readonly sites: SiteRepository;
  private readonly teams: TeamRepository;
  private readonly hookBus: HookBus;
  private readonly logger: Logger;
  private readonly cluster: string | undefined;
  private readonly invalidate: SiteCacheInvalidator;
  private readonly invalidateStats: StatsCacheInvalidator;
  private readonly resetLiveVisits: LiveVisitsReset;

  constructor(deps: {
    metadataDb: MetadataDb;
    eventStore: EventStore;
    sites: SiteRepository;
    teams: TeamRepository;
    hookBus: HookBus;
    logger: Logger;
    config: { clickhouseCluster: string | undefined };
    siteCacheInvalidator: SiteCacheInvalidator;
    statsCacheInvalidator: StatsCacheInvalidator;
    liveVisitsReset: LiveVisitsReset;
  }) {
    this.metadataDb = deps.metadataDb;
    this.eventStore = deps.eventStore;
    this.sites = deps.sites;
    this.teams = deps.teams;
    this.hookBus = deps.hookBus;
    this.logger = deps.logger;
    this.cluster = deps.config.clickhouseCluster;
    this.invalidate = deps.siteCacheInvalidator;
    this.invalidateStats = deps.statsCacheInvalidator;
    this.resetLiveVisits = deps.liveVisitsReset;
  }

  /** Creates a site in `teamId`, or in the caller's first team where they may create sites. */
  async create(ability: AppAbility, user: { id: string }, input: { domain: unknown; timezone?: unknown; teamId?: string | null }): Promise<SiteRecord> {
    const { domain, timezone } = this.parseDomainAndTimezone(input.domain, input.timezone ?? 'Etc/UTC');
    const teamId = input.teamId ?? (await this.defaultTeam(ability, user.id));
    if (!teamId) throw forbidden('You are in no team where you may add sites; create a team first');
    assertCan(ability, 'create', teamSubject('Site', teamId), 'You may not add sites to this team');
    return this.insert(domain, timezone!, teamId);
  }

  /** Creation without a caller (CLI): `teamId` null makes a team-less site only admins see. */
  async createAsSystem(input: { domain: unknown; timezone?: unknown; teamId: string | null }): Promise<SiteRecord> {
    const { domain, timezone } = this.parseDomainAndTimezone(input.domain, input.timezone ?? 'Etc/UTC');
    return this.insert(domain, timezone!, input.teamId);
  }

  async update(ability: AppAbility, site: SiteRecord, change: SiteSettingsChange): Promise<SiteRecord> {
    const settings: { timezone?: string; public?: boolean; allowedEventProps?: string[] | null } = {};
    if (change.timezone !== undefined) settings.timezone = this.parseDomainAndTimezone(site.domain, change.timezone).timezone!;
    if (change.public !== undefined) {
      if (typeof change.public !== 'boolean') throw badRequest('public must be true or false');
      settings.public = change.public;
    }
    if (change.allowedEventProps !== undefined) settings.allowedEventProps = parseAllowedProps(change.allowedEventProps);
    if (Object.keys(settings).length > 0) {
      assertCan(ability, 'update', siteSubject('SiteSettings', site));
      await this.sites.updateSettings(site.id, settings);
    }
    if (change.domain !== undefined) {
      const { domain } = this.parseDomainAndTimezone(change.domain, undefined);
      if (domain !== site.domain) {
        assertCan(ability, 'update', siteSubject('Site', site), 'Only team owners and admins can change the domain');
        await this.metadataDb.transaction(async (tx) => {
          if (await this.sites.domainTaken(domain, site.id, tx)) throw conflict(`${domain} is already tracked by another site`);
          await this.sites.changeDomain(site.id, domain, DOMAIN_CHANGE_GRACE_MS, tx);
        });
        this.invalidate(site.domain);
        this.invalidate(domain);
      }
    }
    if (settings.timezone !== undefined) this.invalidate(site.domain);
    return (await this.sites.findRecordById(site.id))!;
  }

  /** Deletes a site: its events and sessions in the event store, then its metadata. */
  async delete(ability: AppAbility, site: SiteRecord): Promise<void> {
    assertCan(ability, 'delete', siteSubject('Site', site), 'Only team owners and admins can delete a site');
    // Events first: if this fails the site still exists and the delete can be retried.
    await this.deleteEvents(site.id, { wait: false });
    await this.sites.delete(site.id);
    this.invalidate(site.domain);
    if (site.previousDomain) this.invalidate(site.previousDomain);
    await this.hookBus.emit('site:deleted', { id: site.id, domain: site.domain, timezone: site.timezone });
    this.logger.info({ site: site.domain }, 'site deleted with its events');
  }

  /**
   * Resets a site's stats: deletes all its events and sessions, keeps the site and its settings
   * (shields, shared links, guests, plugins' data). Same permission as deleting the site.
   * Waits until the rows are gone, so the dashboard shows zero as soon as this returns.
   */
  async resetStats(ability: AppAbility, site: SiteRecord): Promise<void> {
    assertCan(ability, 'delete', siteSubject('Site', site), 'Only team owners and admins can reset a site’s stats');
    await this.resetLiveVisits(site.id);
    // Before the delete too: a rollup being built now is then not recorded.
    this.invalidateStats(site.id);
    await this.deleteEvents(site.id, { wait: true });
    this.invalidateStats(site.id);
    this.logger.info({ site: site.domain }, 'site stats reset');
  }

  /**
   * `ALTER TABLE … DELETE` (a mutation) works on chdb and on a server, replicated or not.
   * `wait`: `mutations_sync = 2` returns once every replica applied it; otherwise it runs in
   * the background.
   */
  private async deleteEvents(siteId: string, options: { wait: boolean }): Promise<void> {
    const onCluster = onClusterClause(this.cluster);
    const settings = options.wait ? ' SETTINGS mutations_sync = 2' : '';
    for (const table of SITE_EVENT_TABLES) {
      await this.eventStore.command(`ALTER TABLE ${table} ${onCluster} DELETE WHERE site_id = {id:UInt64}${settings}`, { id: siteId });
    }
  }

  /** Moves a site to another team: the caller must be able to delete it here and create it there. */
  async transfer(ability: AppAbility, site: SiteRecord, teamId: string): Promise<SiteRecord> {
    assertCan(ability, 'delete', siteSubject('Site', site), 'Only team owners and admins can move a site');
    if (!(await this.teams.find(teamId)) || !ability.can('create', teamSubject('Site', teamId))) {
      throw forbidden('You may not add sites to the target team');
    }
    await this.sites.moveToTeam(site.id, teamId);
    return (await this.sites.findRecordById(site.id))!;
  }

  private async insert(domain: string, timezone: string, teamId: string | null): Promise<SiteRecord> {
    const created = await this.metadataDb.transaction(async (tx) => {
      if (await this.sites.domainTaken(domain, null, tx)) throw conflict(`${domain} is already tracked by another site`);
      return this.sites.create({ domain, timezone, teamId }, tx);
    });
    this.invalidate(domain);
    await this.hookBus.emit('site:created', created);
    return (await this.sites.findRecordById(created.id))!;
  }

  private async defaultTeam(ability: AppAbility, userId: string): Promise<string | null> {
    for (const team of await this.teams.teamsOf(userId)) {
      if (ability.can('create', teamSubject('Site', team.id))) return team.id;
    }
    return null;
  }

  private parseDomainAndTimezone(domain: unknown, timezone: unknown): { domain: string; timezone: string | undefined } {
    if (typeof domain !== 'string') throw badRequest('domain must be a string such as example.com');
    if (timezone !== undefined && typeof timezone !== 'string') throw badRequest('timezone must be an IANA time zone such as Europe/Berlin');
    const problem = validateSiteInput({ domain, timezone: timezone as string | undefined });
    if (problem) throw badRequest(problem);
    return { domain: SiteRepository.normalizeDomain(domain), timezone: timezone as string | undefined };
  }
}

function parseAllowedProps(value: unknown): string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || value.length > MAX_ALLOWED_PROPS || !value.every((key) => typeof key === 'string' && key.length > 0 && key.length <= 300)) {
    throw badRequest(`allowedEventProps must be null (show all) or a list of up to ${MAX_ALLOWED_PROPS} property names`);
  }
  return [...new Set(value as string[])];
}
