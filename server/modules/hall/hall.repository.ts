/** The only code touching the hall's tables: opening rules, appointments and their slots, the queue. */
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { notifications } from '../cases/cases.tables';
import { items } from '../catalog/catalog.tables';
import { accounts } from '../identity/identity.tables';
import { windows, zones } from '../org/org.tables';
import {
  appointments,
  appointmentSlots,
  hallClosures,
  hallOpeningRules,
  hallSettings,
  queueCounters,
  queueEvents,
  queueTickets,
} from './hall.tables';

export type SettingsRow = typeof hallSettings.$inferSelect;
export type RuleRow = typeof hallOpeningRules.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;
export type TicketRow = typeof queueTickets.$inferSelect;
export type ZoneRow = typeof zones.$inferSelect;
export type WindowRow = typeof windows.$inferSelect;

export type HallSettings = Omit<SettingsRow, 'regionCode' | 'updatedById' | 'updatedAt'>;

export const DEFAULT_SETTINGS: HallSettings = {
  noShowGraceMinutes: 15,
  noShowLimit: 3,
  noShowWindowDays: 90,
  noShowBanDays: 30,
  reminderHours: 24,
  bookingHorizonDays: 14,
  defaultServiceMinutes: 8,
};

export async function findSettings(tx: DbOrTx, regionCode: string): Promise<SettingsRow | undefined> {
  const [row] = await tx.select().from(hallSettings).where(eq(hallSettings.regionCode, regionCode));
  return row;
}

export async function getSettings(tx: DbOrTx, regionCode: string): Promise<HallSettings> {
  const row = await findSettings(tx, regionCode);
  if (!row) return DEFAULT_SETTINGS;
  const { regionCode: _r, updatedById: _u, updatedAt: _a, ...settings } = row;
  return settings;
}

export async function putSettings(tx: DbOrTx, regionCode: string, values: HallSettings, updatedById: string | null, at: Date): Promise<void> {
  await tx
    .insert(hallSettings)
    .values({ regionCode, ...values, updatedById, updatedAt: at })
    .onConflictDoUpdate({ target: hallSettings.regionCode, set: { ...values, updatedById, updatedAt: at } });
}

// ─── zones, windows, items ───

export async function listHallZones(tx: DbOrTx, regionCode: string): Promise<ZoneRow[]> {
  return tx
    .select()
    .from(zones)
    .where(and(eq(zones.regionCode, regionCode), eq(zones.kind, 'hall')))
    .orderBy(asc(zones.sort), asc(zones.code));
}

export async function findZone(tx: DbOrTx, id: string): Promise<ZoneRow | undefined> {
  const [row] = await tx.select().from(zones).where(eq(zones.id, id));
  return row;
}

export async function findZoneByCode(tx: DbOrTx, regionCode: string, code: string): Promise<ZoneRow | undefined> {
  const [row] = await tx
    .select()
    .from(zones)
    .where(and(eq(zones.regionCode, regionCode), eq(zones.code, code)));
  return row;
}

export async function findWindow(tx: DbOrTx, id: string): Promise<WindowRow | undefined> {
  const [row] = await tx.select().from(windows).where(eq(windows.id, id));
  return row;
}

export async function listWindowsOfZones(tx: DbOrTx, zoneIds: string[]): Promise<WindowRow[]> {
  if (zoneIds.length === 0) return [];
  return tx
    .select()
    .from(windows)
    .where(and(inArray(windows.zoneId, zoneIds), eq(windows.active, true)))
    .orderBy(asc(windows.sort));
}

export async function listWindowsByIds(tx: DbOrTx, ids: string[]): Promise<WindowRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(windows).where(inArray(windows.id, ids));
}

export async function findItem(tx: DbOrTx, id: string) {
  const [row] = await tx
    .select({ id: items.id, regionCode: items.regionCode, name: items.name, zoneId: items.zoneId, status: items.status })
    .from(items)
    .where(eq(items.id, id));
  return row;
}

