import type { HookBus } from '../hooks/hook-bus.ts';
import type { TeamRepository } from '../sites/team-repository.ts';
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
} from './abilities.ts';

/**
 * Builds the ability of each kind of principal. Users get their role rules plus plugins' rules
 * (`auth:abilities`); API keys get their user's rules in the key's team, narrowed to the key's
 * scopes; shared links and the admin token get fixed rules that no hook can widen.
 */
export class AbilityFactory {
  private readonly teams: TeamRepository;
  private readonly hookBus: HookBus;

  constructor(deps: { teams: TeamRepository; hookBus: HookBus }) {
    this.teams = deps.teams;
    this.hookBus = deps.hookBus;
  }

  async forUser(user: AbilityUser): Promise<AppAbility> {
    const [memberships, guests] = await Promise.all([this.teams.membershipsOf(user.id), this.teams.guestRolesOf(user.id)]);
    return createAbility(await this.withPluginRules(user, userRules(user, memberships, guests)));
  }

  async forApiKey(user: AbilityUser, key: { teamId: string; scopes: readonly ApiKeyScope[] }): Promise<AppAbility> {
    const memberships = (await this.teams.membershipsOf(user.id)).filter((membership) => membership.teamId === key.teamId);
    // Only the key's team: no guest roles, no instance-admin powers.
    const base = userRules({ ...user, isAdmin: false }, memberships, []);
    return createAbility(scopeRules(await this.withPluginRules(user, base), key.scopes));
  }

  forSharedLink(siteId: string): AppAbility {
    return createAbility(sharedLinkRules(siteId));
  }

  forAdminToken(): AppAbility {
    return createAbility(adminTokenRules());
  }

  anonymous(): AppAbility {
    return createAbility([]);
  }

  private async withPluginRules(user: AbilityUser, rules: AppRule[]): Promise<AppRule[]> {
    const result = await this.hookBus.transform('auth:abilities', { user: { id: user.id, email: user.email, isAdmin: user.isAdmin }, rules: rules as never });
    return (Array.isArray(result?.rules) ? result.rules : rules) as AppRule[];
  }
}
