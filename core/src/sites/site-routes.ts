import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { abilityOf, signedInUser, siteOf } from '../auth/request-auth.ts';
import { assertCan, siteSubject } from '../auth/abilities.ts';
import { recentPropertyKeys } from './property-keys.ts';
import type { SiteRecord } from './site-repository.ts';

export const siteView = (site: SiteRecord) => ({
  id: site.id,
  domain: site.domain,
  timezone: site.timezone,
  teamId: site.teamId,
  public: site.public,
  allowedEventProps: site.allowedEventProps,
  previousDomain: site.previousDomain,
  previousDomainExpiresAt: site.previousDomainExpiresAt,
  createdAt: site.createdAt,
});

type DomainParams = { Params: { domain: string } };

/** The dashboard's site API: list, create, settings, domain change, move, delete, stats reset, shields, property keys. */
export const siteRoutes: FastifyPluginAsync = async (app) => {
  const { sites, siteService, shields, eventStore } = app.container.cradle;

  app.get<{ Querystring: { team_id?: string } }>('/api/sites', { config: { auth: 'user' } }, async (request) => {
    const { user } = await signedInUser(request);
    const teamId = request.query.team_id && /^\d{1,19}$/.test(request.query.team_id) ? request.query.team_id : undefined;
    return { sites: (await sites.listVisible(user, { teamId })).map(siteView) };
  });

  app.post(
    '/api/sites',
    {
      config: { auth: { action: 'create', subject: 'Site' } },
      schema: {
        body: Type.Object({
          domain: Type.String({ maxLength: 300 }),
          timezone: Type.Optional(Type.String({ maxLength: 100 })),
          teamId: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (request, reply) => {
      const { user } = await signedInUser(request);
      const body = request.body as { domain: string; timezone?: string; teamId?: string };
      const site = await siteService.create(abilityOf(request), user, { domain: body.domain, timezone: body.timezone, teamId: body.teamId ?? null });
      return reply.code(201).send({ site: siteView(site) });
    },
  );

  app.get<DomainParams>('/api/sites/:domain', { config: { auth: { action: 'read', subject: 'Site' } } }, async (request) => ({
    site: siteView(siteOf(request)),
  }));

  // What a dashboard needs to show the site: for everyone who may read its stats (shared links
  // and visitors of a public dashboard included), so nothing about its settings.
  app.get<DomainParams>('/api/sites/:domain/dashboard', { config: { auth: { action: 'read', subject: 'Stats' } } }, async (request) => {
    const site = siteOf(request);
    return { site: { id: site.id, domain: site.domain, timezone: site.timezone, teamId: site.teamId, allowedEventProps: site.allowedEventProps } };
  });

  app.put<DomainParams>(
    '/api/sites/:domain',
    {
      // Settings need `update SiteSettings`; a domain change also `update Site` (checked in the service).
      config: { auth: { action: 'update', subject: 'SiteSettings' } },
      schema: {
        body: Type.Object({
          domain: Type.Optional(Type.String({ maxLength: 300 })),
          timezone: Type.Optional(Type.String({ maxLength: 100 })),
          public: Type.Optional(Type.Boolean()),
          allowedEventProps: Type.Optional(Type.Union([Type.Null(), Type.Array(Type.String({ maxLength: 300 }), { maxItems: 300 })])),
        }),
      },
    },
    async (request) => ({ site: siteView(await siteService.update(abilityOf(request), siteOf(request), request.body as Record<string, unknown>)) }),
  );

  app.delete<DomainParams>('/api/sites/:domain', { config: { auth: { action: 'delete', subject: 'Site' } } }, async (request, reply) => {
    await siteService.delete(abilityOf(request), siteOf(request));
    return reply.code(204).send();
  });

  // Deletes every event and session of the site, keeping the site and its settings.
  app.delete<DomainParams>('/api/sites/:domain/stats', { config: { auth: { action: 'delete', subject: 'Site' } } }, async (request, reply) => {
    await siteService.resetStats(abilityOf(request), siteOf(request));
    return reply.code(204).send();
  });

  // Suggestions for the custom-properties allow-list (settings): keys seen in the last 30 days.
  app.get<DomainParams>('/api/sites/:domain/property-keys', { config: { auth: { action: 'read', subject: 'SiteSettings' } } }, async (request) => {
    const site = siteOf(request);
    assertCan(abilityOf(request), 'read', siteSubject('SiteSettings', site));
    return { propertyKeys: await recentPropertyKeys(eventStore, site.id) };
  });

  app.post<DomainParams>(
    '/api/sites/:domain/transfer',
    { config: { auth: { action: 'delete', subject: 'Site' } }, schema: { body: Type.Object({ teamId: Type.String({ maxLength: 20 }) }) } },
    async (request) => ({ site: siteView(await siteService.transfer(abilityOf(request), siteOf(request), (request.body as { teamId: string }).teamId)) }),
  );

  app.get<DomainParams>('/api/sites/:domain/shields', { config: { auth: { action: 'read', subject: 'SiteSettings' } } }, async (request) => ({
    shields: await shields.list(abilityOf(request), siteOf(request)),
  }));

  app.post<DomainParams>(
    '/api/sites/:domain/shields',
    {
      config: { auth: { action: 'update', subject: 'SiteSettings' } },
      schema: {
        body: Type.Object({
          kind: Type.String({ maxLength: 20 }),
          value: Type.String({ maxLength: 250 }),
          description: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request, reply) => reply.code(201).send({ shield: await shields.add(abilityOf(request), siteOf(request), request.body as { kind: string; value: string }) }),
  );

  app.delete<{ Params: { domain: string; shieldId: string } }>(
    '/api/sites/:domain/shields/:shieldId',
    { config: { auth: { action: 'update', subject: 'SiteSettings' } } },
    async (request, reply) => {
      await shields.remove(abilityOf(request), siteOf(request), request.params.shieldId);
      return reply.code(204).send();
    },
  );
};
