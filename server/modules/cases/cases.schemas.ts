import { z } from 'zod';
import { SPECIAL_PROCEDURES } from '../../../common/process';
import { nonBlank, Pagination, Phone } from '../../platform/http/schemas';
import { ProcessBodySchema } from '../processes';
import { CASE_PHASES } from './cases.engine';

const IsoDateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ApplicantInput = z.object({
  kind: z.enum(['person', 'enterprise']).describe('person: ID number (GB 11643); enterprise: credit code (GB 32100)'),
  name: nonBlank(100),
  idNumber: z.string().trim().min(1).max(32),
  phone: Phone,
  address: z.string().trim().max(200).default(''),
});

export const MaterialInput = z.object({
  itemMaterialId: z.uuid(),
  status: z.enum(['received', 'missing', 'defective', 'not_applicable']),
  note: z.string().trim().max(300).default('').describe('What is missing or wrong (一次性告知), or a remark'),
  fileSha256: Sha256.optional().describe('An uploaded file (POST /api/files)'),
  fileName: z.string().trim().max(200).optional(),
  certificateNumber: z.string().trim().max(60).optional().describe('证照复用: an issued certificate used instead of a file'),
});

export const IntakeBody = z.object({
  itemId: z.uuid(),
  applicant: ApplicantInput,
  contact: z.object({ name: nonBlank(50), phone: Phone }).optional().describe('Who came on the applicant\'s behalf'),
  summary: z.string().trim().max(500).default(''),
  form: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).default({}),
  townshipCode: z.string().regex(/^\d{9}$/).optional(),
  materials: z.array(MaterialInput).max(60),
  /** 受理, 一次性告知, 不予受理, or (a township centre) 转报审批局预审. */
  outcome: z.enum(['accept', 'request_materials', 'refuse', 'forward']),
  refusalReason: z.string().trim().max(1000).optional(),
  /** 承诺办理: the applicant signed a written commitment. */
  commitment: z.boolean().default(false),
  /** 即办件: decide on the spot, in the same request. */
  decideNow: z.boolean().default(false),
  opinion: z.string().trim().max(1000).optional(),
});

export const BundleIntakeBody = IntakeBody.omit({ itemId: true, materials: true, decideNow: true, commitment: true, outcome: true }).extend({
  bundleCode: z.string().regex(/^[A-Z]{3}-\d{3}$/).describe('The 联办 package, e.g. YJS-001 开办餐馆'),
  items: z.array(z.object({ itemId: z.uuid(), materials: z.array(MaterialInput).max(60) })).min(2).max(12),
  /** Accept all sub-cases at once, or one one-time notice for everything missing; refusals go item by item. */
  outcome: z.enum(['accept', 'request_materials']),
});

export const BundleDetail = z
  .object({
    id: z.uuid(),
    number: z.string(),
    bundleCode: z.string(),
    bundleName: z.string(),
    applicantName: z.string(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    cases: z.array(z.lazy(() => CaseSummary)),
  })
  .meta({ id: 'CaseBundle' });

export const ContinueIntakeBody = z.object({
  version: z.number().int().min(1),
  materials: z.array(MaterialInput).max(60),
  outcome: z.enum(['accept', 'request_materials', 'refuse', 'forward']),
  refusalReason: z.string().trim().max(1000).optional(),
  commitment: z.boolean().default(false),
  decideNow: z.boolean().default(false),
  opinion: z.string().trim().max(1000).optional(),
});

export const OnlineApplicationBody = z.object({
  itemId: z.uuid(),
  summary: z.string().trim().max(500).default(''),
  form: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).default({}),
  materials: z.array(MaterialInput.omit({ status: true, note: true })).max(60),
  contactPhone: Phone.optional(),
  address: z.string().trim().max(200).default(''),
  /** false: keep it as a draft; true: send it for acceptance (网上预审). */
  submit: z.boolean().default(true),
});

export const UpdateApplicationBody = OnlineApplicationBody.omit({ itemId: true }).extend({ version: z.number().int().min(1) });

