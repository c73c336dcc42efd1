import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Administrative divisions (GB/T 2260 county codes, 9-digit township codes). Every organisational record
 * carries the county's region code so that one installation can host several counties.
 */
export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** 'province' | 'city' | 'county' */
  level: text('level').notNull(),
  parentCode: text('parent_code'),
});

/** Townships (乡镇) of a county, each with its convenience service centre (便民服务中心). */
export const townships = pgTable(
  'townships',
  {
    /** 9-digit statistical division code, e.g. 130533100 洺州镇. */
    code: text('code').primaryKey(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    name: text('name').notNull(),
    /** 镇 (town) or 乡 (township). */
    kind: text('kind').notNull(),
    centreName: text('centre_name').notNull(),
    centreAddress: text('centre_address').notNull(),
    centrePhone: text('centre_phone').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [check('townships_kind', sql`${t.kind} in ('镇', '乡')`), index('townships_region').on(t.regionCode)],
);

/** Zones of the citizen service centre (四大板块) and, beneath the approval zone, the bureau's functional areas. */
export const zones = pgTable(
  'zones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** 'hall' = one of the centre's four zones; 'functional' = a functional area inside the approval zone. */
    kind: text('kind').notNull(),
    parentId: uuid('parent_id'),
    /** Letter that prefixes queue numbers in this zone (A001…). */
    queuePrefix: text('queue_prefix'),
    description: text('description').notNull().default(''),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [
    uniqueIndex('zones_region_code').on(t.regionCode, t.code),
    check('zones_kind', sql`${t.kind} in ('hall', 'functional')`),
  ],
);

/**
 * Organisational units: the bureau, its sections and centres, the origin departments, the centre's stationed
 * units and its management committee.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** 'bureau' | 'section' | 'centre' | 'department' | 'center_unit' | 'committee' | 'agency' (共享部门: receives shared records, e.g. 统计局) */
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull().default(''),
    parentId: uuid('parent_id'),
    /** Centre units: 'government' (政府部门), 'utility' (公共服务企业), 'finance' (金融保险机构). */
    category: text('category'),
    zoneId: uuid('zone_id').references(() => zones.id),
    /** Centre units: 首席代表, the first person responsible for the unit's items (R18). */
    chiefRepresentative: text('chief_representative'),
    chiefRepresentativePhone: text('chief_representative_phone'),
    /** Centre units: the powers granted in the letter of authorisation (授权委托书, R18). */
    authorization: text('authorization'),
    /** Departments: the department that holds these duties today, when it was renamed or merged since. */
    successorName: text('successor_name'),
    /** What the unit does, shown in the public guide. */
    duties: text('duties').notNull().default(''),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    uniqueIndex('org_units_region_code').on(t.regionCode, t.code),
    index('org_units_kind').on(t.regionCode, t.kind),
    check(
      'org_units_kind',
      sql`${t.kind} in ('bureau', 'section', 'centre', 'department', 'center_unit', 'committee', 'agency')`,
    ),
    check('org_units_category', sql`${t.category} is null or ${t.category} in ('government', 'utility', 'finance')`),
  ],
);

/** Service windows: each stands in a zone and is comprehensive (无差别受理) or dedicated to one unit. */
export const windows = pgTable(
  'windows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id),
    /** 'comprehensive' accepts any item of its zone; 'dedicated' serves one unit's items. */
    kind: text('kind').notNull(),
    unitId: uuid('unit_id').references(() => orgUnits.id),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('windows_region_code').on(t.regionCode, t.code),
    check('windows_kind', sql`${t.kind} in ('comprehensive', 'dedicated')`),
    check('windows_dedicated_unit', sql`${t.kind} = 'comprehensive' or ${t.unitId} is not null`),
  ],
);
