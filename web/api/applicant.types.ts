/**
 * Types of what the applicant's own area (网上申报、我的办件、办理进度) sends and receives, derived from the
 * server's zod schemas (the contract). Only types are imported: nothing of the server reaches the browser.
 */
import type { z } from 'zod';
import type { RegisterBody as RegisterBodySchema } from '../../server/modules/identity/identity.schemas';
import type {
  CaseDetail as CaseDetailSchema,
  CaseSummary as CaseSummarySchema,
  FileUploadResponse as FileUploadResponseSchema,
  MaterialInput as MaterialInputSchema,
  OnlineApplicationBody as OnlineApplicationBodySchema,
  ReceiveCorrectionBody as ReceiveCorrectionBodySchema,
  UpdateApplicationBody as UpdateApplicationBodySchema,
  WithdrawBody as WithdrawBodySchema,
} from '../../server/modules/cases/cases.schemas';

/** POST /api/auth/register: a person by ID number (GB 11643) or an enterprise by credit code (GB 32100). */
export type RegisterBody = z.input<typeof RegisterBodySchema>;
export type SubjectKind = RegisterBody['subjectKind'];

/** One row of GET /api/cases (an applicant sees only their own). */
export type MyCaseSummary = z.infer<typeof CaseSummarySchema>;
/** GET /api/cases/:id as its applicant sees it (public events only, no tasks). */
export type MyCaseDetail = z.infer<typeof CaseDetailSchema>;
export type MyCasePhase = MyCaseSummary['phase'];
export type MyCaseWarning = MyCaseSummary['warning'];
export type MyCaseMaterial = MyCaseDetail['materials'][number];
export type MyCaseMaterialStatus = MyCaseMaterial['status'];
export type MyCaseEvent = MyCaseDetail['events'][number];
export type MyCaseClock = MyCaseDetail['clock'];

/** POST /api/files answers the stored file's hash, which the application then refers to. */
export type StoredFile = z.infer<typeof FileUploadResponseSchema>;

/** POST /api/my/applications (网上申请; submit=false keeps a draft). */
export type OnlineApplicationBody = z.input<typeof OnlineApplicationBodySchema>;
export type OnlineMaterial = OnlineApplicationBody['materials'][number];
/** PUT /api/my/applications/:id: complete a draft or an application the one-time notice sent back. */
export type UpdateApplicationBody = z.input<typeof UpdateApplicationBodySchema>;
/** POST /api/cases/:id/correction (补正材料). */
export type ReceiveCorrectionBody = z.input<typeof ReceiveCorrectionBodySchema>;
export type CorrectionMaterial = z.input<typeof MaterialInputSchema>;
/** POST /api/cases/:id/withdraw (撤回). */
export type WithdrawBody = z.input<typeof WithdrawBodySchema>;

/**
 * GET /api/my/notifications. The server declares this schema (NotificationPage) inside cases.routes.ts, which
 * the web project does not read, so it is restated here; keep the two in step.
 */
export interface NotificationPage {
  items: MyNotification[];
  total: number;
  unread: number;
}

export interface MyNotification {
  id: string;
  caseId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}
