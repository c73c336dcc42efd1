/**
 * 预约办理 and 无休日预约 (R17): slots per zone from the opening rules, capacity per slot held by a counter row,
 * change and cancel, check-in at the kiosk or on the phone (it gives a queue ticket, called before walk-ins), the
 * no-show rule and the reminder. Also the hall's settings, opening rules and closures, and the day's overview.
 */
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import { minutesOf, screenName as maskedName, type AppointmentState, type HallDayKind, type TicketChannel, type TicketState } from '../../../common/hall';
import { maskPhone } from '../../../common/mask';
import { recordEvent, type AuditContext } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { inTransaction, type Db, type DbOrTx, type Tx } from '../../platform/db/client';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { toShanghaiDate } from '../calendar';
import * as repo from './hall.repository';
import { hallZoneOf, issueTicket, requireHallZone, stateError, ticketView, zoneView } from './hall.queue';
import { addDays, dayPlan, dayPlans, defaultRules, shanghaiInstant, shanghaiMinutes, shanghaiTime, slotsOf } from './hall.schedule';
import type {
  AppointmentView,
  BookBody,
  ClosureBody,
  ClosureView,
  HallDayView,
  PerformanceView,
  RuleBody,
  RulePatchBody,
  RuleView,
  SettingsBody,
  SlotsQuery,
  SlotsView,
} from './hall.schemas';

type AppointmentViewT = z.infer<typeof AppointmentView>;

/** Check-in opens this many minutes before the slot. */
export const CHECK_IN_EARLY_MINUTES = 60;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

function applicantOf(actor: Actor) {
  if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
  return actor;
}

// ─── views ───

async function appointmentView(tx: DbOrTx, a: repo.AppointmentRow, now: Date, settings: repo.HallSettings, fullPhone: boolean): Promise<AppointmentViewT> {
  const zone = (await repo.findZone(tx, a.zoneId))!;
  const itemName = a.itemId ? ((await repo.itemNames(tx, [a.itemId])).get(a.itemId) ?? null) : null;
  const ticket = a.ticketId ? await repo.findTicket(tx, a.ticketId) : undefined;
  const start = shanghaiInstant(a.date, a.startTime).getTime();
  const t = now.getTime();
  const booked = a.state === 'booked';
  return {
    id: a.id,
    code: a.code,
    zone: zoneView(zone),
    itemId: a.itemId,
    itemName,
    date: a.date,
    startTime: a.startTime,
    endTime: a.endTime,
    name: fullPhone ? a.name : maskedName(a.name),
    phone: fullPhone ? a.phone : (maskPhone(a.phone) ?? ''),
    note: a.note,
    state: a.state as AppointmentState,
    ticketId: a.ticketId,
    ticketNumber: ticket?.number ?? null,
    rescheduleCount: a.rescheduleCount,
    checkedInAt: a.checkedInAt?.toISOString() ?? null,
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    version: a.version,
    can: {
      reschedule: booked && t < start,
      cancel: booked && t < start,
      checkIn: booked && t >= start - CHECK_IN_EARLY_MINUTES * 60_000 && t <= start + settings.noShowGraceMinutes * 60_000,
    },
  };
}

// ─── slots ───

async function zoneOfRequest(tx: DbOrTx, regionCode: string, input: { zone?: string; item?: string }, prefix: 'querystring' | 'body'): Promise<repo.ZoneRow> {
  if (input.item) {
    const item = await repo.findItem(tx, input.item);
    const zone = item?.zoneId && item.regionCode === regionCode ? await hallZoneOf(tx, item.zoneId) : undefined;
    if (!zone?.queuePrefix) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: `${prefix}.${prefix === 'body' ? 'itemId' : 'item'}`, zh: '该事项没有可预约的办理区域。', en: 'This item has no zone that takes appointments.' }],
      });
    }
    return zone;
  }
  if (!input.zone) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: `${prefix}.${prefix === 'body' ? 'zoneCode' : 'zone'}`, zh: '请选择办理区域或事项。', en: 'Choose a zone or an item.' }],
    });
  }
  return requireHallZone(tx, regionCode, input.zone, `${prefix}.${prefix === 'body' ? 'zoneCode' : 'zone'}`);
}