export async function itemNames(tx: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: items.id, name: items.name }).from(items).where(inArray(items.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findAccountContact(tx: DbOrTx, id: string) {
  const [row] = await tx.select({ displayName: accounts.displayName, phone: accounts.phone }).from(accounts).where(eq(accounts.id, id));
  return row;
}

// ─── opening rules and closures ───

export async function listRules(tx: DbOrTx, regionCode: string, options: { zoneId?: string; activeOnly?: boolean } = {}): Promise<RuleRow[]> {
  const where = [eq(hallOpeningRules.regionCode, regionCode)];
  if (options.zoneId) where.push(eq(hallOpeningRules.zoneId, options.zoneId));
  if (options.activeOnly) where.push(eq(hallOpeningRules.active, true));
  return tx
    .select()
    .from(hallOpeningRules)
    .where(and(...where))
    .orderBy(asc(hallOpeningRules.zoneId), asc(hallOpeningRules.dayKind), asc(hallOpeningRules.startTime));
}

export async function findRule(tx: DbOrTx, id: string): Promise<RuleRow | undefined> {
  const [row] = await tx.select().from(hallOpeningRules).where(eq(hallOpeningRules.id, id));
  return row;
}

export async function insertRules(tx: DbOrTx, rows: (typeof hallOpeningRules.$inferInsert)[]): Promise<RuleRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(hallOpeningRules).values(rows).returning();
}

export async function updateRule(tx: DbOrTx, id: string, values: Partial<typeof hallOpeningRules.$inferInsert>): Promise<RuleRow | undefined> {
  const [row] = await tx.update(hallOpeningRules).set(values).where(eq(hallOpeningRules.id, id)).returning();
  return row;
}

export async function findClosure(tx: DbOrTx, zoneId: string, date: string) {
  const [row] = await tx
    .select()
    .from(hallClosures)
    .where(and(eq(hallClosures.zoneId, zoneId), eq(hallClosures.date, date)));
  return row;
}

export async function listClosures(tx: DbOrTx, regionCode: string, from: string, to: string, zoneId?: string) {
  const where = [eq(hallClosures.regionCode, regionCode), gte(hallClosures.date, from), lte(hallClosures.date, to)];
  if (zoneId) where.push(eq(hallClosures.zoneId, zoneId));
  return tx
    .select()
    .from(hallClosures)
    .where(and(...where))
    .orderBy(asc(hallClosures.date));
}

export async function insertClosure(tx: DbOrTx, row: typeof hallClosures.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(hallClosures).values(row).onConflictDoNothing().returning({ date: hallClosures.date });
  return inserted.length > 0;
}

export async function deleteClosure(tx: DbOrTx, zoneId: string, date: string): Promise<boolean> {
  const deleted = await tx
    .delete(hallClosures)
    .where(and(eq(hallClosures.zoneId, zoneId), eq(hallClosures.date, date)))
    .returning({ date: hallClosures.date });
  return deleted.length > 0;
}

// ─── appointment slots ───

/** Takes one place in a slot if fewer than `capacity` are taken; false when the slot is full. Atomic. */
export async function takeSlot(tx: DbOrTx, zoneId: string, date: string, startTime: string, capacity: number): Promise<boolean> {
  if (capacity <= 0) return false;
  const rows = await tx
    .insert(appointmentSlots)
    .values({ zoneId, date, startTime, booked: 1 })
    .onConflictDoUpdate({
      target: [appointmentSlots.zoneId, appointmentSlots.date, appointmentSlots.startTime],
      set: { booked: sql`${appointmentSlots.booked} + 1` },
      setWhere: sql`${appointmentSlots.booked} < ${capacity}`,
    })
    .returning({ booked: appointmentSlots.booked });
  return rows.length > 0;
}

export async function releaseSlot(tx: DbOrTx, zoneId: string, date: string, startTime: string): Promise<void> {
  await tx
    .update(appointmentSlots)
    .set({ booked: sql`greatest(${appointmentSlots.booked} - 1, 0)` })
    .where(and(eq(appointmentSlots.zoneId, zoneId), eq(appointmentSlots.date, date), eq(appointmentSlots.startTime, startTime)));
}

export async function bookedCounts(tx: DbOrTx, zoneId: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await tx
    .select()
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.zoneId, zoneId), gte(appointmentSlots.date, from), lte(appointmentSlots.date, to)));
  return new Map(rows.map((r) => [`${r.date} ${r.startTime}`, r.booked]));
}

// ─── appointments ───

