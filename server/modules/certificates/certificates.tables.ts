import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { items } from '../catalog/catalog.tables';
import { accounts } from '../identity/identity.tables';
import { regions } from '../org/org.tables';

/** Where a certificate field takes its value from when the certificate is issued. */
export type FieldSource =
  | 'holder.name'
  | 'holder.idNumber'
  | 'holder.legalRepresentative'
  | 'item.name'
  | 'case.summary'
  | 'case.address'
  | 'case.number'
  | 'validUntil'
  | 'regulator'
  | `form.${string}`
  | `fixed:${string}`;

export interface TemplateField {
  key: string;
  label: string;
  labelEn: string;
  source: FieldSource;
}

/** 证照模板: what an item's certificate says and how long it is valid (GB/T 36902 证照目录 concepts). */
export const certificateTemplates = pgTable(
  'certificate_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    /** 证照类型代码, from the item: XK099. */
    typeCode: text('type_code').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en').notNull(),
    fields: jsonb('fields').$type<TemplateField[]>().notNull(),
    /** Years of validity from the issue date; null: valid without end date (长期). */
    validityYears: integer('validity_years'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('certificate_templates_item').on(t.itemId)],
);

/** The last serial per region, year and certificate type. */
export const certificateCounters = pgTable(
  'certificate_counters',
  {
    regionCode: text('region_code').notNull(),
    year: integer('year').notNull(),
    typeCode: text('type_code').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year, t.typeCode] })],
);

/**
 * The registry of issued e-certificates (电子证照). A change or reissue is a new row with the next version; the
 * previous row turns 'changed'. Revocation keeps the row with its reason. Expiry is read from valid_until.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** Compact identifier (GB/T 36904 concept): division, year, type, serial, check character. */
    number: text('number').notNull(),
    version: integer('version').notNull().default(1),
    /** The first version's id: all versions of one certificate share it. */
    lineageId: uuid('lineage_id').notNull(),
    previousId: uuid('previous_id'),
    templateId: uuid('template_id').references(() => certificateTemplates.id),
    typeCode: text('type_code').notNull(),
    title: text('title').notNull(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    itemCode: text('item_code').notNull(),
    itemName: text('item_name').notNull(),
    caseId: uuid('case_id'),
    holderKind: text('holder_kind').notNull(),
    holderName: text('holder_name').notNull(),
    holderIdNumber: text('holder_id_number').notNull(),
    holderAccountId: uuid('holder_account_id').references(() => accounts.id),
    /** The printed fields, as issued. */
    fields: jsonb('fields').$type<{ key: string; label: string; labelEn: string; value: string }[]>().notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    issuer: text('issuer').notNull(),
    /** 'valid' | 'changed' (a newer version exists) | 'revoked' */
    status: text('status').notNull().default('valid'),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    /** SHA-256 of the signed PDF as issued: anyone can check a copy against it. */
    pdfSha256: text('pdf_sha256').notNull(),
    /** GB/T 36903-style metadata (证照名称, 证照编号, 持证主体, 颁发机构, 颁发日期, 有效期…). */
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull(),
    createdById: uuid('created_by_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('certificates_number_version').on(t.regionCode, t.number, t.version),
    index('certificates_number').on(t.number),
    index('certificates_holder').on(t.holderIdNumber),
    index('certificates_case').on(t.caseId),
    index('certificates_sha').on(t.pdfSha256),
    index('certificates_lineage').on(t.lineageId),
    check('certificates_status', sql`${t.status} in ('valid', 'changed', 'revoked')`),
    check('certificates_holder_kind', sql`${t.holderKind} in ('person', 'enterprise')`),
  ],
);