export async function listSlots(ctx: ReadContext, query: z.infer<typeof SlotsQuery>): Promise<z.infer<typeof SlotsView>> {
  const zone = await zoneOfRequest(ctx.tx, ctx.regionCode, query, 'querystring');
  const now = ctx.clock.now();
  const today = toShanghaiDate(now);
  const settings = await repo.getSettings(ctx.tx, ctx.regionCode);
  const from = query.from && query.from > today ? query.from : today;
  const last = addDays(today, settings.bookingHorizonDays);
  const dates: string[] = [];
  for (let d = from; d <= last && dates.length < query.days; d = addDays(d, 1)) dates.push(d);
  const plans = await dayPlans(ctx.tx, ctx.regionCode, zone.id, dates);
  const booked = dates.length ? await repo.bookedCounts(ctx.tx, zone.id, dates[0]!, dates[dates.length - 1]!) : new Map<string, number>();
  const nowMinutes = shanghaiMinutes(now);
  return {
    zone: zoneView(zone),
    days: plans.map((p) => ({
      date: p.date,
      dayKind: p.dayKind,
      holidayName: p.holidayName,
      known: p.dayKind !== null,
      closedReason: p.closedReason,
      walkIn: p.rules.some((r) => r.walkIn),
      hours: p.rules.map((r) => ({ startTime: r.startTime, endTime: r.endTime })),
      slots: slotsOf(p.rules).map((s) => {
        const taken = booked.get(`${p.date} ${s.startTime}`) ?? 0;
        return {
          ...s,
          booked: taken,
          available: Math.max(0, s.capacity - taken),
          past: p.date === today && minutesOf(s.startTime) <= nowMinutes,
        };
      }),
    })),
  };
}

/** The slot asked for, checked against the day's rules and the booking horizon; 400 naming the field otherwise. */
async function requireSlot(ctx: WriteContext, zone: repo.ZoneRow, date: string, startTime: string) {
  const now = ctx.clock.now();
  const today = toShanghaiDate(now);
  const settings = await repo.getSettings(ctx.tx, ctx.regionCode);
  if (date < today || date > addDays(today, settings.bookingHorizonDays)) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [
        {
          path: 'body.date',
          zh: `只能预约今天起 ${settings.bookingHorizonDays} 天内的时段。`,
          en: `Slots can be booked up to ${settings.bookingHorizonDays} days ahead.`,
        },
      ],
    });
  }
  const plan = await dayPlan(ctx.tx, ctx.regionCode, zone.id, date);
  if (plan.dayKind === null) {
    throw new AppError('CALENDAR_UNKNOWN', { params: { year: date.slice(0, 4) } });
  }
  if (plan.closedReason) throw stateError(`${zone.name}当日闭厅：${plan.closedReason}。`, `${zone.name} is closed that day: ${plan.closedReason}.`);
  const slot = slotsOf(plan.rules).find((s) => s.startTime === startTime);
  if (!slot) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'body.startTime', zh: '该时段不在当日的预约时段内。', en: 'No bookable slot starts at this time that day.' }],
    });
  }
  if (shanghaiInstant(date, startTime).getTime() <= now.getTime()) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.startTime', zh: '该时段已开始，不能预约。', en: 'This slot has already started.' }] });
  }
  return { slot, settings };
}

async function takeSlotOrFail(ctx: WriteContext, zone: repo.ZoneRow, date: string, slot: { startTime: string; capacity: number }): Promise<void> {
  if (!(await repo.takeSlot(ctx.tx, zone.id, date, slot.startTime, slot.capacity))) {
    throw stateError('该时段已约满，请选择其他时段。', 'This slot is fully booked; choose another.');
  }
}

/** 爽约: too many missed appointments lately suspend booking for a while. */
async function checkNotSuspended(ctx: WriteContext, accountId: string, settings: repo.HallSettings): Promise<void> {
  const today = toShanghaiDate(ctx.clock.now());
  const missed = await repo.noShowsSince(ctx.tx, accountId, addDays(today, -settings.noShowWindowDays));
  if (missed.length < settings.noShowLimit) return;
  const until = addDays(missed[0]!.date, settings.noShowBanDays);
  if (today < until) {
    throw stateError(
      `您在 ${settings.noShowWindowDays} 天内爽约 ${missed.length} 次，${until} 前不能网上预约；可到大厅现场取号办理。`,
      `You missed ${missed.length} appointments within ${settings.noShowWindowDays} days, so you cannot book online before ${until}; you can still take a ticket in the hall.`,
    );
  }
}

