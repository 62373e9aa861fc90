import { timingSafeEqual } from 'node:crypto';
import type { preHandlerAsyncHookHandler } from 'fastify';

const MISSING = 'Missing API key. Please use a valid Plausible API key as a Bearer Token.';
const INVALID = "Invalid API key or site ID. Please make sure you're using a valid API key with access to the site you've requested.";

/**
 * Until accounts and API keys exist, the stats API is read with `Authorization: Bearer
 * <ADMIN_TOKEN>`. This one preHandler is what the accounts work replaces.
 */
export function statsApiAuth(adminToken: string | undefined): preHandlerAsyncHookHandler {
  const wanted = adminToken ? Buffer.from(adminToken) : null;
  return async (request, reply) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) return reply.code(401).send({ error: MISSING });
    const given = Buffer.from(match[1]!);
    if (!wanted || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      return reply.code(401).send({ error: INVALID });
    }
  };
}
