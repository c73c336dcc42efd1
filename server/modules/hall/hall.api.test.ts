/**
 * The hall through the HTTP API: slots on working days and on 无休日, capacity under concurrent booking, change and
 * cancel, check-in at the kiosk giving a ticket called before walk-ins, the window's calls on the call screen,
 * transfer, the no-show rule, the reminder, closures, the windows' service records, and who may see what.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../common/id-number';
import { queryRows } from '../../platform/db/client';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';
import { scanNoShows, sendReminders } from './hall.service';

let t: TestApp;
// Thursday 3 December 2026; Saturday the 5th is a rest day.
const clock = new TestClock(new Date('2026-12-03T10:00:00+08:00'));
const cookies: Record<string, string> = {};
const passwords: Record<string, string> = {};

async function as(user: string) {
  cookies[user] ??= await t.login(user, passwords[user]);
  return cookies[user]!;
}

function setClock(iso: string) {
  clock.set(new Date(iso));
  for (const k of Object.keys(cookies)) delete cookies[k];
}

async function api(user: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const headers: Record<string, string> = user ? { cookie: await as(user) } : {};
  const res = await t.app.inject({ method, url, headers, payload: payload as Record<string, unknown> | undefined });
  return { status: res.statusCode, body: res.body ? res.json() : null, raw: res.body };
}

/** A registered citizen with a valid ID number. */
async function citizen(username: string, body17: string, phone: string): Promise<string> {
  const password = 'Secret123';
  const res = await api(null, 'POST', '/api/auth/register', {
    subjectKind: 'person',
    username,
    password,
    displayName: `李${username.slice(-1)}`,
    idNumber: body17 + idNumberCheckChar(body17),
    phone,
  });
  expect(res.status, res.raw).toBe(201);
  passwords[username] = password;
  return username;
}

async function notifications(username: string, title: string) {
  return queryRows<{ channel: string; body: string; address: string | null }>(
    t.database.db,
    sql`select n.channel, n.body, n.address from notifications n join accounts a on a.id = n.account_id where a.username = ${username} and n.title = ${title}`,
  );
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  await citizen('citizen1', '13053319900101001', '13900000001');
  await citizen('citizen2', '13053319900101002', '13900000002');
  await citizen('citizen3', '13053319900101003', '13900000003');
  await citizen('citizen4', '13053319900101004', '13900000004');
  await citizen('citizen5', '13053319900101005', '13900000005');
});
afterAll(() => t.close());

