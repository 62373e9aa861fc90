import type { MetadataDb } from '@qusto/sdk';
import { assertCan, TEAM_ROLES, teamSubject, type AppAbility, type TeamRole } from '../auth/abilities.ts';
import { badRequest, conflict, forbidden, notFound } from '../auth/errors.ts';
import type { Team, TeamMember, TeamRepository } from './team-repository.ts';

export function parseTeamRole(role: unknown, options: { allowOwner: boolean }): TeamRole {
  const allowed = options.allowOwner ? TEAM_ROLES : TEAM_ROLES.filter((r) => r !== 'owner');
  if (typeof role !== 'string' || !(allowed as readonly string[]).includes(role)) {
    throw badRequest(`role must be one of ${allowed.join(', ')}`);
  }
  return role as TeamRole;
}

export function parseTeamName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed || trimmed.length > 100) throw badRequest('name must be 1 to 100 characters');
  return trimmed;
}

/**
 * Teams and their members. Only owners touch owners: granting, changing or removing the owner
 * role needs `manage Team`. A team always keeps at least one owner, checked under a row lock so
 * two owners leaving at once cannot both succeed.
 */
export class TeamService {
  private readonly metadataDb: MetadataDb;
  private readonly teams: TeamRepository;

  constructor(deps: { metadataDb: MetadataDb; teams: TeamRepository }) {
    this.metadataDb = deps.metadataDb;
    this.teams = deps.teams;
  }

  async create(ability: AppAbility, userId: string, name: unknown): Promise<Team> {
    assertCan(ability, 'create', 'Team');
    return this.metadataDb.transaction((tx) => this.teams.create(parseTeamName(name), userId, tx));
  }

  async get(ability: AppAbility, teamId: string): Promise<Team> {
    const team = await this.teams.find(teamId);
    if (!team || !ability.can('read', teamSubject('Team', teamId))) throw notFound(`Team ${teamId} does not exist or you are not in it`);
    return team;
  }

  async update(ability: AppAbility, teamId: string, changes: { name?: unknown; require2fa?: unknown }): Promise<Team> {
    await this.get(ability, teamId);
    assertCan(ability, 'manage', teamSubject('Team', teamId), 'Only team owners can change the team');
    if (changes.require2fa !== undefined && typeof changes.require2fa !== 'boolean') throw badRequest('require2fa must be true or false');
    const team = await this.teams.update(teamId, {
      ...(changes.name !== undefined ? { name: parseTeamName(changes.name) } : {}),
      ...(changes.require2fa !== undefined ? { require2fa: changes.require2fa as boolean } : {}),
    });
    return team!;
  }

  async members(ability: AppAbility, teamId: string): Promise<TeamMember[]> {
    assertCan(ability, 'read', teamSubject('Member', teamId));
    return this.teams.members(teamId);
  }

  async changeRole(ability: AppAbility, teamId: string, userId: string, role: unknown): Promise<void> {
    const newRole = parseTeamRole(role, { allowOwner: true });
    assertCan(ability, 'update', teamSubject('Member', teamId));
    await this.metadataDb.transaction(async (tx) => {
      const owners = await this.teams.lockOwners(teamId, tx);
      const current = await this.teams.roleOf(teamId, userId, tx);
      if (!current) throw notFound(`User ${userId} is not a member of this team`);
      if ((current === 'owner' || newRole === 'owner') && !ability.can('manage', teamSubject('Team', teamId))) {
        throw forbidden('Only owners can grant or change the owner role');
      }
      if (current === 'owner' && newRole !== 'owner' && owners.length <= 1) throw conflict('A team needs at least one owner: make someone else owner first');
      await this.teams.setRole(teamId, userId, newRole, tx);
    });
  }

  /** Removes a member (or, when `userId` is the caller, leaves the team). */
  async removeMember(ability: AppAbility, actorId: string, teamId: string, userId: string): Promise<void> {
    if (userId !== actorId) assertCan(ability, 'delete', teamSubject('Member', teamId));
    await this.metadataDb.transaction(async (tx) => {
      const owners = await this.teams.lockOwners(teamId, tx);
      const current = await this.teams.roleOf(teamId, userId, tx);
      if (!current) throw notFound(`User ${userId} is not a member of this team`);
      if (current === 'owner' && userId !== actorId && !ability.can('manage', teamSubject('Team', teamId))) {
        throw forbidden('Only owners can remove an owner');
      }
      if (current === 'owner' && owners.length <= 1) {
        throw conflict(userId === actorId ? 'You are the last owner of this team: transfer ownership before leaving' : 'A team needs at least one owner');
      }
      await this.teams.removeMember(teamId, userId, tx);
      // Their keys in this team would be powerless anyway; remove them so lists stay honest.
      await tx.query('DELETE FROM api_keys WHERE user_id = $1 AND team_id = $2', [userId, teamId]);
    });
  }

  /** Makes another member owner and the current owner an admin. */
  async transferOwnership(ability: AppAbility, actorId: string, teamId: string, newOwnerId: string): Promise<void> {
    assertCan(ability, 'manage', teamSubject('Team', teamId), 'Only owners can transfer ownership');
    if (newOwnerId === actorId) throw badRequest('You already own this team');
    await this.metadataDb.transaction(async (tx) => {
      await this.teams.lockOwners(teamId, tx);
      const target = await this.teams.roleOf(teamId, newOwnerId, tx);
      if (!target) throw notFound(`User ${newOwnerId} is not a member of this team: invite them first`);
      await this.teams.setRole(teamId, newOwnerId, 'owner', tx);
      await this.teams.setRole(teamId, actorId, 'admin', tx);
    });
  }
}
