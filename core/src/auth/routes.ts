import type { FastifyPluginAsync } from 'fastify';
import { adminRoutes } from './admin-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { meRoutes } from './me-routes.ts';
import { twoFactorRoutes } from './two-factor-routes.ts';

/** Every account route: sign-up/in, the user's own account, 2FA, instance admin. */
export const accountRoutes: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(meRoutes);
  await app.register(twoFactorRoutes);
  await app.register(adminRoutes);
};
