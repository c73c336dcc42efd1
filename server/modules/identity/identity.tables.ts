import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits, regions, townships, windows } from '../org/org.tables';

/** Staff and applicant accounts. Applicants are real-name: a person by ID number, an enterprise by credit code. */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** 'staff' | 'applicant' */
    kind: text('kind').notNull(),
    roles: text('roles').array().notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Applicants: 'person' (ID number, GB 11643) or 'enterprise' (credit code, GB 32100). */
    subjectKind: text('subject_kind'),
    /** The applicant's ID number or credit code. Masked in every response that does not need it. */
    idNumber: text('id_number'),
    phone: text('phone'),
    email: text('email'),
    /** Staff scope: section, department, centre unit or committee the account belongs to. */
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    /** Township clerks: the township whose records they may see. */
    townshipCode: text('township_code').references(() => townships.code),
    /** Window staff: the window they usually serve. */
    windowId: uuid('window_id').references(() => windows.id),
    /** 'active' | 'disabled' */
    status: text('status').notNull().default('active'),
    /** Created by the demo seed; such accounts may not exist in production. */
    isDemo: boolean('is_demo').notNull().default(false),
    /** The password is a shared or initial one and must be changed (demo password, admin reset). */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_username').on(sql`lower(${t.username})`),
    uniqueIndex('accounts_applicant_subject').on(t.subjectKind, t.idNumber).where(sql`${t.kind} = 'applicant'`),
    index('accounts_region').on(t.regionCode),
    check('accounts_kind', sql`${t.kind} in ('staff', 'applicant')`),
    check('accounts_status', sql`${t.status} in ('active', 'disabled')`),
    check(
      'accounts_applicant_subject_kind',
      sql`${t.kind} = 'staff' or (${t.subjectKind} in ('person', 'enterprise') and ${t.idNumber} is not null)`,
    ),
  ],
);

/** Server-side sessions. The cookie carries a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the session regardless of activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);
