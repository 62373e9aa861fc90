import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { abilityOf, signedInUser, siteOf } from '../auth/request-auth.ts';

type DomainParams = { Params: { domain: string } };

/** Guests of one site (dashboard API): list, invite, change role, remove. */
export const guestRoutes: FastifyPluginAsync = async (app) => {
  const { guests, invitations } = app.container.cradle;

  app.get<DomainParams>('/api/sites/:domain/guests', { config: { auth: { action: 'read', subject: 'Guest' } } }, async (request) => ({
    guests: await guests.list(abilityOf(request), siteOf(request)),
  }));

  app.post<DomainParams>(
    '/api/sites/:domain/guests',
    {
      config: { auth: { action: 'create', subject: 'Guest' } },
      schema: { body: Type.Object({ email: Type.String({ maxLength: 320 }), role: Type.String({ maxLength: 20 }) }) },
    },
    async (request, reply) => {
      const { user } = await signedInUser(request);
      return reply.code(201).send(await invitations.inviteGuest(abilityOf(request), user.id, siteOf(request), request.body as { email: string; role: string }));
    },
  );

  app.put<{ Params: { domain: string; userId: string } }>(
    '/api/sites/:domain/guests/:userId',
    { config: { auth: { action: 'update', subject: 'Guest' } }, schema: { body: Type.Object({ role: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      await guests.changeRole(abilityOf(request), siteOf(request), request.params.userId, (request.body as { role: string }).role);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { domain: string; userId: string } }>(
    '/api/sites/:domain/guests/:userId',
    { config: { auth: { action: 'delete', subject: 'Guest' } } },
    async (request, reply) => {
      await guests.remove(abilityOf(request), siteOf(request), { userId: request.params.userId });
      return reply.code(204).send();
    },
  );
};
