import { assertCan, siteSubject, type AppAbility, type GuestRole } from '../auth/abilities.ts';
import { notFound } from '../auth/errors.ts';
import type { UserRepository } from '../auth/user-repository.ts';
import { parseGuestRole, type InvitationService } from './invitation-service.ts';
import type { SiteRecord } from './site-repository.ts';
import type { TeamRepository } from './team-repository.ts';

export interface GuestEntry {
  email: string;
  role: GuestRole;
  /** `accepted`: a guest with an account; `invited`: an invitation not yet accepted. */
  status: 'accepted' | 'invited';
  userId: string | null;
}

/** Per-site guests (editor or viewer of one site): who they are, their roles, removal. */
export class GuestService {
  private readonly teams: TeamRepository;
  private readonly users: UserRepository;
  private readonly invitations: InvitationService;

  constructor(deps: { teams: TeamRepository; users: UserRepository; invitations: InvitationService }) {
    this.teams = deps.teams;
    this.users = deps.users;
    this.invitations = deps.invitations;
  }

  async list(ability: AppAbility, site: SiteRecord): Promise<GuestEntry[]> {
    assertCan(ability, 'read', siteSubject('Guest', site));
    const [guests, invited] = await Promise.all([this.teams.guests(site.id), this.invitations.listForSite(ability, site)]);
    return [
      ...guests.map((guest) => ({ email: guest.email, role: guest.role, status: 'accepted' as const, userId: guest.userId })),
      ...invited.map((invitation) => ({ email: invitation.email, role: invitation.role as GuestRole, status: 'invited' as const, userId: null })),
    ];
  }

  async changeRole(ability: AppAbility, site: SiteRecord, userId: string, role: unknown): Promise<void> {
    assertCan(ability, 'update', siteSubject('Guest', site));
    const guestRole = parseGuestRole(role);
    if (!(await this.teams.guests(site.id)).some((guest) => guest.userId === userId)) throw notFound(`User ${userId} is not a guest of ${site.domain}`);
    await this.teams.setGuest(site.id, userId, guestRole);
  }

  /** Removes a guest or their pending invitation, by user id or email. */
  async remove(ability: AppAbility, site: SiteRecord, who: { userId?: string; email?: string }): Promise<void> {
    assertCan(ability, 'delete', siteSubject('Guest', site));
    let userId = who.userId;
    let removedInvitation = false;
    if (who.email !== undefined) {
      removedInvitation = await this.invitations.revokeGuestInvitation(ability, site, who.email);
      userId ??= (await this.users.findByEmail(who.email))?.id;
    }
    const removedGuest = userId !== undefined && (await this.teams.removeGuest(site.id, userId));
    if (!removedGuest && !removedInvitation) throw notFound(`${who.email ?? `User ${who.userId}`} is not a guest of ${site.domain}`);
  }
}
