import type { MetadataDb, SqlExecutor } from '@qusto/sdk';
import { hashToken, randomToken } from './tokens.ts';

export type TokenPurpose = 'password_reset' | 'email_change' | 'login_2fa' | 'remember_device';

/** Single-use, expiring tokens mailed or handed to a user; only their hash is stored. */
export class UserTokens {
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  /** Issues a token; with `replace`, earlier tokens of the same purpose stop working. */
  async issue(
    userId: string,
    purpose: TokenPurpose,
    ttlMs: number,
    options: { payload?: Record<string, unknown>; replace?: boolean } = {},
  ): Promise<string> {
    const token = randomToken();
    await this.metadataDb.transaction(async (tx) => {
      if (options.replace) await tx.query('DELETE FROM user_tokens WHERE user_id = $1 AND purpose = $2', [userId, purpose]);
      // Expired tokens are swept whenever new ones are issued; nothing else needs them.
      await tx.query('DELETE FROM user_tokens WHERE expires_at < now()');
      await tx.query(
        `INSERT INTO user_tokens (token_hash, user_id, purpose, payload, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
        [hashToken(token), userId, purpose, JSON.stringify(options.payload ?? {}), ttlMs / 1000],
      );
    });
    return token;
  }

  /** Uses a token up: returns its user and payload once, null if unknown, used or expired. */
  async consume(token: string, purpose: TokenPurpose, db: SqlExecutor = this.metadataDb): Promise<{ userId: string; payload: Record<string, unknown> } | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
    const rows = await db.query<{ user_id: string; payload: Record<string, unknown> }>(
      'DELETE FROM user_tokens WHERE token_hash = $1 AND purpose = $2 RETURNING user_id, payload, expires_at > now() AS live',
      [hashToken(token), purpose],
    );
    const row = rows[0] as { user_id: string; payload: Record<string, unknown>; live?: boolean } | undefined;
    return row && row.live ? { userId: String(row.user_id), payload: row.payload ?? {} } : null;
  }

  /** Checks a token without using it up (remembered devices work many times). */
  async peek(token: string, purpose: TokenPurpose): Promise<{ userId: string } | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
    const rows = await this.metadataDb.query<{ user_id: string }>(
      'SELECT user_id FROM user_tokens WHERE token_hash = $1 AND purpose = $2 AND expires_at > now()',
      [hashToken(token), purpose],
    );
    return rows[0] ? { userId: String(rows[0].user_id) } : null;
  }

  async revokeAll(userId: string, purpose: TokenPurpose, db: SqlExecutor = this.metadataDb): Promise<void> {
    await db.query('DELETE FROM user_tokens WHERE user_id = $1 AND purpose = $2', [userId, purpose]);
  }
}
