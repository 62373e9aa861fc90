/**
 * What the signed-in principal may do with a site, from `GET /api/me/abilities` (the server's
 * own CASL rules, packed). Only decides what to show: the server checks every request again.
 */
import { createMongoAbility, subject as tagSubject, type MongoAbility } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { useMemo } from 'react';
import { ABILITIES_PATH } from '../requests.ts';
import { useRequest } from './use-request.ts';

interface AbilitiesResponse {
  principal?: unknown;
  rules?: unknown;
}

export { ABILITIES_PATH };

export function abilityFromPacked(rules: unknown): MongoAbility | null {
  if (!Array.isArray(rules)) return null;
  try {
    return createMongoAbility(unpackRules(rules as PackRule<never>[]));
  } catch {
    return null;
  }
}

/** Whether the settings of this site may be changed (null while unknown or unanswerable). */
export function useCanEditSite(site: { id: string; teamId: string | null } | null): boolean | null {
  const abilities = useRequest<AbilitiesResponse>(site ? { kind: 'get', path: ABILITIES_PATH } : null);
  const ability = useMemo(() => abilityFromPacked(abilities.data?.rules), [abilities.data]);
  if (!site || !ability) return null;
  const target = { siteId: site.id, teamId: site.teamId };
  return ability.can('update', tagSubject('SiteSettings', { ...target })) || ability.can('update', tagSubject('Site', { ...target }));
}
