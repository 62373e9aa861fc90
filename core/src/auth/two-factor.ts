import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { MetadataDb } from '@qusto/sdk';
import { badRequest, conflict } from './errors.ts';
import { hashToken, randomToken } from './tokens.ts';
import type { UserRecord, UserRepository } from './user-repository.ts';
import type { UserTokens } from './user-tokens.ts';

export const RECOVERY_CODE_COUNT = 10;
export const REMEMBER_DEVICE_MS = 30 * 24 * 3600 * 1000;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function recoveryCode(): string {
  const bytes = Buffer.from(randomToken(16), 'base64url');
  return Array.from({ length: 10 }, (_, i) => RECOVERY_ALPHABET[bytes[i]! % RECOVERY_ALPHABET.length]).join('');
}

const normalizeCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

/**
 * TOTP two-factor authentication: setup with a QR code, confirmation by a first code, ten
 * single-use recovery codes (stored hashed), and "remember this device" tokens for 30 days.
 * Each time step is accepted once, so an observed code cannot be replayed.
 */
export class TwoFactor {
  private readonly metadataDb: MetadataDb;
  private readonly users: UserRepository;
  private readonly userTokens: UserTokens;

  constructor(deps: { metadataDb: MetadataDb; users: UserRepository; userTokens: UserTokens }) {
    this.metadataDb = deps.metadataDb;
    this.users = deps.users;
    this.userTokens = deps.userTokens;
  }

  async setup(user: UserRecord): Promise<{ secret: string; otpauthUrl: string; qrCode: string }> {
    if (user.totpEnabled) throw conflict('Two-factor authentication is already on; turn it off first to set it up again');
    const secret = generateSecret();
    await this.users.setTotp(user.id, secret, false);
    const otpauthUrl = generateURI({ issuer: 'Qusto', label: user.email, secret });
    return { secret, otpauthUrl, qrCode: await QRCode.toDataURL(otpauthUrl) };
  }

  /** Confirms setup with a first code; returns the recovery codes (shown once). */
  async enable(user: UserRecord, code: unknown): Promise<string[]> {
    if (user.totpEnabled) throw conflict('Two-factor authentication is already on');
    if (!user.totpSecret) throw badRequest('Start the setup first');
    if (!(await this.checkTotp(user, code))) throw badRequest('That code is not right; check the time on your device and try again');
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
    await this.metadataDb.transaction(async (tx) => {
      await this.users.setTotp(user.id, user.totpSecret, true, tx);
      await tx.query('DELETE FROM user_recovery_codes WHERE user_id = $1', [user.id]);
      for (const code of codes) await tx.query('INSERT INTO user_recovery_codes (user_id, code_hash) VALUES ($1, $2)', [user.id, hashToken(code)]);
    });
    return codes;
  }

  async disable(user: UserRecord): Promise<void> {
    await this.metadataDb.transaction(async (tx) => {
      await this.users.setTotp(user.id, null, false, tx);
      await tx.query('DELETE FROM user_recovery_codes WHERE user_id = $1', [user.id]);
      await this.userTokens.revokeAll(user.id, 'remember_device', tx);
    });
  }

  async regenerateRecoveryCodes(user: UserRecord): Promise<string[]> {
    if (!user.totpEnabled) throw badRequest('Two-factor authentication is off');
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
    await this.metadataDb.transaction(async (tx) => {
      await tx.query('DELETE FROM user_recovery_codes WHERE user_id = $1', [user.id]);
      for (const code of codes) await tx.query('INSERT INTO user_recovery_codes (user_id, code_hash) VALUES ($1, $2)', [user.id, hashToken(code)]);
    });
    return codes;
  }

  /** A login's second step: a current TOTP code, or an unused recovery code (then used up). */
  async verifyLoginCode(user: UserRecord, code: unknown): Promise<boolean> {
    if (typeof code !== 'string' || !user.totpEnabled) return false;
    if (/^\d{6}$/.test(code.trim())) return this.checkTotp(user, code.trim());
    const rows = await this.metadataDb.query(
      'UPDATE user_recovery_codes SET used_at = now() WHERE id = (SELECT id FROM user_recovery_codes WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL LIMIT 1) RETURNING id',
      [user.id, hashToken(normalizeCode(code))],
    );
    return rows.length > 0;
  }

  async remainingRecoveryCodes(userId: string): Promise<number> {
    const rows = await this.metadataDb.query<{ n: string }>('SELECT count(*) AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL', [userId]);
    return Number(rows[0]?.n ?? 0);
  }

  rememberDevice(userId: string): Promise<string> {
    return this.userTokens.issue(userId, 'remember_device', REMEMBER_DEVICE_MS);
  }

  async isRememberedDevice(userId: string, token: string | undefined): Promise<boolean> {
    if (!token) return false;
    return (await this.userTokens.peek(token, 'remember_device'))?.userId === userId;
  }

  private async checkTotp(user: UserRecord, code: unknown): Promise<boolean> {
    if (typeof code !== 'string' || !/^\d{6}$/.test(code.trim()) || !user.totpSecret) return false;
    const result = await verify({
      secret: user.totpSecret,
      token: code.trim(),
      epochTolerance: 30,
      ...(user.totpLastStep !== null ? { afterTimeStep: user.totpLastStep } : {}),
    });
    if (!result.valid) return false;
    const step = (result as { timeStep?: number }).timeStep;
    return step === undefined ? true : this.users.claimTotpStep(user.id, step);
  }
}
