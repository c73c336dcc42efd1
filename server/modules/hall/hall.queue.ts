/**
 * 排队叫号 (R14): tickets per zone and day (A001…), taken at the kiosk, on the phone or by checking in an appointment;
 * a window calls the next, recalls, skips, completes or transfers; the call screen reads the calls. Every change is
 * one transaction with its queue event and its audit entry.
 */
import type { z } from 'zod';
import { callSentence, PRIORITY, screenName, ticketNumber, type TicketChannel, type TicketState } from '../../../common/hall';
import { recordEvent } from '../../platform/audit/audit';
import type { DbOrTx } from '../../platform/db/client';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import { AppError, type Locale } from '../../platform/http/errors';
import { toShanghaiDate } from '../calendar';
import * as repo from './hall.repository';
import { dayPlan, ruleAt, shanghaiInstant, shanghaiTime } from './hall.schedule';
import type { ScreenView, TicketView, WindowStateView, ZoneView } from './hall.schemas';

type TicketViewT = z.infer<typeof TicketView>;
type ZoneViewT = z.infer<typeof ZoneView>;

export function stateError(zh: string, en: string): AppError {
  return new AppError('STATE_CONFLICT', { params: { reasonZh: zh, reasonEn: en } });
}

export function zoneView(zone: repo.ZoneRow): ZoneViewT {
  return { id: zone.id, code: zone.code, name: zone.name, prefix: zone.queuePrefix ?? '', description: zone.description };
}

/** The hall zone a zone belongs to: a functional area queues in its hall zone. */
export async function hallZoneOf(tx: DbOrTx, zoneId: string): Promise<repo.ZoneRow | undefined> {
  const zone = await repo.findZone(tx, zoneId);
  if (!zone || zone.kind === 'hall' || !zone.parentId) return zone;
  return repo.findZone(tx, zone.parentId);
}

export async function requireHallZone(tx: DbOrTx, regionCode: string, code: string, path: string): Promise<repo.ZoneRow> {
  const zone = await repo.findZoneByCode(tx, regionCode, code);
  if (!zone || zone.kind !== 'hall' || !zone.queuePrefix) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path, zh: '没有这个服务大厅区域。', en: 'No such hall zone.' }] });
  }
  return zone;
}

/** Minutes until called, from today's pace: the zone's average service time over the windows calling lately. */
async function estimate(tx: DbOrTx, regionCode: string, zoneId: string, serviceDate: string, ahead: number, now: Date): Promise<number> {
  const pace = await repo.zonePace(tx, zoneId, serviceDate, new Date(now.getTime() - 60 * 60_000));
  const settings = await repo.getSettings(tx, regionCode);
  const perTicket = pace.avgServiceSeconds !== null ? pace.avgServiceSeconds / 60 : settings.defaultServiceMinutes;
  return Math.ceil((ahead * perTicket) / Math.max(1, pace.activeWindows));
}

export async function ticketView(tx: DbOrTx, t: repo.TicketRow, now: Date, options: { withEstimate?: boolean } = {}): Promise<TicketViewT> {
  const zone = (await repo.findZone(tx, t.zoneId))!;
  const window = t.windowId ? await repo.findWindow(tx, t.windowId) : undefined;
  const itemName = t.itemId ? ((await repo.itemNames(tx, [t.itemId])).get(t.itemId) ?? null) : null;
  let ahead = 0;
  let estimateMinutes: number | null = null;
  if (t.state === 'waiting') {
    ahead = await repo.countAhead(tx, t.zoneId, t.serviceDate, t);
    if (options.withEstimate !== false) estimateMinutes = await estimate(tx, t.regionCode, t.zoneId, t.serviceDate, ahead, now);
  }
  return {
    id: t.id,
    number: t.number,
    zone: zoneView(zone),
    serviceDate: t.serviceDate,
    channel: t.channel as TicketChannel,
    state: t.state as TicketState,
    itemName,
    name: screenName(t.name),
    issuedAt: t.issuedAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    callCount: t.callCount,
    window: window ? { id: window.id, code: window.code, name: window.name } : null,
    ahead,
    estimateMinutes,
    version: t.version,
  };
}

