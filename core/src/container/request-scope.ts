import { asValue, type AwilixContainer } from 'awilix';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
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

const SCOPE = Symbol('qusto.requestScope');
type WithScope = FastifyRequest & { [SCOPE]: AwilixContainer<RequestCradle> | null };

const requestScope: FastifyPluginAsync<{ container: AwilixContainer<Cradle> }> = async (app, options) => {
  app.decorate('container', options.container);
  app.decorateRequest(SCOPE, null);
  // Created on first use: most requests (the Events API above all) never resolve anything.
  app.decorateRequest('scope', {
    getter(this: FastifyRequest) {
      const request = this as WithScope;
      if (!request[SCOPE]) {
        const scope = options.container.createScope<RequestCradle>();
        scope.register({ requestId: asValue(request.id) });
        request[SCOPE] = scope;
      }
      return request[SCOPE];
    },
  });
  app.addHook('onResponse', (request, _reply, done) => {
    const scope = (request as WithScope)[SCOPE];
    if (!scope) {
      done();
      return;
    }
    scope.dispose().then(() => done(), done);
  });
};

/** One awilix scope per request (made when first used), disposed when the response is sent. */
export const requestScopePlugin = fp(requestScope, { name: 'qusto-request-scope', fastify: '5.x' });
