/** The audit log as staff read it; writing happens in platform/audit inside each use case's transaction. */
import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit.routes';

export async function registerAuditRoutes(app: FastifyInstance): Promise<void> {
  await app.register(auditRoutes);
}
