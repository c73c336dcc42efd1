import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { items, itemMaterials } from '../catalog/catalog.tables';
import { accounts } from '../identity/identity.tables';
import { orgUnits, regions, townships, windows } from '../org/org.tables';
import { processDefinitions } from '../processes/processes.tables';
import { storedFiles } from '../../platform/files/files.tables';
import type { EngineState } from './cases.engine';

/** A 联办 application: accepted once, split into one sub-case per item (cases.bundle_id). */
export const caseBundles = pgTable(
  'case_bundles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** Same daily sequence as case numbers. */
    number: text('number').notNull(),
    bundleCode: text('bundle_code').notNull(),
    bundleName: text('bundle_name').notNull(),
    applicantKind: text('applicant_kind').notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdNumber: text('applicant_id_number').notNull(),
    applicantAccountId: uuid('applicant_account_id').references(() => accounts.id),
    firstResponderId: uuid('first_responder_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the last sub-case ends. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('case_bundles_number').on(t.regionCode, t.number)],
);

/**
 * Cases (办件). Runtime state follows the Flowable/Camunda split: the case row (execution), its tasks, its
 * suspensions and its events (history), written in one transaction by the service from the engine's output.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** Human-readable, unique, sequential per day without gaps: WX + YYYYMMDD + 4 digits. */
    number: text('number').notNull(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    /** Snapshot of the item as applied for (the catalogue may change later). */
    itemCode: text('item_code').notNull(),
    itemName: text('item_name').notNull(),
    executingUnitId: uuid('executing_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    originDepartmentId: uuid('origin_department_id').references(() => orgUnits.id),
    definitionId: uuid('definition_id')
      .notNull()
      .references(() => processDefinitions.id),
    /** 联办: the bundle accepted once that this case is a sub-case of. */
    bundleId: uuid('bundle_id').references(() => caseBundles.id),
    /** 'window' | 'online' | 'township' | 'kiosk' */
    channel: text('channel').notNull(),
    applicantAccountId: uuid('applicant_account_id').references(() => accounts.id),
    /** 'person' (ID number) or 'enterprise' (credit code). */
    applicantKind: text('applicant_kind').notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdNumber: text('applicant_id_number').notNull(),
    applicantPhone: text('applicant_phone').notNull(),
    /** Who came to the window on the applicant's behalf, if not the applicant. */
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    address: text('address').notNull().default(''),
    /** Township platform the application came through, or the applicant's township. */
    townshipCode: text('township_code').references(() => townships.code),
    /** Free description of the application (项目名称, 经营项目…). */
    summary: text('summary').notNull().default(''),
    /** Item-specific fields the applicant filled in. */
    form: jsonb('form').$type<Record<string, unknown>>().notNull().default({}),
    phase: text('phase').notNull(),
    state: jsonb('state').$type<EngineState>().notNull(),
    /** 首问负责: the staff member who first served the applicant stays responsible and can follow the case. */
    firstResponderId: uuid('first_responder_id').references(() => accounts.id),
    acceptedById: uuid('accepted_by_id').references(() => accounts.id),
    windowId: uuid('window_id').references(() => windows.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    promisedDays: integer('promised_days').notNull(),
    /** Promised completion date with suspensions and extension added; null while suspended or before acceptance. */
    dueDate: date('due_date', { mode: 'string' }),
    /** Statutory limit's end, for the record (legal limit in working days where the law states them). */
    legalDueDate: date('legal_due_date', { mode: 'string' }),
    /** 'none' | 'yellow' | 'red' — raised by the deadline job. */
    warning: text('warning').notNull().default('none'),
    decision: text('decision'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** 一次性告知 / 不予受理 / 补正: what was said to the applicant, kept for the notices. */
    refusalReason: text('refusal_reason'),
    commitment: boolean('commitment').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_number').on(t.regionCode, t.number),
    index('cases_applicant').on(t.applicantAccountId),
    index('cases_subject').on(t.applicantIdNumber),
    // Running cases by due date (超期督办, the deadline job): ordered like the supervisors' list, number last.
    index('cases_phase_due').on(t.regionCode, t.phase, t.dueDate, t.number),
    index('cases_item').on(t.itemId),
    index('cases_unit').on(t.executingUnitId),
    index('cases_township').on(t.townshipCode),
    index('cases_bundle').on(t.bundleId),
    index('cases_first_responder').on(t.firstResponderId),
    check('cases_channel', sql`${t.channel} in ('window', 'online', 'township', 'kiosk')`),
    check('cases_applicant_kind', sql`${t.applicantKind} in ('person', 'enterprise')`),
    check('cases_warning', sql`${t.warning} in ('none', 'yellow', 'red')`),
    check('cases_decision', sql`${t.decision} is null or ${t.decision} in ('approved', 'denied')`),
  ],
);

/** The last case number given out per region and day; its row lock makes numbers gapless under concurrency. */
export const caseCounters = pgTable(
  'case_counters',
  {
    regionCode: text('region_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.day] })],
);

/** Work items in inboxes: a stage of the process, or an acceptance, extension approval or verification. */
export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    regionCode: text('region_code').notNull(),
    /** Stage id of the definition or side-task kind (acceptance, extension_approval, verification). */
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    role: text('role').notNull(),
    /** The unit whose staff the task belongs to; null for county-wide roles (leader, issuer, clerk). */
    unitId: uuid('unit_id').references(() => orgUnits.id),
    /** 'open' | 'completed' | 'superseded' | 'cancelled' */
    status: text('status').notNull(),
    assigneeId: uuid('assignee_id').references(() => accounts.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    dueDate: date('due_date', { mode: 'string' }),
    outcome: text('outcome'),
    opinion: text('opinion'),
    completedById: uuid('completed_by_id').references(() => accounts.id),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_tasks_case').on(t.caseId),
    index('case_tasks_inbox').on(t.regionCode, t.status, t.role, t.unitId),
    index('case_tasks_assignee').on(t.assigneeId, t.status),
    // At most one open task per key and case: the engine's invariant, held by the database too.
    uniqueIndex('case_tasks_one_open').on(t.caseId, t.key).where(sql`${t.status} = 'open'`),
    check('case_tasks_status', sql`${t.status} in ('open', 'completed', 'superseded', 'cancelled')`),
  ],
);

/** The materials of a case: what the checklist said, what was received, and the files. */
export const caseMaterials = pgTable(
  'case_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    itemMaterialId: uuid('item_material_id').references(() => itemMaterials.id),
    name: text('name').notNull(),
    /** 'received' | 'missing' | 'defective' | 'not_applicable' */
    status: text('status').notNull(),
    required: boolean('required').notNull(),
    /** What is missing or wrong (一次性告知), or a note on the copy received. */
    note: text('note').notNull().default(''),
    fileSha256: text('file_sha256').references(() => storedFiles.sha256),
    fileName: text('file_name'),
    /** 证照复用: number of an issued certificate used instead of an upload. */
    certificateNumber: text('certificate_number'),
    updatedById: uuid('updated_by_id').references(() => accounts.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [
    index('case_materials_case').on(t.caseId, t.sort),
    check('case_materials_status', sql`${t.status} in ('received', 'missing', 'defective', 'not_applicable')`),
  ],
);

/** Periods when the clock stood still (补正, 听证, 检验检测, 专家评审, 公示). */
export const caseSuspensions = pgTable(
  'case_suspensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    /** Working days excluded from the limit, once ended. */
    workingDays: integer('working_days'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('case_suspensions_case').on(t.caseId)],
);

/** The case's timeline: every step, opinion and notice, for staff and (where public) for the applicant. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    type: text('type').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    /** Shown to the applicant in the progress view. */
    isPublic: boolean('is_public').notNull().default(true),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('case_events_case').on(t.caseId, t.id)],
);

/** Messages to applicants and staff: in the app, and through the SMS/e-mail transport. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code').notNull(),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    /** Phone or e-mail the transport sends to (masked in logs). */
    address: text('address'),
    channel: text('channel').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_account').on(t.accountId, t.createdAt), index('notifications_case').on(t.caseId)],
);
