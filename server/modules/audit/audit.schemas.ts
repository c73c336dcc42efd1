import { z } from 'zod';
import { Pagination } from '../../platform/http/schemas';

export const AuditEventView = z
  .object({
    id: z.number().int(),
    chain: z.number().int(),
    chainSeq: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    actorRole: z.string(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    summary: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

export const AuditListQuery = Pagination.extend({
  action: z.string().trim().max(60).optional().describe('Exact action or a prefix ending in "." (e.g. "account.")'),
  subjectType: z.string().trim().max(40).optional(),
  subjectId: z.string().trim().max(80).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const VerifyResponse = z
  .object({
    ok: z.boolean(),
    entries: z.number().int(),
    chains: z.number().int(),
    firstBreak: z
      .object({
        id: z.number().int(),
        chain: z.number().int(),
        chainSeq: z.number().int(),
        reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'sequence_gap', 'head_mismatch']),
      })
      .nullable(),
  })
  .meta({ id: 'AuditVerification' });
