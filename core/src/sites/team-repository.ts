import type { MetadataDb, SqlExecutor } from '@qusto/sdk';
import type { GuestRole, SiteGuestRef, TeamMembershipRef, TeamRole } from '../auth/abilities.ts';

export interface Team {
  id: string;
  name: string;
  require2fa: boolean;
  createdAt: string;
}

export interface TeamMember {
  userId: string;
  email: string;
  name: string;
  role: TeamRole;
  twoFactorEnabled: boolean;
  joinedAt: string;
}

export interface SiteGuest {
  userId: string;
  email: string;
  role: GuestRole;
}

export interface UserAccess {
  memberships: TeamMembershipRef[];
  guests: SiteGuestRef[];
  requires2fa: boolean;
}

interface TeamRow {
  id: string;
  name: string;
  require_2fa: boolean;
  created_at: Date | string;
}

const toTeam = (row: TeamRow): Team => ({
  id: String(row.id),
  name: row.name,
  require2fa: row.require_2fa,
  createdAt: new Date(row.created_at).toISOString(),
});

const isId = (id: string) => /^\d{1,19}$/.test(id);

/** Teams, team memberships and site guests: who may do what where. */
export class TeamRepository {
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  async create(name: string, ownerId: string, db: SqlExecutor = this.metadataDb): Promise<Team> {
    const rows = await db.query<TeamRow>('INSERT INTO teams (name) VALUES ($1) RETURNING id, name, require_2fa, created_at', [name]);
    const team = toTeam(rows[0]!);
    await db.query("INSERT INTO team_memberships (team_id, user_id, role) VALUES ($1, $2, 'owner')", [team.id, ownerId]);
    return team;
  }

  async find(id: string, db: SqlExecutor = this.metadataDb): Promise<Team | null> {
    if (!isId(id)) return null;
    const rows = await db.query<TeamRow>('SELECT id, name, require_2fa, created_at FROM teams WHERE id = $1', [id]);
    return rows[0] ? toTeam(rows[0]) : null;
  }

  async update(id: string, changes: { name?: string; require2fa?: boolean }): Promise<Team | null> {
    const rows = await this.metadataDb.query<TeamRow>(
      `UPDATE teams SET name = COALESCE($2, name), require_2fa = COALESCE($3, require_2fa), updated_at = now()
       WHERE id = $1 RETURNING id, name, require_2fa, created_at`,
      [id, changes.name ?? null, changes.require2fa ?? null],
    );
    return rows[0] ? toTeam(rows[0]) : null;
  }

  /** The teams a user belongs to, with their role. */
  async teamsOf(userId: string): Promise<Array<Team & { role: TeamRole }>> {
    const rows = await this.metadataDb.query<TeamRow & { role: TeamRole }>(
      `SELECT t.id, t.name, t.require_2fa, t.created_at, m.role FROM teams t
       JOIN team_memberships m ON m.team_id = t.id WHERE m.user_id = $1 ORDER BY t.id`,
      [userId],
    );
    return rows.map((row) => ({ ...toTeam(row), role: row.role }));
  }

  async membershipsOf(userId: string): Promise<TeamMembershipRef[]> {
    const rows = await this.metadataDb.query<{ team_id: string; role: TeamRole }>(
      'SELECT team_id, role FROM team_memberships WHERE user_id = $1',
      [userId],
    );
    return rows.map((row) => ({ teamId: String(row.team_id), role: row.role }));
  }

  /**
   * What a signed-in user's ability is built from, in one round trip (it runs on every request
   * of a session): their team roles, their guest roles, and whether a team of theirs requires 2FA.
   */
  async accessOf(userId: string): Promise<UserAccess> {
    const rows = await this.metadataDb.query<{ kind: 'team' | 'guest' | 'require_2fa'; id: string | null; role: string | null }>(
      `SELECT 'team' AS kind, team_id::text AS id, role::text AS role FROM team_memberships WHERE user_id = $1
       UNION ALL SELECT 'guest', site_id::text, role::text FROM site_guests WHERE user_id = $1
       UNION ALL SELECT 'require_2fa', NULL, NULL
         WHERE EXISTS (SELECT 1 FROM teams t JOIN team_memberships m ON m.team_id = t.id WHERE m.user_id = $1 AND t.require_2fa)`,
      [userId],
    );
    const access: UserAccess = { memberships: [], guests: [], requires2fa: false };
    for (const row of rows) {
      if (row.kind === 'team') access.memberships.push({ teamId: row.id!, role: row.role as TeamRole });
      else if (row.kind === 'guest') access.guests.push({ siteId: row.id!, role: row.role as GuestRole });
      else access.requires2fa = true;
    }
    return access;
  }

