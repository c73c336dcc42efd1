import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: the session cookie is SameSite=Lax, and besides, a state-changing request that
 * carries the cookie must come from this site. Browsers say where a request comes from (Origin, Sec-Fetch-Site);
 * a request that says another site is refused. Clients that send neither (scripts, curl) are not browsers acting
 * for a user and pass.
 */
export function installCsrfProtection(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!request.url.startsWith('/api/')) return;
    if (!request.headers.cookie?.includes('ow_sid=')) return;
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site') throw new AppError('CSRF_REJECTED');
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      let originHost: string;
      try {
        originHost = new URL(origin).host;
      } catch {
        throw new AppError('CSRF_REJECTED');
      }
      const host = request.headers['x-forwarded-host'] && request.server.deps.config.trustProxy ? String(request.headers['x-forwarded-host']) : request.headers.host;
      if (originHost !== host) throw new AppError('CSRF_REJECTED');
    } else if (origin === 'null') {
      throw new AppError('CSRF_REJECTED');
    }
  });
}
