/** Approval cases: intake, circulation, the working-day clock, decision and close. */
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { caseRoutes, publicProgressRoutes } from './cases.routes';

export * from './cases.tables';
export { advance, initialState } from './cases.engine';
export { caseJobs, dispatchNotifications, scanDeadlines } from './cases.jobs';
export { setCaseHooks, type CaseHooks, type IssuedCertificate } from './cases.hooks';
export { findCaseOfApplicant } from './cases.service';
export { renderCaseDocument, DOCUMENT_KINDS, type DocumentKind } from './cases.documents';
export type { EngineState } from './cases.engine';

export async function registerCases(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
    await scope.register(caseRoutes);
  });
  await app.register(publicProgressRoutes);
}
