import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { variantFile } from '@qusto/tracker/variants';

interface BuiltVariant {
  hash: string;
  body: Buffer;
}

/** Built tracker files by name, read once: they are small (about 2 KB each). */
function loadBuiltVariants(distDir: string): Map<string, BuiltVariant> {
  const sizesFile = path.join(distDir, 'sizes.json');
  const variants = new Map<string, BuiltVariant>();
  if (!existsSync(sizesFile)) return variants;
  const sizes = JSON.parse(readFileSync(sizesFile, 'utf8')) as Record<string, { hash: string }>;
  for (const [file, info] of Object.entries(sizes)) {
    const full = path.join(distDir, file);
    if (file.endsWith('.js') && existsSync(full)) variants.set(file, { hash: info.hash, body: readFileSync(full) });
  }
  return variants;
}

/**
 * The tracking script: `/js/script.js` (also `qusto.js`, and Plausible's `plausible.js` and
 * `script.<ext>.<ext>.js` names, so a site can switch by changing only the host). Plain URLs are
 * cached briefly with an ETag so updates reach sites; versioned ones (`?v=<hash>` or
 * `/js/v/<hash>/script.js`) are immutable.
 */
export const trackerRoutes: FastifyPluginAsync<{ distDir: string }> = async (app, { distDir }) => {
  const variants = loadBuiltVariants(distDir);
  if (variants.size === 0) app.log.warn({ dir: distDir }, 'the tracker is not built (run npm run build): /js/script.js answers 404');

  const serve = (name: string, version: string | undefined) => {
    const canonical = variantFile(name);
    return canonical ? { canonical, variant: variants.get(canonical), version } : null;
  };

  const handler = (name: string, version: string | undefined, ifNoneMatch: string | undefined) => {
    const found = serve(name, version);
    if (!found) return { status: 404, error: `No tracker script named ${name}` } as const;
    if (!found.variant) {
      return { status: 404, error: `The tracker variant ${found.canonical} is not built (npm run build builds every variant)` } as const;
    }
    const etag = `"${found.variant.hash}"`;
    const immutable = version !== undefined && version === found.variant.hash;
    return { status: ifNoneMatch === etag && !immutable ? 304 : 200, etag, immutable, body: found.variant.body } as const;
  };

  const respond = (
    reply: import('fastify').FastifyReply,
    result: ReturnType<typeof handler>,
  ) => {
    if ('error' in result) return reply.code(result.status).send({ error: result.error });
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('etag', result.etag)
      .header('access-control-allow-origin', '*')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', result.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600, stale-while-revalidate=86400');
    return result.status === 304 ? reply.code(304).send() : reply.code(200).send(result.body);
  };

  app.get<{ Params: { name: string }; Querystring: { v?: string } }>('/js/:name', async (request, reply) =>
    respond(reply, handler(request.params.name, request.query.v, request.headers['if-none-match'])),
  );
  app.get<{ Params: { hash: string; name: string } }>('/js/v/:hash/:name', async (request, reply) =>
    respond(reply, handler(request.params.name, request.params.hash, request.headers['if-none-match'])),
  );
};