export const TaskActionBase = z.object({
  version: z.number().int().min(1).describe('The task version you read; a stale one gets 409'),
});

export const CompleteTaskBody = TaskActionBase.extend({
  outcome: z.enum(['approve', 'return', 'reject']).describe('approve: pass on; return: back to the previous step; reject: propose or decide 不予'),
  opinion: nonBlank(2000).describe('The written opinion (审查意见)'),
});

export const CorrectionBody = TaskActionBase.extend({
  opinion: nonBlank(2000),
  items: z
    .array(z.object({ name: nonBlank(120), note: nonBlank(300) }))
    .min(1)
    .max(40)
    .describe('Every material to supplement or correct, at once (一次性告知)'),
});

export const ReceiveCorrectionBody = z.object({
  version: z.number().int().min(1).describe('Case version'),
  materials: z.array(MaterialInput).max(60),
  note: z.string().trim().max(500).default(''),
});

export const SpecialBody = TaskActionBase.extend({
  procedure: z.enum(SPECIAL_PROCEDURES),
  note: nonBlank(500),
});

export const EndSpecialBody = z.object({ version: z.number().int().min(1).describe('Case version'), note: nonBlank(500) });

export const ExtensionBody = TaskActionBase.extend({ reason: nonBlank(500).describe('The reason told to the applicant (第四十二条)') });

export const DecideExtensionBody = TaskActionBase.extend({ approve: z.boolean(), opinion: nonBlank(1000) });

export const VerifyBody = TaskActionBase.extend({ confirmed: z.boolean(), opinion: nonBlank(1000) });

export const WithdrawBody = z.object({ version: z.number().int().min(1), reason: nonBlank(500) });

const Person = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const TaskView = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    key: z.string(),
    kind: z.string(),
    name: z.string(),
    nameEn: z.string(),
    role: z.string(),
    unitId: z.uuid().nullable(),
    unitName: z.string().nullable(),
    status: z.enum(['open', 'completed', 'superseded', 'cancelled']),
    assignee: Person,
    dueDate: z.string().nullable(),
    outcome: z.string().nullable(),
    opinion: z.string().nullable(),
    completedBy: Person,
    completedAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Task' });

export const ClockView = z.object({
  /** running: counting; suspended: stopped (补正/特别程序); stopped: not started or ended. */
  status: z.enum(['not_started', 'running', 'suspended', 'ended']),
  acceptedOn: z.string().nullable(),
  promisedDays: z.number().int(),
  dueDate: z.string().nullable(),
  suspendedDays: z.number().int(),
  extensionDays: z.number().int(),
  /** Working days left until the due date (negative: overdue by that many). */
  remainingDays: z.number().int().nullable(),
  warning: z.enum(['none', 'yellow', 'red']),
  suspension: z.object({ reason: z.string(), since: z.string() }).nullable(),
});

