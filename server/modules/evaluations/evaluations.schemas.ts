import { z } from 'zod';
import {
  CALLBACK_METHODS,
  COMPLAINT_KINDS,
  COMPLAINT_STATES,
  EVALUATION_CHANNELS,
  EVALUATION_SUBJECTS,
  INVALID_REVIEW_CATEGORIES,
  RECTIFICATION_STATES,
} from '../../../common/evaluations';
import { IsoDateTime, nonBlank, Pagination, Phone } from '../../platform/http/schemas';

const LocalDate = z.iso.date().describe('Local date in Asia/Shanghai, YYYY-MM-DD');
/** 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
const Level = z.number().int().min(1).max(5).describe('5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意');
const Score = z.number().int().min(1).max(5);
const Version = z.number().int().min(1).describe('The version read; a stale one answers 409');

/** Scores per dimension (GB/T 39735 评价内容); each optional, 1..5 like the level. */
export const Dimensions = z
  .object({
    efficiency: Score.optional().describe('办事效率'),
    attitude: Score.optional().describe('服务态度'),
    process: Score.optional().describe('办事流程'),
    information: Score.optional().describe('信息公开、办事指南清晰'),
  })
  .strict();

const Comment = z.string().trim().max(500).default('').describe('What went well or wrong; required for 不满意 and 非常不满意');

// ─── requests ────────────────────────────────────────────────────────────────────────────────────────────────

/** The applicant rates a closed case of theirs (一事一评), or the window visit that took it. */
export const MyEvaluationBody = z.object({
  subject: z.enum(EVALUATION_SUBJECTS).describe("'case': the closed case; 'window_visit': the window that took it"),
  caseId: z.uuid(),
  level: Level,
  dimensions: Dimensions.default({}),
  comment: Comment,
  channel: z.enum(['online', 'kiosk']).default('online').describe('Where the applicant rated'),
});

/** A window visit rated with the one-time code from the clerk's screen (no sign-in). */
export const VisitEvaluationBody = z.object({
  level: Level,
  dimensions: Dimensions.default({}),
  comment: Comment,
  contactPhone: Phone.optional().describe('For the call-back of a poor rating, when the visit is not linked to a case'),
});

export const VisitTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/).describe('The one-time evaluation code') });

export const VisitTokenBody = z.object({ caseId: z.uuid().nullable().describe('The case the visit was about, if any') });

export const MyEvaluationsQuery = Pagination.extend({ caseId: z.uuid().optional() });

export const EvaluationListQuery = Pagination.extend({
  level: z.coerce.number().int().min(1).max(5).optional(),
  subject: z.enum(EVALUATION_SUBJECTS).optional(),
  unitId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  bad: z.enum(['true', 'false']).optional().describe("'true': 差评 only"),
});

export const StatsQuery = z.object({ from: LocalDate.optional(), to: LocalDate.optional() });

export const RectificationListQuery = Pagination.extend({
  state: z.enum(RECTIFICATION_STATES).optional(),
  open: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  unitId: z.uuid().optional(),
});

export const VerifyBody = z.object({ version: Version, finding: nonBlank(1000).describe('核实情况') });
export const StartBody = z.object({ version: Version, plan: nonBlank(1000).describe('整改措施') });
export const CallbackBody = z.object({
  version: Version,
  at: IsoDateTime.optional().describe('When the call-back happened; now when left out'),
  method: z.enum(CALLBACK_METHODS),
  satisfaction: Level.describe("The applicant's satisfaction with the rectification"),
  note: z.string().trim().max(1000).default(''),
});
export const CloseBody = z.object({
  version: Version,
  outcome: z.enum(['rectified', 'unable_to_rectify']),
  result: nonBlank(1000).describe('整改结果, or why it cannot be rectified'),
});
export const ReviewRequestBody = z.object({
  version: Version,
  category: z.enum(INVALID_REVIEW_CATEGORIES).describe('恶意差评, 非本部门职责, 误操作, 其他'),
  reason: nonBlank(1000),
});
export const ReviewDecisionBody = z.object({ version: Version, approve: z.boolean(), reason: nonBlank(1000) });

export const SettingsBody = z.object({
  rectificationDays: z.number().int().min(1).max(30).describe('Working days to close a 差评'),
  visitTokenMinutes: z.number().int().min(5).max(24 * 60),
});

export const MyComplaintBody = z.object({
  kind: z.enum(COMPLAINT_KINDS),
  title: nonBlank(100),
  content: nonBlank(2000),
  caseId: z.uuid().optional(),
  contactPhone: Phone.optional(),
});
export const ComplaintListQuery = Pagination.extend({
  state: z.enum(COMPLAINT_STATES).optional(),
  kind: z.enum(COMPLAINT_KINDS).optional(),
  q: z.string().trim().max(60).optional(),
});
export const AssignBody = z.object({ version: Version, unitId: z.uuid(), note: z.string().trim().max(500).default('') });
export const ReplyBody = z.object({ version: Version, reply: nonBlank(2000) });
export const CloseComplaintBody = z.object({ version: Version });

// ─── responses ───────────────────────────────────────────────────────────────────────────────────────────────

