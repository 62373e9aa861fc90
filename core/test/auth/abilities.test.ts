import { unpackRules } from '@casl/ability/extra';
import { describe, expect, it } from 'vitest';
import {
  API_KEY_SCOPE_NAMES,
  createAbility,
  packAbilityRules,
  scopeRules,
  sharedLinkRules,
  siteSubject,
  TEAM_ROLES,
  teamSubject,
  userRules,
  type AppRule,
} from '../../src/auth/abilities.ts';

const user = { id: '7', email: 'u@example.com', isAdmin: false };
const site = { id: '100', teamId: '1' };
const otherTeamSite = { id: '200', teamId: '2' };
const orphan = { id: '300', teamId: null };

describe('the ability set', () => {
  it('scopes every team role to its team', () => {
    for (const role of TEAM_ROLES) {
      const ability = createAbility(userRules(user, [{ teamId: '1', role }], []));
      for (const subjectName of ['Site', 'Stats', 'SiteSettings', 'SharedLink', 'Guest', 'Events']) {
        for (const action of ['read', 'update', 'delete', 'import']) {
          expect(ability.can(action, siteSubject(subjectName, otherTeamSite)), `${role} ${action} ${subjectName}`).toBe(false);
          expect(ability.can(action, siteSubject(subjectName, orphan)), `${role} ${action} ${subjectName} of an orphan`).toBe(false);
        }
      }
    }
  });

  it('gives each role what the table promises', () => {
    const can = (role: (typeof TEAM_ROLES)[number], action: string, subjectName: string) =>
      createAbility(userRules(user, [{ teamId: '1', role }], [])).can(action, siteSubject(subjectName, site));
    expect(TEAM_ROLES.filter((role) => can(role, 'read', 'Stats'))).toEqual(['owner', 'admin', 'editor', 'viewer']);
    expect(TEAM_ROLES.filter((role) => can(role, 'update', 'SiteSettings'))).toEqual(['owner', 'admin', 'editor']);
    expect(TEAM_ROLES.filter((role) => can(role, 'delete', 'Site'))).toEqual(['owner', 'admin']);
    expect(TEAM_ROLES.filter((role) => can(role, 'import', 'Events'))).toEqual(['owner', 'admin']);
    expect(TEAM_ROLES.filter((role) => createAbility(userRules(user, [{ teamId: '1', role }], [])).can('manage', teamSubject('Team', '1')))).toEqual(['owner']);
    expect(TEAM_ROLES.filter((role) => createAbility(userRules(user, [{ teamId: '1', role }], [])).can('manage', teamSubject('Billing', '1')))).toEqual(['owner', 'billing']);
  });

  it('limits guests to their one site', () => {
    const ability = createAbility(userRules(user, [], [{ siteId: '100', role: 'editor' }]));
    expect(ability.can('update', siteSubject('SiteSettings', site))).toBe(true);
    expect(ability.can('delete', siteSubject('Site', site))).toBe(false);
    expect(ability.can('read', siteSubject('Stats', { id: '101', teamId: '1' }))).toBe(false);
  });

  it('gives instance admins the team-less sites and instance settings, not other teams', () => {
    const ability = createAbility(userRules({ ...user, isAdmin: true }, [], []));
    expect(ability.can('manage', 'Instance')).toBe(true);
    expect(ability.can('delete', siteSubject('Site', orphan))).toBe(true);
    expect(ability.can('read', siteSubject('Stats', site))).toBe(false);
  });

  it('narrows an API key to its scopes, never beyond its user', () => {
    const owner = userRules(user, [{ teamId: '1', role: 'owner' }], []);
    for (const scope of API_KEY_SCOPE_NAMES) {
      const ability = createAbility(scopeRules(owner, [scope]));
      expect(ability.can('read', siteSubject('Stats', site)), scope).toBe(scope === 'stats:read');
      expect(ability.can('delete', siteSubject('Site', site)), scope).toBe(scope === 'sites:provision');
      expect(ability.can('import', siteSubject('Events', site)), scope).toBe(scope === 'events:import');
      expect(ability.can('manage', teamSubject('Member', '1')), scope).toBe(false);
      expect(ability.can('read', siteSubject('Stats', otherTeamSite)), scope).toBe(false);
    }
    const viewer = userRules(user, [{ teamId: '1', role: 'viewer' }], []);
    expect(createAbility(scopeRules(viewer, ['sites:provision'])).can('delete', siteSubject('Site', site))).toBe(false);
    const withPluginRule: AppRule[] = [...owner, { action: 'manage', subject: 'Goal', conditions: { teamId: '1' } }];
    expect(createAbility(scopeRules(withPluginRule, [...API_KEY_SCOPE_NAMES])).can('read', siteSubject('Goal', site))).toBe(false);
    const inverted: AppRule[] = [...owner, { action: 'delete', subject: 'Site', inverted: true }];
    expect(createAbility(scopeRules(inverted, ['sites:provision'])).can('delete', siteSubject('Site', site))).toBe(false);
  });

  it('lets a shared link read one site’s stats only', () => {
    const ability = createAbility(sharedLinkRules('100'));
    expect(ability.can('read', siteSubject('Stats', site))).toBe(true);
    expect(ability.can('read', siteSubject('Stats', otherTeamSite))).toBe(false);
    for (const action of ['create', 'update', 'delete', 'manage', 'import']) expect(ability.can(action, siteSubject('Stats', site))).toBe(false);
    expect(ability.can('read', siteSubject('Site', site))).toBe(false);
  });

  it('packs rules so the shell can rebuild the same ability', () => {
    const ability = createAbility(userRules(user, [{ teamId: '1', role: 'editor' }], [{ siteId: '200', role: 'viewer' }]));
    const rebuilt = createAbility(unpackRules(packAbilityRules(ability) as never));
    for (const [action, subjectName, target] of [
      ['update', 'SiteSettings', site],
      ['delete', 'Site', site],
      ['read', 'Stats', otherTeamSite],
      ['update', 'SiteSettings', otherTeamSite],
    ] as const) {
      expect(rebuilt.can(action, siteSubject(subjectName, target))).toBe(ability.can(action, siteSubject(subjectName, target)));
    }
  });
});
