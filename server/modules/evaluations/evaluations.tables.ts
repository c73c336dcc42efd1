import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { EvaluationDimension } from '../../../common/evaluations';
import { cases } from '../cases/cases.tables';
import { accounts } from '../identity/identity.tables';
import { orgUnits, regions, windows } from '../org/org.tables';

/** The region's 好差评 settings, changed by an administrator. */
export const evaluationSettings = pgTable('evaluation_settings', {
  regionCode: text('region_code')
    .primaryKey()
    .references(() => regions.code),
  /** Working days a unit has to verify, rectify and call back a 差评 (整改时限). */
  rectificationDays: integer('rectification_days').notNull().default(5),
  /** Minutes a window's one-time evaluation code stays valid. */
  visitTokenMinutes: integer('visit_token_minutes').notNull().default(30),
  updatedById: uuid('updated_by_id').references(() => accounts.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A one-time evaluation code for a window visit, shown on the clerk's screen (QR code and link) so that the
 * applicant can rate the visit without signing in. Only the SHA-256 of the code is kept.
 */
export const visitTokens = pgTable(
  'evaluation_visit_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    tokenSha256: text('token_sha256').notNull(),
    windowId: uuid('window_id')
      .notNull()
      .references(() => windows.id),
    visitDate: date('visit_date', { mode: 'string' }).notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    issuedById: uuid('issued_by_id')
      .notNull()
      .references(() => accounts.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evaluation_visit_tokens_sha').on(t.tokenSha256)],
);

/** 好差评: one evaluation of a closed case, or of a window visit. */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** 'case' (一事一评) | 'window_visit' (窗口服务评价). */
    subject: text('subject').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    windowId: uuid('window_id').references(() => windows.id),
    visitDate: date('visit_date', { mode: 'string' }),
    visitTokenId: uuid('visit_token_id').references(() => visitTokens.id),
    /** The unit answerable for the service: the case's executing unit, or the window's unit. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The item's originating department, when a case is evaluated (regulators see their department's). */
    departmentId: uuid('department_id').references(() => orgUnits.id),
    /** 5 非常满意 … 1 非常不满意. */
    level: integer('level').notNull(),
    dimensions: jsonb('dimensions').$type<Partial<Record<EvaluationDimension, number>>>().notNull().default({}),
    comment: text('comment').notNull().default(''),
    /** 'online' | 'window' | 'phone' | 'kiosk' */
    channel: text('channel').notNull(),
    evaluatorAccountId: uuid('evaluator_account_id').references(() => accounts.id),
    evaluatorName: text('evaluator_name'),
    /** For the call-back (回访) of a 差评. */
    evaluatorPhone: text('evaluator_phone'),
    /** False once a supervisor has judged the 差评 invalid (无效差评): left out of the statistics. */
    isValid: boolean('is_valid').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // 一事一评: one evaluation of a case, and one of the window visit that took it.
    uniqueIndex('evaluations_case_subject').on(t.caseId, t.subject),
    uniqueIndex('evaluations_visit_token').on(t.visitTokenId),
    index('evaluations_region_created').on(t.regionCode, t.createdAt),
    index('evaluations_unit').on(t.unitId),
    index('evaluations_evaluator').on(t.evaluatorAccountId),
    check('evaluations_level', sql`${t.level} between 1 and 5`),
    check('evaluations_subject', sql`${t.subject} in ('case', 'window_visit')`),
    check('evaluations_channel', sql`${t.channel} in ('online', 'window', 'phone', 'kiosk')`),
  ],
);

/** 差评整改: opened with every 不满意/非常不满意, closed only after a call-back (回访). */
export const rectifications = pgTable(
  'rectifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** received | verifying | rectifying | rectified | unable_to_rectify | invalidated */
    state: text('state').notNull().default('received'),
    deadlineDays: integer('deadline_days').notNull(),
    /** The last day to close it: deadlineDays working days after the evaluation. */
    deadline: date('deadline', { mode: 'string' }).notNull(),
    /** Raised by the deadline job once the deadline has passed while open. */
    isOverdue: boolean('is_overdue').notNull().default(false),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    /** 核实情况 */
    finding: text('finding'),
    /** 整改措施 */
    plan: text('plan'),
    /** 整改结果 or why it cannot be rectified. */
    result: text('result'),
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    callbackById: uuid('callback_by_id').references(() => accounts.id),
    callbackByName: text('callback_by_name'),
    callbackMethod: text('callback_method'),
    /** The applicant's satisfaction with the rectification, 1..5 like the level. */
    callbackSatisfaction: integer('callback_satisfaction'),
    callbackNote: text('callback_note'),
    /** 无效差评审核: none | requested | approved | rejected */
    reviewStatus: text('review_status').notNull().default('none'),
    reviewCategory: text('review_category'),
    reviewReason: text('review_reason'),
    reviewRequestedById: uuid('review_requested_by_id').references(() => accounts.id),
    reviewRequestedAt: timestamp('review_requested_at', { withTimezone: true }),
    reviewDecidedById: uuid('review_decided_by_id').references(() => accounts.id),
    reviewDecisionReason: text('review_decision_reason'),
    reviewDecidedAt: timestamp('review_decided_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedOn: date('closed_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rectifications_evaluation').on(t.evaluationId),
    index('rectifications_open_deadline').on(t.regionCode, t.state, t.deadline),
    index('rectifications_unit').on(t.unitId),
    check('rectifications_state', sql`${t.state} in ('received', 'verifying', 'rectifying', 'rectified', 'unable_to_rectify', 'invalidated')`),
    check('rectifications_review', sql`${t.reviewStatus} in ('none', 'requested', 'approved', 'rejected')`),
    check('rectifications_callback_satisfaction', sql`${t.callbackSatisfaction} is null or ${t.callbackSatisfaction} between 1 and 5`),
  ],
);

/** The last complaint serial per region and day (tracking numbers TS + date + serial). */
export const complaintCounters = pgTable(
  'complaint_counters',
  {
    regionCode: text('region_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.day] })],
);

/** 投诉建议: submitted by a signed-in applicant, assigned and replied to by the centre's staff. */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** Tracking number: TS20260302 0001. */
    number: text('number').notNull(),
    /** 'complaint' | 'suggestion' */
    kind: text('kind').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    submitterName: text('submitter_name').notNull(),
    contactPhone: text('contact_phone'),
    caseId: uuid('case_id').references(() => cases.id),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** submitted | assigned | replied | closed */
    state: text('state').notNull().default('submitted'),
    assignedUnitId: uuid('assigned_unit_id').references(() => orgUnits.id),
    assignedNote: text('assigned_note'),
    assignedById: uuid('assigned_by_id').references(() => accounts.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    reply: text('reply'),
    repliedById: uuid('replied_by_id').references(() => accounts.id),
    repliedByName: text('replied_by_name'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('complaints_number').on(t.regionCode, t.number),
    index('complaints_account').on(t.accountId, t.createdAt),
    index('complaints_state').on(t.regionCode, t.state, t.createdAt),
    check('complaints_kind', sql`${t.kind} in ('complaint', 'suggestion')`),
    check('complaints_state', sql`${t.state} in ('submitted', 'assigned', 'replied', 'closed')`),
  ],
);