export const EvaluationView = z
  .object({
    id: z.uuid(),
    subject: z.enum(EVALUATION_SUBJECTS),
    caseId: z.uuid().nullable(),
    caseNumber: z.string().nullable(),
    itemName: z.string().nullable(),
    windowId: z.uuid().nullable(),
    windowName: z.string().nullable(),
    visitDate: z.string().nullable(),
    unitId: z.uuid(),
    unitName: z.string(),
    level: z.number().int(),
    levelLabel: z.string().describe('非常满意 … 非常不满意, in the language asked for'),
    dimensions: z.record(z.string(), z.number().int()),
    comment: z.string(),
    channel: z.enum(EVALUATION_CHANNELS),
    evaluatorName: z.string().nullable().describe('Masked unless the caller handles call-backs'),
    evaluatorPhone: z.string().nullable().describe('Masked unless the caller handles call-backs'),
    isValid: z.boolean(),
    createdAt: z.string(),
    rectification: z
      .object({ id: z.uuid(), state: z.enum(RECTIFICATION_STATES), deadline: z.string(), isOverdue: z.boolean() })
      .nullable(),
  })
  .meta({ id: 'Evaluation' });

export const RectificationView = z
  .object({
    id: z.uuid(),
    state: z.enum(RECTIFICATION_STATES),
    unitId: z.uuid(),
    unitName: z.string(),
    deadlineDays: z.number().int(),
    deadline: z.string(),
    isOverdue: z.boolean(),
    overdueAt: z.string().nullable(),
    finding: z.string().nullable(),
    plan: z.string().nullable(),
    result: z.string().nullable(),
    callback: z
      .object({ at: z.string(), byName: z.string(), method: z.enum(CALLBACK_METHODS), satisfaction: z.number().int(), satisfactionLabel: z.string(), note: z.string() })
      .nullable(),
    review: z.object({
      status: z.enum(['none', 'requested', 'approved', 'rejected']),
      category: z.enum(INVALID_REVIEW_CATEGORIES).nullable(),
      reason: z.string().nullable(),
      requestedAt: z.string().nullable(),
      decisionReason: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
    closedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    evaluation: EvaluationView,
    /** What the caller may do now (the console shows exactly these buttons). */
    abilities: z.object({
      verify: z.boolean(),
      start: z.boolean(),
      callback: z.boolean(),
      close: z.boolean(),
      requestReview: z.boolean(),
      decideReview: z.boolean(),
    }),
  })
  .meta({ id: 'Rectification' });

export const VisitTokenView = z
  .object({
    token: z.string().describe('Shown once; only its hash is stored'),
    path: z.string().describe('Portal path the QR code opens: /rate/{token}'),
    expiresAt: z.string(),
    windowName: z.string(),
    visitDate: z.string(),
  })
  .meta({ id: 'VisitToken' });

export const PublicVisitView = z
  .object({ windowName: z.string(), unitName: z.string(), visitDate: z.string(), expiresAt: z.string(), itemName: z.string().nullable() })
  .meta({ id: 'PublicVisit' });

export const SettingsView = z.object({ rectificationDays: z.number().int(), visitTokenMinutes: z.number().int() }).meta({ id: 'EvaluationSettings' });

const Count = z.number().int();
export const StatsView = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    total: Count.describe('Valid evaluations (invalidated 差评 left out)'),
    invalidated: Count,
    perLevel: z.array(z.object({ level: Count, label: z.string(), count: Count })),
    good: Count.describe('非常满意 + 满意 + 基本满意'),
    bad: Count.describe('不满意 + 非常不满意'),
    goodRate: z.number().nullable().describe('好评率, 0..1; null without evaluations'),
    dimensions: z.array(z.object({ dimension: z.string(), label: z.string(), average: z.number().nullable(), count: Count })),
    perUnit: z.array(z.object({ unitId: z.uuid(), unitName: z.string(), total: Count, good: Count, bad: Count, goodRate: z.number().nullable() })),
    rectification: z.object({
      total: Count,
      open: Count,
      overdueOpen: Count,
      closed: Count,
      closedOnTime: Count,
      onTimeRate: z.number().nullable().describe('Closed by the deadline / closed; invalidated ones left out'),
      invalidated: Count,
    }),
  })
  .meta({ id: 'EvaluationStats' });

export const ComplaintView = z
  .object({
    id: z.uuid(),
    number: z.string().describe('Tracking number'),
    kind: z.enum(COMPLAINT_KINDS),
    title: z.string(),
    content: z.string(),
    state: z.enum(COMPLAINT_STATES),
    submitterName: z.string(),
    contactPhone: z.string().nullable(),
    caseId: z.uuid().nullable(),
    caseNumber: z.string().nullable(),
    assignedUnitId: z.uuid().nullable(),
    assignedUnitName: z.string().nullable(),
    assignedAt: z.string().nullable(),
    reply: z.string().nullable(),
    repliedByName: z.string().nullable(),
    repliedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
    abilities: z.object({ assign: z.boolean(), reply: z.boolean(), close: z.boolean() }),
  })
  .meta({ id: 'Complaint' });
