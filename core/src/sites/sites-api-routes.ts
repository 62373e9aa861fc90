import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { abilityOf, authenticate, siteOf } from '../auth/request-auth.ts';
import { badRequest } from '../auth/errors.ts';
import { sharedLinkUrl } from './shared-links.ts';
import type { SiteRecord } from './site-repository.ts';

const MAX_LIMIT = 100;

const plausibleSite = (site: SiteRecord) => ({
  domain: site.domain,
  timezone: site.timezone,
  custom_properties: site.allowedEventProps ?? [],
  tracker_script_configuration: {},
});

/**
 * Plausible's Sites API (`/api/v1/sites`, their EE contract) for API keys with `sites:read` /
 * `sites:provision` (and dashboard sessions): sites, shared links, guests and teams.
 * `site_id` is the site's domain, as in Plausible.
 */
export const sitesApiRoutes: FastifyPluginAsync = async (app) => {
  const { sites, siteService, sharedLinks, guests, invitations, teams, config } = app.container.cradle;

  /** Teams the caller may list sites of: an API key's team, or a user's teams. */
  const teamsOf = async (request: import('fastify').FastifyRequest) => {
    const context = await authenticate(request);
    if (context.principal.kind === 'api_key') {
      const team = await teams.find(context.principal.apiKey!.teamId);
      return team ? [team] : [];
    }
    return context.user ? teams.teamsOf(context.user.id) : [];
  };

  app.get<{ Querystring: { team_id?: string; after?: string; limit?: string } }>(
    '/api/v1/sites',
    { config: { auth: { action: 'read', subject: 'Site' } } },
    async (request) => {
      const context = await authenticate(request);
      const limit = request.query.limit === undefined ? MAX_LIMIT : Number(request.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
      const after = request.query.after;
      if (after !== undefined && !/^\d{1,19}$/.test(after)) throw badRequest('after must be a cursor from a previous page');
      let teamId = request.query.team_id;
      if (context.principal.kind === 'api_key') teamId = context.principal.apiKey!.teamId;
      if (!context.user) throw badRequest('Listing sites needs a user or an API key');
      const found = await sites.listVisible(context.user, { teamId, afterId: after, limit: limit + 1 });
      const page = found.slice(0, limit);
      return {
        sites: page.map((site) => ({ domain: site.domain, timezone: site.timezone })),
        meta: { after: found.length > limit ? page.at(-1)!.id : null, before: null, limit },
      };
    },
  );

  app.get('/api/v1/sites/teams', { config: { auth: { action: 'read', subject: 'Site' } } }, async (request) => ({
    teams: (await teamsOf(request)).map((team) => ({ id: team.id, name: team.name, api_available: true })),
  }));

  app.post(
    '/api/v1/sites',
    {
      config: { auth: { action: 'create', subject: 'Site' } },
      schema: {
        body: Type.Object({
          domain: Type.String({ maxLength: 300 }),
          timezone: Type.Optional(Type.String({ maxLength: 100 })),
          team_id: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (request) => {
      const context = await authenticate(request);
      const body = request.body as { domain: string; timezone?: string; team_id?: string };
      const teamId = context.principal.kind === 'api_key' ? (body.team_id ?? context.principal.apiKey!.teamId) : (body.team_id ?? null);
      if (!context.user) throw badRequest('Creating sites needs a user or an API key');
      const site = await siteService.create(abilityOf(request), context.user, { domain: body.domain, timezone: body.timezone, teamId });
      return plausibleSite(site);
    },
  );

  app.put(
    '/api/v1/sites/shared-links',
    {
      config: { auth: { action: 'create', subject: 'SharedLink' } },
      schema: { body: Type.Object({ site_id: Type.String({ maxLength: 300 }), name: Type.String({ minLength: 1, maxLength: 100 }) }) },
    },
    async (request) => {
      const site = siteOf(request);
      const link = await sharedLinks.findOrCreate(abilityOf(request), site, (request.body as { name: string }).name);
      return { name: link.name, url: sharedLinkUrl(config.baseUrl, site.domain, link.slug) };
    },
  );

  app.get<{ Querystring: { site_id?: string } }>('/api/v1/sites/guests', { config: { auth: { action: 'read', subject: 'Guest' } } }, async (request) => {
    if (!request.query.site_id) throw badRequest('site_id is required');
    const list = await guests.list(abilityOf(request), siteOf(request));
    return { guests: list.map(({ email, role, status }) => ({ email, role, status })), meta: { after: null, before: null, limit: list.length } };
  });

  app.put(
    '/api/v1/sites/guests',
    {
      config: { auth: { action: 'create', subject: 'Guest' } },
      schema: { body: Type.Object({ site_id: Type.String({ maxLength: 300 }), email: Type.String({ maxLength: 320 }), role: Type.String({ maxLength: 20 }) }) },
    },
    async (request) => {
      const context = await authenticate(request);
      const body = request.body as { email: string; role: string };
      const site = siteOf(request);
      const existing = (await guests.list(abilityOf(request), site)).find((guest) => guest.email === body.email.trim().toLowerCase());
      if (existing) return { email: existing.email, role: existing.role, status: existing.status };
      const { invitation } = await invitations.inviteGuest(abilityOf(request), context.user?.id ?? '', site, body);
      return { email: invitation.email, role: invitation.role, status: 'invited' };
    },
  );

  app.delete<{ Params: { email: string }; Querystring: { site_id?: string } }>(
    '/api/v1/sites/guests/:email',
    { config: { auth: { action: 'delete', subject: 'Guest' } } },
    async (request) => {
      if (!request.query.site_id) throw badRequest('site_id is required');
      await guests.remove(abilityOf(request), siteOf(request), { email: request.params.email }).catch((error: unknown) => {
        // Plausible answers deleting an absent guest with success too.
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      });
      return { deleted: true };
    },
  );

  app.get<{ Params: { site_id: string } }>('/api/v1/sites/:site_id', { config: { auth: { action: 'read', subject: 'Site' } } }, async (request) =>
    plausibleSite(siteOf(request)),
  );

  app.put<{ Params: { site_id: string } }>(
    '/api/v1/sites/:site_id',
    {
      config: { auth: { action: 'update', subject: 'Site' } },
      schema: { body: Type.Object({ domain: Type.Optional(Type.String({ maxLength: 300 })), timezone: Type.Optional(Type.String({ maxLength: 100 })) }) },
    },
    async (request) => plausibleSite(await siteService.update(abilityOf(request), siteOf(request), request.body as Record<string, unknown>)),
  );

  app.delete<{ Params: { site_id: string } }>('/api/v1/sites/:site_id', { config: { auth: { action: 'delete', subject: 'Site' } } }, async (request) => {
    await siteService.delete(abilityOf(request), siteOf(request));
    return { deleted: true };
  });
};
