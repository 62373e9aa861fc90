import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { abilityOf, signedInUser } from '../auth/request-auth.ts';

type TeamParams = { Params: { teamId: string } };
type MemberParams = { Params: { teamId: string; userId: string } };

/** Teams, members, invitations to a team, and ownership transfer. */
export const teamRoutes: FastifyPluginAsync = async (app) => {
  const { teams, teamService, invitations } = app.container.cradle;

  app.get('/api/teams', { config: { auth: 'user' } }, async (request) => {
    const { user } = await signedInUser(request);
    return { teams: await teams.teamsOf(user.id) };
  });

  app.post('/api/teams', { config: { auth: 'user' }, schema: { body: Type.Object({ name: Type.String({ maxLength: 100 }) }) } }, async (request, reply) => {
    const { user, context } = await signedInUser(request);
    return reply.code(201).send({ team: await teamService.create(context.ability, user.id, (request.body as { name: string }).name) });
  });

  app.get<TeamParams>('/api/teams/:teamId', { config: { auth: { action: 'read', subject: 'Team' } } }, async (request) => ({
    team: await teamService.get(abilityOf(request), request.params.teamId),
  }));

  app.put<TeamParams>(
    '/api/teams/:teamId',
    {
      config: { auth: { action: 'manage', subject: 'Team' } },
      schema: { body: Type.Object({ name: Type.Optional(Type.String({ maxLength: 100 })), require2fa: Type.Optional(Type.Boolean()) }) },
    },
    async (request) => ({ team: await teamService.update(abilityOf(request), request.params.teamId, request.body as Record<string, unknown>) }),
  );

  app.get<TeamParams>('/api/teams/:teamId/members', { config: { auth: { action: 'read', subject: 'Member' } } }, async (request) => ({
    members: await teamService.members(abilityOf(request), request.params.teamId),
  }));

  app.put<MemberParams>(
    '/api/teams/:teamId/members/:userId',
    { config: { auth: { action: 'update', subject: 'Member' } }, schema: { body: Type.Object({ role: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      await teamService.changeRole(abilityOf(request), request.params.teamId, request.params.userId, (request.body as { role: string }).role);
      return reply.code(204).send();
    },
  );

  // Members may remove themselves (leave); removing others needs `delete Member` (service).
  app.delete<MemberParams>('/api/teams/:teamId/members/:userId', { config: { auth: { action: 'read', subject: 'Team' } } }, async (request, reply) => {
    const { user } = await signedInUser(request);
    await teamService.removeMember(abilityOf(request), user.id, request.params.teamId, request.params.userId);
    return reply.code(204).send();
  });

  app.post<TeamParams>(
    '/api/teams/:teamId/transfer',
    { config: { auth: { action: 'manage', subject: 'Team' } }, schema: { body: Type.Object({ userId: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      const { user } = await signedInUser(request);
      await teamService.transferOwnership(abilityOf(request), user.id, request.params.teamId, (request.body as { userId: string }).userId);
      return reply.code(204).send();
    },
  );

  app.get<TeamParams>('/api/teams/:teamId/invitations', { config: { auth: { action: 'read', subject: 'Member' } } }, async (request) => ({
    invitations: await invitations.listForTeam(abilityOf(request), request.params.teamId),
  }));

  app.post<TeamParams>(
    '/api/teams/:teamId/invitations',
    {
      config: { auth: { action: 'create', subject: 'Member' } },
      schema: { body: Type.Object({ email: Type.String({ maxLength: 320 }), role: Type.String({ maxLength: 20 }) }) },
    },
    async (request, reply) => {
      const { user } = await signedInUser(request);
      const created = await invitations.inviteToTeam(abilityOf(request), user.id, request.params.teamId, request.body as { email: string; role: string });
      return reply.code(201).send(created);
    },
  );

  app.delete<{ Params: { teamId: string; invitationId: string } }>(
    '/api/teams/:teamId/invitations/:invitationId',
    { config: { auth: { action: 'delete', subject: 'Member' } } },
    async (request, reply) => {
      await invitations.revokeForTeam(abilityOf(request), request.params.teamId, request.params.invitationId);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { token: string } }>('/api/invitations/:token', { config: { auth: 'public' } }, async (request) => {
    const preview = await invitations.preview(request.params.token);
    return { ...preview.invitation, teamName: preview.teamName, siteDomain: preview.siteDomain, accountExists: preview.accountExists };
  });

  app.post<{ Params: { token: string } }>('/api/invitations/:token/accept', { config: { auth: 'user' } }, async (request) => {
    const { user } = await signedInUser(request);
    return { invitation: await invitations.accept(request.params.token, user) };
  });
};
