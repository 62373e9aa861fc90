import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { profileOf } from './auth-routes.ts';

/** Instance administration (instance admins): the HTTP twin of `qusto create-user`. */
export const adminRoutes: FastifyPluginAsync = async (app) => {
  const { registration } = app.container.cradle;

  app.post(
    '/api/admin/users',
    {
      config: { auth: { action: 'manage', subject: 'Instance' } },
      schema: {
        body: Type.Object({
          email: Type.String({ maxLength: 320 }),
          password: Type.String({ maxLength: 1024 }),
          name: Type.Optional(Type.String({ maxLength: 100 })),
          admin: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body as { email: string; password: string; name?: string; admin?: boolean };
      const user = await registration.register(body, { admin: body.admin === true, bypassMode: true });
      return reply.code(201).send({ user: profileOf(user) });
    },
  );
};
