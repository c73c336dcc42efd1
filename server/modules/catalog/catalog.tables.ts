import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgUnits, regions, zones } from '../org/org.tables';
import { storedFiles } from '../../platform/files/files.tables';

/** One fee of an item. Most licensing items are free (行政许可法 Art. 58). */
export interface ItemFee {
  name: string;
  /** Amount in yuan as a decimal string, or a rule when it varies ("按面积计收"). */
  amount: string;
  basis: string;
}

/**
 * Government service items (政务服务事项): the bureau's licensing and confirmation items and the service
 * items of the units stationed in the citizen service centre.
 */
export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** 权力类型: 行政许可, 行政确认, 公共服务, … */
    type: text('type').notNull(),
    /** 'bureau' (审批局) or 'center' (a unit of the citizen service centre). */
    scope: text('scope').notNull(),
    /** 划转来源: the department the power was transferred from (bureau items). */
    originDepartmentId: uuid('origin_department_id').references(() => orgUnits.id),
    /** The bureau section or centre unit that handles the item. */
    executingUnitId: uuid('executing_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    zoneId: uuid('zone_id').references(() => zones.id),
    legalBasis: text('legal_basis').notNull().default(''),
    /** Statutory time limit as the law states it (value + unit); null when the law states none. */
    legalLimitValue: integer('legal_limit_value'),
    legalLimitUnit: text('legal_limit_unit'),
    /** Wording when the limit is not a plain number, e.g. "三个月". */
    legalLimitNote: text('legal_limit_note').notNull().default(''),
    /** The county's promised limit (承诺时限), always in working days; 0 for on-the-spot items. */
    promisedLimitDays: integer('promised_limit_days'),
    /** 办件类型: 即办件 / 承诺件 / 联办件. */
    processingClass: text('processing_class').notNull(),
    /** The process definition key the item's cases run; null: the item's own `item:<code>` definition. */
    processKey: text('process_key'),
    /** 办理结果: the certificate or decision the applicant receives (食品经营许可证, 准予…决定书). */
    resultName: text('result_name').notNull().default(''),
    /** 受理条件: who may apply and under which conditions. */
    conditions: text('conditions').notNull().default(''),
    fees: jsonb('fees').$type<ItemFee[]>().notNull().default([]),
    /** Most visits to the centre an applicant needs (最多跑几次). */
    maxVisits: integer('max_visits').notNull().default(1),
    isOnline: boolean('is_online').notNull().default(false),
    /** 'person' | 'enterprise' | 'both' */
    audience: text('audience').notNull().default('both'),
    lifeEvents: text('life_events').array().notNull().default(sql`'{}'::text[]`),
    /** Pinyin initials of the name, for search (食品经营许可 → spjyxk). */
    pinyinInitials: text('pinyin_initials').notNull().default(''),
    pinyin: text('pinyin').notNull().default(''),
    /** 'active' | 'suspended' */
    status: text('status').notNull().default('active'),
    /** Source keys of the data (see docs/catalog-data.md). */
    source: text('source').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('items_region_code').on(t.regionCode, t.code),
    index('items_department').on(t.originDepartmentId),
    index('items_unit').on(t.executingUnitId),
    index('items_zone').on(t.zoneId),
    check('items_scope', sql`${t.scope} in ('bureau', 'center')`),
    check('items_processing_class', sql`${t.processingClass} in ('即办件', '承诺件', '联办件')`),
    check('items_limit_unit', sql`${t.legalLimitUnit} is null or ${t.legalLimitUnit} in ('workday', 'day', 'month')`),
    check('items_audience', sql`${t.audience} in ('person', 'enterprise', 'both')`),
    check('items_status', sql`${t.status} in ('active', 'suspended')`),
    check('items_promised_limit', sql`${t.promisedLimitDays} is null or ${t.promisedLimitDays} >= 0`),
    check('items_max_visits', sql`${t.maxVisits} >= 0`),
  ],
);

/** Application materials (申请材料) of an item. */
export const itemMaterials = pgTable(
  'item_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    sort: integer('sort').notNull().default(0),
    name: text('name').notNull(),
    /** 'original' | 'copy' | 'original_and_copy' | 'electronic' */
    form: text('form').notNull(),
    copies: integer('copies').notNull().default(1),
    /** 'required' (必要) or 'conditional' (容缺/视情形提交). */
    requirement: text('requirement').notNull(),
    /** When a conditional material is needed. */
    condition: text('condition').notNull().default(''),
    /** Where the material comes from (申请人自备, 政府部门核发, …). */
    sourceNote: text('source_note').notNull().default(''),
    /** A blank form or sample (空白表格/示范文本), stored content-addressed. */
    templateFileSha256: text('template_file_sha256').references(() => storedFiles.sha256),
    templateFileName: text('template_file_name'),
    /** Type of an issued certificate that can replace this material (证照复用). */
    reusableCertificate: text('reusable_certificate'),
    notes: text('notes').notNull().default(''),
  },
  (t) => [
    index('item_materials_item').on(t.itemId, t.sort),
    check('item_materials_form', sql`${t.form} in ('original', 'copy', 'original_and_copy', 'electronic')`),
    check('item_materials_requirement', sql`${t.requirement} in ('required', 'conditional')`),
    check('item_materials_copies', sql`${t.copies} >= 0`),
  ],
);

/**
 * 联办事项 (一件事一次办): several items an applicant needs together, accepted once at one window and split into
 * linked sub-cases that run in parallel in their sections.
 */
export const itemBundles = pgTable(
  'item_bundles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The items, in the order the window handles them. */
    itemCodes: text('item_codes').array().notNull(),
    audience: text('audience').notNull().default('both'),
    lifeEvents: text('life_events').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('item_bundles_region_code').on(t.regionCode, t.code)],
);