export async function book(ctx: WriteContext, input: z.infer<typeof BookBody>): Promise<AppointmentViewT> {
  const actor = applicantOf(ctx.actor);
  const zone = await zoneOfRequest(ctx.tx, ctx.regionCode, { zone: input.zoneCode, item: input.itemId }, 'body');
  const { slot, settings } = await requireSlot(ctx, zone, input.date, input.startTime);
  await checkNotSuspended(ctx, actor.id, settings);
  if (await repo.hasBookingOn(ctx.tx, actor.id, zone.id, input.date)) {
    throw stateError(`您在 ${input.date} 已预约${zone.name}，可改约或取消原预约。`, `You already have an appointment in ${zone.name} on ${input.date}; change or cancel it instead.`);
  }
  const contact = await repo.findAccountContact(ctx.tx, actor.id);
  const phone = input.phone ?? contact?.phone ?? null;
  if (!phone) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.phone', zh: '请填写联系电话，用于预约提醒。', en: 'A phone number is needed for the reminder.' }] });
  }
  await takeSlotOrFail(ctx, zone, input.date, slot);
  const now = ctx.clock.now();
  let row: repo.AppointmentRow | undefined;
  for (let attempt = 0; !row && attempt < 5; attempt++) {
    row = await repo.insertAppointment(ctx.tx, {
      regionCode: ctx.regionCode,
      code: newCode(),
      zoneId: zone.id,
      itemId: input.itemId ?? null,
      date: input.date,
      startTime: slot.startTime,
      endTime: slot.endTime,
      accountId: actor.id,
      name: contact?.displayName ?? actor.displayName,
      phone,
      note: input.note,
      createdAt: now,
      updatedAt: now,
    });
  }
  if (!row) throw new AppError('CONFLICT');
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'appointment.booked',
    subjectType: 'appointment',
    subjectId: row.id,
    after: { code: row.code, zone: zone.code, date: row.date, startTime: row.startTime, itemId: row.itemId },
  });
  await repo.insertNotifications(ctx.tx, [
    {
      regionCode: ctx.regionCode,
      accountId: actor.id,
      channel: 'in_app',
      title: '预约成功',
      body: `您已预约 ${row.date} ${row.startTime}–${row.endTime} 到${zone.name}办理，预约码 ${row.code}。请提前到大厅自助终端或在手机上签到取号，迟到 ${settings.noShowGraceMinutes} 分钟视为爽约。`,
      createdAt: now,
    },
  ]);
  return appointmentView(ctx.tx, row, now, settings, true);
}

async function ownAppointment(ctx: WriteContext, id: string, version: number): Promise<repo.AppointmentRow> {
  const actor = applicantOf(ctx.actor);
  const a = await repo.lockAppointment(ctx.tx, id);
  if (!a || a.accountId !== actor.id) throw new AppError('NOT_FOUND');
  if (a.version !== version) throw new AppError('CONFLICT');
  return a;
}

function requireChangeable(a: repo.AppointmentRow, now: Date): void {
  if (a.state !== 'booked') throw stateError('该预约已签到、取消或爽约，不能再更改。', 'This appointment is checked in, cancelled or missed; it cannot be changed.');
  if (shanghaiInstant(a.date, a.startTime).getTime() <= now.getTime()) {
    throw stateError('预约时段已开始，不能再改约或取消。', 'The slot has started; it can no longer be changed or cancelled.');
  }
}

