import { asClass, asFunction, type AwilixContainer, type Resolver } from 'awilix';
import type { Cradle } from '../container/cradle.ts';
import { GuestService } from './guest-service.ts';
import { InvitationService } from './invitation-service.ts';
import { SharedLinks } from './shared-links.ts';
import { ShieldService } from './shield-service.ts';
import { SiteService, type SiteCacheInvalidator } from './site-service.ts';
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
  };
}
