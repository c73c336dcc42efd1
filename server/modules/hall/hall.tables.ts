import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { items } from '../catalog/catalog.tables';
import { accounts } from '../identity/identity.tables';
import { regions, windows, zones } from '../org/org.tables';

/** The region's hall settings: the no-show rule, the reminder and how far ahead one may book. */
export const hallSettings = pgTable('hall_settings', {
  regionCode: text('region_code')
    .primaryKey()
    .references(() => regions.code),
  /** Minutes after a slot's start until an appointment not checked in counts as missed (爽约). */
  noShowGraceMinutes: integer('no_show_grace_minutes').notNull().default(15),
  /** Missed appointments within noShowWindowDays that suspend booking … */
  noShowLimit: integer('no_show_limit').notNull().default(3),
  noShowWindowDays: integer('no_show_window_days').notNull().default(90),
  /** … for this many days. */
  noShowBanDays: integer('no_show_ban_days').notNull().default(30),
  /** The reminder goes out this many hours before the slot. */
  reminderHours: integer('reminder_hours').notNull().default(24),
  /** Booking is open for the next N days. */
  bookingHorizonDays: integer('booking_horizon_days').notNull().default(14),
  /** Minutes per applicant a zone's waiting estimate assumes until the day has served someone. */
  defaultServiceMinutes: integer('default_service_minutes').notNull().default(8),
  updatedById: uuid('updated_by_id').references(() => accounts.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * When a zone opens: on working days or on rest days (无休日: weekends and holidays), from–to, cut into bookable slots
 * of slotMinutes with a capacity each. walkIn: whether tickets are given without an appointment during these hours.
 */
export const hallOpeningRules = pgTable(
  'hall_opening_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id),
    dayKind: text('day_kind').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    slotMinutes: integer('slot_minutes').notNull().default(30),
    capacity: integer('capacity').notNull(),
    walkIn: boolean('walk_in').notNull().default(true),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hall_opening_rules_zone').on(t.zoneId, t.dayKind),
    check('hall_opening_rules_day_kind', sql`${t.dayKind} in ('working', 'rest')`),
    check('hall_opening_rules_times', sql`${t.startTime} < ${t.endTime}`),
    check('hall_opening_rules_capacity', sql`${t.capacity} between 0 and 1000 and ${t.slotMinutes} between 5 and 240`),
  ],
);

/** A date a zone stays closed although its rules would open it (停电闭厅, 除夕…). */
export const hallClosures = pgTable(
  'hall_closures',
  {
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id),
    date: date('date', { mode: 'string' }).notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    reason: text('reason').notNull(),
    createdById: uuid('created_by_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.date] })],
);

/** How many appointments a slot holds: the row a booking increments under the slot's capacity, atomically. */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id),
    date: date('date', { mode: 'string' }).notNull(),
    startTime: text('start_time').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.date, t.startTime] }), check('appointment_slots_booked', sql`${t.booked} >= 0`)],
);

/** 预约: an applicant's visit booked to a zone's slot, for an item or for the zone in general. */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** What the applicant quotes at the kiosk: 8 characters without look-alikes. */
    code: text('code').notNull(),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id),
    itemId: uuid('item_id').references(() => items.id),
    date: date('date', { mode: 'string' }).notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    note: text('note').notNull().default(''),
    state: text('state').notNull().default('booked'),
    ticketId: uuid('ticket_id'),
    rescheduleCount: integer('reschedule_count').notNull().default(0),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    noShowAt: timestamp('no_show_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('appointments_region_code').on(t.regionCode, t.code),
    index('appointments_account').on(t.accountId, t.date),
    index('appointments_zone_date').on(t.zoneId, t.date, t.state),
    index('appointments_open').on(t.state, t.date).where(sql`${t.state} = 'booked'`),
    check('appointments_state', sql`${t.state} in ('booked', 'checked_in', 'cancelled', 'no_show')`),
  ],
);

/** The last ticket number given in a zone on a day: numbers run A001, A002 … without gaps. */
export const queueCounters = pgTable(
  'queue_counters',
  {
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id),
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.serviceDate] })],
);

/** 排队号: a ticket in a zone's queue, from issue to the window's service; the window's service record. */
export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id),
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    channel: text('channel').notNull(),
    priority: integer('priority').notNull().default(0),
    appointmentId: uuid('appointment_id'),
    itemId: uuid('item_id').references(() => items.id),
    accountId: uuid('account_id').references(() => accounts.id),
    name: text('name'),
    phone: text('phone'),
    state: text('state').notNull().default('waiting'),
    /** A ticket transferred to one window waits for that window only. */
    targetWindowId: uuid('target_window_id').references(() => windows.id),
    windowId: uuid('window_id').references(() => windows.id),
    servedById: uuid('served_by_id').references(() => accounts.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** The first call: the wait ends here. */
    calledAt: timestamp('called_at', { withTimezone: true }),
    lastCalledAt: timestamp('last_called_at', { withTimezone: true }),
    callCount: integer('call_count').notNull().default(0),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('queue_tickets_zone_seq').on(t.zoneId, t.serviceDate, t.seq),
    index('queue_tickets_waiting').on(t.zoneId, t.serviceDate, t.state, t.priority, t.seq),
    index('queue_tickets_window').on(t.windowId, t.serviceDate),
    index('queue_tickets_account').on(t.accountId, t.serviceDate),
    check('queue_tickets_state', sql`${t.state} in ('waiting', 'called', 'done', 'skipped', 'cancelled')`),
    check('queue_tickets_channel', sql`${t.channel} in ('kiosk', 'phone', 'appointment', 'window')`),
  ],
);

/**
 * Everything that happened to a ticket: issued, called, recalled, skipped, transferred, completed, cancelled.
 * The call screen reads the calls from here; the windows' performance figures come from the tickets.
 */
export const queueEvents = pgTable(
  'queue_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: text('region_code').notNull(),
    zoneId: uuid('zone_id').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => queueTickets.id),
    kind: text('kind').notNull(),
    windowId: uuid('window_id').references(() => windows.id),
    accountId: uuid('account_id').references(() => accounts.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('queue_events_zone').on(t.zoneId, t.id), index('queue_events_ticket').on(t.ticketId, t.id)],
);