/** 改约: the new slot is taken before the old one is given back, so a full slot leaves the booking as it was. */
export async function reschedule(ctx: WriteContext, id: string, input: { date: string; startTime: string; version: number }): Promise<AppointmentViewT> {
  const a = await ownAppointment(ctx, id, input.version);
  const now = ctx.clock.now();
  requireChangeable(a, now);
  if (a.date === input.date && a.startTime === input.startTime) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.startTime', zh: '新时段与原时段相同。', en: 'The new slot is the same as the old one.' }] });
  }
  const zone = (await repo.findZone(ctx.tx, a.zoneId))!;
  const { slot, settings } = await requireSlot(ctx, zone, input.date, input.startTime);
  if (a.date !== input.date && (await repo.hasBookingOn(ctx.tx, a.accountId, zone.id, input.date, a.id))) {
    throw stateError(`您在 ${input.date} 已有${zone.name}的预约。`, `You already have an appointment in ${zone.name} on ${input.date}.`);
  }
  await takeSlotOrFail(ctx, zone, input.date, slot);
  await repo.releaseSlot(ctx.tx, a.zoneId, a.date, a.startTime);
  const updated = await repo.updateAppointment(ctx.tx, a.id, a.version, {
    date: input.date,
    startTime: slot.startTime,
    endTime: slot.endTime,
    rescheduleCount: a.rescheduleCount + 1,
    remindedAt: null,
    updatedAt: now,
  });
  if (!updated) throw new AppError('CONFLICT');
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'appointment.rescheduled',
    subjectType: 'appointment',
    subjectId: a.id,
    before: { date: a.date, startTime: a.startTime },
    after: { date: updated.date, startTime: updated.startTime },
  });
  return appointmentView(ctx.tx, updated, now, settings, true);
}

export async function cancel(ctx: WriteContext, id: string, input: { reason: string; version: number }): Promise<AppointmentViewT> {
  const a = await ownAppointment(ctx, id, input.version);
  const now = ctx.clock.now();
  requireChangeable(a, now);
  await repo.releaseSlot(ctx.tx, a.zoneId, a.date, a.startTime);
  const updated = await repo.updateAppointment(ctx.tx, a.id, a.version, { state: 'cancelled', cancelledAt: now, updatedAt: now });
  if (!updated) throw new AppError('CONFLICT');
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'appointment.cancelled',
    subjectType: 'appointment',
    subjectId: a.id,
    before: { state: 'booked' },
    after: { state: 'cancelled', reason: input.reason },
  });
  return appointmentView(ctx.tx, updated, now, await repo.getSettings(ctx.tx, ctx.regionCode), true);
}

/** 签到: from an hour before the slot until the grace period ends; gives a ticket that is called before walk-ins. */
async function checkInAppointment(ctx: WriteContext, a: repo.AppointmentRow, channel: TicketChannel) {
  const now = ctx.clock.now();
  const settings = await repo.getSettings(ctx.tx, ctx.regionCode);
  if (a.state !== 'booked') throw stateError('该预约已签到、取消或爽约。', 'This appointment is already checked in, cancelled or missed.');
  const start = shanghaiInstant(a.date, a.startTime).getTime();
  if (now.getTime() < start - CHECK_IN_EARLY_MINUTES * 60_000) {
    throw stateError(
      `请在预约时段开始前 ${CHECK_IN_EARLY_MINUTES} 分钟内签到（${a.date} ${a.startTime}）。`,
      `Check in within ${CHECK_IN_EARLY_MINUTES} minutes before your slot (${a.date} ${a.startTime}).`,
    );
  }
  if (now.getTime() > start + settings.noShowGraceMinutes * 60_000) {
    throw stateError(`已超过预约时段 ${settings.noShowGraceMinutes} 分钟，预约已失效，请现场取号。`, `More than ${settings.noShowGraceMinutes} minutes late: the appointment has lapsed; take a ticket instead.`);
  }
  const zone = (await repo.findZone(ctx.tx, a.zoneId))!;
  const ticket = await issueTicket(ctx, {
    zone,
    channel: 'appointment',
    itemId: a.itemId,
    accountId: a.accountId,
    name: a.name,
    phone: a.phone,
    appointmentId: a.id,
  });
  const updated = await repo.updateAppointment(ctx.tx, a.id, a.version, { state: 'checked_in', checkedInAt: now, ticketId: ticket.id, updatedAt: now });
  if (!updated) throw new AppError('CONFLICT');
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'appointment.checked_in',
    subjectType: 'appointment',
    subjectId: a.id,
    before: { state: 'booked' },
    after: { state: 'checked_in', ticket: ticket.number, channel },
  });
  return { appointment: updated, ticket, settings };
}

export async function checkInMine(ctx: WriteContext, id: string, version: number) {
  const a = await ownAppointment(ctx, id, version);
  const { appointment, ticket, settings } = await checkInAppointment(ctx, a, 'phone');
  const now = ctx.clock.now();
  return { appointment: await appointmentView(ctx.tx, appointment, now, settings, true), ticket: await ticketView(ctx.tx, ticket, now) };
}

