/**
 * When a zone opens and what can be booked: the opening rules of the day's kind (working day, or rest day for the
 * 无休日 service), cut into slots, minus the zone's closures. Pure, except `dayPlan`, which reads the working
 * calendar, the rules and the closure of one day.
 */
import { minutesOf, timeOf, type HallDayKind } from '../../../common/hall';
import type { DbOrTx } from '../../platform/db/client';
import { CalendarRangeError, getWorkingCalendar, type WorkingCalendar } from '../calendar';
import * as repo from './hall.repository';

export interface Slot {
  startTime: string;
  endTime: string;
  capacity: number;
}

export interface DayPlan {
  date: string;
  /** null when the year's holiday arrangements are unknown. */
  dayKind: HallDayKind | null;
  holidayName: string | null;
  closedReason: string | null;
  rules: repo.RuleRow[];
}

/** Minutes since midnight in Asia/Shanghai (no daylight saving: UTC+8 all year). */
export function shanghaiMinutes(instant: Date): number {
  return Math.floor((instant.getTime() / 60_000 + 8 * 60) % (24 * 60));
}

export function shanghaiTime(instant: Date): string {
  return timeOf(shanghaiMinutes(instant));
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant of a local date and time in Asia/Shanghai. */
export function shanghaiInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** Each active rule cut into slots of its length; a last piece shorter than a slot is not offered. */
export function slotsOf(rules: readonly repo.RuleRow[]): Slot[] {
  const slots: Slot[] = [];
  for (const rule of rules) {
    if (!rule.active) continue;
    const end = minutesOf(rule.endTime);
    for (let start = minutesOf(rule.startTime); start + rule.slotMinutes <= end; start += rule.slotMinutes) {
      slots.push({ startTime: timeOf(start), endTime: timeOf(start + rule.slotMinutes), capacity: rule.capacity });
    }
  }
  return slots.sort((a, b) => a.startTime.localeCompare(b.startTime));
}

/** The rule whose hours hold `time`, if any. */
export function ruleAt(rules: readonly repo.RuleRow[], time: string): repo.RuleRow | undefined {
  return rules.find((r) => r.active && r.startTime <= time && time < r.endTime);
}

export function dayKindOf(calendar: WorkingCalendar, date: string): { dayKind: HallDayKind | null; holidayName: string | null } {
  try {
    const info = calendar.dayInfo(date);
    return { dayKind: info.isWorkingDay ? 'working' : 'rest', holidayName: info.kind === 'holiday' || info.kind === 'makeup_workday' ? (info.name ?? null) : null };
  } catch (err) {
    if (err instanceof CalendarRangeError) return { dayKind: null, holidayName: null };
    throw err;
  }
}

/** The rules that apply to a zone on each of the days, with closures and unknown years marked. */
export async function dayPlans(tx: DbOrTx, regionCode: string, zoneId: string, dates: string[]): Promise<DayPlan[]> {
  if (dates.length === 0) return [];
  const calendar = await getWorkingCalendar(tx, regionCode);
  const rules = await repo.listRules(tx, regionCode, { zoneId, activeOnly: true });
  const closures = new Map((await repo.listClosures(tx, regionCode, dates[0]!, dates[dates.length - 1]!, zoneId)).map((c) => [c.date, c.reason]));
  return dates.map((date) => {
    const { dayKind, holidayName } = dayKindOf(calendar, date);
    return {
      date,
      dayKind,
      holidayName,
      closedReason: closures.get(date) ?? null,
      rules: dayKind === null || closures.has(date) ? [] : rules.filter((r) => r.dayKind === dayKind),
    };
  });
}

export async function dayPlan(tx: DbOrTx, regionCode: string, zoneId: string, date: string): Promise<DayPlan> {
  const [plan] = await dayPlans(tx, regionCode, zoneId, [date]);
  return plan!;
}

/**
 * The hours a county centre keeps unless the administrator says otherwise: every zone on working days
 * 08:30–12:00 and 14:00–17:30, tickets for walk-ins; the approval and convenience zones also on rest days
 * 09:00–12:00 by appointment only (无休日预约服务).
 */
export function defaultRules(zone: { code: string }): { dayKind: HallDayKind; startTime: string; endTime: string; slotMinutes: number; capacity: number; walkIn: boolean }[] {
  const rules: ReturnType<typeof defaultRules> = [
    { dayKind: 'working', startTime: '08:30', endTime: '12:00', slotMinutes: 30, capacity: 4, walkIn: true },
    { dayKind: 'working', startTime: '14:00', endTime: '17:30', slotMinutes: 30, capacity: 4, walkIn: true },
  ];
  if (zone.code === 'HALL-APPROVAL' || zone.code === 'HALL-SERVICE') {
    rules.push({ dayKind: 'rest', startTime: '09:00', endTime: '12:00', slotMinutes: 30, capacity: 2, walkIn: false });
  }
  return rules;
}