export async function insertAppointment(tx: DbOrTx, row: typeof appointments.$inferInsert): Promise<AppointmentRow | undefined> {
  const [inserted] = await tx.insert(appointments).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findAppointment(tx: DbOrTx, id: string): Promise<AppointmentRow | undefined> {
  const [row] = await tx.select().from(appointments).where(eq(appointments.id, id));
  return row;
}

export async function lockAppointment(tx: DbOrTx, id: string): Promise<AppointmentRow | undefined> {
  const [row] = await tx.select().from(appointments).where(eq(appointments.id, id)).for('update');
  return row;
}

export async function lockAppointmentByCode(tx: DbOrTx, regionCode: string, code: string): Promise<AppointmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.regionCode, regionCode), eq(appointments.code, code)))
    .for('update');
  return row;
}

export async function updateAppointment(tx: DbOrTx, id: string, version: number, values: Partial<typeof appointments.$inferInsert>): Promise<AppointmentRow | undefined> {
  const [row] = await tx
    .update(appointments)
    .set({ ...values, version: version + 1 })
    .where(and(eq(appointments.id, id), eq(appointments.version, version)))
    .returning();
  return row;
}

export async function listAppointmentsOfAccount(tx: DbOrTx, accountId: string, limit: number, offset: number) {
  const where = eq(appointments.accountId, accountId);
  const rows = await tx
    .select()
    .from(appointments)
    .where(where)
    .orderBy(desc(appointments.date), desc(appointments.startTime))
    .limit(limit)
    .offset(offset);
  const [total] = await tx.select({ n: sql<number>`count(*)::int` }).from(appointments).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function listAppointmentsOfDay(tx: DbOrTx, regionCode: string, date: string, zoneId?: string, state?: string) {
  const where = [eq(appointments.regionCode, regionCode), eq(appointments.date, date)];
  if (zoneId) where.push(eq(appointments.zoneId, zoneId));
  if (state) where.push(eq(appointments.state, state));
  return tx
    .select()
    .from(appointments)
    .where(and(...where))
    .orderBy(asc(appointments.startTime), asc(appointments.createdAt));
}

export async function hasBookingOn(tx: DbOrTx, accountId: string, zoneId: string, date: string, exceptId?: string): Promise<boolean> {
  const rows = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.accountId, accountId), eq(appointments.zoneId, zoneId), eq(appointments.date, date), eq(appointments.state, 'booked')));
  return rows.some((r) => r.id !== exceptId);
}

/** The account's missed appointments on or after `since`, newest first. */
export async function noShowsSince(tx: DbOrTx, accountId: string, since: string) {
  return tx
    .select({ date: appointments.date, noShowAt: appointments.noShowAt })
    .from(appointments)
    .where(and(eq(appointments.accountId, accountId), eq(appointments.state, 'no_show'), gte(appointments.date, since)))
    .orderBy(desc(appointments.date));
}

/** Booked appointments whose day is before `today`, or today with a slot that started before `cutoffTime`. */
export async function listMissedCandidates(tx: DbOrTx, regionCode: string, today: string, cutoffTime: string, limit = 500) {
  return tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.regionCode, regionCode), eq(appointments.state, 'booked'), or(lt(appointments.date, today), and(eq(appointments.date, today), lt(appointments.startTime, cutoffTime)))))
    .limit(limit);
}

/** Booked appointments not yet reminded, on the given days (the job narrows them down by the hour). */
export async function listReminderCandidates(tx: DbOrTx, regionCode: string, dates: string[], limit = 500) {
  return tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.regionCode, regionCode), eq(appointments.state, 'booked'), isNull(appointments.remindedAt), inArray(appointments.date, dates)))
    .limit(limit);
}

