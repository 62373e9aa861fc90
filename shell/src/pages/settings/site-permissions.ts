/** What the signed-in user may do on one site, from the packed CASL rules of `GET /api/me/abilities`. */
import { createMongoAbility, subject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';

export interface SitePermissions {
  /** Timezone, shields, custom properties. */
  readSettings: boolean;
  updateSettings: boolean;
  /** Domain change (and moving the site). */
  changeDomain: boolean;
  /** Deleting the site and resetting its stats. */
  deleteSite: boolean;
  manageSharedLinks: boolean;
  readGuests: boolean;
  manageGuests: boolean;
  readMembers: boolean;
  manageMembers: boolean;
  /** Owner powers: granting the owner role. */
  manageTeam: boolean;
}

export const NO_PERMISSIONS: SitePermissions = {
  readSettings: false,
  updateSettings: false,
  changeDomain: false,
  deleteSite: false,
  manageSharedLinks: false,
  readGuests: false,
  manageGuests: false,
  readMembers: false,
  manageMembers: false,
  manageTeam: false,
};

/** Builds the ability from packed rules (as the server sends them). */
export function abilityFromPacked(packed: unknown): MongoAbility {
  const rules = Array.isArray(packed) ? (unpackRules(packed as PackRule<RawRuleOf<MongoAbility>>[]) as RawRuleOf<MongoAbility>[]) : [];
  return createMongoAbility(rules);
}

/** The site's permissions; conditions are matched on `{ siteId, teamId }` as core does. */
export function sitePermissions(ability: MongoAbility, site: { id: string; teamId: string | null }): SitePermissions {
  const onSite = (name: string) => subject(name, { siteId: site.id, teamId: site.teamId });
  const onTeam = (name: string) => subject(name, { teamId: site.teamId });
  const team = site.teamId !== null;
  return {
    readSettings: ability.can('read', onSite('SiteSettings')),
    updateSettings: ability.can('update', onSite('SiteSettings')),
    changeDomain: ability.can('update', onSite('Site')),
    deleteSite: ability.can('delete', onSite('Site')),
    manageSharedLinks: ability.can('create', onSite('SharedLink')) && ability.can('delete', onSite('SharedLink')),
    readGuests: ability.can('read', onSite('Guest')),
    manageGuests: ability.can('create', onSite('Guest')) && ability.can('delete', onSite('Guest')),
    readMembers: team && ability.can('read', onTeam('Member')),
    manageMembers: team && ability.can('create', onTeam('Member')) && ability.can('update', onTeam('Member')),
    manageTeam: team && ability.can('manage', onTeam('Team')),
  };
}