async function queueEvent(ctx: WriteContext, t: repo.TicketRow, kind: string, data: Record<string, unknown> = {}, windowId: string | null = t.windowId): Promise<void> {
  const now = ctx.clock.now();
  await repo.insertQueueEvent(ctx.tx, {
    regionCode: t.regionCode,
    zoneId: t.zoneId,
    ticketId: t.id,
    kind,
    windowId,
    accountId: ctx.actor.kind === 'account' ? ctx.actor.id : null,
    at: now,
    data,
  });
  await recordEvent(ctx.tx, ctx.audit, {
    action: `queue.ticket.${kind}`,
    subjectType: 'queue_ticket',
    subjectId: t.id,
    after: { number: t.number, serviceDate: t.serviceDate, state: t.state, windowId: t.windowId, ...data },
  });
}

export interface IssueInput {
  zone: repo.ZoneRow;
  channel: TicketChannel;
  itemId?: string | null;
  accountId?: string | null;
  name?: string | null;
  phone?: string | null;
  appointmentId?: string | null;
}

/**
 * Gives the next number of the zone's day. Walk-ins only while the zone is open to walk-ins now; a checked-in
 * appointment whenever its check-in is allowed (the appointment service decides).
 */
export async function issueTicket(ctx: WriteContext, input: IssueInput): Promise<repo.TicketRow> {
  const now = ctx.clock.now();
  const serviceDate = toShanghaiDate(now);
  if (input.channel !== 'appointment') {
    const plan = await dayPlan(ctx.tx, ctx.regionCode, input.zone.id, serviceDate);
    if (plan.closedReason) throw stateError(`${input.zone.name}今日闭厅：${plan.closedReason}。`, `${input.zone.name} is closed today: ${plan.closedReason}.`);
    const rule = ruleAt(plan.rules, shanghaiTime(now));
    if (!rule) {
      const hours = plan.rules.map((r) => `${r.startTime}–${r.endTime}`).join('、');
      throw stateError(
        hours ? `${input.zone.name}现在不在办公时间（今日 ${hours}）。` : `${input.zone.name}今日不对外办公，可网上预约办理。`,
        hours ? `${input.zone.name} is not open now (today ${hours}).` : `${input.zone.name} is not open today; you can book an appointment online.`,
      );
    }
    if (!rule.walkIn) {
      throw stateError(`${input.zone.name}今日为无休日预约服务，仅接待已预约的办事群众，请先预约。`, `${input.zone.name} serves appointments only today; please book first.`);
    }
  }
  if (input.itemId) {
    const item = await repo.findItem(ctx.tx, input.itemId);
    if (!item || item.regionCode !== ctx.regionCode) {
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.itemId', key: 'UNKNOWN_REFERENCE', params: { what: '事项' } }] });
    }
  }
  const seq = await repo.nextTicketSeq(ctx.tx, input.zone.id, serviceDate);
  const ticket = await repo.insertTicket(ctx.tx, {
    regionCode: ctx.regionCode,
    zoneId: input.zone.id,
    serviceDate,
    seq,
    number: ticketNumber(input.zone.queuePrefix ?? '', seq),
    channel: input.channel,
    priority: input.channel === 'appointment' ? PRIORITY.appointment : PRIORITY.walkIn,
    appointmentId: input.appointmentId ?? null,
    itemId: input.itemId ?? null,
    accountId: input.accountId ?? null,
    name: input.name ?? null,
    phone: input.phone ?? null,
    issuedAt: now,
  });
  await queueEvent(ctx, ticket, 'issued', { channel: input.channel });
  return ticket;
}

