import { asClass, asFunction, type AwilixContainer, type Resolver } from 'awilix';
import type { Cradle } from '../container/cradle.ts';
import { GuestService } from './guest-service.ts';
import { InvitationService } from './invitation-service.ts';
import { SharedLinks } from './shared-links.ts';
import { ShieldService } from './shield-service.ts';
import { SiteService, type LiveVisitsReset, type SiteCacheInvalidator, type StatsCacheInvalidator } from './site-service.ts';
import { TeamRepository } from './team-repository.ts';
import { TeamService } from './team-service.ts';

/** Site and team services in the root container (`sites`, the repository, is core's own). */
export interface SitesCradle {
  teams: TeamRepository;
  teamService: TeamService;
  invitations: InvitationService;
  siteService: SiteService;
  shields: ShieldService;
  guests: GuestService;
  sharedLinks: SharedLinks;
  siteCacheInvalidator: SiteCacheInvalidator;
  statsCacheInvalidator: StatsCacheInvalidator;
  liveVisitsReset: LiveVisitsReset;
}

export function siteRegistrations(container: AwilixContainer<Cradle>): { [K in keyof SitesCradle]: Resolver<SitesCradle[K]> } {
  return {
    teams: asClass(TeamRepository).singleton(),
    teamService: asClass(TeamService).singleton(),
    invitations: asClass(InvitationService).singleton(),
    siteService: asClass(SiteService).singleton(),
    shields: asClass(ShieldService).singleton(),
    guests: asClass(GuestService).singleton(),
    sharedLinks: asClass(SharedLinks).singleton(),
    // Ingestion caches sites by domain; tools that only migrate have no ingestion to tell.
    siteCacheInvalidator: asFunction(
      (): SiteCacheInvalidator => (domain) => {
        if (container.hasRegistration('ingestion')) container.cradle.ingestion.siteGate.invalidate(domain);
      },
    ).singleton(),
    // Ingestion holds spooled events and live visits; tools without it have nothing to reset.
    liveVisitsReset: asFunction(
      (): LiveVisitsReset => async (siteId) => {
        if (container.hasRegistration('ingestion')) await container.cradle.ingestion.forgetSite(siteId);
      },
    ).singleton(),
    // The stats engine caches closed-range results per site; tools without it have nothing to drop.
    statsCacheInvalidator: asFunction(
      (): StatsCacheInvalidator => (siteId) => {
        if (container.hasRegistration('stats')) container.cradle.stats.invalidateSite(siteId);
      },
    ).singleton(),
  };
}
