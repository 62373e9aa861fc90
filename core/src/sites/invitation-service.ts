import type { MetadataDb, SqlExecutor } from '@qusto/sdk';
import type { Logger } from 'pino';
import { assertCan, GUEST_ROLES, siteSubject, teamSubject, type AppAbility, type GuestRole, type TeamRole } from '../auth/abilities.ts';
import { badRequest, conflict, forbidden, notFound } from '../auth/errors.ts';
import type { Mailer } from '../auth/mailer.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import { normalizeEmail } from '../auth/user-repository.ts';
import type { SiteRecord } from './site-repository.ts';
import type { TeamRepository } from './team-repository.ts';
import { parseTeamRole } from './team-service.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export interface Invitation {
  id: string;
  teamId: string;
  /** Set for an invitation as guest of one site. */
  siteId: string | null;
  email: string;
  role: TeamRole | GuestRole;
  expiresAt: string;
  createdAt: string;
}

interface InvitationRow {
  id: string;
  team_id: string;
  site_id: string | null;
  email: string;
  role: TeamRole | GuestRole;
  expires_at: Date | string;
  created_at: Date | string;
}

const COLUMNS = 'id, team_id, site_id, email, role, expires_at, created_at';

const toInvitation = (row: InvitationRow): Invitation => ({
  id: String(row.id),
  teamId: String(row.team_id),
  siteId: row.site_id === null ? null : String(row.site_id),
  email: row.email,
  role: row.role,
  expiresAt: new Date(row.expires_at).toISOString(),
  createdAt: new Date(row.created_at).toISOString(),
});

export function parseGuestRole(role: unknown): GuestRole {
  if (typeof role !== 'string' || !(GUEST_ROLES as readonly string[]).includes(role)) throw badRequest(`role must be one of ${GUEST_ROLES.join(', ')}`);
  return role as GuestRole;
}

/**
 * Invitations by link, to a team or as a guest of one site. The link carries a random token
 * (stored hashed) and expires after a week; it is mailed (or logged without SMTP) and also
 * returned to the inviter. Only the invited address can accept it.
 */
export class InvitationService {
  private readonly metadataDb: MetadataDb;
  private readonly teams: TeamRepository;
  private readonly mailer: Mailer;
  private readonly baseUrl: URL;
  private readonly logger: Logger;

  constructor(deps: { metadataDb: MetadataDb; teams: TeamRepository; mailer: Mailer; config: { baseUrl: URL }; logger: Logger }) {
    this.metadataDb = deps.metadataDb;
    this.teams = deps.teams;
    this.mailer = deps.mailer;
    this.baseUrl = deps.config.baseUrl;
    this.logger = deps.logger;
  }

  async inviteToTeam(ability: AppAbility, inviterId: string, teamId: string, input: { email: unknown; role: unknown }) {
    assertCan(ability, 'create', teamSubject('Member', teamId));
    const email = normalizeEmail(input.email);
    const role = parseTeamRole(input.role, { allowOwner: false });
    const existing = await this.metadataDb.query(
      'SELECT 1 FROM team_memberships m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 AND u.email = $2',
      [teamId, email],
    );
    if (existing.length > 0) throw conflict(`${email} is already a member of this team`);
    const team = await this.teams.find(teamId);
    return this.issue({ teamId, siteId: null, email, role, inviterId }, `join the team "${team?.name ?? teamId}"`);
  }

  async inviteGuest(ability: AppAbility, inviterId: string, site: SiteRecord, input: { email: unknown; role: unknown }) {
    assertCan(ability, 'create', siteSubject('Guest', site));
    if (!site.teamId) throw badRequest(`${site.domain} belongs to no team yet; guests can be invited once it does`);
    const email = normalizeEmail(input.email);
    const role = parseGuestRole(input.role);
    const member = await this.metadataDb.query(
      'SELECT 1 FROM team_memberships m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 AND u.email = $2',
      [site.teamId, email],
    );
    if (member.length > 0) throw conflict(`${email} is already a member of the team that owns ${site.domain}`);
    return this.issue({ teamId: site.teamId, siteId: site.id, email, role, inviterId }, `see the stats of ${site.domain}`);
  }

  async listForTeam(ability: AppAbility, teamId: string): Promise<Invitation[]> {
    assertCan(ability, 'read', teamSubject('Member', teamId));
    const rows = await this.metadataDb.query<InvitationRow>(
      `SELECT ${COLUMNS} FROM invitations WHERE team_id = $1 AND site_id IS NULL AND expires_at > now() ORDER BY id`,
      [teamId],
    );
    return rows.map(toInvitation);
  }

  async listForSite(ability: AppAbility, site: SiteRecord): Promise<Invitation[]> {
    assertCan(ability, 'read', siteSubject('Guest', site));
    const rows = await this.metadataDb.query<InvitationRow>(
      `SELECT ${COLUMNS} FROM invitations WHERE site_id = $1 AND expires_at > now() ORDER BY id`,
      [site.id],
    );
    return rows.map(toInvitation);
  }

