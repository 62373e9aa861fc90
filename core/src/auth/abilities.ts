import { createMongoAbility, subject as tagSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import type { AbilityRule } from '@qusto/sdk';
import { forbidden } from './errors.ts';

/**
 * The one ability set of core: every role's permissions in one place, as CASL rules with
 * string subjects (class subjects break under minification) and `{ teamId }` / `{ siteId }`
 * conditions. Plugins add rules through the `auth:abilities` hook; the shell gets the same
 * rules packed from `GET /api/me/abilities`.
 *
 * Actions: `read`, `create`, `update`, `delete`, `manage` (= any action), `import`.
 * Subjects (condition fields in brackets):
 * - Instance                      instance settings and users (instance admins)
 * - Team [teamId]                 the team itself; `manage` = owner powers (delete, 2FA policy, transfer)
 * - Member [teamId]               memberships and invitations
 * - Billing [teamId]              subscription (billing plugin)
 * - ApiKey [teamId, userId]       API keys
 * - Site [siteId, teamId]         the site record: create, change domain, delete
 * - SiteSettings [siteId, teamId] timezone, visibility, shields, custom properties
 * - Stats [siteId, teamId]        reading the dashboard and stats API
 * - SharedLink [siteId, teamId]   shared links
 * - Guest [siteId, teamId]        per-site guests
 * - Events [siteId, teamId]       raw-event import
 */
export type AppAbility = MongoAbility;
export type AppRule = RawRuleOf<AppAbility>;

export const TEAM_ROLES = ['owner', 'admin', 'editor', 'billing', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const GUEST_ROLES = ['editor', 'viewer'] as const;
export type GuestRole = (typeof GUEST_ROLES)[number];

export const SITE_SUBJECTS = ['Site', 'SiteSettings', 'Stats', 'SharedLink', 'Guest', 'Events'] as const;

/** Core's subjects (and CASL's `all`): plugins can never add rules on these for restricted principals. */
export const CORE_SUBJECTS: ReadonlySet<string> = new Set(['all', 'Instance', 'Team', 'Member', 'Billing', 'ApiKey', ...SITE_SUBJECTS]);

type Grant = [actions: string[], subjects: string[]];

const TEAM_ROLE_GRANTS: Record<TeamRole, Grant[]> = {
  owner: [[['manage'], ['Team', 'Member', 'Billing', 'ApiKey', ...SITE_SUBJECTS]]],
  admin: [
    [['read'], ['Team']],
    [['manage'], ['Member', 'ApiKey', ...SITE_SUBJECTS]],
  ],
  editor: [
    [['read'], ['Team', 'Member', 'Site', 'Stats']],
    [['read', 'update'], ['SiteSettings']],
    [['manage'], ['SharedLink']],
    [['create'], ['ApiKey']],
  ],
  billing: [
    [['read'], ['Team', 'Member', 'Site']],
    [['manage'], ['Billing']],
    [['create'], ['ApiKey']],
  ],
  viewer: [
    [['read'], ['Team', 'Member', 'Site', 'Stats']],
    [['create'], ['ApiKey']],
  ],
};

const GUEST_ROLE_GRANTS: Record<GuestRole, Grant[]> = {
  editor: [
    [['read'], ['Site', 'Stats']],
    [['read', 'update'], ['SiteSettings']],
    [['manage'], ['SharedLink']],
  ],
  viewer: [[['read'], ['Site', 'Stats']]],
};

export interface AbilityUser {
  id: string;
  email: string;
  isAdmin: boolean;
}

export interface TeamMembershipRef {
  teamId: string;
  role: TeamRole;
}

export interface SiteGuestRef {
  siteId: string;
  role: GuestRole;
}

const expand = (grants: Grant[], conditions: Record<string, unknown>): AppRule[] =>
  grants.map(([action, subject]) => ({ action, subject, conditions }));

/** A user's rules from their team roles and site-guest roles (before plugins' rules). */
export function userRules(user: AbilityUser, memberships: readonly TeamMembershipRef[], guests: readonly SiteGuestRef[]): AppRule[] {
  const rules: AppRule[] = [
    // Anyone signed in may start a team, and manage their own API keys.
    { action: 'create', subject: 'Team' },
    { action: ['read', 'delete'], subject: 'ApiKey', conditions: { userId: user.id } },
  ];
  for (const membership of memberships) rules.push(...expand(TEAM_ROLE_GRANTS[membership.role], { teamId: membership.teamId }));
  for (const guest of guests) rules.push(...expand(GUEST_ROLE_GRANTS[guest.role], { siteId: guest.siteId }));
  if (user.isAdmin) {
    rules.push({ action: 'manage', subject: 'Instance' });
    // Sites from before accounts existed belong to no team; instance admins look after them.
    rules.push({ action: 'manage', subject: [...SITE_SUBJECTS], conditions: { teamId: null } });
  }
  return rules;
}

/** What each API key scope may do at most; the key's user must also be allowed (intersection). */
export const API_KEY_SCOPES = {
  'stats:read': { Stats: ['read'] },
  'sites:read': { Site: ['read'] },
  'sites:provision': {
    Site: ['read', 'create', 'update', 'delete'],
    SiteSettings: ['read', 'update'],
    SharedLink: ['read', 'create', 'update', 'delete'],
    Guest: ['read', 'create', 'update', 'delete'],
  },
  'events:import': { Events: ['import'], Site: ['read'] },
} as const satisfies Record<string, Record<string, readonly string[]>>;
export type ApiKeyScope = keyof typeof API_KEY_SCOPES;
export const API_KEY_SCOPE_NAMES = Object.keys(API_KEY_SCOPES) as ApiKeyScope[];

const asArray = <T>(value: T | T[] | readonly T[]): T[] => (Array.isArray(value) ? [...value] : [value as T]);

/**
 * Narrows a user's rules to what a key's scopes allow: each rule keeps only the actions its
 * subject is granted by some scope; `manage` becomes the granted actions. Subjects no scope
 * names (plugins' included) are dropped, so a key never gains power by a plugin adding rules.
 */
export function scopeRules(rules: readonly AppRule[], scopes: readonly ApiKeyScope[]): AppRule[] {
  const granted = new Map<string, Set<string>>();
  for (const scope of scopes) {
    for (const [subjectName, actions] of Object.entries(API_KEY_SCOPES[scope] ?? {})) {
      const set = granted.get(subjectName) ?? new Set<string>();
      for (const action of actions) set.add(action);
      granted.set(subjectName, set);
    }
  }
  const narrowed: AppRule[] = [];
  for (const rule of rules) {
    const subjects = asArray(rule.subject as string | string[]);
    const expanded = subjects.includes('all') ? [...granted.keys()] : subjects;
    for (const subjectName of expanded) {
      const allowed = granted.get(subjectName);
      if (!allowed) continue;
      const actions = asArray(rule.action as string | string[]);
      // An inverted rule only takes away; it may stay as written.
      const kept = rule.inverted ? actions : actions.includes('manage') ? [...allowed] : actions.filter((action) => allowed.has(action));
      if (kept.length > 0) narrowed.push({ ...rule, action: kept, subject: subjectName } as AppRule);
    }
  }
  return narrowed;
}

/** A shared link: reading the stats of its one site, and nothing else, by construction. */
export function sharedLinkRules(siteId: string): AppRule[] {
  return [{ action: 'read', subject: 'Stats', conditions: { siteId } }];
}

/** `ADMIN_TOKEN` (bootstrapping, scripts): read every site's stats and import raw events. */
export function adminTokenRules(): AppRule[] {
  return [
    { action: 'read', subject: ['Site', 'Stats'] },
    { action: 'import', subject: 'Events' },
  ];
}

export function createAbility(rules: readonly AppRule[] | readonly AbilityRule[]): AppAbility {
  return createMongoAbility(rules as AppRule[]);
}

export function packAbilityRules(ability: AppAbility): unknown[] {
  return packRules(ability.rules);
}

/** The object a rule's conditions are matched against, for a site-scoped subject. */
export function siteSubject(subjectName: string, site: { id: string; teamId: string | null }) {
  return tagSubject(subjectName, { siteId: site.id, teamId: site.teamId });
}

/** The object a rule's conditions are matched against, for a team-scoped subject. */
export function teamSubject(subjectName: string, teamId: string, extra: Record<string, unknown> = {}) {
  return tagSubject(subjectName, { teamId, ...extra });
}

/** Services check again (defence in depth): throws a 403 unless `ability` allows it. */
export function assertCan(ability: AppAbility, action: string, subject: Parameters<AppAbility['can']>[1], message?: string): void {
  if (!ability.can(action, subject)) throw forbidden(message);
}
