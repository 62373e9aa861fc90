import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/**
 * Serves a plugin's built UI remote at `/plugins/<name>/ui/`. The shell fetch()es the
 * mf-manifest.json, so CORS is open (the files are public build output).
 */
export function servePluginUi(app: FastifyInstance, name: string, distDir: string, logger: Logger): void {
  const prefix = `/plugins/${name}/ui/`;
  if (!existsSync(distDir)) {
    logger.warn({ plugin: name, dir: distDir }, `plugin ${name}: UI is not built (${distDir} is missing); run npm run build`);
    app.get(`${prefix}*`, async (_request, reply) =>
      reply.code(404).header('access-control-allow-origin', '*').send({ error: `the UI of plugin ${name} is not built` }),
    );
    return;
  }
  app.register(async (child) => {
    child.addHook('onSend', async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
    });
    await child.register(fastifyStatic, {
      root: distDir,
      prefix,
      decorateReply: false,
      // Remotes built with definePluginUiConfig carry .br and .gz beside each asset.
      preCompressed: true,
      // Manifest and entry must be revalidated so a rebuilt plugin is picked up; chunks are hashed.
      setHeaders: (reply, filePath) => {
        const immutable = /\.[0-9a-f]{8,}\.(js|css)(\.br|\.gz)?$/.test(filePath);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  });
}
