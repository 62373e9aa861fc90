import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { abilityOf, siteOf } from '../auth/request-auth.ts';
import { sharedLinkUrl, type SharedLink } from './shared-links.ts';

type DomainParams = { Params: { domain: string } };

/** Managing a site's shared links (dashboard API). */
export const sharedLinkRoutes: FastifyPluginAsync = async (app) => {
  const { sharedLinks, config } = app.container.cradle;
  const view = (domain: string, link: SharedLink) => ({ ...link, url: sharedLinkUrl(config.baseUrl, domain, link.slug) });

  app.get<DomainParams>('/api/sites/:domain/shared-links', { config: { auth: { action: 'read', subject: 'SharedLink' } } }, async (request) => {
    const site = siteOf(request);
    return { sharedLinks: (await sharedLinks.list(abilityOf(request), site)).map((link) => view(site.domain, link)) };
  });

  app.post<DomainParams>(
    '/api/sites/:domain/shared-links',
    {
      config: { auth: { action: 'create', subject: 'SharedLink' } },
      schema: { body: Type.Object({ name: Type.String({ maxLength: 100 }), password: Type.Optional(Type.String({ maxLength: 1024 })) }) },
    },
    async (request, reply) => {
      const site = siteOf(request);
      const link = await sharedLinks.create(abilityOf(request), site, request.body as { name: string; password?: string });
      return reply.code(201).send({ sharedLink: view(site.domain, link) });
    },
  );

  app.delete<{ Params: { domain: string; linkId: string } }>(
    '/api/sites/:domain/shared-links/:linkId',
    { config: { auth: { action: 'delete', subject: 'SharedLink' } } },
    async (request, reply) => {
      await sharedLinks.delete(abilityOf(request), siteOf(request), request.params.linkId);
      return reply.code(204).send();
    },
  );
};
