import { asValue, type AwilixContainer } from 'awilix';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Cradle, RequestCradle } from './cradle.ts';

declare module 'fastify' {
  interface FastifyInstance {
    container: AwilixContainer<Cradle>;
  }
  interface FastifyRequest {
    /** A child of the root container living as long as the request. */
    scope: AwilixContainer<RequestCradle>;
  }
}

const requestScope: FastifyPluginAsync<{ container: AwilixContainer<Cradle> }> = async (app, options) => {
  app.decorate('container', options.container);
  app.decorateRequest('scope', null as unknown as AwilixContainer<RequestCradle>);
  app.addHook('onRequest', async (request) => {
    const scope = options.container.createScope<RequestCradle>();
    scope.register({ requestId: asValue(request.id) });
    request.scope = scope;
  });
  app.addHook('onResponse', async (request) => {
    await request.scope?.dispose();
  });
};

/** One awilix scope per request, disposed when the response is sent. */
export const requestScopePlugin = fp(requestScope, { name: 'qusto-request-scope', fastify: '5.x' });
