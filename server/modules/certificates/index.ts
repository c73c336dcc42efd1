/** E-certificates (电子证照) under the bureau's one seal: templates, issue, registry, public verification. */
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { certificateRoutes } from './certificates.routes';

export { certificateHookFor, certificatesOfCase, effectiveStatus, findReusable, issueCertificate, pdfOfCaseCertificate, type CertificateDeps, type Holder, type IssueInput } from './certificates.service';
// Business registration reissues and revokes the licence it issued (变更、注销登记).
export { reissue, revoke } from './certificates.service';
export { defaultTemplate } from './certificates.templates';
export { normalizeCertificateNumber, formatCertificateNumber } from './certificates.number';
export * from './certificates.tables';

export async function registerCertificates(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 15 * 1024 * 1024, files: 1 } });
    await scope.register(certificateRoutes);
  });
}