export async function insertNotifications(tx: DbOrTx, rows: (typeof notifications.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(notifications).values(rows);
}

// ─── queue ───

/** The next number of a zone's day: A001, A002 … with no gaps (the counter row serialises issuers). */
export async function nextTicketSeq(tx: DbOrTx, zoneId: string, serviceDate: string): Promise<number> {
  const [row] = await tx
    .insert(queueCounters)
    .values({ zoneId, serviceDate, last: 1 })
    .onConflictDoUpdate({ target: [queueCounters.zoneId, queueCounters.serviceDate], set: { last: sql`${queueCounters.last} + 1` } })
    .returning({ last: queueCounters.last });
  return row!.last;
}

export async function insertTicket(tx: DbOrTx, row: typeof queueTickets.$inferInsert): Promise<TicketRow> {
  const [inserted] = await tx.insert(queueTickets).values(row).returning();
  return inserted!;
}

export async function findTicket(tx: DbOrTx, id: string): Promise<TicketRow | undefined> {
  const [row] = await tx.select().from(queueTickets).where(eq(queueTickets.id, id));
  return row;
}

export async function lockTicket(tx: DbOrTx, id: string): Promise<TicketRow | undefined> {
  const [row] = await tx.select().from(queueTickets).where(eq(queueTickets.id, id)).for('update');
  return row;
}

export async function updateTicket(tx: DbOrTx, id: string, version: number, values: Partial<typeof queueTickets.$inferInsert>): Promise<TicketRow | undefined> {
  const [row] = await tx
    .update(queueTickets)
    .set({ ...values, version: version + 1 })
    .where(and(eq(queueTickets.id, id), eq(queueTickets.version, version)))
    .returning();
  return row;
}

/** The ticket a window is serving now (called and not finished). */
export async function currentTicketOf(tx: DbOrTx, windowId: string, serviceDate: string): Promise<TicketRow | undefined> {
  const [row] = await tx
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.windowId, windowId), eq(queueTickets.serviceDate, serviceDate), eq(queueTickets.state, 'called')))
    .orderBy(desc(queueTickets.lastCalledAt))
    .limit(1);
  return row;
}

/**
 * Locks the next waiting ticket a window may call: the zone's, or one transferred to this window; transferred
 * first, then appointments, then in order of issue. SKIP LOCKED: two windows calling at once get two tickets.
 */
export async function lockNextWaiting(tx: DbOrTx, zoneId: string, serviceDate: string, windowId: string): Promise<TicketRow | undefined> {
  const [row] = await tx
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.zoneId, zoneId),
        eq(queueTickets.serviceDate, serviceDate),
        eq(queueTickets.state, 'waiting'),
        or(isNull(queueTickets.targetWindowId), eq(queueTickets.targetWindowId, windowId)),
      ),
    )
    .orderBy(desc(queueTickets.priority), asc(queueTickets.seq))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

/** Waiting tickets of the zone ahead of the given one (all waiting ones when none is given). */
export async function countAhead(tx: DbOrTx, zoneId: string, serviceDate: string, ticket?: { priority: number; seq: number }): Promise<number> {
  const where = [eq(queueTickets.zoneId, zoneId), eq(queueTickets.serviceDate, serviceDate), eq(queueTickets.state, 'waiting')];
  if (ticket) {
    where.push(
      or(sql`${queueTickets.priority} > ${ticket.priority}`, and(eq(queueTickets.priority, ticket.priority), lt(queueTickets.seq, ticket.seq)))!,
    );
  }
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(queueTickets)
    .where(and(...where));
  return row?.n ?? 0;
}

/** Today's service figures of a zone for the waiting estimate: average minutes per served ticket, windows calling lately. */
export async function zonePace(tx: DbOrTx, zoneId: string, serviceDate: string, since: Date) {
  const [row] = await tx
    .select({
      served: sql<number>`count(*) filter (where ${queueTickets.state} = 'done')::int`,
      avgServiceSeconds: sql<number | null>`avg(extract(epoch from (${queueTickets.finishedAt} - ${queueTickets.calledAt}))) filter (where ${queueTickets.state} = 'done')`,
      activeWindows: sql<number>`count(distinct ${queueTickets.windowId}) filter (where ${queueTickets.lastCalledAt} >= ${since.toISOString()}::timestamptz)::int`,
    })
    .from(queueTickets)
    .where(and(eq(queueTickets.zoneId, zoneId), eq(queueTickets.serviceDate, serviceDate)));
  return { served: row?.served ?? 0, avgServiceSeconds: row?.avgServiceSeconds == null ? null : Number(row.avgServiceSeconds), activeWindows: row?.activeWindows ?? 0 };
}