export const CaseSummary = z
  .object({
    id: z.uuid(),
    number: z.string(),
    itemId: z.uuid(),
    itemCode: z.string(),
    itemName: z.string(),
    phase: z.enum(CASE_PHASES),
    channel: z.string(),
    applicantKind: z.enum(['person', 'enterprise']),
    applicantName: z.string(),
    applicantIdMasked: z.string(),
    acceptedOn: z.string().nullable(),
    dueDate: z.string().nullable(),
    warning: z.enum(['none', 'yellow', 'red']),
    decision: z.enum(['approved', 'denied']).nullable(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'CaseSummary' });

export const CaseMaterialView = z.object({
  id: z.uuid(),
  itemMaterialId: z.uuid().nullable(),
  name: z.string(),
  required: z.boolean(),
  status: z.enum(['received', 'missing', 'defective', 'not_applicable']),
  note: z.string(),
  fileName: z.string().nullable(),
  hasFile: z.boolean(),
  certificateNumber: z.string().nullable(),
});

export const CaseEventView = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  actorName: z.string(),
  isPublic: z.boolean(),
  /** Human-readable line in the caller's language. */
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const CaseDetail = CaseSummary.extend({
  applicant: z.object({
    kind: z.enum(['person', 'enterprise']),
    name: z.string(),
    idNumber: z.string().describe('Masked unless the caller needs it in full'),
    phone: z.string(),
    address: z.string(),
  }),
  contact: z.object({ name: z.string(), phone: z.string() }).nullable(),
  summary: z.string(),
  form: z.record(z.string(), z.unknown()),
  township: z.object({ code: z.string(), name: z.string() }).nullable(),
  executingUnit: z.object({ id: z.uuid(), name: z.string() }),
  firstResponder: Person,
  acceptedBy: Person,
  window: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  clock: ClockView,
  commitment: z.boolean(),
  refusalReason: z.string().nullable(),
  /** 联办: the bundle this case was accepted in, with its sub-cases in GET /api/case-bundles/:id. */
  bundle: z.object({ id: z.uuid(), number: z.string(), name: z.string() }).nullable(),
  tasks: z.array(TaskView),
  materials: z.array(CaseMaterialView),
  events: z.array(CaseEventView),
  suspensions: z.array(z.object({ reason: z.string(), startedOn: z.string(), endedOn: z.string().nullable(), workingDays: z.number().int().nullable(), note: z.string() })),
  definition: z.object({ id: z.uuid(), key: z.string(), version: z.number().int(), name: z.string(), body: ProcessBodySchema }),
  openStageIds: z.array(z.string()),
  completedStageIds: z.array(z.string()),
  /** What the caller may do now; the console shows buttons from these. */
  abilities: z.object({
    withdraw: z.boolean(),
    continueIntake: z.boolean(),
    receiveCorrection: z.boolean(),
    endSpecial: z.boolean(),
  }),
  version: z.number().int(),
}).meta({ id: 'CaseDetail' });

export const CaseListQuery = Pagination.extend({
  q: z.string().trim().max(60).optional().describe('Case number, applicant name, item name or exact ID number'),
  phase: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional()
    .describe('Comma-separated phases'),
  itemId: z.uuid().optional(),
  warning: z.enum(['none', 'yellow', 'red']).optional(),
  acceptedFrom: IsoDateString.optional(),
  acceptedTo: IsoDateString.optional(),
  order: z.enum(['due', 'recent']).default('recent'),
});

export const InboxQuery = Pagination.extend({ view: z.enum(['mine', 'available', 'all']).default('all') });

export const InboxItem = z
  .object({
    task: TaskView,
    case: CaseSummary,
  })
  .meta({ id: 'InboxItem' });

export const OverdueQuery = Pagination.extend({
  within: z.coerce.number().int().min(0).max(60).default(0).describe('Also cases due within this many working days'),
});

export const FileUploadResponse = z.object({ sha256: Sha256, size: z.number().int(), mime: z.string(), fileName: z.string() }).meta({ id: 'UploadedFile' });

export const CaseIdParams = z.object({ id: z.uuid() });
export const CaseMaterialParams = z.object({ id: z.uuid(), materialId: z.uuid() });
export const CaseNumberParams = z.object({ number: z.string().regex(/^\d{6}-\d{8}-\d{4,6}$/) });

export const PublicProgressBody = z.object({
  number: z.string().trim().regex(/^\d{6}-\d{8}-\d{4,6}$/).describe('办件编号, e.g. 130533-20260310-0001'),
  credential: z.string().trim().min(4).max(32).describe('The applicant\'s mobile number or ID number / credit code, as given when applying'),
});

export const PublicProgress = z
  .object({
    number: z.string(),
    itemCode: z.string(),
    itemName: z.string(),
    applicant: z.string().describe('A person masked (张*), an enterprise in full'),
    phase: z.enum(CASE_PHASES),
    decision: z.enum(['approved', 'denied']).nullable(),
    clock: ClockView,
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    events: z.array(z.object({ at: z.string(), type: z.string(), text: z.string() })),
    certificates: z.array(z.object({ number: z.string(), displayNumber: z.string(), title: z.string() })),
  })
  .meta({ id: 'PublicCaseProgress' });

