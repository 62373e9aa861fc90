import type { MetadataDb, SqlExecutor } from '@qusto/sdk';
import { hashToken, randomToken } from './tokens.ts';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** How often a session's last-seen time (and so its expiry) is moved forward. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface LoginSession {
  id: string;
  userId: string;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

interface SessionRow {
  id: string;
  user_id: string;
  user_agent: string;
  ip: string;
  created_at: Date | string;
  last_seen_at: Date | string;
  expires_at: Date | string;
}

const toSession = (row: SessionRow): LoginSession => ({
  id: String(row.id),
  userId: String(row.user_id),
  userAgent: row.user_agent,
  ip: row.ip,
  createdAt: new Date(row.created_at).toISOString(),
  lastSeenAt: new Date(row.last_seen_at).toISOString(),
  expiresAt: new Date(row.expires_at).toISOString(),
});

const COLUMNS = 'id, user_id, user_agent, ip, created_at, last_seen_at, expires_at';

/**
 * Server-side login sessions in the metadata store, so every app instance sees them and a
 * revoked session ends at once. Expiry slides forward with use.
 */
export class LoginSessions {
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  async create(userId: string, client: { userAgent: string; ip: string }, db: SqlExecutor = this.metadataDb): Promise<{ token: string; session: LoginSession }> {
    const token = randomToken();
    // Expired sessions are only ever filtered out; sweep the user's old ones as new ones start.
    await db.query('DELETE FROM user_sessions WHERE user_id = $1 AND expires_at < now()', [userId]);
    const rows = await db.query<SessionRow>(
      `INSERT INTO user_sessions (token_hash, user_id, user_agent, ip, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING ${COLUMNS}`,
      [hashToken(token), userId, client.userAgent.slice(0, 400), client.ip, SESSION_TTL_MS / 1000],
    );
    return { token, session: toSession(rows[0]!) };
  }

  /** The live session a cookie token names, or null. */
  async find(token: string): Promise<LoginSession | null> {
    const rows = await this.metadataDb.query<SessionRow>(
      `SELECT ${COLUMNS} FROM user_sessions WHERE token_hash = $1 AND expires_at > now()`,
      [hashToken(token)],
    );
    const session = rows[0] ? toSession(rows[0]) : null;
    if (session && Date.now() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
      await this.metadataDb.query(
        'UPDATE user_sessions SET last_seen_at = now(), expires_at = now() + make_interval(secs => $2) WHERE id = $1',
        [session.id, SESSION_TTL_MS / 1000],
      );
    }
    return session;
  }

  async list(userId: string): Promise<LoginSession[]> {
    const rows = await this.metadataDb.query<SessionRow>(
      `SELECT ${COLUMNS} FROM user_sessions WHERE user_id = $1 AND expires_at > now() ORDER BY last_seen_at DESC`,
      [userId],
    );
    return rows.map(toSession);
  }

  /** Ends one of the user's sessions; false when they have no such session. */
  async revoke(userId: string, sessionId: string): Promise<boolean> {
    if (!/^\d{1,19}$/.test(sessionId)) return false;
    const rows = await this.metadataDb.query('DELETE FROM user_sessions WHERE id = $1 AND user_id = $2 RETURNING id', [sessionId, userId]);
    return rows.length > 0;
  }

  /** Ends every session of the user except `keepId` (after a password or email change). */
  async revokeAll(userId: string, keepId?: string, db: SqlExecutor = this.metadataDb): Promise<void> {
    await db.query('DELETE FROM user_sessions WHERE user_id = $1 AND id <> $2', [userId, keepId ?? '0']);
  }

  async revokeToken(token: string): Promise<void> {
    await this.metadataDb.query('DELETE FROM user_sessions WHERE token_hash = $1', [hashToken(token)]);
  }
}
