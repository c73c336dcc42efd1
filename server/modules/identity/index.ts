/** Identity and access: accounts, sessions, sign-in, real-name registration. */
import type { FastifyInstance } from 'fastify';
import { ANONYMOUS } from '../../platform/auth/actor';
import { identityRoutes, SESSION_COOKIE } from './identity.routes';
import { resolveSession } from './identity.service';

export { identityRoutes, SESSION_COOKIE } from './identity.routes';
export { presentAccount, toActor } from './identity.service';
export { findDemoAccountsWithDemoPassword, deleteExpiredSessions, listActiveDemoAccounts } from './identity.repository';
export { accounts, sessions } from './identity.tables';

/** Resolves the session cookie of every API request into `request.actor`. Registered before authorization. */
export function installSessionResolution(app: FastifyInstance): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('actingRole', 'anonymous');
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    request.sessionExpired = false;
    const url = request.url;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const { database, clock, config } = request.server.deps;
    const resolved = await resolveSession(database.db, token, clock, config);
    if (resolved.actor) request.actor = resolved.actor;
    request.sessionExpired = resolved.expired;
  });
}

export async function registerIdentity(app: FastifyInstance): Promise<void> {
  await app.register(identityRoutes);
}
