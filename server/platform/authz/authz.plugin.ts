import type { FastifyInstance, RouteOptions } from 'fastify';
import { AppError } from '../http/errors';
import { grantingRole, type Access } from './policy';

/** One route as the policy table sees it; the access-matrix test walks these. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access | undefined;
  /** Which parts of the request the route validates (tests use this to send bad input everywhere). */
  validates: { body: boolean; querystring: boolean; params: boolean };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with the access it declared. */
    routeAccess: RouteAccess[];
  }
}

/** API documentation pages are public by nature. */
function isDocumentationRoute(url: string): boolean {
  return url === '/api/docs' || url.startsWith('/api/docs/');
}

export function isApiRoute(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}

/**
 * Default deny, checked before the body is even parsed (after the session hook has resolved the actor).
 * Every /api route must declare its access; a route that does not makes the server refuse to start, and at
 * run time a route without a declaration answers 403 to everyone.
 */
export function installAuthorization(app: FastifyInstance): void {
  app.decorate('routeAccess', [] as RouteAccess[]);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' && route.config && (route.config as { access?: Access }).access === undefined) continue;
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      app.routeAccess.push({
        method,
        url: route.url,
        access: (route.config as { access?: Access } | undefined)?.access,
        validates: { body: !!schema.body, querystring: !!schema.querystring, params: !!schema.params },
      });
    }
  });
  app.addHook('onReady', async () => {
    const undeclared = app.routeAccess.filter(
      (r) => isApiRoute(r.url) && !isDocumentationRoute(r.url) && r.method !== 'HEAD' && r.access === undefined,
    );
    if (undeclared.length > 0) {
      throw new Error(`Routes without an access declaration: ${undeclared.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    }
  });
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url ?? '';
    const access = request.routeOptions.config.access;
    if (!isApiRoute(url) || isDocumentationRoute(url)) {
      request.actingRole = 'public';
      return;
    }
    if (!access) throw new AppError('FORBIDDEN');
    if ('public' in access) {
      request.actingRole = request.actor.kind === 'account' ? (request.actor.roles[0] ?? 'public') : 'public';
      return;
    }
    if (request.actor.kind !== 'account') {
      throw new AppError(request.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    }
    if ('authenticated' in access) {
      request.actingRole = request.actor.roles[0] ?? 'account';
      return;
    }
    const role = grantingRole(request.actor.roles, access.permission);
    if (!role) throw new AppError('FORBIDDEN');
    request.actingRole = role;
  });
}
