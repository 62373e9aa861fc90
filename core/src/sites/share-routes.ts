import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { SHARE_UNLOCK_COOKIE } from '../auth/authenticator.ts';
import { notFound, unauthorized } from '../auth/errors.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { allowFraming } from '../auth/security-headers.ts';
import type { SharedLinkSecret } from './shared-links.ts';

/** How long an unlocked password-protected link stays open in that browser. */
export const SHARE_UNLOCK_MS = 24 * 3600 * 1000;
const NOT_FOUND = 'This shared link does not exist (it may have been deleted)';

/**
 * What a shared-link visitor reaches: the page `/share/<domain>?auth=<slug>` (the dashboard,
 * read-only; `&embed=true` is the one page other sites may frame, and only for links without a
 * password), what the link shows, and unlocking a password-protected link. Everything else a
 * link can do is reading that site's stats, through the stats API with the slug.
 */
export const shareRoutes: FastifyPluginAsync<{ shellDist: string | null }> = async (app, { shellDist }) => {
  const { sharedLinks, sites } = app.container.cradle;

  const linkFor = async (domain: string, slug: unknown): Promise<{ link: SharedLinkSecret; site: { domain: string; timezone: string } }> => {
    const link = typeof slug === 'string' ? await sharedLinks.findBySlug(slug) : null;
    const site = link ? await sites.findRecordById(link.siteId) : null;
    // A slug for another site is as unknown as no slug (Plausible answered bad links with a page: PR #2225).
    if (!link || !site || site.domain !== domain.toLowerCase()) throw notFound(NOT_FOUND);
    return { link, site };
  };

  app.get<{ Params: { domain: string }; Querystring: { auth?: string; embed?: string } }>(
    '/share/:domain',
    { config: { auth: 'public' } },
    async (request, reply) => {
      const found = await linkFor(request.params.domain, request.query.auth).catch((error: unknown) => {
        // A browser opening a dead link gets the dashboard's own "this link does not work" page.
        if (shellDist) return null;
        throw error;
      });
      if (!found) return reply.code(404).header('cache-control', 'no-store').sendFile('index.html', shellDist!);
      if (!shellDist) return reply.code(503).type('text/plain').send('The Qusto dashboard is not built. Run `npm run build`, then restart.');
      const { link } = found;
      if (request.query.embed === 'true' && !link.hasPassword) allowFraming(reply);
      return reply.header('cache-control', 'no-store').sendFile('index.html', shellDist);
    },
  );

  app.get<{ Params: { domain: string }; Querystring: { auth?: string } }>('/api/share/:domain', { config: { auth: 'public' } }, async (request, reply) => {
    const { link, site } = await linkFor(request.params.domain, request.query.auth);
    const cookie = request.cookies[`${SHARE_UNLOCK_COOKIE}${link.id}`];
    const unsigned = cookie ? request.unsignCookie(cookie) : null;
    const [linkId, expires] = unsigned?.valid && unsigned.value ? unsigned.value.split('.') : [];
    const unlocked = !link.hasPassword || (linkId === link.id && Number(expires) > Date.now());
    return reply.header('cache-control', 'no-store').send({ name: link.name, site: { domain: site.domain, timezone: site.timezone }, passwordRequired: link.hasPassword, unlocked });
  });

  app.post<{ Params: { domain: string } }>(
    '/api/share/:domain/unlock',
    { config: { auth: 'public' }, schema: { body: Type.Object({ auth: Type.String({ maxLength: 100 }), password: Type.String({ maxLength: 1024 }) }) } },
    async (request, reply) => {
      const body = request.body as { auth: string; password: string };
      const link = await app.qustoAuth.rateLimits.guard(request, 'shareUnlock', body.auth, async () => {
        const found = (await linkFor(request.params.domain, body.auth)).link;
        if (found.passwordHash && !(await verifyPassword(found.passwordHash, body.password))) throw unauthorized('Wrong password for this shared link');
        return found;
      });
      if (!link.passwordHash) return reply.code(204).send();
      app.qustoAuth.setSignedCookie(reply, `${SHARE_UNLOCK_COOKIE}${link.id}`, `${link.id}.${Date.now() + SHARE_UNLOCK_MS}`, SHARE_UNLOCK_MS);
      return reply.code(204).send();
    },
  );
};