  /** Whether a user must have 2FA: some team of theirs requires it. */
  async requires2fa(userId: string): Promise<boolean> {
    const rows = await this.metadataDb.query(
      'SELECT 1 FROM teams t JOIN team_memberships m ON m.team_id = t.id WHERE m.user_id = $1 AND t.require_2fa LIMIT 1',
      [userId],
    );
    return rows.length > 0;
  }

  async members(teamId: string, db: SqlExecutor = this.metadataDb): Promise<TeamMember[]> {
    const rows = await db.query<{ user_id: string; email: string; name: string; role: TeamRole; totp_enabled_at: unknown; created_at: Date | string }>(
      `SELECT m.user_id, u.email, u.name, m.role, u.totp_enabled_at, m.created_at FROM team_memberships m
       JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 ORDER BY m.created_at, m.user_id`,
      [teamId],
    );
    return rows.map((row) => ({
      userId: String(row.user_id),
      email: row.email,
      name: row.name,
      role: row.role,
      twoFactorEnabled: row.totp_enabled_at !== null,
      joinedAt: new Date(row.created_at).toISOString(),
    }));
  }

  async roleOf(teamId: string, userId: string, db: SqlExecutor = this.metadataDb): Promise<TeamRole | null> {
    if (!isId(teamId) || !isId(userId)) return null;
    const rows = await db.query<{ role: TeamRole }>('SELECT role FROM team_memberships WHERE team_id = $1 AND user_id = $2', [teamId, userId]);
    return rows[0]?.role ?? null;
  }

  /** Adds a member, or changes the role of an existing one. */
  async setRole(teamId: string, userId: string, role: TeamRole, db: SqlExecutor = this.metadataDb): Promise<void> {
    await db.query(
      `INSERT INTO team_memberships (team_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (team_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [teamId, userId, role],
    );
  }

  async removeMember(teamId: string, userId: string, db: SqlExecutor = this.metadataDb): Promise<boolean> {
    const rows = await db.query('DELETE FROM team_memberships WHERE team_id = $1 AND user_id = $2 RETURNING user_id', [teamId, userId]);
    return rows.length > 0;
  }

  /** Owners of a team, locked for the rest of the transaction (so two can't both leave). */
  async lockOwners(teamId: string, db: SqlExecutor): Promise<string[]> {
    const rows = await db.query<{ user_id: string }>(
      "SELECT user_id FROM team_memberships WHERE team_id = $1 AND role = 'owner' FOR UPDATE",
      [teamId],
    );
    return rows.map((row) => String(row.user_id));
  }

  async guests(siteId: string): Promise<SiteGuest[]> {
    const rows = await this.metadataDb.query<{ user_id: string; email: string; role: GuestRole }>(
      'SELECT g.user_id, u.email, g.role FROM site_guests g JOIN users u ON u.id = g.user_id WHERE g.site_id = $1 ORDER BY u.email',
      [siteId],
    );
    return rows.map((row) => ({ userId: String(row.user_id), email: row.email, role: row.role }));
  }

  async setGuest(siteId: string, userId: string, role: GuestRole, db: SqlExecutor = this.metadataDb): Promise<void> {
    await db.query(
      `INSERT INTO site_guests (site_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (site_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [siteId, userId, role],
    );
  }

  async removeGuest(siteId: string, userId: string): Promise<boolean> {
    const rows = await this.metadataDb.query('DELETE FROM site_guests WHERE site_id = $1 AND user_id = $2 RETURNING user_id', [siteId, userId]);
    return rows.length > 0;
  }
}