/** At the kiosk: the booking code and the last four digits of the phone (no account needed). */
export async function checkInAtKiosk(ctx: WriteContext, input: { code: string; phoneLast4: string }) {
  const a = await repo.lockAppointmentByCode(ctx.tx, ctx.regionCode, input.code);
  if (!a || !a.phone.endsWith(input.phoneLast4)) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'body.code', zh: '预约码或手机号后四位不正确。', en: 'The booking code or the last four digits of the phone are wrong.' }],
    });
  }
  const { appointment, ticket, settings } = await checkInAppointment(ctx, a, 'kiosk');
  const now = ctx.clock.now();
  return { appointment: await appointmentView(ctx.tx, appointment, now, settings, false), ticket: await ticketView(ctx.tx, ticket, now) };
}

export async function listMine(ctx: ReadContext, page: { limit: number; offset: number }) {
  const actor = applicantOf(ctx.actor);
  const { rows, total } = await repo.listAppointmentsOfAccount(ctx.tx, actor.id, page.limit, page.offset);
  const now = ctx.clock.now();
  const settings = await repo.getSettings(ctx.tx, ctx.regionCode);
  return { items: await Promise.all(rows.map((a) => appointmentView(ctx.tx, a, now, settings, true))), total, ...page };
}

// ─── jobs: no-shows and reminders ───

function jobAudit(regionCode: string, clock: { now(): Date }, name: string): AuditContext {
  return { actor: { kind: 'system', name }, role: 'system', ip: null, requestId: null, regionCode, clock };
}

/** Marks booked appointments past their grace period as missed (爽约) and tells the applicant. Idempotent. */
export async function scanNoShows(db: Db, clock: { now(): Date }, regionCode: string): Promise<number> {
  const now = clock.now();
  const settings = await repo.getSettings(db, regionCode);
  const today = toShanghaiDate(now);
  // Slots of today that started before now minus the grace; a grace reaching back into yesterday leaves today's for the next scan.
  const cutoff = new Date(now.getTime() - settings.noShowGraceMinutes * 60_000);
  const cutoffTime = toShanghaiDate(cutoff) === today ? shanghaiTime(cutoff) : '00:00';
  let marked = 0;
  for (const { id } of await repo.listMissedCandidates(db, regionCode, today, cutoffTime)) {
    await inTransaction(db, async (tx: Tx) => {
      const a = await repo.lockAppointment(tx, id);
      if (!a || a.state !== 'booked') return;
      if (shanghaiInstant(a.date, a.startTime).getTime() + settings.noShowGraceMinutes * 60_000 > now.getTime()) return;
      const updated = await repo.updateAppointment(tx, a.id, a.version, { state: 'no_show', noShowAt: now, updatedAt: now });
      if (!updated) return;
      await repo.insertNotifications(tx, [
        {
          regionCode: a.regionCode,
          accountId: a.accountId,
          channel: 'in_app',
          title: '预约已爽约',
          body: `您 ${a.date} ${a.startTime} 的预约未按时签到，记爽约一次。${settings.noShowWindowDays} 天内爽约 ${settings.noShowLimit} 次将暂停网上预约 ${settings.noShowBanDays} 天。`,
          createdAt: now,
        },
      ]);
      await recordEvent(tx, jobAudit(a.regionCode, clock, 'appointment-no-show-scan'), {
        action: 'appointment.no_show',
        subjectType: 'appointment',
        subjectId: a.id,
        before: { state: 'booked' },
        after: { state: 'no_show' },
      });
      marked++;
    });
  }
  return marked;
}

