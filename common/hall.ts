/**
 * The service hall's vocabulary shared by server and web: appointments (预约办理, 无休日预约) and the queue (排队叫号)
 * of the citizen service centre's four zones (R14, R17).
 */
import { maskName } from './mask';

/** An opening rule applies on working days (工作日) or on rest days: weekends and holidays (无休日). */
export const DAY_KINDS = ['working', 'rest'] as const;
export type HallDayKind = (typeof DAY_KINDS)[number];

export const APPOINTMENT_STATES = ['booked', 'checked_in', 'cancelled', 'no_show'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

export const APPOINTMENT_STATE_LABELS: Record<AppointmentState, { zh: string; en: string }> = {
  booked: { zh: '已预约', en: 'Booked' },
  checked_in: { zh: '已签到', en: 'Checked in' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  no_show: { zh: '爽约', en: 'No-show' },
};

export const TICKET_STATES = ['waiting', 'called', 'done', 'skipped', 'cancelled'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const TICKET_STATE_LABELS: Record<TicketState, { zh: string; en: string }> = {
  waiting: { zh: '等候中', en: 'Waiting' },
  called: { zh: '已叫号', en: 'Called' },
  done: { zh: '已办理', en: 'Served' },
  skipped: { zh: '已过号', en: 'Skipped' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** Where a ticket was taken. */
export const TICKET_CHANNELS = ['kiosk', 'phone', 'appointment', 'window'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_CHANNEL_LABELS: Record<TicketChannel, { zh: string; en: string }> = {
  kiosk: { zh: '自助终端取号', en: 'Kiosk' },
  phone: { zh: '手机取号', en: 'Phone' },
  appointment: { zh: '预约签到', en: 'Appointment check-in' },
  window: { zh: '窗口取号', en: 'At the window' },
};

/** Priority in a zone's queue: a transferred ticket first, then appointments (预约优先), then walk-ins in order. */
export const PRIORITY = { walkIn: 0, appointment: 1, transferred: 2 } as const;

/** A zone's ticket number: its letter and a three-digit daily sequence, A001 … A999, then A1000 …. */
export function ticketNumber(prefix: string, seq: number): string {
  return prefix + String(seq).padStart(3, '0');
}

/** The name as the public call screen shows it: 张三 → 张*. A ticket taken without a name shows nothing. */
export function screenName(name: string | null | undefined): string {
  return maskName(name ?? '') ?? '';
}

/** What the call screen says aloud (and shows for those who cannot hear it). */
export function callSentence(number: string, windowName: string, locale: 'zh' | 'en' = 'zh'): string {
  if (locale === 'en') return `Number ${number.split('').join(' ')}, please go to ${windowName}.`;
  return `请 ${number} 号到 ${windowName} 办理`;
}

/** `HH:MM` (00:00–23:59) */
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The end of opening hours may also be 24:00, midnight at the end of the day (hours open all day: 00:00–24:00). */
export const END_TIME_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
