/** Types of the business-registration API, derived from the server's zod schemas (types only). */
import type { z } from 'zod';
import type {
  EnterpriseDetail as EnterpriseDetailSchema,
  EnterpriseView as EnterpriseViewSchema,
  NameCheckResult as NameCheckResultSchema,
  UsccCheck as UsccCheckSchema,
} from '../../server/modules/registration/registration.schemas';

export type EnterpriseView = z.infer<typeof EnterpriseViewSchema>;
export type EnterpriseDetail = z.infer<typeof EnterpriseDetailSchema>;
export type NameCheckResult = z.infer<typeof NameCheckResultSchema>;
export type UsccCheck = z.infer<typeof UsccCheckSchema>;