export async function openTicketOfAccount(tx: DbOrTx, accountId: string, zoneId: string, serviceDate: string): Promise<TicketRow | undefined> {
  const [row] = await tx
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.accountId, accountId),
        eq(queueTickets.zoneId, zoneId),
        eq(queueTickets.serviceDate, serviceDate),
        inArray(queueTickets.state, ['waiting', 'called']),
      ),
    )
    .limit(1);
  return row;
}

export async function listTicketsOfAccount(tx: DbOrTx, accountId: string, serviceDate: string): Promise<TicketRow[]> {
  return tx
    .select()
    .from(queueTickets)
    .where(and(eq(queueTickets.accountId, accountId), eq(queueTickets.serviceDate, serviceDate)))
    .orderBy(desc(queueTickets.issuedAt));
}

export async function insertQueueEvent(tx: DbOrTx, row: typeof queueEvents.$inferInsert): Promise<void> {
  await tx.insert(queueEvents).values(row);
}

/** The latest calls and recalls of the day (the call screen), newest first. */
export async function latestCalls(tx: DbOrTx, regionCode: string, zoneIds: string[], since: Date, limit: number) {
  if (zoneIds.length === 0) return [];
  return tx
    .select({
      id: queueEvents.id,
      kind: queueEvents.kind,
      at: queueEvents.at,
      windowId: queueEvents.windowId,
      zoneId: queueEvents.zoneId,
      number: queueTickets.number,
      name: queueTickets.name,
      state: queueTickets.state,
    })
    .from(queueEvents)
    .innerJoin(queueTickets, eq(queueTickets.id, queueEvents.ticketId))
    .where(
      and(
        eq(queueEvents.regionCode, regionCode),
        inArray(queueEvents.zoneId, zoneIds),
        inArray(queueEvents.kind, ['called', 'recalled']),
        gte(queueEvents.at, since),
      ),
    )
    .orderBy(desc(queueEvents.id))
    .limit(limit);
}

/** Counts by state per zone for a day. */
export async function zoneCounts(tx: DbOrTx, regionCode: string, serviceDate: string) {
  return tx
    .select({ zoneId: queueTickets.zoneId, state: queueTickets.state, n: sql<number>`count(*)::int` })
    .from(queueTickets)
    .where(and(eq(queueTickets.regionCode, regionCode), eq(queueTickets.serviceDate, serviceDate)))
    .groupBy(queueTickets.zoneId, queueTickets.state);
}

/** Each window's service record of a day range: tickets served and skipped, average wait and service minutes. */
export async function windowPerformance(tx: DbOrTx, regionCode: string, from: string, to: string) {
  return tx
    .select({
      windowId: queueTickets.windowId,
      served: sql<number>`count(*) filter (where ${queueTickets.state} = 'done')::int`,
      skipped: sql<number>`count(*) filter (where ${queueTickets.state} = 'skipped')::int`,
      avgWaitSeconds: sql<number | null>`avg(extract(epoch from (${queueTickets.calledAt} - ${queueTickets.issuedAt})))`,
      avgServiceSeconds: sql<number | null>`avg(extract(epoch from (${queueTickets.finishedAt} - ${queueTickets.calledAt}))) filter (where ${queueTickets.state} = 'done')`,
      staff: sql<string[]>`array_remove(array_agg(distinct ${accounts.displayName}), null)`,
    })
    .from(queueTickets)
    .leftJoin(accounts, eq(accounts.id, queueTickets.servedById))
    .where(
      and(
        eq(queueTickets.regionCode, regionCode),
        gte(queueTickets.serviceDate, from),
        lte(queueTickets.serviceDate, to),
        sql`${queueTickets.windowId} is not null`,
        inArray(queueTickets.state, ['done', 'skipped']),
      ),
    )
    .groupBy(queueTickets.windowId);
}

export async function listTicketsOfDay(tx: DbOrTx, regionCode: string, serviceDate: string, zoneId?: string, limit = 200) {
  const where = [eq(queueTickets.regionCode, regionCode), eq(queueTickets.serviceDate, serviceDate)];
  if (zoneId) where.push(eq(queueTickets.zoneId, zoneId));
  return tx
    .select()
    .from(queueTickets)
    .where(and(...where))
    .orderBy(desc(queueTickets.issuedAt))
    .limit(limit);
}
