import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../identity/identity.tables';
import { regions, townships } from '../org/org.tables';

/**
 * Market entities (市场主体) registered by the bureau: one row per enterprise, individual business or cooperative,
 * holding its Unified Social Credit Code for life (一照一码). A change updates the row and adds a history entry;
 * a cancellation closes it.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** 统一社会信用代码 (GB 32100-2015), assigned at establishment and kept through every change. */
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    /** The name as compared (normalizeEnterpriseName): no two active entities share it. */
    nameNormalized: text('name_normalized').notNull(),
    /** 市场主体类型 as printed on the licence (有限责任公司, 个体工商户, 农民专业合作社…). */
    entityType: text('entity_type').notNull(),
    /** GB 32100 entity-category code: 1 企业, 2 个体工商户, 3 农民专业合作社. */
    category: text('category').notNull(),
    legalRepName: text('legal_rep_name').notNull(),
    /** GB 11643 ID number; shown in full only to roles that need it. */
    legalRepIdNumber: text('legal_rep_id_number').notNull(),
    /** 注册资本（出资额）in 万元; null where the type has none. */
    registeredCapital: numeric('registered_capital', { precision: 14, scale: 4 }),
    townshipCode: text('township_code')
      .notNull()
      .references(() => townships.code),
    address: text('address').notNull(),
    businessScope: text('business_scope').notNull(),
    /** 'active' | 'cancelled' */
    status: text('status').notNull().default('active'),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    cancelledOn: date('cancelled_on', { mode: 'string' }),
    /** The case that established it; null for entities registered before the platform (存量主体). */
    caseId: uuid('case_id'),
    /** 营业执照 number in the certificate registry, once issued. */
    licenceNumber: text('licence_number'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enterprises_uscc').on(t.uscc),
    uniqueIndex('enterprises_active_name').on(t.regionCode, t.nameNormalized).where(sql`${t.status} = 'active'`),
    index('enterprises_region_status').on(t.regionCode, t.status),
    index('enterprises_case').on(t.caseId),
    check('enterprises_status', sql`${t.status} in ('active', 'cancelled')`),
    check('enterprises_category', sql`${t.category} in ('1', '2', '3')`),
  ],
);

/** One registered change of a field: what it was and what it became. */
export interface RegistrationChange {
  field: string;
  before: string | number | null;
  after: string | number | null;
}

/** The registration history (登记档案): establishment, each change with what changed, cancellation. */
export const enterpriseEvents = pgTable(
  'enterprise_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** 'establish' | 'change' | 'cancel' */
    kind: text('kind').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    caseId: uuid('case_id'),
    caseNumber: text('case_number'),
    changes: jsonb('changes').$type<RegistrationChange[]>().notNull().default([]),
    note: text('note').notNull().default(''),
    /** The licence version this entry led to (1 at establishment, +1 per change). */
    licenceVersion: integer('licence_version'),
    actorId: uuid('actor_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('enterprise_events_enterprise').on(t.enterpriseId, t.createdAt), check('enterprise_events_kind', sql`${t.kind} in ('establish', 'change', 'cancel')`)],
);

/** The last serial of new credit codes per region: codes are allocated from it and never repeat. */
export const creditCodeCounters = pgTable('credit_code_counters', {
  regionCode: text('region_code')
    .primaryKey()
    .references(() => regions.code),
  last: integer('last').notNull(),
});
