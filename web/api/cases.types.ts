/**
 * Types of the approval-case, task, process and calendar API, derived from the server's zod schemas (the
 * contract). Only types are imported: nothing of the server reaches the browser bundle.
 */
import type { z } from 'zod';
import type {
  CaseDetail as CaseDetailSchema,
  CaseListQuery as CaseListQuerySchema,
  CaseSummary as CaseSummarySchema,
  CompleteTaskBody as CompleteTaskBodySchema,
  ContinueIntakeBody as ContinueIntakeBodySchema,
  CorrectionBody as CorrectionBodySchema,
  DecideExtensionBody as DecideExtensionBodySchema,
  EndSpecialBody as EndSpecialBodySchema,
  ExtensionBody as ExtensionBodySchema,
  FileUploadResponse as FileUploadResponseSchema,
  InboxItem as InboxItemSchema,
  InboxQuery as InboxQuerySchema,
  IntakeBody as IntakeBodySchema,
  MaterialInput as MaterialInputSchema,
  ReceiveCorrectionBody as ReceiveCorrectionBodySchema,
  SpecialBody as SpecialBodySchema,
  TaskActionBase as TaskActionBaseSchema,
  TaskView as TaskViewSchema,
  VerifyBody as VerifyBodySchema,
  WithdrawBody as WithdrawBodySchema,
} from '../../server/modules/cases/cases.schemas';
import type {
  DayInfoView as DayInfoViewSchema,
  DeclareYearBody as DeclareYearBodySchema,
  OverrideView as OverrideViewSchema,
  PutOverrideBody as PutOverrideBodySchema,
  YearView as YearViewSchema,
} from '../../server/modules/calendar/calendar.schemas';
import type { DefinitionView as DefinitionViewSchema, ItemProcessView as ItemProcessViewSchema } from '../../server/modules/processes/processes.schemas';

// 办件 Cases
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export type CaseDetail = z.infer<typeof CaseDetailSchema>;
export type CasePhase = CaseSummary['phase'];
export type CaseWarning = CaseSummary['warning'];
export type CaseMaterial = CaseDetail['materials'][number];
export type CaseEvent = CaseDetail['events'][number];
export type CaseClock = CaseDetail['clock'];
export type CaseSuspension = CaseDetail['suspensions'][number];
export type MaterialStatus = CaseMaterial['status'];
/** Query parameters of GET /api/cases as they travel (strings in the URL; the server coerces them). */
export type CaseListQuery = Partial<Record<keyof z.input<typeof CaseListQuerySchema>, string | number>>;

/** Body of POST /api/cases/intake (窗口受理). */
export type IntakeBody = z.input<typeof IntakeBodySchema>;
export type IntakeOutcome = IntakeBody['outcome'];
/** Body of POST /api/cases/:id/intake (补齐材料后继续受理). */
export type ContinueIntakeBody = z.input<typeof ContinueIntakeBodySchema>;
export type MaterialInput = z.input<typeof MaterialInputSchema>;
export type UploadedFile = z.infer<typeof FileUploadResponseSchema>;
export type ReceiveCorrectionBody = z.input<typeof ReceiveCorrectionBodySchema>;
export type EndSpecialBody = z.input<typeof EndSpecialBodySchema>;
export type WithdrawBody = z.input<typeof WithdrawBodySchema>;

// 待办 Tasks
export type TaskView = z.infer<typeof TaskViewSchema>;
export type InboxItem = z.infer<typeof InboxItemSchema>;
export type InboxView = NonNullable<z.input<typeof InboxQuerySchema>['view']>;
export type TaskActionBase = z.input<typeof TaskActionBaseSchema>;
export type CompleteTaskBody = z.input<typeof CompleteTaskBodySchema>;
export type TaskOutcome = CompleteTaskBody['outcome'];
export type CorrectionBody = z.input<typeof CorrectionBodySchema>;
export type SpecialBody = z.input<typeof SpecialBodySchema>;
export type ExtensionBody = z.input<typeof ExtensionBodySchema>;
export type DecideExtensionBody = z.input<typeof DecideExtensionBodySchema>;
export type VerifyBody = z.input<typeof VerifyBodySchema>;

// 办理流程 Processes
export type ProcessDefinitionView = z.infer<typeof DefinitionViewSchema>;
export type ItemProcess = z.infer<typeof ItemProcessViewSchema>;

// 工作日历 Calendar
export type CalendarDay = z.infer<typeof DayInfoViewSchema>;
export type CalendarDayKind = CalendarDay['kind'];
export type CalendarYear = z.infer<typeof YearViewSchema>;
export type CalendarOverride = z.infer<typeof OverrideViewSchema>;
export type PutOverrideBody = z.input<typeof PutOverrideBodySchema>;
export type DeclareYearBody = z.input<typeof DeclareYearBodySchema>;