/** Reminds applicants of appointments starting within the reminder period: in the app and by SMS. Idempotent. */
export async function sendReminders(db: Db, clock: { now(): Date }, regionCode: string): Promise<number> {
  const now = clock.now();
  const settings = await repo.getSettings(db, regionCode);
  const today = toShanghaiDate(now);
  const horizon = now.getTime() + settings.reminderHours * 3600_000;
  const dates: string[] = [];
  for (let d = today; shanghaiInstant(d, '00:00').getTime() <= horizon; d = addDays(d, 1)) dates.push(d);
  let sent = 0;
  for (const { id } of await repo.listReminderCandidates(db, regionCode, dates)) {
    await inTransaction(db, async (tx: Tx) => {
      const a = await repo.lockAppointment(tx, id);
      if (!a || a.state !== 'booked' || a.remindedAt) return;
      const start = shanghaiInstant(a.date, a.startTime).getTime();
      if (start > horizon || start < now.getTime()) return;
      const zone = await repo.findZone(tx, a.zoneId);
      const body = `【威县市民服务中心】您预约了 ${a.date} ${a.startTime}–${a.endTime} 到${zone?.name ?? ''}办理，预约码 ${a.code}，请按时签到取号；不能前来请提前取消。`;
      await repo.insertNotifications(tx, [
        { regionCode: a.regionCode, accountId: a.accountId, channel: 'in_app', title: '预约提醒', body, createdAt: now },
        { regionCode: a.regionCode, accountId: a.accountId, channel: 'sms', address: a.phone, title: '预约提醒', body, createdAt: now },
      ]);
      await repo.updateAppointment(tx, a.id, a.version, { remindedAt: now });
      await recordEvent(tx, jobAudit(a.regionCode, clock, 'appointment-reminder'), {
        action: 'appointment.reminded',
        subjectType: 'appointment',
        subjectId: a.id,
        after: { date: a.date, startTime: a.startTime },
      });
      sent++;
    });
  }
  return sent;
}

// ─── staff: the day, performance, settings, rules, closures ───

export async function hallDay(ctx: ReadContext, query: { date?: string; zone?: string }): Promise<z.infer<typeof HallDayView>> {
  const now = ctx.clock.now();
  const date = query.date ?? toShanghaiDate(now);
  const zones = (await repo.listHallZones(ctx.tx, ctx.regionCode)).filter((z) => z.queuePrefix && (!query.zone || z.code === query.zone));
  const zoneIds = new Set(zones.map((z) => z.id));
  const counts = await repo.zoneCounts(ctx.tx, ctx.regionCode, date);
  const appts = (await repo.listAppointmentsOfDay(ctx.tx, ctx.regionCode, date)).filter((a) => zoneIds.has(a.zoneId));
  const tickets = (await repo.listTicketsOfDay(ctx.tx, ctx.regionCode, date)).filter((t) => zoneIds.has(t.zoneId));
  const settings = await repo.getSettings(ctx.tx, ctx.regionCode);
  const count = (zoneId: string, state: TicketState) => counts.find((c) => c.zoneId === zoneId && c.state === state)?.n ?? 0;
  return {
    date,
    zones: zones.map((z) => ({
      ...zoneView(z),
      waiting: count(z.id, 'waiting'),
      called: count(z.id, 'called'),
      done: count(z.id, 'done'),
      skipped: count(z.id, 'skipped'),
      issued: counts.filter((c) => c.zoneId === z.id).reduce((s, c) => s + c.n, 0),
      appointments: appts.filter((a) => a.zoneId === z.id && a.state !== 'cancelled').length,
      checkedIn: appts.filter((a) => a.zoneId === z.id && a.state === 'checked_in').length,
      noShows: appts.filter((a) => a.zoneId === z.id && a.state === 'no_show').length,
    })),
    appointments: await Promise.all(appts.map((a) => appointmentView(ctx.tx, a, now, settings, false))),
    tickets: await Promise.all(tickets.map((t) => ticketView(ctx.tx, t, now, { withEstimate: false }))),
  };
}

