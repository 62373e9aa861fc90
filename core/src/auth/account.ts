import type { MetadataDb } from '@qusto/sdk';
import type { Logger } from 'pino';
import { badRequest, unauthorized } from './errors.ts';
import type { LoginSessions } from './login-sessions.ts';
import type { Mailer } from './mailer.ts';
import { burnVerificationTime, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { normalizeEmail, type UserRecord, type UserRepository } from './user-repository.ts';
import type { UserTokens } from './user-tokens.ts';

export const RESET_TTL_MS = 60 * 60 * 1000;
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;
const BAD_RESET = 'This reset link is invalid, used or expired: ask for a new one';

/**
 * A user's own account: password change, password reset by mailed link, and email change
 * confirmed from the new address. Reset and email-change tokens are single-use and stored
 * hashed; a new password or address ends every other session.
 */
export class Account {
  private readonly metadataDb: MetadataDb;
  private readonly users: UserRepository;
  private readonly loginSessions: LoginSessions;
  private readonly userTokens: UserTokens;
  private readonly mailer: Mailer;
  private readonly baseUrl: URL;
  private readonly logger: Logger;

  constructor(deps: {
    metadataDb: MetadataDb;
    users: UserRepository;
    loginSessions: LoginSessions;
    userTokens: UserTokens;
    mailer: Mailer;
    config: { baseUrl: URL };
    logger: Logger;
  }) {
    this.metadataDb = deps.metadataDb;
    this.users = deps.users;
    this.loginSessions = deps.loginSessions;
    this.userTokens = deps.userTokens;
    this.mailer = deps.mailer;
    this.baseUrl = deps.config.baseUrl;
    this.logger = deps.logger;
  }

  async checkPassword(user: UserRecord, password: unknown): Promise<void> {
    if (typeof password !== 'string' || !(await verifyPassword(user.passwordHash, password))) throw unauthorized('Your current password is not right');
  }

  async changePassword(user: UserRecord, currentSessionId: string | undefined, input: { currentPassword: unknown; newPassword: unknown }): Promise<void> {
    await this.checkPassword(user, input.currentPassword);
    const newPassword = this.acceptablePassword(input.newPassword, user);
    const hash = await hashPassword(newPassword);
    await this.metadataDb.transaction(async (tx) => {
      await this.users.setPassword(user.id, hash, tx);
      await this.loginSessions.revokeAll(user.id, currentSessionId, tx);
      await this.userTokens.revokeAll(user.id, 'password_reset', tx);
    });
  }

  /**
   * Mails a reset link if the address has an account. The caller answers the same either way,
   * and the mail goes out in the background so the answer time does not tell either.
   */
  async requestPasswordReset(emailInput: unknown): Promise<void> {
    const email = normalizeEmail(emailInput);
    const user = await this.users.findByEmail(email);
    if (!user) {
      await burnVerificationTime('');
      return;
    }
    const token = await this.userTokens.issue(user.id, 'password_reset', RESET_TTL_MS, { replace: true });
    const url = new URL(`/password-reset?token=${encodeURIComponent(token)}`, this.baseUrl).href;
    this.sendInBackground({
      to: user.email,
      subject: 'Reset your Qusto password',
      text: `Someone asked to reset the password of your Qusto account.\n\nSet a new password within an hour: ${url}\n\nIf it was not you, ignore this mail; your password stays as it is.\n`,
    });
  }

  async resetPassword(input: { token: unknown; password: unknown }): Promise<void> {
    if (typeof input.token !== 'string' || !input.token) throw badRequest(BAD_RESET);
    if (typeof input.password !== 'string') throw badRequest('password is required');
    const problem = passwordProblem(input.password);
    if (problem) throw badRequest(problem);
    const hash = await hashPassword(input.password);
    await this.metadataDb.transaction(async (tx) => {
      const used = await this.userTokens.consume(input.token as string, 'password_reset', tx);
      if (!used) throw badRequest(BAD_RESET);
      await this.users.setPassword(used.userId, hash, tx);
      await this.loginSessions.revokeAll(used.userId, undefined, tx);
    });
  }

  /** Mails a confirmation link to the new address; the change happens when it is opened. */
  async requestEmailChange(user: UserRecord, input: { email: unknown; password: unknown }): Promise<void> {
    await this.checkPassword(user, input.password);
    const email = normalizeEmail(input.email);
    if (email === user.email) throw badRequest('That is already your address');
    // An address that already has an account gets no link (the confirm step would fail), but
    // the answer is the same, so this does not reveal who has an account.
    if (await this.users.findByEmail(email)) return;
    const token = await this.userTokens.issue(user.id, 'email_change', EMAIL_CHANGE_TTL_MS, { replace: true, payload: { email } });
    const url = new URL(`/email-change?token=${encodeURIComponent(token)}`, this.baseUrl).href;
    this.sendInBackground({
      to: email,
      subject: 'Confirm your new address for Qusto',
      text: `Confirm that this address should sign in to Qusto (instead of ${user.email}) within 24 hours: ${url}\n`,
    });
  }

  async confirmEmailChange(token: unknown): Promise<{ userId: string; email: string }> {
    if (typeof token !== 'string' || !token) throw badRequest('This confirmation link is invalid, used or expired');
    const result = await this.metadataDb.transaction(async (tx) => {
      const used = await this.userTokens.consume(token, 'email_change', tx);
      const email = used?.payload.email;
      if (!used || typeof email !== 'string') throw badRequest('This confirmation link is invalid, used or expired');
      const before = await this.users.findById(used.userId, tx);
      await this.users.setEmail(used.userId, email, tx);
      await this.loginSessions.revokeAll(used.userId, undefined, tx);
      return { userId: used.userId, email, previous: before?.email };
    });
    if (result.previous) {
      this.sendInBackground({
        to: result.previous,
        subject: 'Your Qusto sign-in address changed',
        text: `Your Qusto account now signs in with ${result.email}. If you did not ask for this, contact your Qusto admin.\n`,
      });
    }
    return { userId: result.userId, email: result.email };
  }

  private acceptablePassword(password: unknown, user: UserRecord): string {
    if (typeof password !== 'string') throw badRequest('newPassword is required');
    const problem = passwordProblem(password, [user.email, user.name]);
    if (problem) throw badRequest(problem);
    return password;
  }

  private sendInBackground(mail: { to: string; subject: string; text: string }): void {
    this.mailer.send(mail).catch((err: unknown) => this.logger.error({ err }, 'sending mail failed'));
  }
}
