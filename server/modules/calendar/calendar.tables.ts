import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions } from '../org/org.tables';

/**
 * Days an administrator entered for a region: a county's local closure (a holiday) or extra working day, or
 * the State Council's arrangement for a year the bundled library does not have yet. They win over the
 * official data when the working calendar is built.
 */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** The local date (Asia/Shanghai). */
    date: date('date', { mode: 'string' }).notNull(),
    /** 'workday' (a working day, 调休上班 on a weekend) | 'holiday' (a day off). */
    kind: text('kind').notNull(),
    /** Shown on the calendar: 春节, 县城集中停电闭厅… */
    name: text('name').notNull(),
    note: text('note').notNull().default(''),
    /** 'local' = entered one by one; 'declared' = written by a year's declaration (undeclaring removes it). */
    origin: text('origin').notNull().default('local'),
    /** The actor as the audit log names it (user name, or system:…). */
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('calendar_overrides_region_date').on(t.regionCode, t.date),
    check('calendar_overrides_kind', sql`${t.kind} in ('workday', 'holiday')`),
    check('calendar_overrides_origin', sql`${t.origin} in ('local', 'declared')`),
  ],
);

/** Years an administrator has declared complete (e.g. 2027 from the State Council's notice); they become known. */
export const calendarYears = pgTable(
  'calendar_years',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    /** The notice the arrangement comes from, e.g. 国办发明电〔2026〕x号. */
    sourceNote: text('source_note').notNull(),
    declaredBy: text('declared_by').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] }), check('calendar_years_year', sql`${t.year} between 2000 and 2100`)],
);

/**
 * One row per region, given a new random revision in the same transaction as any calendar change. Each
 * process caches the built calendar with the revision it was built from and compares it with this row on
 * every use, so a change made by another process is seen at once. Random, not a counter: a revision written by
 * a transaction that rolled back can never come back and match a stale cache.
 */
export const calendarRevisions = pgTable('calendar_revisions', {
  regionCode: text('region_code')
    .primaryKey()
    .references(() => regions.code),
  revision: uuid('revision').notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});
