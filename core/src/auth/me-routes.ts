import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { packAbilityRules, teamSubject, type ApiKeyScope } from './abilities.ts';
import { parseScopes } from './api-keys.ts';
import { profileOf } from './auth-routes.ts';
import { badRequest, forbidden, notFound } from './errors.ts';
import { authenticate, signedInUser } from './request-auth.ts';

/** The signed-in user's own account: profile, password, email, sessions, abilities, API keys. */
export const meRoutes: FastifyPluginAsync = async (app) => {
  const { users, teams, account, loginSessions, apiKeys } = app.container.cradle;

  app.get('/api/me', { config: { auth: 'user' } }, async (request) => {
    const { user, context } = await signedInUser(request);
    return { user: { ...profileOf(user), mustEnable2fa: context.mustEnable2fa }, teams: await teams.teamsOf(user.id) };
  });

  app.put('/api/me', { config: { auth: 'user' }, schema: { body: Type.Object({ name: Type.String({ maxLength: 100 }) }) } }, async (request) => {
    const { user } = await signedInUser(request);
    await users.setName(user.id, (request.body as { name: string }).name.trim());
    return { user: profileOf((await users.findById(user.id))!) };
  });

  app.put(
    '/api/me/password',
    { config: { auth: 'user' }, schema: { body: Type.Object({ currentPassword: Type.String({ maxLength: 1024 }), newPassword: Type.String({ maxLength: 1024 }) }) } },
    async (request, reply) => {
      const { user, context } = await signedInUser(request);
      await account.changePassword(user, context.session?.id, request.body as { currentPassword: string; newPassword: string });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/me/email',
    { config: { auth: 'user' }, schema: { body: Type.Object({ email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }) }) } },
    async (request, reply) => {
      const { user } = await signedInUser(request);
      await account.requestEmailChange(user, request.body as { email: string; password: string });
      return reply.code(202).send({ message: 'Open the link we mailed to the new address to confirm it' });
    },
  );

  app.get('/api/me/sessions', { config: { auth: 'user' } }, async (request) => {
    const { user, context } = await signedInUser(request);
    const sessions = await loginSessions.list(user.id);
    return { sessions: sessions.map(({ userId: _user, ...session }) => ({ ...session, current: session.id === context.session?.id })) };
  });

  app.delete<{ Params: { sessionId: string } }>('/api/me/sessions/:sessionId', { config: { auth: 'user' } }, async (request, reply) => {
    const { user, context } = await signedInUser(request);
    if (!(await loginSessions.revoke(user.id, request.params.sessionId))) throw notFound(`Session ${request.params.sessionId} does not exist`);
    if (request.params.sessionId === context.session?.id) app.qustoAuth.clearSessionCookie(reply);
    return reply.code(204).send();
  });

  // Whoever asks (even anonymously or by shared link) gets their own rules, packed for the shell.
  app.get('/api/me/abilities', { config: { auth: 'public' } }, async (request, reply) => {
    const context = await authenticate(request);
    return reply.header('cache-control', 'no-store').send({ principal: context.principal.kind, rules: packAbilityRules(context.ability) });
  });

  app.get('/api/me/api-keys', { config: { auth: 'user' } }, async (request) => {
    const { user } = await signedInUser(request);
    return { apiKeys: await apiKeys.listForUser(user.id) };
  });

  app.post(
    '/api/me/api-keys',
    {
      config: { auth: 'user' },
      schema: {
        body: Type.Object({
          name: Type.String({ maxLength: 100 }),
          teamId: Type.Optional(Type.String({ maxLength: 20 })),
          scopes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
        }),
      },
    },
    async (request, reply) => {
      const { user, context } = await signedInUser(request);
      const body = request.body as { name: string; teamId?: string; scopes?: string[] };
      const scopes: ApiKeyScope[] = parseScopes(body.scopes);
      const teamId = body.teamId ?? (await teams.teamsOf(user.id)).find((team) => context.ability.can('create', teamSubject('ApiKey', team.id)))?.id;
      if (!teamId) throw forbidden('You are in no team where you may create API keys');
      if (!(await teams.find(teamId))) throw badRequest(`Team ${teamId} does not exist`);
      const { key, record } = await apiKeys.create(context.ability, user.id, { teamId, name: body.name, scopes });
      return reply.code(201).send({ key, apiKey: record });
    },
  );

  app.delete<{ Params: { keyId: string } }>('/api/me/api-keys/:keyId', { config: { auth: 'user' } }, async (request, reply) => {
    const { context } = await signedInUser(request);
    await apiKeys.revoke(context.ability, request.params.keyId);
    return reply.code(204).send();
  });
};
