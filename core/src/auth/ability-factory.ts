import type { AbilityRulesPayload } from '@qusto/sdk';
import type { HookBus } from '../hooks/hook-bus.ts';
import type { TeamRepository, UserAccess } from '../sites/team-repository.ts';
import {
  adminTokenRules,
  createAbility,
  scopeRules,
  sharedLinkRules,
  userRules,
  type AbilityUser,
  type ApiKeyScope,
  type AppAbility,
  type AppRule,
  CORE_SUBJECTS,
} from './abilities.ts';

/**
 * Builds the ability of each kind of principal. Users get their role rules plus plugins' rules
 * (`auth:abilities`); API keys get their user's rules in the key's team, narrowed to the key's
 * scopes; shared links and the admin token get fixed rules. For keys, links and the token the
 * hook runs on the narrowed rules and may only add rules on plugin subjects (a goals plugin
 * deriving "read Goal" from "read Stats"), never widen a core subject.
 */
export class AbilityFactory {
  private readonly teams: TeamRepository;
  private readonly hookBus: HookBus;

  constructor(deps: { teams: TeamRepository; hookBus: HookBus }) {
    this.teams = deps.teams;
    this.hookBus = deps.hookBus;
  }

  /** `access`: the user's roles when the caller has just read them (teams.accessOf). */
  async forUser(user: AbilityUser, access?: UserAccess): Promise<AppAbility> {
    const { memberships, guests } = access ?? (await this.teams.accessOf(user.id));
    return createAbility(await this.withPluginRules(user, userRules(user, memberships, guests), { principal: 'user' }));
  }

  async forApiKey(user: AbilityUser, key: { teamId: string; scopes: readonly ApiKeyScope[] }): Promise<AppAbility> {
    const memberships = (await this.teams.membershipsOf(user.id)).filter((membership) => membership.teamId === key.teamId);
    // Only the key's team: no guest roles, no instance-admin powers.
    const base = userRules({ ...user, isAdmin: false }, memberships, []);
    return createAbility(await this.withPluginRules(user, scopeRules(base, key.scopes), { principal: 'api_key', restricted: true }));
  }

  async forSharedLink(siteId: string): Promise<AppAbility> {
    return createAbility(await this.withPluginRules(null, sharedLinkRules(siteId), { principal: 'shared_link', restricted: true }));
  }

  async forAdminToken(): Promise<AppAbility> {
    return createAbility(await this.withPluginRules(null, adminTokenRules(), { principal: 'admin_token', restricted: true }));
  }

  anonymous(): AppAbility {
    return createAbility([]);
  }

  private async withPluginRules(
    user: AbilityUser | null,
    rules: AppRule[],
    options: { principal: NonNullable<AbilityRulesPayload['principal']>; restricted?: boolean },
  ): Promise<AppRule[]> {
    const payload: AbilityRulesPayload = { user: user && { id: user.id, email: user.email, isAdmin: user.isAdmin }, principal: options.principal, rules: rules as never };
    const result = await this.hookBus.transform('auth:abilities', payload);
    const returned = (Array.isArray(result?.rules) ? result.rules : rules) as AppRule[];
    if (!options.restricted) return returned;
    // Keep the principal's own rules as they were; take only plugin-subject rules from the hook.
    const added = returned.filter((rule) => !rules.includes(rule) && [rule.subject as string | string[]].flat().every((s) => !CORE_SUBJECTS.has(s)));
    return [...rules, ...added];
  }
}
