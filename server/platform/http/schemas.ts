import { z } from 'zod';
import { checkIdNumber } from '../../../common/id-number';
import { checkCreditCode } from '../../../common/credit-code';

/** The one error shape every route answers with (documented on every route). */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. VALIDATION_FAILED'),
      message: z.string().describe('Human-readable message in the language asked for (zh-CN by default)'),
      fields: z
        .array(z.object({ path: z.string().describe('Dotted path, e.g. body.materials.0.name'), message: z.string() }))
        .optional()
        .describe('The offending fields, for validation errors'),
    }),
  })
  .meta({ id: 'Error' });

export const Uuid = z.uuid();
export const IdParams = z.object({ id: z.uuid() });

/** Query-string booleans arrive as text. */
export const QueryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

/** Text that must not be blank; trimmed. */
export function nonBlank(max: number) {
  return z.string().trim().min(1).max(max);
}

/** Mainland mobile number, 11 digits starting with 1. */
export const Phone = z
  .string()
  .trim()
  .refine((v) => /^1[3-9]\d{9}$/.test(v), { params: { key: 'PHONE_FORMAT' } });

/** Resident ID number checked per GB 11643 (check character, birth date, region). */
export const IdNumber = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const result = checkIdNumber(v);
    if (!result.valid) ctx.addIssue({ code: 'custom', message: result.problem, params: { key: result.problem } });
  });

/** Unified social credit code checked per GB 32100 (and GB 11714 inside it). */
export const CreditCode = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const result = checkCreditCode(v);
    if (!result.valid) ctx.addIssue({ code: 'custom', message: result.problem, params: { key: result.problem } });
  });

export const IsoDateTime = z.iso.datetime({ offset: true });