describe('slots: working days and 无休日', () => {
  it('opens the approval zone on Saturday morning by appointment only, and not the tax zone', async () => {
    const res = await api(null, 'GET', '/api/public/hall/slots?zone=HALL-APPROVAL&from=2026-12-04&days=2');
    expect(res.status, res.raw).toBe(200);
    const [friday, saturday] = res.body.days;
    expect(friday).toMatchObject({ date: '2026-12-04', dayKind: 'working', walkIn: true, known: true });
    expect(friday.slots).toHaveLength(14);
    expect(saturday).toMatchObject({ date: '2026-12-05', dayKind: 'rest', walkIn: false });
    expect(saturday.slots.map((s: { startTime: string }) => s.startTime)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(saturday.slots[0]).toMatchObject({ capacity: 2, booked: 0, available: 2 });
    const tax = await api(null, 'GET', '/api/public/hall/slots?zone=HALL-TAX&from=2026-12-05&days=1');
    expect(tax.body.days[0].slots).toEqual([]);
  });

  it('finds an item’s zone, and answers a bad zone with the field named', async () => {
    const item = (await api(null, 'GET', '/api/public/items/WX-XK-099')).body;
    const res = await api(null, 'GET', `/api/public/hall/slots?item=${item.id}&days=1`);
    expect(res.body.zone.code).toBe('HALL-APPROVAL');
    const bad = await api(null, 'GET', '/api/public/hall/slots?zone=NOWHERE');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('querystring.zone');
  });

  it('marks days of a year without holiday arrangements as unknown, and refuses to book them', async () => {
    setClock('2026-12-28T10:00:00+08:00');
    const res = await api(null, 'GET', '/api/public/hall/slots?zone=HALL-APPROVAL&from=2027-01-04&days=1');
    expect(res.body.days[0]).toMatchObject({ date: '2027-01-04', known: false, slots: [] });
    const booking = await api('citizen4', 'POST', '/api/my/appointments', { zoneCode: 'HALL-APPROVAL', date: '2027-01-04', startTime: '09:00' });
    expect(booking.status).toBe(400);
    expect(booking.body.error.code).toBe('CALENDAR_UNKNOWN');
    setClock('2026-12-03T10:00:00+08:00');
  });
});

describe('booking, change and cancel', () => {
  let appointment: { id: string; code: string; version: number } = { id: '', code: '', version: 0 };

  it('books a Saturday slot with a code, and tells the applicant', async () => {
    const res = await api('applicant', 'POST', '/api/my/appointments', { zoneCode: 'HALL-APPROVAL', date: '2026-12-05', startTime: '09:00', note: '食品经营许可' });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({ state: 'booked', date: '2026-12-05', startTime: '09:00', endTime: '09:30', phone: '13903190014', can: { cancel: true, checkIn: false } });
    expect(res.body.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    appointment = res.body;
    expect((await notifications('applicant', '预约成功'))[0]!.body).toContain(res.body.code);
    const again = await api('applicant', 'POST', '/api/my/appointments', { zoneCode: 'HALL-APPROVAL', date: '2026-12-05', startTime: '10:00' });
    expect(again.status).toBe(409);
    const audit = await queryRows(t.database.db, sql`select 1 from audit_events where action = 'appointment.booked' and subject_id = ${res.body.id}`);
    expect(audit).toHaveLength(1);
  });

  it('fills a slot to its capacity and no further, under concurrent bookings', async () => {
    const results = await Promise.all(
      ['citizen1', 'citizen2', 'citizen3'].map((u) => api(u, 'POST', '/api/my/appointments', { zoneCode: 'HALL-APPROVAL', date: '2026-12-05', startTime: '10:30' })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = results.find((r) => r.status !== 201)!;
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('约满');
    const slots = await api(null, 'GET', '/api/public/hall/slots?zone=HALL-APPROVAL&from=2026-12-05&days=1');
    expect(slots.body.days[0].slots.find((s: { startTime: string }) => s.startTime === '10:30')).toMatchObject({ booked: 2, available: 0 });
  });

  it('moves a booking only into a slot with room, giving the old place back', async () => {
    const full = await api('applicant', 'POST', `/api/my/appointments/${appointment.id}/reschedule`, { date: '2026-12-05', startTime: '10:30', version: appointment.version });
    expect(full.status).toBe(409);
    const moved = await api('applicant', 'POST', `/api/my/appointments/${appointment.id}/reschedule`, { date: '2026-12-05', startTime: '09:30', version: appointment.version });
    expect(moved.status, moved.raw).toBe(200);
    expect(moved.body).toMatchObject({ startTime: '09:30', rescheduleCount: 1 });
    const slots = (await api(null, 'GET', '/api/public/hall/slots?zone=HALL-APPROVAL&from=2026-12-05&days=1')).body.days[0].slots;
    expect(slots.find((s: { startTime: string }) => s.startTime === '09:00').booked).toBe(0);
    expect(slots.find((s: { startTime: string }) => s.startTime === '09:30').booked).toBe(1);
    appointment = moved.body;
  });

  it('keeps one applicant’s booking from another, and cancels with the place given back', async () => {
    const other = await api('citizen1', 'POST', `/api/my/appointments/${appointment.id}/cancel`, { version: appointment.version });
    expect(other.status).toBe(404);
    const stale = await api('applicant', 'POST', `/api/my/appointments/${appointment.id}/cancel`, { version: appointment.version - 1 });
    expect(stale.status).toBe(409);
    const cancelled = await api('applicant', 'POST', `/api/my/appointments/${appointment.id}/cancel`, { reason: '改天再来', version: appointment.version });
    expect(cancelled.body).toMatchObject({ state: 'cancelled', can: { cancel: false } });
    const again = await api('applicant', 'POST', `/api/my/appointments/${appointment.id}/cancel`, { version: cancelled.body.version });
    expect(again.status).toBe(409);
    const slots = (await api(null, 'GET', '/api/public/hall/slots?zone=HALL-APPROVAL&from=2026-12-05&days=1')).body.days[0].slots;
    expect(slots.find((s: { startTime: string }) => s.startTime === '09:30').booked).toBe(0);
  });

  it('refuses a slot outside the day’s hours, in the past, or beyond the horizon, naming the field', async () => {
    const odd = await api('applicant', 'POST', '/api/my/appointments', { zoneCode: 'HALL-APPROVAL', date: '2026-12-05', startTime: '15:00' });
    expect(odd.status).toBe(400);
    expect(odd.body.error.fields[0].path).toBe('body.startTime');
    const past = await api('applicant', 'POST', '/api/my/appointments', { zoneCode: 'HALL-APPROVAL', date: '2026-12-03', startTime: '09:00' });
    expect(past.status).toBe(400);
    const far = await api('applicant', 'POST', '/api/my/appointments', { zoneCode: 'HALL-APPROVAL', date: '2026-12-30', startTime: '09:00' });
    expect(far.body.error.fields[0].path).toBe('body.date');
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/my/appointments',
      headers: { cookie: await as('applicant'), 'accept-language': 'en' },
      payload: { zoneCode: 'HALL-APPROVAL', date: '2026-12-05', startTime: '15:00' },
    });
    expect(en.json().error.fields[0].message).toContain('No bookable slot');
  });
});

describe('the queue: kiosk, check-in, window and call screen', () => {
  let booking: { id: string; code: string; version: number } = { id: '', code: '', version: 0 };

  it('gives walk-in tickets only while the zone is open to walk-ins', async () => {
    setClock('2026-12-05T09:10:00+08:00');
    const saturday = await api(null, 'POST', '/api/public/queue/tickets', { zoneCode: 'HALL-APPROVAL' });
    expect(saturday.status).toBe(409);
    expect(saturday.body.error.message).toContain('预约');
    setClock('2026-12-04T07:30:00+08:00');
    const early = await api(null, 'POST', '/api/public/queue/tickets', { zoneCode: 'HALL-APPROVAL' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('08:30');
  });

  it('numbers tickets per zone and day, A001 then A002, and B001 in the tax zone', async () => {
    // Booked on Thursday for Friday 09:00.
    setClock('2026-12-03T16:00:00+08:00');
    const res = await api('citizen4', 'POST', '/api/my/appointments', { zoneCode: 'HALL-APPROVAL', date: '2026-12-04', startTime: '09:00' });
    expect(res.status, res.raw).toBe(201);
    booking = res.body;

    setClock('2026-12-04T08:35:00+08:00');
    const a1 = await api(null, 'POST', '/api/public/queue/tickets', { zoneCode: 'HALL-APPROVAL', name: '王小明' });
    expect(a1.status, a1.raw).toBe(201);
    expect(a1.body).toMatchObject({ number: 'A001', state: 'waiting', name: '王**', ahead: 0, estimateMinutes: 0, channel: 'kiosk' });
    const a2 = await api(null, 'POST', '/api/public/queue/tickets', { zoneCode: 'HALL-APPROVAL' });
    expect(a2.body).toMatchObject({ number: 'A002', ahead: 1, estimateMinutes: 8 });
    const b1 = await api(null, 'POST', '/api/public/queue/tickets', { zoneCode: 'HALL-TAX' });
    expect(b1.body.number).toBe('B001');
  });

  it('checks in an appointment at the kiosk with its code and phone, the ticket ahead of walk-ins', async () => {
    const wrong = await api(null, 'POST', '/api/public/appointments/check-in', { code: booking.code, phoneLast4: '0000' });
    expect(wrong.status).toBe(400);
    const res = await api(null, 'POST', '/api/public/appointments/check-in', { code: booking.code.toLowerCase(), phoneLast4: '0004' });
    expect(res.status, res.raw).toBe(201);
    expect(res.body.appointment).toMatchObject({ state: 'checked_in', ticketNumber: 'A003', phone: '139****0004' });
    expect(res.body.ticket).toMatchObject({ number: 'A003', channel: 'appointment', ahead: 0 });
    const twice = await api(null, 'POST', '/api/public/appointments/check-in', { code: booking.code, phoneLast4: '0004' });
    expect(twice.status).toBe(409);
  });

  it('calls the appointment first, shows it on the screen with the name masked, recalls, completes, skips', async () => {
    const next = await api('clerk', 'POST', '/api/queue/window/next');
    expect(next.status, next.raw).toBe(200);
    expect(next.body.current).toMatchObject({ number: 'A003', state: 'called', window: { code: 'A01' } });
    expect(next.body.waiting).toBe(2);

    const screen = await api(null, 'GET', '/api/public/queue/screen?zone=HALL-APPROVAL');
    expect(screen.status).toBe(200);
    expect(screen.body.calls[0]).toMatchObject({ number: 'A003', name: '李*', windowCode: 'A01', kind: 'called', sentence: '请 A003 号到 综合受理窗口1 办理' });
    expect(screen.raw).not.toContain('13900000004');
    expect(screen.body.zones[0]).toMatchObject({ code: 'HALL-APPROVAL', waiting: 2, open: true });

    const recalled = await api('clerk', 'POST', `/api/queue/tickets/${next.body.current.id}/recall`, { version: next.body.current.version });
    expect(recalled.body.current.callCount).toBe(2);
    const screen2 = await api(null, 'GET', '/api/public/queue/screen?zone=HALL-APPROVAL');
    expect(screen2.body.calls[0]).toMatchObject({ number: 'A003', kind: 'recalled' });
    expect(screen2.body.calls[0].id).toBeGreaterThan(screen.body.calls[0].id);

    clock.advance(6 * 60_000);
    const second = await api('clerk', 'POST', '/api/queue/window/next');
    expect(second.body.current.number).toBe('A001');
    expect(second.body.servedToday).toBe(1);
    const skipped = await api('clerk', 'POST', `/api/queue/tickets/${second.body.current.id}/skip`, { version: second.body.current.version });
    expect(skipped.body.current).toBeNull();
    const pub = await api(null, 'GET', `/api/public/queue/tickets/${second.body.current.id}`);
    expect(pub.body.state).toBe('skipped');
  });

  it('refuses to act on a ticket the window is not serving, and refuses staff without a window', async () => {
    const a2 = (await api('manager', 'GET', '/api/hall/day?zone=HALL-APPROVAL')).body.tickets.find((x: { number: string }) => x.number === 'A002');
    const res = await api('clerk', 'POST', `/api/queue/tickets/${a2.id}/complete`, { version: a2.version });
    expect(res.status).toBe(409);
    const reviewer = await api('reviewer', 'POST', '/api/queue/window/next');
    expect(reviewer.status).toBe(403);
  });

  it('transfers a ticket to the tax zone, ahead of the walk-ins waiting there', async () => {
    const called = await api('clerk', 'POST', '/api/queue/window/next');
    expect(called.body.current.number).toBe('A002');
    const moved = await api('clerk', 'POST', `/api/queue/tickets/${called.body.current.id}/transfer`, { zoneCode: 'HALL-TAX', version: called.body.current.version });
    expect(moved.status, moved.raw).toBe(200);
    expect(moved.body.current).toBeNull();
    const pub = await api(null, 'GET', `/api/public/queue/tickets/${called.body.current.id}`);
    expect(pub.body).toMatchObject({ number: 'A002', state: 'waiting', zone: { code: 'HALL-TAX' }, ahead: 0 });
    const bad = await api('clerk', 'POST', `/api/queue/tickets/${called.body.current.id}/transfer`, { version: 1 });
    expect(bad.status).toBe(400);
  });

  it('gives two windows calling at once two different tickets', async () => {
    const org = await api('admin', 'GET', '/api/org');
    const a02 = org.body.windows.find((w: { code: string }) => w.code === 'A02');
    const created = await api('admin', 'POST', '/api/accounts', { username: 'clerk.a02', displayName: '赵窗口', roles: ['clerk'], password: 'Secret123', windowId: a02.id });
    expect(created.status, created.raw).toBe(201);
    passwords['clerk.a02'] = 'Secret123';
    for (let i = 0; i < 2; i++) await api(null, 'POST', '/api/public/queue/tickets', { zoneCode: 'HALL-APPROVAL' });
    const [one, two] = await Promise.all([api('clerk', 'POST', '/api/queue/window/next'), api('clerk.a02', 'POST', '/api/queue/window/next')]);
    expect(one.status, one.raw).toBe(200);
    expect(two.status, two.raw).toBe(200);
    expect(new Set([one.body.current.number, two.body.current.number])).toEqual(new Set(['A004', 'A005']));
  });

  it('gives a signed-in applicant one phone ticket per zone a day, with its place in the queue', async () => {
    const first = await api('citizen3', 'POST', '/api/my/queue/tickets', { zoneCode: 'HALL-SERVICE' });
    expect(first.status, first.raw).toBe(201);
    expect(first.body).toMatchObject({ number: 'D001', channel: 'phone', name: '李*', state: 'waiting', ahead: 0 });
    const again = await api('citizen3', 'POST', '/api/my/queue/tickets', { zoneCode: 'HALL-SERVICE' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('D001');
    const mine = await api('citizen3', 'GET', '/api/my/queue/tickets');
    expect(mine.body.map((x: { number: string }) => x.number)).toEqual(['D001']);
    const staff = await api('clerk', 'POST', '/api/my/queue/tickets', { zoneCode: 'HALL-SERVICE' });
    expect(staff.status).toBe(403);
  });

  it('keeps every service record for the windows’ figures', async () => {
    clock.advance(10 * 60_000);
    await api('clerk', 'POST', '/api/queue/window/next');
    await api('clerk.a02', 'POST', '/api/queue/window/next');
    const perf = await api('manager', 'GET', '/api/hall/performance?from=2026-12-04&to=2026-12-04');
    expect(perf.status, perf.raw).toBe(200);
    const a01 = perf.body.windows.find((w: { code: string }) => w.code === 'A01');
    expect(a01).toMatchObject({ served: 2, skipped: 1, staff: ['李晓梅（综合受理窗口）'] });
    expect(a01.avgServiceMinutes).toBeGreaterThan(0);
    const day = await api('clerk', 'GET', '/api/hall/day?date=2026-12-04');
    const zone = day.body.zones.find((z: { code: string }) => z.code === 'HALL-APPROVAL');
    expect(zone).toMatchObject({ issued: 4, done: 3, skipped: 1, appointments: 1, checkedIn: 1 });
    expect(day.raw).not.toContain('13900000004');
    const events = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action like 'queue.ticket.%'`);
    expect(Number(events[0]!.n)).toBeGreaterThan(10);
  });
});

describe('no-shows, reminders and closures', () => {
  it('reminds once, by the app and by SMS, within the reminder period', async () => {
    setClock('2026-12-07T10:00:00+08:00');
    const res = await api('citizen1', 'POST', '/api/my/appointments', { zoneCode: 'HALL-SERVICE', date: '2026-12-08', startTime: '14:00' });
    expect(res.status, res.raw).toBe(201);
    clock.set(new Date('2026-12-07T13:50:00+08:00'));
    expect((await notifications('citizen1', '预约提醒')).length).toBe(0);
    await sendReminders(t.database.db, clock, t.deps.config.regionCode);
    expect((await notifications('citizen1', '预约提醒')).length).toBe(0);
    clock.set(new Date('2026-12-07T14:00:00+08:00'));
    expect(await sendReminders(t.database.db, clock, t.deps.config.regionCode)).toBe(1);
    expect(await sendReminders(t.database.db, clock, t.deps.config.regionCode)).toBe(0);
    const sent = await notifications('citizen1', '预约提醒');
    expect(sent.map((n) => n.channel).sort()).toEqual(['in_app', 'sms']);
    expect(sent.find((n) => n.channel === 'sms')!.address).toBe('13900000001');
  });

  it('marks a missed appointment after the grace period, and suspends booking after three', async () => {
    const stateOf = async (id: string) => (await api('citizen5', 'GET', '/api/my/appointments')).body.items.find((a: { id: string }) => a.id === id).state;
    for (const [day, time] of [
      ['2026-12-08', '14:00'],
      ['2026-12-09', '09:00'],
      ['2026-12-10', '09:00'],
    ] as const) {
      setClock(`${day}T07:00:00+08:00`);
      const res = await api('citizen5', 'POST', '/api/my/appointments', { zoneCode: 'HALL-SERVICE', date: day, startTime: time });
      expect(res.status, res.raw).toBe(201);
      setClock(`${day}T${time}:00+08:00`);
      clock.advance(14 * 60_000);
      await scanNoShows(t.database.db, clock, t.deps.config.regionCode);
      expect(await stateOf(res.body.id)).toBe('booked');
      clock.advance(2 * 60_000);
      expect(await scanNoShows(t.database.db, clock, t.deps.config.regionCode)).toBeGreaterThanOrEqual(1);
      expect(await stateOf(res.body.id)).toBe('no_show');
      expect(await scanNoShows(t.database.db, clock, t.deps.config.regionCode)).toBe(0);
    }
    expect(await notifications('citizen5', '预约已爽约')).toHaveLength(3);
    const refused = await api('citizen5', 'POST', '/api/my/appointments', { zoneCode: 'HALL-SERVICE', date: '2026-12-14', startTime: '09:00' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('2027-01-09');
  });

  it('closes a zone for a day: no slots, booked applicants told, only managers may', async () => {
    setClock('2026-12-10T10:00:00+08:00');
    const booked = await api('citizen3', 'POST', '/api/my/appointments', { zoneCode: 'HALL-APPROVAL', date: '2026-12-12', startTime: '09:00' });
    expect(booked.status, booked.raw).toBe(201);
    const clerk = await api('clerk', 'POST', '/api/hall/closures', { zoneCode: 'HALL-APPROVAL', date: '2026-12-12', reason: '线路检修' });
    expect(clerk.status).toBe(403);
    const res = await api('manager', 'POST', '/api/hall/closures', { zoneCode: 'HALL-APPROVAL', date: '2026-12-12', reason: '线路检修' });
    expect(res.status, res.raw).toBe(201);
    const slots = await api(null, 'GET', '/api/public/hall/slots?zone=HALL-APPROVAL&from=2026-12-12&days=1');
    expect(slots.body.days[0]).toMatchObject({ closedReason: '线路检修', slots: [] });
    expect((await notifications('citizen3', '预约时段闭厅通知'))[0]!.body).toContain('线路检修');
    expect((await api('manager', 'DELETE', '/api/hall/closures/HALL-APPROVAL/2026-12-12')).status).toBe(204);
  });

  it('lets a manager change hours and capacity, refusing overlapping hours', async () => {
    const rules = (await api('manager', 'GET', '/api/hall/rules')).body;
    const rest = rules.find((r: { zoneCode: string; dayKind: string }) => r.zoneCode === 'HALL-APPROVAL' && r.dayKind === 'rest');
    const unchanged = await api('manager', 'PATCH', `/api/hall/rules/${rest.id}`, {});
    expect(unchanged.status, unchanged.raw).toBe(200);
    expect(unchanged.body.capacity).toBe(rest.capacity);
    const patched = await api('manager', 'PATCH', `/api/hall/rules/${rest.id}`, { capacity: 5 });
    expect(patched.body.capacity).toBe(5);
    const overlap = await api('manager', 'POST', '/api/hall/rules', { zoneCode: 'HALL-APPROVAL', dayKind: 'rest', startTime: '11:00', endTime: '12:30', capacity: 2 });
    expect(overlap.status).toBe(400);
    const afternoon = await api('manager', 'POST', '/api/hall/rules', { zoneCode: 'HALL-TAX', dayKind: 'rest', startTime: '14:00', endTime: '16:00', capacity: 3, walkIn: false });
    expect(afternoon.status, afternoon.raw).toBe(201);
    const slots = await api(null, 'GET', '/api/public/hall/slots?zone=HALL-TAX&from=2026-12-12&days=1');
    expect(slots.body.days[0].slots).toHaveLength(4);
  });

  it('resumes stopped hours only where no hours in force overlap them', async () => {
    const rest = (await api('manager', 'GET', '/api/hall/rules')).body.find((r: { zoneCode: string; dayKind: string }) => r.zoneCode === 'HALL-APPROVAL' && r.dayKind === 'rest');
    expect((await api('manager', 'PATCH', `/api/hall/rules/${rest.id}`, { active: false })).body.active).toBe(false);
    const allDay = await api('manager', 'POST', '/api/hall/rules', { zoneCode: 'HALL-APPROVAL', dayKind: 'rest', startTime: '08:00', endTime: '17:00', capacity: 2 });
    expect(allDay.status, allDay.raw).toBe(201);
    const refused = await api('manager', 'PATCH', `/api/hall/rules/${rest.id}`, { active: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0]).toMatchObject({ path: 'body.active', message: '与已有的办公时段 08:00–17:00 重叠。' });
    expect((await api('manager', 'PATCH', `/api/hall/rules/${allDay.body.id}`, { active: false })).status).toBe(200);
    expect((await api('manager', 'PATCH', `/api/hall/rules/${rest.id}`, { active: true })).body.active).toBe(true);
  });
});

describe('自助打印 at the kiosk', () => {
  const ZHANG_MING = `13053319880315123${idNumberCheckChar('13053319880315123')}`;
  let number = '';

  it('lists a case’s notices only for its number with the applicant’s full ID number and phone', async () => {
    // Early enough that the case's time limit ends within the years the calendar knows.
    setClock('2026-11-02T10:00:00+08:00');
    const item = (await api(null, 'GET', '/api/public/items/WX-XK-099')).body;
    const intake = await api('clerk', 'POST', '/api/cases/intake', {
      itemId: item.id,
      applicant: { kind: 'person', name: '张明', idNumber: ZHANG_MING, phone: '13903190014', address: '威县洺州镇' },
      summary: '预包装食品销售',
      materials: item.materials.map((m: { id: string; requirement: string }) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
      outcome: 'accept',
    });
    expect(intake.status, intake.raw).toBe(201);
    number = intake.body.number;
    const wrong = await api(null, 'POST', '/api/public/kiosk/documents', { number, idNumber: ZHANG_MING, phone: '13903190099' });
    expect(wrong.status).toBe(404);
    const onlyId = await api(null, 'POST', '/api/public/kiosk/documents', { number, idNumber: ZHANG_MING.slice(0, 17) + 'X', phone: '13903190014' });
    expect(onlyId.status).toBe(404);
    // As many characters as the ID number, more bytes (found by the fuzzer: was a 500).
    const chinese = await api(null, 'POST', '/api/public/kiosk/documents', { number, idNumber: '营业执照张明好味食品有限公司经营部门', phone: '13903190014' });
    expect(chinese.status).toBe(404);
    const res = await api(null, 'POST', '/api/public/kiosk/documents', { number, idNumber: ZHANG_MING.toLowerCase(), phone: '13903190014' });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ number, applicant: '张*' });
    expect(res.body.documents.map((d: { kind: string }) => d.kind)).toEqual(['acceptance-notice', 'time-limit-card']);
  });

  it('prints the acceptance notice as a PDF and audits the print', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/kiosk/documents/pdf',
      payload: { number, idNumber: ZHANG_MING, phone: '13903190014', document: 'acceptance-notice' },
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const refused = await api(null, 'POST', '/api/public/kiosk/documents/pdf', { number, idNumber: ZHANG_MING, phone: '13903190099', document: 'acceptance-notice' });
    expect(refused.status).toBe(404);
    const noCertificate = await api(null, 'POST', '/api/public/kiosk/documents/pdf', { number, idNumber: ZHANG_MING, phone: '13903190014', document: 'certificate', certificateNumber: '130533-26-XK099-00001-K' });
    expect(noCertificate.status).toBe(404);
    const audit = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = 'kiosk.document.printed'`);
    expect(Number(audit[0]!.n)).toBe(1);
  });
});
