import type { Logger } from 'pino';
import { unauthorized } from './errors.ts';
import type { LoginSessions } from './login-sessions.ts';
import { burnVerificationTime, verifyPassword } from './passwords.ts';
import type { TwoFactor } from './two-factor.ts';
import type { UserRecord, UserRepository } from './user-repository.ts';
import type { UserTokens } from './user-tokens.ts';

export const SECOND_STEP_TTL_MS = 10 * 60 * 1000;
const WRONG = 'Wrong email or password';

export type LoginOutcome =
  | { kind: 'session'; token: string; user: UserRecord }
  | { kind: 'second_step'; token: string };

/**
 * Password login. Unknown addresses cost one argon2 verification too and get the same answer,
 * so neither the message nor the time tells whether an account exists. With 2FA on, the
 * password step yields a short-lived second-step token instead of a session.
 */
export class Login {
  private readonly users: UserRepository;
  private readonly loginSessions: LoginSessions;
  private readonly userTokens: UserTokens;
  private readonly twoFactor: TwoFactor;
  private readonly logger: Logger;

  constructor(deps: { users: UserRepository; loginSessions: LoginSessions; userTokens: UserTokens; twoFactor: TwoFactor; logger: Logger }) {
    this.users = deps.users;
    this.loginSessions = deps.loginSessions;
    this.userTokens = deps.userTokens;
    this.twoFactor = deps.twoFactor;
    this.logger = deps.logger;
  }

  async withPassword(
    input: { email: unknown; password: unknown },
    client: { userAgent: string; ip: string; rememberedDevice?: string },
  ): Promise<LoginOutcome> {
    const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
    const password = typeof input.password === 'string' ? input.password.slice(0, 1024) : '';
    const user = email ? await this.users.findByEmail(email) : null;
    if (!user) {
      await burnVerificationTime(password);
      throw unauthorized(WRONG);
    }
    if (!(await verifyPassword(user.passwordHash, password))) throw unauthorized(WRONG);
    if (user.totpEnabled && !(await this.twoFactor.isRememberedDevice(user.id, client.rememberedDevice))) {
      return { kind: 'second_step', token: await this.userTokens.issue(user.id, 'login_2fa', SECOND_STEP_TTL_MS, { replace: true }) };
    }
    return this.start(user, client);
  }

  /** Whose second step a token is (rate limits count per user, not per token). */
  async pendingUserId(secondStepToken: string | undefined): Promise<string | null> {
    return secondStepToken ? ((await this.userTokens.peek(secondStepToken, 'login_2fa'))?.userId ?? null) : null;
  }

  /** The second step: the token from the password step plus a TOTP or recovery code. */
  async withSecondFactor(
    secondStepToken: string | undefined,
    code: unknown,
    client: { userAgent: string; ip: string },
  ): Promise<{ token: string; user: UserRecord }> {
    const pending = secondStepToken ? await this.userTokens.peek(secondStepToken, 'login_2fa') : null;
    const user = pending ? await this.users.findById(pending.userId) : null;
    if (!user) throw unauthorized('The sign-in step expired; enter your email and password again');
    if (!(await this.twoFactor.verifyLoginCode(user, code))) throw unauthorized('That code is not right');
    await this.userTokens.consume(secondStepToken!, 'login_2fa');
    const started = await this.start(user, client);
    return { token: started.token, user };
  }

  private async start(user: UserRecord, client: { userAgent: string; ip: string }): Promise<{ kind: 'session'; token: string; user: UserRecord }> {
    const { token } = await this.loginSessions.create(user.id, client);
    await this.users.touchLogin(user.id);
    this.logger.info({ user: user.id }, 'signed in');
    return { kind: 'session', token, user };
  }
}