export async function performance(ctx: ReadContext, query: { from?: string; to?: string }): Promise<z.infer<typeof PerformanceView>> {
  const today = toShanghaiDate(ctx.clock.now());
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'querystring.from', zh: '开始日期不能晚于结束日期。', en: 'from must not be after to.' }] });
  const rows = await repo.windowPerformance(ctx.tx, ctx.regionCode, from, to);
  const windows = new Map((await repo.listWindowsByIds(ctx.tx, rows.map((r) => r.windowId!))).map((w) => [w.id, w]));
  const zoneCodes = new Map((await repo.listHallZones(ctx.tx, ctx.regionCode)).map((z) => [z.id, z.code]));
  const minutes = (s: number | null) => (s === null ? null : Math.round((Number(s) / 60) * 10) / 10);
  return {
    from,
    to,
    windows: rows
      .map((r) => {
        const w = windows.get(r.windowId!)!;
        return {
          windowId: w.id,
          code: w.code,
          name: w.name,
          zoneCode: zoneCodes.get(w.zoneId) ?? '',
          served: r.served,
          skipped: r.skipped,
          avgWaitMinutes: minutes(r.avgWaitSeconds),
          avgServiceMinutes: minutes(r.avgServiceSeconds),
          staff: r.staff ?? [],
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export async function getSettings(ctx: ReadContext): Promise<z.infer<typeof SettingsBody>> {
  return repo.getSettings(ctx.tx, ctx.regionCode);
}

export async function putSettings(ctx: WriteContext, input: z.infer<typeof SettingsBody>): Promise<z.infer<typeof SettingsBody>> {
  const before = await repo.getSettings(ctx.tx, ctx.regionCode);
  await repo.putSettings(ctx.tx, ctx.regionCode, input, ctx.actor.kind === 'account' ? ctx.actor.id : null, ctx.clock.now());
  await recordEvent(ctx.tx, ctx.audit, { action: 'hall.settings.changed', subjectType: 'hall_settings', subjectId: ctx.regionCode, before, after: input });
  return input;
}

async function ruleViews(tx: DbOrTx, rows: repo.RuleRow[], regionCode: string): Promise<z.infer<typeof RuleView>[]> {
  const zones = new Map((await repo.listHallZones(tx, regionCode)).map((z) => [z.id, z]));
  return rows.map((r) => ({
    id: r.id,
    zoneCode: zones.get(r.zoneId)?.code ?? '',
    zoneName: zones.get(r.zoneId)?.name ?? '',
    dayKind: r.dayKind as HallDayKind,
    startTime: r.startTime,
    endTime: r.endTime,
    slotMinutes: r.slotMinutes,
    capacity: r.capacity,
    walkIn: r.walkIn,
    active: r.active,
  }));
}

export async function listRules(ctx: ReadContext): Promise<z.infer<typeof RuleView>[]> {
  return ruleViews(ctx.tx, await repo.listRules(ctx.tx, ctx.regionCode), ctx.regionCode);
}

/** Hours in force can never overlap on the same zone and day kind: a slot would be offered twice. */
async function refuseOverlap(
  ctx: WriteContext,
  hours: { zoneId: string; dayKind: string; startTime: string; endTime: string; id?: string },
  path: string,
): Promise<void> {
  const overlapping = (await repo.listRules(ctx.tx, ctx.regionCode, { zoneId: hours.zoneId, activeOnly: true })).find(
    (r) => r.id !== hours.id && r.dayKind === hours.dayKind && r.startTime < hours.endTime && hours.startTime < r.endTime,
  );
  if (overlapping) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [
        {
          path,
          zh: `与已有的办公时段 ${overlapping.startTime}–${overlapping.endTime} 重叠。`,
          en: `Overlaps the existing hours ${overlapping.startTime}–${overlapping.endTime}.`,
        },
      ],
    });
  }
}

export async function addRule(ctx: WriteContext, input: z.infer<typeof RuleBody>): Promise<z.infer<typeof RuleView>> {
  const zone = await requireHallZone(ctx.tx, ctx.regionCode, input.zoneCode, 'body.zoneCode');
  await refuseOverlap(ctx, { zoneId: zone.id, dayKind: input.dayKind, startTime: input.startTime, endTime: input.endTime }, 'body.startTime');
  const { zoneCode: _z, ...values } = input;
  const [row] = await repo.insertRules(ctx.tx, [{ regionCode: ctx.regionCode, zoneId: zone.id, ...values, createdAt: ctx.clock.now() }]);
  await recordEvent(ctx.tx, ctx.audit, { action: 'hall.rule.added', subjectType: 'hall_rule', subjectId: row!.id, after: input });
  return (await ruleViews(ctx.tx, [row!], ctx.regionCode))[0]!;
}

export async function patchRule(ctx: WriteContext, id: string, input: z.infer<typeof RulePatchBody>): Promise<z.infer<typeof RuleView>> {
  const rule = await repo.findRule(ctx.tx, id);
  if (!rule || rule.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  // A PATCH naming no field changes nothing, and leaves no audit entry.
  if (Object.values(input).every((v) => v === undefined)) return (await ruleViews(ctx.tx, [rule], ctx.regionCode))[0]!;
  if (input.active && !rule.active) await refuseOverlap(ctx, rule, 'body.active');
  const updated = await repo.updateRule(ctx.tx, id, input);
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'hall.rule.changed',
    subjectType: 'hall_rule',
    subjectId: id,
    before: { capacity: rule.capacity, walkIn: rule.walkIn, active: rule.active },
    after: input,
  });
  return (await ruleViews(ctx.tx, [updated!], ctx.regionCode))[0]!;
}

