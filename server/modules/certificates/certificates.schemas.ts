import { z } from 'zod';
import { nonBlank, Pagination } from '../../platform/http/schemas';
import { normalizeCertificateNumber } from './certificates.number';

const Status = z.enum(['valid', 'changed', 'revoked', 'expired']);
const Field = z.object({ key: z.string(), label: z.string(), labelEn: z.string(), value: z.string() });

export const CertificateView = z
  .object({
    id: z.uuid(),
    number: z.string().describe('Compact identifier; the QR code and /verify/{number} use it'),
    displayNumber: z.string().describe('The same with hyphens, as printed'),
    version: z.number().int(),
    title: z.string(),
    itemCode: z.string(),
    itemName: z.string(),
    caseId: z.uuid().nullable(),
    holderKind: z.enum(['person', 'enterprise']),
    holderName: z.string(),
    holderIdNumber: z.string(),
    fields: z.array(Field),
    issuedOn: z.string(),
    validUntil: z.string().nullable(),
    issuer: z.string(),
    status: Status,
    statusReason: z.string().nullable(),
    statusChangedAt: z.string().nullable(),
    pdfSha256: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .meta({ id: 'Certificate' });

export const CertificateWithHistory = CertificateView.extend({ versions: z.array(CertificateView) }).meta({ id: 'CertificateWithHistory' });

export const PublicCertificateView = z
  .object({
    number: z.string(),
    displayNumber: z.string(),
    version: z.number().int(),
    title: z.string(),
    itemName: z.string(),
    holder: z.string().describe('A person\'s name masked (张*); an enterprise\'s name in full'),
    holderCode: z.string().nullable().describe('An enterprise\'s credit code (public); null for a person'),
    issuer: z.string(),
    issuedOn: z.string(),
    validUntil: z.string().nullable(),
    status: Status,
    statusReason: z.string().nullable(),
    pdfSha256: z.string().describe('SHA-256 of the signed PDF as issued'),
    currentVersion: z.number().int().describe('The version in force now (equal to version unless this one was changed)'),
  })
  .meta({ id: 'PublicCertificate' });

export const PublicVersionQuery = z.object({
  v: z.coerce.number().int().min(1).max(999).optional().describe('A version, as printed in the QR code of that version; the version in force when absent'),
});

export const VerifyResult = z
  .object({
    authentic: z.boolean().describe('The file is byte for byte a certificate this registry issued'),
    sha256: z.string(),
    certificate: PublicCertificateView.nullable(),
    /** When the file is an older version: the version in force now. */
    current: PublicCertificateView.nullable(),
  })
  .meta({ id: 'CertificateVerification' });

export const CertificateListQuery = Pagination.extend({
  q: z.string().trim().max(60).optional().describe('Number, holder name, title or exact ID number / credit code'),
  status: Status.optional(),
  itemId: z.uuid().optional(),
});

/** A certificate number, compact or hyphenated, any case; the check character is verified before any lookup. */
export const NumberParams = z.object({
  number: z
    .string()
    .max(40)
    .refine((v) => normalizeCertificateNumber(v) !== null, { params: { key: 'CERTIFICATE_NUMBER' } })
    .describe('130533-26-XK099-00001-K or 13053326XK09900001K'),
});
export const PdfQuery = z.object({ version: z.coerce.number().int().min(1).max(999).optional() });

export const RevokeBody = z.object({ version: z.number().int().min(1), reason: nonBlank(500) });
export const ReissueBody = z.object({
  version: z.number().int().min(1),
  reason: nonBlank(500),
  fields: z.array(z.object({ key: z.string().min(1).max(40), value: z.string().trim().max(600) })).max(30),
});
