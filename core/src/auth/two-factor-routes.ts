import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { conflict } from './errors.ts';
import { signedInUser } from './request-auth.ts';

const Password = Type.Object({ password: Type.String({ maxLength: 1024 }) });

/** Turning TOTP two-factor authentication on and off, and recovery codes. */
export const twoFactorRoutes: FastifyPluginAsync = async (app) => {
  const { twoFactor, account, teams } = app.container.cradle;

  app.get('/api/me/2fa', { config: { auth: 'user' } }, async (request) => {
    const { user } = await signedInUser(request);
    return {
      enabled: user.totpEnabled,
      recoveryCodesLeft: user.totpEnabled ? await twoFactor.remainingRecoveryCodes(user.id) : 0,
      requiredByTeam: await teams.requires2fa(user.id),
    };
  });

  app.post('/api/me/2fa/setup', { config: { auth: 'user' } }, async (request) => {
    const { user } = await signedInUser(request);
    return twoFactor.setup(user);
  });

  app.post('/api/me/2fa/enable', { config: { auth: 'user' }, schema: { body: Type.Object({ code: Type.String({ maxLength: 16 }) }) } }, async (request) => {
    const { user } = await signedInUser(request);
    const code = (request.body as { code: string }).code;
    return { recoveryCodes: await app.qustoAuth.rateLimits.guard(request, 'twoFactor', `user:${user.id}`, () => twoFactor.enable(user, code)) };
  });

  app.post('/api/me/2fa/disable', { config: { auth: 'user' }, schema: { body: Password } }, async (request, reply) => {
    const { user } = await signedInUser(request);
    await account.checkPassword(user, (request.body as { password: string }).password);
    if (await teams.requires2fa(user.id)) throw conflict('A team you are in requires two-factor authentication, so it stays on');
    await twoFactor.disable(user);
    return reply.code(204).send();
  });

  app.post('/api/me/2fa/recovery-codes', { config: { auth: 'user' }, schema: { body: Password } }, async (request) => {
    const { user } = await signedInUser(request);
    await account.checkPassword(user, (request.body as { password: string }).password);
    return { recoveryCodes: await twoFactor.regenerateRecoveryCodes(user) };
  });
};