export async function takeKioskTicket(ctx: WriteContext, input: { zoneCode: string; itemId?: string; name?: string }): Promise<TicketViewT> {
  const zone = await requireHallZone(ctx.tx, ctx.regionCode, input.zoneCode, 'body.zoneCode');
  const ticket = await issueTicket(ctx, { zone, channel: 'kiosk', itemId: input.itemId ?? null, name: input.name ?? null });
  return ticketView(ctx.tx, ticket, ctx.clock.now());
}

/** 手机取号: one open ticket per applicant and zone a day. */
export async function takePhoneTicket(ctx: WriteContext, input: { zoneCode: string; itemId?: string }): Promise<TicketViewT> {
  if (ctx.actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
  const zone = await requireHallZone(ctx.tx, ctx.regionCode, input.zoneCode, 'body.zoneCode');
  const serviceDate = toShanghaiDate(ctx.clock.now());
  const open = await repo.openTicketOfAccount(ctx.tx, ctx.actor.id, zone.id, serviceDate);
  if (open) throw stateError(`您在${zone.name}已有排队号 ${open.number}，请勿重复取号。`, `You already hold ticket ${open.number} in ${zone.name}.`);
  const contact = await repo.findAccountContact(ctx.tx, ctx.actor.id);
  const ticket = await issueTicket(ctx, {
    zone,
    channel: 'phone',
    itemId: input.itemId ?? null,
    accountId: ctx.actor.id,
    name: contact?.displayName ?? ctx.actor.displayName,
    phone: contact?.phone ?? null,
  });
  return ticketView(ctx.tx, ticket, ctx.clock.now());
}

export async function listMyTickets(ctx: ReadContext): Promise<TicketViewT[]> {
  if (ctx.actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
  const rows = await repo.listTicketsOfAccount(ctx.tx, ctx.actor.id, toShanghaiDate(ctx.clock.now()));
  const now = ctx.clock.now();
  return Promise.all(rows.map((t) => ticketView(ctx.tx, t, now)));
}

/** A ticket by its id (the QR code on a kiosk slip): number, state and wait; the name masked. */
export async function getPublicTicket(ctx: ReadContext, id: string): Promise<TicketViewT> {
  const t = await repo.findTicket(ctx.tx, id);
  if (!t || t.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  return ticketView(ctx.tx, t, ctx.clock.now());
}

// ─── the window ───

async function myWindow(ctx: ReadContext): Promise<{ window: repo.WindowRow; zone: repo.ZoneRow }> {
  if (ctx.actor.kind !== 'account' || !ctx.actor.windowId) {
    throw stateError('您的账号没有分配窗口，无法叫号；请管理员在账号设置中指定窗口。', 'Your account has no window; an administrator must assign one before you can call tickets.');
  }
  const window = await repo.findWindow(ctx.tx, ctx.actor.windowId);
  const zone = window?.active ? await hallZoneOf(ctx.tx, window.zoneId) : undefined;
  if (!window || !zone || window.regionCode !== ctx.regionCode) throw stateError('您的窗口已停用。', 'Your window is closed.');
  return { window, zone };
}

export async function windowState(ctx: ReadContext): Promise<z.infer<typeof WindowStateView>> {
  const { window, zone } = await myWindow(ctx);
  const now = ctx.clock.now();
  const serviceDate = toShanghaiDate(now);
  const current = await repo.currentTicketOf(ctx.tx, window.id, serviceDate);
  const zones = await repo.listHallZones(ctx.tx, ctx.regionCode);
  const windows = await repo.listWindowsOfZones(
    ctx.tx,
    zones.map((z) => z.id),
  );
  const zoneCodes = new Map(zones.map((z) => [z.id, z.code]));
  const perf = (await repo.windowPerformance(ctx.tx, ctx.regionCode, serviceDate, serviceDate)).find((p) => p.windowId === window.id);
  return {
    window: { id: window.id, code: window.code, name: window.name },
    zone: zoneView(zone),
    current: current ? await ticketView(ctx.tx, current, now) : null,
    waiting: await repo.countAhead(ctx.tx, zone.id, serviceDate),
    servedToday: perf?.served ?? 0,
    avgServiceMinutes: perf?.avgServiceSeconds == null ? null : Math.round((Number(perf.avgServiceSeconds) / 60) * 10) / 10,
    windows: windows
      .filter((w) => w.id !== window.id && zoneCodes.has(w.zoneId))
      .map((w) => ({ id: w.id, code: w.code, name: w.name, zoneCode: zoneCodes.get(w.zoneId)! })),
    zones: zones.filter((z) => z.queuePrefix).map(zoneView),
  };
}

async function finish(ctx: WriteContext, t: repo.TicketRow, state: 'done' | 'skipped'): Promise<repo.TicketRow> {
  const updated = await repo.updateTicket(ctx.tx, t.id, t.version, { state, finishedAt: ctx.clock.now() });
  if (!updated) throw new AppError('CONFLICT');
  await queueEvent(ctx, updated, state === 'done' ? 'completed' : 'skipped');
  return updated;
}

/** 下一位: finishes the ticket the window is serving (as served) and calls the next one, if any. */
export async function callNext(ctx: WriteContext): Promise<z.infer<typeof WindowStateView>> {
  const { window, zone } = await myWindow(ctx);
  const now = ctx.clock.now();
  const serviceDate = toShanghaiDate(now);
  const current = await repo.currentTicketOf(ctx.tx, window.id, serviceDate);
  if (current) {
    const locked = await repo.lockTicket(ctx.tx, current.id);
    if (locked?.state === 'called') await finish(ctx, locked, 'done');
  }
  const next = await repo.lockNextWaiting(ctx.tx, zone.id, serviceDate, window.id);
  if (next) {
    const called = await repo.updateTicket(ctx.tx, next.id, next.version, {
      state: 'called',
      windowId: window.id,
      servedById: ctx.actor.kind === 'account' ? ctx.actor.id : null,
      calledAt: now,
      lastCalledAt: now,
      callCount: 1,
      targetWindowId: null,
    });
    if (!called) throw new AppError('CONFLICT');
    await queueEvent(ctx, called, 'called', { windowCode: window.code });
  }
  return windowState(ctx);
}

/** The ticket at this window, locked, in the state the action needs; 409 otherwise. */
async function ticketAtMyWindow(ctx: WriteContext, id: string, version: number): Promise<{ ticket: repo.TicketRow; window: repo.WindowRow }> {
  const { window } = await myWindow(ctx);
  const ticket = await repo.lockTicket(ctx.tx, id);
  if (!ticket || ticket.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  // The state first: a clerk whose screen is behind learns what happened to the ticket, not only that it changed.
  if (ticket.state !== 'called' || ticket.windowId !== window.id) {
    throw stateError(`${ticket.number} 号不在本窗口办理中。`, `Ticket ${ticket.number} is not being served at this window.`);
  }
  if (ticket.version !== version) throw new AppError('CONFLICT');
  return { ticket, window };
}

/** 重呼: the screen calls the number again. */
export async function recall(ctx: WriteContext, id: string, version: number): Promise<z.infer<typeof WindowStateView>> {
  const { ticket, window } = await ticketAtMyWindow(ctx, id, version);
  const updated = await repo.updateTicket(ctx.tx, ticket.id, ticket.version, { lastCalledAt: ctx.clock.now(), callCount: ticket.callCount + 1 });
  if (!updated) throw new AppError('CONFLICT');
  await queueEvent(ctx, updated, 'recalled', { windowCode: window.code, callCount: updated.callCount });
  return windowState(ctx);
}

/** 过号: the applicant did not come. */
export async function skip(ctx: WriteContext, id: string, version: number): Promise<z.infer<typeof WindowStateView>> {
  const { ticket } = await ticketAtMyWindow(ctx, id, version);
  await finish(ctx, ticket, 'skipped');
  return windowState(ctx);
}

/** 办结: the applicant has been served. */
export async function complete(ctx: WriteContext, id: string, version: number): Promise<z.infer<typeof WindowStateView>> {
  const { ticket } = await ticketAtMyWindow(ctx, id, version);
  await finish(ctx, ticket, 'done');
  return windowState(ctx);
}

/** 转移: to another zone's queue or to one window, ahead of the walk-ins there; the number stays. */
export async function transfer(ctx: WriteContext, id: string, input: { version: number; zoneCode?: string; windowId?: string }): Promise<z.infer<typeof WindowStateView>> {
  const { ticket, window } = await ticketAtMyWindow(ctx, id, input.version);
  let zone: repo.ZoneRow | undefined;
  let targetWindow: repo.WindowRow | undefined;
  if (input.windowId) {
    targetWindow = await repo.findWindow(ctx.tx, input.windowId);
    zone = targetWindow?.active && targetWindow.regionCode === ctx.regionCode ? await hallZoneOf(ctx.tx, targetWindow.zoneId) : undefined;
    if (!targetWindow || !zone || targetWindow.id === window.id) {
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.windowId', zh: '请选择另一个开放的窗口。', en: 'Choose another open window.' }] });
    }
  } else {
    zone = await requireHallZone(ctx.tx, ctx.regionCode, input.zoneCode!, 'body.zoneCode');
  }
  const updated = await repo.updateTicket(ctx.tx, ticket.id, ticket.version, {
    state: 'waiting',
    zoneId: zone.id,
    targetWindowId: targetWindow?.id ?? null,
    windowId: null,
    priority: PRIORITY.transferred,
  });
  if (!updated) throw new AppError('CONFLICT');
  await queueEvent(ctx, updated, 'transferred', { fromWindow: window.code, toZone: zone.code, toWindow: targetWindow?.code ?? null }, window.id);
  return windowState(ctx);
}

// ─── the call screen ───

export async function screen(ctx: ReadContext, zoneCode: string | undefined, locale: Locale): Promise<z.infer<typeof ScreenView>> {
  const now = ctx.clock.now();
  const serviceDate = toShanghaiDate(now);
  const all = (await repo.listHallZones(ctx.tx, ctx.regionCode)).filter((z) => z.queuePrefix);
  const zones = zoneCode ? all.filter((z) => z.code === zoneCode) : all;
  if (zoneCode && zones.length === 0) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'querystring.zone', zh: '没有这个服务大厅区域。', en: 'No such hall zone.' }] });
  }
  const counts = await repo.zoneCounts(ctx.tx, ctx.regionCode, serviceDate);
  const time = shanghaiTime(now);
  const zoneViews = [];
  for (const z of zones) {
    const plan = await dayPlan(ctx.tx, ctx.regionCode, z.id, serviceDate);
    zoneViews.push({
      ...zoneView(z),
      waiting: counts.find((c) => c.zoneId === z.id && c.state === 'waiting')?.n ?? 0,
      open: !!ruleAt(plan.rules, time),
    });
  }
  const since = shanghaiInstant(serviceDate, '00:00');
  const calls = await repo.latestCalls(
    ctx.tx,
    ctx.regionCode,
    zones.map((z) => z.id),
    since,
    12,
  );
  const windows = new Map(
    (
      await repo.listWindowsByIds(
        ctx.tx,
        [...new Set(calls.map((c) => c.windowId).filter((w): w is string => !!w))],
      )
    ).map((w) => [w.id, w]),
  );
  const zoneCodes = new Map(zones.map((z) => [z.id, z.code]));
  return {
    now: now.toISOString(),
    zones: zoneViews,
    calls: calls.map((c) => {
      const w = c.windowId ? windows.get(c.windowId) : undefined;
      const windowName = w?.name ?? '';
      return {
        id: c.id,
        kind: c.kind as 'called' | 'recalled',
        number: c.number,
        name: screenName(c.name),
        windowCode: w?.code ?? '',
        windowName,
        zoneCode: zoneCodes.get(c.zoneId) ?? '',
        at: c.at.toISOString(),
        sentence: callSentence(c.number, windowName, locale),
      };
    }),
  };
}