export async function listClosures(ctx: ReadContext): Promise<z.infer<typeof ClosureView>[]> {
  const today = toShanghaiDate(ctx.clock.now());
  const zones = new Map((await repo.listHallZones(ctx.tx, ctx.regionCode)).map((z) => [z.id, z.code]));
  return (await repo.listClosures(ctx.tx, ctx.regionCode, today, addDays(today, 366))).map((c) => ({ zoneCode: zones.get(c.zoneId) ?? '', date: c.date, reason: c.reason }));
}

/** 闭厅: appointments already booked that day stay as they are; the applicants are told. */
export async function addClosure(ctx: WriteContext, input: z.infer<typeof ClosureBody>): Promise<z.infer<typeof ClosureView>> {
  const zone = await requireHallZone(ctx.tx, ctx.regionCode, input.zoneCode, 'body.zoneCode');
  const inserted = await repo.insertClosure(ctx.tx, {
    zoneId: zone.id,
    date: input.date,
    regionCode: ctx.regionCode,
    reason: input.reason,
    createdById: ctx.actor.kind === 'account' ? ctx.actor.id : null,
    createdAt: ctx.clock.now(),
  });
  if (!inserted) throw new AppError('DUPLICATE', { params: { what: `${zone.name} ${input.date} 的闭厅安排` } });
  const affected = await repo.listAppointmentsOfDay(ctx.tx, ctx.regionCode, input.date, zone.id, 'booked');
  await repo.insertNotifications(
    ctx.tx,
    affected.map((a) => ({
      regionCode: a.regionCode,
      accountId: a.accountId,
      channel: 'in_app',
      title: '预约时段闭厅通知',
      body: `${zone.name} ${input.date} 闭厅（${input.reason}），您 ${a.startTime} 的预约请改约到其他日期。`,
      createdAt: ctx.clock.now(),
    })),
  );
  await recordEvent(ctx.tx, ctx.audit, { action: 'hall.closure.added', subjectType: 'hall_closure', subjectId: `${zone.code}:${input.date}`, after: { ...input, notified: affected.length } });
  return { zoneCode: zone.code, date: input.date, reason: input.reason };
}

export async function removeClosure(ctx: WriteContext, zoneCode: string, date: string): Promise<void> {
  const zone = await requireHallZone(ctx.tx, ctx.regionCode, zoneCode, 'params.zoneCode');
  if (!(await repo.deleteClosure(ctx.tx, zone.id, date))) throw new AppError('NOT_FOUND');
  await recordEvent(ctx.tx, ctx.audit, { action: 'hall.closure.removed', subjectType: 'hall_closure', subjectId: `${zone.code}:${date}` });
}

/**
 * The first time a region runs with the hall: its settings and the default opening hours of its hall zones. Once
 * only (the settings row marks it), so hours the centre has changed or removed are never put back.
 */
export async function ensureHallSetup(db: Db, audit: AuditContext, regionCode: string): Promise<number> {
  return inTransaction(db, async (tx) => {
    if (await repo.findSettings(tx, regionCode)) return 0;
    const zones = (await repo.listHallZones(tx, regionCode)).filter((z) => z.queuePrefix);
    if (zones.length === 0) return 0;
    const now = audit.clock.now();
    await repo.putSettings(tx, regionCode, repo.DEFAULT_SETTINGS, null, now);
    const rules = await repo.insertRules(
      tx,
      zones.flatMap((z) => defaultRules(z).map((r) => ({ regionCode, zoneId: z.id, ...r, createdAt: now }))),
    );
    await recordEvent(tx, audit, { action: 'hall.setup', subjectType: 'hall_settings', subjectId: regionCode, after: { zones: zones.map((z) => z.code), rules: rules.length } });
    return rules.length;
  });
}