  async revokeForTeam(ability: AppAbility, teamId: string, invitationId: string): Promise<void> {
    assertCan(ability, 'delete', teamSubject('Member', teamId));
    const rows = /^\d{1,19}$/.test(invitationId)
      ? await this.metadataDb.query('DELETE FROM invitations WHERE id = $1 AND team_id = $2 AND site_id IS NULL RETURNING id', [invitationId, teamId])
      : [];
    if (rows.length === 0) throw notFound(`Invitation ${invitationId} does not exist`);
  }

  async revokeGuestInvitation(ability: AppAbility, site: SiteRecord, email: string): Promise<boolean> {
    assertCan(ability, 'delete', siteSubject('Guest', site));
    const rows = await this.metadataDb.query('DELETE FROM invitations WHERE site_id = $1 AND email = $2 RETURNING id', [site.id, email.trim().toLowerCase()]);
    return rows.length > 0;
  }

  /** What an invitation link offers, for the page that shows it (the token is the credential). */
  async preview(token: string): Promise<{ invitation: Invitation; teamName: string; siteDomain: string | null; accountExists: boolean }> {
    const invitation = await this.findLive(token);
    const rows = await this.metadataDb.query<{ name: string; domain: string | null; account: boolean }>(
      `SELECT t.name, s.domain, EXISTS (SELECT 1 FROM users WHERE email = $3) AS account
       FROM teams t LEFT JOIN sites s ON s.id = $2 WHERE t.id = $1`,
      [invitation.teamId, invitation.siteId, invitation.email],
    );
    return { invitation, teamName: rows[0]?.name ?? '', siteDomain: rows[0]?.domain ?? null, accountExists: rows[0]?.account ?? false };
  }

  /** Peeks at a live invitation for registration (invite-only instances). */
  async findLive(token: string): Promise<Invitation> {
    const rows = typeof token === 'string' && token.length > 0 && token.length <= 200
      ? await this.metadataDb.query<InvitationRow>(`SELECT ${COLUMNS} FROM invitations WHERE token_hash = $1 AND expires_at > now()`, [hashToken(token)])
      : [];
    if (!rows[0]) throw notFound('This invitation does not exist or has expired; ask for a new one');
    return toInvitation(rows[0]);
  }

  /** Accepts an invitation for the signed-in user, whose address must be the invited one. */
  async accept(token: string, user: { id: string; email: string }, db?: SqlExecutor): Promise<Invitation> {
    const run = async (tx: SqlExecutor) => {
      const rows = typeof token === 'string' && token.length <= 200
        ? await tx.query<InvitationRow>(`DELETE FROM invitations WHERE token_hash = $1 RETURNING ${COLUMNS}, expires_at > now() AS live`, [hashToken(token)])
        : [];
      const row = rows[0] as (InvitationRow & { live: boolean }) | undefined;
      if (!row || !row.live) throw notFound('This invitation does not exist or has expired; ask for a new one');
      const invitation = toInvitation(row);
      if (invitation.email !== user.email) throw forbidden(`This invitation is for ${invitation.email}; sign in with that address to accept it`);
      if (invitation.siteId === null) {
        const current = await this.teams.roleOf(invitation.teamId, user.id, tx);
        // Accepting never demotes an owner who was invited again.
        if (current !== 'owner') await this.teams.setRole(invitation.teamId, user.id, invitation.role as TeamRole, tx);
      } else {
        await this.teams.setGuest(invitation.siteId, user.id, invitation.role as GuestRole, tx);
      }
      return invitation;
    };
    return db ? run(db) : this.metadataDb.transaction(run);
  }

  private async issue(
    input: { teamId: string; siteId: string | null; email: string; role: TeamRole | GuestRole; inviterId: string },
    what: string,
  ): Promise<{ invitation: Invitation; url: string }> {
    const token = randomToken();
    const rows = await this.metadataDb.query<InvitationRow>(
      `INSERT INTO invitations (token_hash, team_id, site_id, email, role, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))
       ON CONFLICT (team_id, COALESCE(site_id, 0), email) DO UPDATE SET token_hash = EXCLUDED.token_hash,
         role = EXCLUDED.role, invited_by = EXCLUDED.invited_by, expires_at = EXCLUDED.expires_at, created_at = now()
       RETURNING ${COLUMNS}`,
      [hashToken(token), input.teamId, input.siteId, input.email, input.role, input.inviterId, INVITATION_TTL_MS / 1000],
    );
    const url = new URL(`/invitations/${token}`, this.baseUrl).href;
    this.mailer
      .send({
        to: input.email,
        subject: 'You are invited to Qusto Analytics',
        text: `You have been invited to ${what} on Qusto Analytics as ${input.role}.\n\nAccept within 7 days: ${url}\n`,
      })
      .catch((err: unknown) => this.logger.error({ err }, 'sending an invitation failed'));
    return { invitation: toInvitation(rows[0]!), url };
  }
}
