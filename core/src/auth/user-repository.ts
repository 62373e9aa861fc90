import type { MetadataDb, SqlExecutor } from '@qusto/sdk';
import { badRequest, conflict } from './errors.ts';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  isAdmin: boolean;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  createdAt: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: boolean;
  totp_secret: string | null;
  totp_enabled_at: Date | string | null;
  totp_last_step: string | null;
  created_at: Date | string;
}

const COLUMNS = 'id, email, name, password_hash, is_admin, totp_secret, totp_enabled_at, totp_last_step, created_at';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const toRecord = (row: UserRow): UserRecord => ({
  id: String(row.id),
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
  isAdmin: row.is_admin,
  totpSecret: row.totp_secret,
  totpEnabled: row.totp_enabled_at !== null,
  totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
  createdAt: new Date(row.created_at).toISOString(),
});

/** Lower-cased, trimmed; throws a 400 for something that is not an email address. */
export function normalizeEmail(email: unknown): string {
  const normalized = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (normalized.length > 254 || !EMAIL.test(normalized)) throw badRequest(`"${String(email)}" is not a valid email address`);
  return normalized;
}

/** The `users` table. */
export class UserRepository {
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  async count(db: SqlExecutor = this.metadataDb): Promise<number> {
    const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM users');
    return Number(rows[0]?.n ?? 0);
  }

  async findByEmail(email: string, db: SqlExecutor = this.metadataDb): Promise<UserRecord | null> {
    const rows = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = $1`, [email.trim().toLowerCase()]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findById(id: string, db: SqlExecutor = this.metadataDb): Promise<UserRecord | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    const rows = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async create(
    input: { email: string; name?: string; passwordHash: string; isAdmin?: boolean },
    db: SqlExecutor = this.metadataDb,
  ): Promise<UserRecord> {
    const rows = await db.query<UserRow>(
      `INSERT INTO users (email, name, password_hash, is_admin) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
      [input.email, input.name ?? '', input.passwordHash, input.isAdmin ?? false],
    );
    if (!rows[0]) throw conflict(`An account for ${input.email} already exists`);
    return toRecord(rows[0]);
  }

  async setPassword(id: string, passwordHash: string, db: SqlExecutor = this.metadataDb): Promise<void> {
    await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash]);
  }

  async setEmail(id: string, email: string, db: SqlExecutor = this.metadataDb): Promise<void> {
    const rows = await db.query<{ id: string }>(
      `UPDATE users SET email = $2, updated_at = now() WHERE id = $1
       AND NOT EXISTS (SELECT 1 FROM users WHERE email = $2) RETURNING id`,
      [id, email],
    );
    if (!rows[0]) throw conflict(`An account for ${email} already exists`);
  }

  async setName(id: string, name: string): Promise<void> {
    await this.metadataDb.query('UPDATE users SET name = $2, updated_at = now() WHERE id = $1', [id, name]);
  }

  async setAdmin(id: string, isAdmin: boolean, db: SqlExecutor = this.metadataDb): Promise<void> {
    await db.query('UPDATE users SET is_admin = $2, updated_at = now() WHERE id = $1', [id, isAdmin]);
  }

  async touchLogin(id: string): Promise<void> {
    await this.metadataDb.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }

  /** Starts (secret), confirms (enabled) or clears (null) TOTP. */
  async setTotp(id: string, secret: string | null, enabled: boolean, db: SqlExecutor = this.metadataDb): Promise<void> {
    await db.query(
      `UPDATE users SET totp_secret = $2, totp_enabled_at = CASE WHEN $3::boolean THEN now() ELSE NULL END,
       totp_last_step = NULL, updated_at = now() WHERE id = $1`,
      [id, secret, enabled],
    );
  }

  /** Records an accepted TOTP step; false when that step (or a later one) was already used. */
  async claimTotpStep(id: string, step: number): Promise<boolean> {
    const rows = await this.metadataDb.query<{ id: string }>(
      'UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id',
      [id, step],
    );
    return rows.length > 0;
  }
}
