/**
 * Types of the e-certificate API (电子证照: registry, public verification), derived from the server's zod
 * schemas (the contract). Only types are imported: nothing of the server reaches the browser bundle.
 */
import type { z } from 'zod';
import type {
  CertificateListQuery as CertificateListQuerySchema,
  CertificateView as CertificateViewSchema,
  CertificateWithHistory as CertificateWithHistorySchema,
  PublicCertificateView as PublicCertificateViewSchema,
  ReissueBody as ReissueBodySchema,
  RevokeBody as RevokeBodySchema,
  VerifyResult as VerifyResultSchema,
} from '../../server/modules/certificates/certificates.schemas';

/** One certificate version as staff (and its holder) see it. */
export type Certificate = z.infer<typeof CertificateViewSchema>;
/** GET /api/certificates/:number: the newest version with every version. */
export type CertificateWithHistory = z.infer<typeof CertificateWithHistorySchema>;
export type CertificateStatus = Certificate['status'];
export type CertificateField = Certificate['fields'][number];
/** GET /api/public/certificates/:number: what anyone may learn (a person's name masked). */
export type PublicCertificate = z.infer<typeof PublicCertificateViewSchema>;
/** POST /api/public/certificates/verify. */
export type CertificateVerification = z.infer<typeof VerifyResultSchema>;
/** Query parameters as they travel (strings in the URL; the server coerces them). */
export type CertificateListQuery = Partial<Record<keyof z.input<typeof CertificateListQuerySchema>, string | number>>;
export type RevokeBody = z.input<typeof RevokeBodySchema>;
export type ReissueBody = z.input<typeof ReissueBodySchema>;
