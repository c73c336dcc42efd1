/**
 * What the hall's browser journeys need from the server whatever the real date and time of the run: a year the
 * working calendar knows, and a zone that takes walk-ins right now. Done through the API as the demo staff, the way
 * an administrator or the centre's manager would.
 */
import { expect } from 'vitest';
import { signIn } from './api';
import type { z } from 'zod';
import type { RuleView } from '../server/modules/hall/hall.schemas';

interface SlotDay {
  date: string;
  dayKind: 'working' | 'rest' | null;
  slots: { startTime: string; available: number; past: boolean }[];
}

export async function slotDays(baseUrl: string, zone: string, days = 15): Promise<SlotDay[]> {
  const res = await fetch(`${baseUrl}/api/public/hall/slots?zone=${zone}&days=${days}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { days: SlotDay[] }).days;
}

/** Years the bundled holiday data lacks (a run in a later year) are declared with New Year's Day, as an administrator would. */
export async function ensureKnownYears(baseUrl: string, zone: string): Promise<void> {
  const unknown = new Set((await slotDays(baseUrl, zone)).filter((d) => d.dayKind === null).map((d) => d.date.slice(0, 4)));
  if (unknown.size === 0) return;
  const admin = await signIn(baseUrl, 'admin');
  for (const year of unknown) {
    const res = await admin.call('POST', `/api/calendar/years/${year}/declare`, { sourceNote: '浏览器测试：元旦', holidays: [{ date: `${year}-01-01`, name: '元旦' }] });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  }
}

/** An opening rule as the hall API answers it (the server's schema is the contract). */
type Rule = z.infer<typeof RuleView>;

/**
 * Opens the zone to walk-ins all day today (the centre's manager setting the hours), unless it already is now: the
 * day kind's other hours stop and one 00:00–24:00 period takes their place.
 */
export async function ensureWalkInsNow(baseUrl: string, zone: string): Promise<void> {
  await ensureKnownYears(baseUrl, zone);
  const today = (await slotDays(baseUrl, zone, 1))[0]!;
  const dayKind = today.dayKind!;
  const manager = await signIn(baseUrl, 'manager');
  const rules = (await manager.call<Rule[]>('GET', '/api/hall/rules')).body.filter((r) => r.zoneCode === zone && r.dayKind === dayKind && r.active);
  if (rules.some((r) => r.startTime === '00:00' && r.endTime === '24:00' && r.walkIn)) return;
  for (const r of rules) expect((await manager.call('PATCH', `/api/hall/rules/${r.id}`, { active: false })).status).toBe(200);
  const added = await manager.call('POST', '/api/hall/rules', { zoneCode: zone, dayKind, startTime: '00:00', endTime: '24:00', slotMinutes: 30, capacity: 20, walkIn: true });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
}
