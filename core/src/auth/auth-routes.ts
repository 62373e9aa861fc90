import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import { SESSION_COOKIE } from './authenticator.ts';
import { badRequest } from './errors.ts';
import { SECOND_STEP_TTL_MS } from './login.ts';
import { clientOf } from './request-auth.ts';
import { REMEMBER_DEVICE_MS } from './two-factor.ts';
import type { UserRecord } from './user-repository.ts';

export const SECOND_STEP_COOKIE = 'qusto_login_2fa';
export const DEVICE_COOKIE = 'qusto_device';

const Credentials = Type.Object({ email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }) });

export const profileOf = (user: UserRecord) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  isAdmin: user.isAdmin,
  twoFactorEnabled: user.totpEnabled,
});

/**
 * Sign-up, sign-in (with the 2FA step), sign-out, password reset and email-change confirmation.
 * Public routes; each one that guesses at secrets counts against per-IP and per-account limits.
 */
export const authRoutes: FastifyPluginAsync = async (app) => {
  const { registration, login, account, mailer } = app.container.cradle;
  const { rateLimits } = app.qustoAuth;
  const cookieBase = { httpOnly: true, sameSite: 'lax' as const, secure: app.container.cradle.config.baseUrl.protocol === 'https:', path: '/' };

  const startSession = (reply: FastifyReply, token: string) => {
    app.qustoAuth.setSessionCookie(reply, token);
    reply.clearCookie(SECOND_STEP_COOKIE, cookieBase);
  };

  app.get('/api/auth/status', { config: { auth: 'public' } }, async (request) => {
    const status = await registration.status();
    return { ...status, signedIn: Boolean(request.cookies[SESSION_COOKIE]), mail: mailer.kind };
  });

  app.post(
    '/api/auth/register',
    {
      config: { auth: 'public' },
      schema: {
        body: Type.Object({
          email: Type.String({ maxLength: 320 }),
          password: Type.String({ maxLength: 1024 }),
          name: Type.Optional(Type.String({ maxLength: 100 })),
          invitation: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body as { email: string; password: string; name?: string; invitation?: string };
      await rateLimits.attempt(request, 'register', body.email.trim());
      const user = await registration.register(body);
      const { token } = await app.container.cradle.loginSessions.create(user.id, clientOf(request));
      startSession(reply, token);
      return reply.code(201).send({ user: profileOf(user) });
    },
  );

  app.post('/api/auth/login', { config: { auth: 'public' }, schema: { body: Credentials } }, async (request, reply) => {
    const body = request.body as { email: string; password: string };
    const outcome = await rateLimits.guard(request, 'login', body.email.trim(), () =>
      login.withPassword(body, { ...clientOf(request), rememberedDevice: request.cookies[DEVICE_COOKIE] }),
    );
    if (outcome.kind === 'second_step') {
      reply.setCookie(SECOND_STEP_COOKIE, outcome.token, { ...cookieBase, maxAge: SECOND_STEP_TTL_MS / 1000 });
      return { twoFactorRequired: true };
    }
    startSession(reply, outcome.token);
    return { user: profileOf(outcome.user) };
  });

  app.post(
    '/api/auth/login/2fa',
    { config: { auth: 'public' }, schema: { body: Type.Object({ code: Type.String({ maxLength: 64 }), rememberDevice: Type.Optional(Type.Boolean()) }) } },
    async (request, reply) => {
      const body = request.body as { code: string; rememberDevice?: boolean };
      const pending = request.cookies[SECOND_STEP_COOKIE];
      const userId = await login.pendingUserId(pending);
      const { token, user } = await rateLimits.guard(request, 'twoFactor', `user:${userId ?? 'none'}`, () =>
        login.withSecondFactor(pending, body.code, clientOf(request)),
      );
      startSession(reply, token);
      if (body.rememberDevice) {
        reply.setCookie(DEVICE_COOKIE, await app.container.cradle.twoFactor.rememberDevice(user.id), { ...cookieBase, maxAge: REMEMBER_DEVICE_MS / 1000 });
      }
      return { user: profileOf(user) };
    },
  );

  app.post('/api/auth/logout', { config: { auth: 'public' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await app.container.cradle.loginSessions.revokeToken(token);
    app.qustoAuth.clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.post(
    '/api/auth/password-reset',
    { config: { auth: 'public' }, schema: { body: Type.Object({ email: Type.String({ maxLength: 320 }) }) } },
    async (request, reply) => {
      const { email } = request.body as { email: string };
      await rateLimits.attempt(request, 'resetRequest', email.trim());
      await account.requestPasswordReset(email);
      return reply.code(202).send({ message: 'If an account uses this address, a reset link is on its way' });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { auth: 'public' },
      schema: { body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ maxLength: 1024 }) }) },
    },
    async (request, reply) => {
      const body = request.body as { token: string; password: string };
      await rateLimits.guard(request, 'resetConfirm', 'reset', () => account.resetPassword(body));
      app.qustoAuth.clearSessionCookie(reply);
      return { message: 'Your password is changed; sign in with it' };
    },
  );

  app.post(
    '/api/auth/email-change/confirm',
    { config: { auth: 'public' }, schema: { body: Type.Object({ token: Type.String({ maxLength: 200 }) }) } },
    async (request, reply) => {
      const { token } = request.body as { token: string };
      if (!token) throw badRequest('token is required');
      const { email } = await rateLimits.guard(request, 'resetConfirm', 'email-change', () => account.confirmEmailChange(token));
      app.qustoAuth.clearSessionCookie(reply);
      return { email, message: 'Your address is changed; sign in again' };
    },
  );
};
