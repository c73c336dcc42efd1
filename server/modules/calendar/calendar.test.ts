import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/client';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';
import * as repo from './calendar.repository';
import { getWorkingCalendar } from './calendar.service';

const REGION = '130533';

/**
 * Stand-in for an administrator's entry of 2027 from the State Council's notice. Test data only: it is not
 * the real 2027 arrangement.
 */
const DECLARATION_2027 = {
  sourceNote: '国办发明电〔2026〕测试号',
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-02-05', name: '春节' },
    { date: '2027-02-08', name: '春节' },
    { date: '2027-02-09', name: '春节' },
  ],
  workdays: [{ date: '2027-02-20', name: '春节' }],
};

describe('working calendar', () => {
  let t: TestApp;
  let admin: string;
  const clock = new TestClock(new Date('2026-11-20T02:00:00Z'));
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  describe('public computations', () => {
    it.each([
      ['2026-02-10', 20, '2026-03-16'],
      ['2026-09-28', 20, '2026-10-30'],
      ['2026-09-30', 1, '2026-10-08'],
      ['2026-02-15', 0, '2026-02-15'],
      ['2024-02-08', 3, '2024-02-19'],
    ])('adds working days: %s + %i → %s', async (from, days, date) => {
      const res = await get(`/api/calendar/add-working-days?from=${from}&days=${days}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ date });
    });

    it.each([
      ['2026-02-10', '2026-03-16', 20],
      ['2026-09-30', '2026-10-08', 1],
      ['2026-10-30', '2026-09-28', 0],
      ['2025-12-31', '2026-12-31', 248],
    ])('counts working days in (%s, %s]: %i', async (from, to, count) => {
      const res = await get(`/api/calendar/working-days?from=${from}&to=${to}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ count });
    });

    it('lists the days of a range for drawing a calendar', async () => {
      const res = await get('/api/calendar/days?from=2026-09-28&to=2026-10-11');
      expect(res.statusCode).toBe(200);
      const days = res.json() as { date: string; isWorkingDay: boolean; kind: string; name?: string; source: string }[];
      expect(days).toHaveLength(14);
      expect(days[3]).toEqual({ date: '2026-10-01', isWorkingDay: false, kind: 'holiday', name: '国庆节', source: 'official' });
      expect(days[12]).toEqual({ date: '2026-10-10', isWorkingDay: true, kind: 'makeup_workday', name: '国庆节', source: 'official' });
      expect(days[13]).toEqual({ date: '2026-10-11', isWorkingDay: false, kind: 'weekend', source: 'official' });
    });

    it('refuses a reversed or too long range, naming the field', async () => {
      const long = await get('/api/calendar/days?from=2025-01-01&to=2026-02-05');
      expect(long.statusCode).toBe(400);
      expect(long.json().error.fields).toEqual([{ path: 'querystring.to', message: '一次最多查询400天。' }]);
      const reversed = await get('/api/calendar/days?from=2026-02-05&to=2026-02-01', { 'accept-language': 'en' });
      expect(reversed.json().error.fields).toEqual([{ path: 'querystring.to', message: 'The end date cannot be before the start date.' }]);
      const badDate = await get('/api/calendar/add-working-days?from=2026-02-30&days=1');
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().error.fields[0].path).toBe('querystring.from');
      const negative = await get('/api/calendar/add-working-days?from=2026-02-10&days=-1');
      expect(negative.json().error.fields[0].path).toBe('querystring.days');
    });

    it('lists the known years with their source', async () => {
      const res = await get('/api/calendar/years');
      expect(res.statusCode).toBe(200);
      const years = res.json() as { year: number; source: string; sourceNote: string }[];
      expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
      expect(years.every((y) => y.source === 'official' && y.sourceNote.startsWith('chinese-days@'))).toBe(true);
    });
  });

  describe('unknown years', () => {
    it('answers 400 CALENDAR_UNKNOWN naming the year, in Chinese and in English', async () => {
      const zh = await get('/api/calendar/add-working-days?from=2026-12-28&days=5');
      expect(zh.statusCode).toBe(400);
      expect(zh.json()).toEqual({
        error: {
          code: 'CALENDAR_UNKNOWN',
          message: '2027年的节假日安排尚未录入，无法计算工作日；请管理员在工作日历中录入。',
          fields: [{ path: 'querystring.days', message: '2027年的节假日安排尚未录入。' }],
        },
      });
      const en = await get('/api/calendar/add-working-days?from=2027-01-04&days=0', { 'accept-language': 'en' });
      expect(en.statusCode).toBe(400);
      expect(en.json().error).toEqual({
        code: 'CALENDAR_UNKNOWN',
        message:
          'The holiday arrangements for 2027 have not been entered yet, so working days cannot be computed; an administrator must enter them in the working calendar.',
        fields: [{ path: 'querystring.from', message: 'The holiday arrangements for 2027 have not been entered.' }],
      });
    });

    it('names the offending parameter of a count or a listing', async () => {
      const to = await get('/api/calendar/working-days?from=2026-12-01&to=2027-01-10');
      expect(to.json().error).toMatchObject({ code: 'CALENDAR_UNKNOWN', fields: [{ path: 'querystring.to' }] });
      const from = await get('/api/calendar/working-days?from=2003-12-30&to=2004-01-10');
      expect(from.json().error).toMatchObject({ code: 'CALENDAR_UNKNOWN', fields: [{ path: 'querystring.from' }] });
      expect(from.json().error.message).toContain('2003年');
      const days = await get('/api/calendar/days?from=2026-12-01&to=2027-01-31');
      expect(days.json().error).toMatchObject({ code: 'CALENDAR_UNKNOWN', fields: [{ path: 'querystring.to' }] });
    });
  });

  describe('administration', () => {
    it('applies a local closure at once, lets it be renamed and removed', async () => {
      const before = await get('/api/calendar/add-working-days?from=2026-03-09&days=1');
      expect(before.json()).toEqual({ date: '2026-03-10' });

      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/calendar/overrides/2026-03-10',
        headers: { cookie: admin },
        payload: { kind: 'holiday', name: '县城集中停电，大厅闭厅', note: '县政府通知' },
      });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({ date: '2026-03-10', kind: 'holiday', origin: 'local', createdBy: 'admin', createdAt: '2026-11-20T02:00:00.000Z' });
      expect((await get('/api/calendar/add-working-days?from=2026-03-09&days=1')).json()).toEqual({ date: '2026-03-11' });
      const day = (await get('/api/calendar/days?from=2026-03-10&to=2026-03-10')).json();
      expect(day).toEqual([{ date: '2026-03-10', isWorkingDay: false, kind: 'holiday', name: '县城集中停电，大厅闭厅', source: 'local' }]);

      const renamed = await t.app.inject({
        method: 'PUT',
        url: '/api/calendar/overrides/2026-03-10',
        headers: { cookie: admin },
        payload: { kind: 'holiday', name: '大厅闭厅检修' },
      });
      expect(renamed.json()).toMatchObject({ name: '大厅闭厅检修', note: '' });

      const list = await get('/api/calendar/overrides?year=2026', { cookie: admin });
      expect(list.statusCode).toBe(200);
      expect(list.json().map((o: { date: string }) => o.date)).toEqual(['2026-03-10']);
      expect((await get('/api/calendar/overrides?year=2025', { cookie: admin })).json()).toEqual([]);

      const del = await t.app.inject({ method: 'DELETE', url: '/api/calendar/overrides/2026-03-10', headers: { cookie: admin } });
      expect(del.statusCode).toBe(204);
      expect((await get('/api/calendar/add-working-days?from=2026-03-09&days=1')).json()).toEqual({ date: '2026-03-10' });
      const again = await t.app.inject({ method: 'DELETE', url: '/api/calendar/overrides/2026-03-10', headers: { cookie: admin } });
      expect(again.statusCode).toBe(404);
    });

    it('applies a local working day (a Saturday) at once', async () => {
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/calendar/overrides/2026-03-14',
        headers: { cookie: admin },
        payload: { kind: 'workday', name: '无休日集中办理' },
      });
      expect(put.statusCode).toBe(200);
      expect((await get('/api/calendar/add-working-days?from=2026-03-13&days=1')).json()).toEqual({ date: '2026-03-14' });
      const day = (await get('/api/calendar/days?from=2026-03-14&to=2026-03-14')).json();
      expect(day[0]).toMatchObject({ kind: 'makeup_workday', isWorkingDay: true, source: 'local' });
      await t.app.inject({ method: 'DELETE', url: '/api/calendar/overrides/2026-03-14', headers: { cookie: admin } });
      expect((await get('/api/calendar/add-working-days?from=2026-03-13&days=1')).json()).toEqual({ date: '2026-03-16' });
    });

    it('declares 2027, computes into it, replaces the declaration and undeclares it', async () => {
      expect((await get('/api/calendar/add-working-days?from=2026-12-31&days=1')).statusCode).toBe(400);

      const declare = await t.app.inject({ method: 'POST', url: '/api/calendar/years/2027/declare', headers: { cookie: admin }, payload: DECLARATION_2027 });
      expect(declare.statusCode).toBe(200);
      expect(declare.json()).toEqual({ year: 2027, source: 'declared', sourceNote: '国办发明电〔2026〕测试号', declaredBy: 'admin', declaredAt: '2026-11-20T02:00:00.000Z' });

      // 1 January 2027 is a Friday and declared off; the weekend follows.
      expect((await get('/api/calendar/add-working-days?from=2026-12-31&days=1')).json()).toEqual({ date: '2027-01-04' });
      expect((await get('/api/calendar/add-working-days?from=2027-02-04&days=1')).json()).toEqual({ date: '2027-02-10' });
      expect((await get('/api/calendar/add-working-days?from=2027-02-19&days=1')).json()).toEqual({ date: '2027-02-20' });
      expect((await get('/api/calendar/working-days?from=2026-12-25&to=2027-01-08')).json()).toEqual({ count: 9 }); // 28–31 December, 4–8 January
      const years = (await get('/api/calendar/years')).json();
      expect(years.at(-1)).toMatchObject({ year: 2027, source: 'declared', declaredBy: 'admin' });

      // A local closure entered by hand survives a new declaration; the old declaration's days do not.
      await t.app.inject({ method: 'PUT', url: '/api/calendar/overrides/2027-03-03', headers: { cookie: admin }, payload: { kind: 'holiday', name: '县庆' } });
      const redeclare = await t.app.inject({
        method: 'POST',
        url: '/api/calendar/years/2027/declare',
        headers: { cookie: admin },
        payload: { ...DECLARATION_2027, sourceNote: '国办发明电〔2026〕测试号（更正）', holidays: DECLARATION_2027.holidays.filter((h) => h.date !== '2027-02-05') },
      });
      expect(redeclare.statusCode).toBe(200);
      const overrides = (await get('/api/calendar/overrides?year=2027', { cookie: admin })).json() as { date: string; origin: string; note: string }[];
      expect(overrides.map((o) => `${o.date} ${o.origin}`)).toEqual([
        '2027-01-01 declared',
        '2027-02-08 declared',
        '2027-02-09 declared',
        '2027-02-20 declared',
        '2027-03-03 local',
      ]);
      expect(overrides[0]!.note).toBe('国办发明电〔2026〕测试号（更正）');
      expect((await get('/api/calendar/add-working-days?from=2027-02-04&days=1')).json()).toEqual({ date: '2027-02-05' });

      const undeclare = await t.app.inject({ method: 'DELETE', url: '/api/calendar/years/2027', headers: { cookie: admin } });
      expect(undeclare.statusCode).toBe(204);
      expect((await get('/api/calendar/add-working-days?from=2026-12-31&days=1')).json().error.code).toBe('CALENDAR_UNKNOWN');
      const left = (await get('/api/calendar/overrides?year=2027', { cookie: admin })).json() as { date: string }[];
      expect(left.map((o) => o.date)).toEqual(['2027-03-03']);
      expect((await t.app.inject({ method: 'DELETE', url: '/api/calendar/years/2027', headers: { cookie: admin } })).statusCode).toBe(404);
      await t.app.inject({ method: 'DELETE', url: '/api/calendar/overrides/2027-03-03', headers: { cookie: admin } });
    });

    it('refuses to declare or undeclare an official year, and dates outside the year or repeated', async () => {
      const official = await t.app.inject({ method: 'POST', url: '/api/calendar/years/2026/declare', headers: { cookie: admin }, payload: DECLARATION_2027 });
      expect(official.statusCode).toBe(400);
      expect(official.json().error.fields).toEqual([{ path: 'params.year', message: '2026年的节假日安排已由国务院公布的数据提供，无需录入或撤销。' }]);
      const undeclare = await t.app.inject({ method: 'DELETE', url: '/api/calendar/years/2026', headers: { cookie: admin } });
      expect(undeclare.statusCode).toBe(400);

      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/calendar/years/2027/declare',
        headers: { cookie: admin, 'accept-language': 'en' },
        payload: { ...DECLARATION_2027, holidays: [...DECLARATION_2027.holidays, { date: '2028-01-01', name: '元旦' }], workdays: [{ date: '2027-01-01', name: '元旦' }] },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.fields).toEqual([
        { path: 'body.holidays.4.date', message: 'The date is not in 2027.' },
        { path: 'body.workdays.0.date', message: 'This date appears more than once.' },
      ]);
      expect((await get('/api/calendar/years')).json().at(-1).year).toBe(2026);
    });

    it('refuses the administrative routes to other roles and to anonymous callers', async () => {
      for (const role of ['clerk', 'manager', 'supervisor', 'applicant']) {
        const cookie = await t.login(role);
        const list = await get('/api/calendar/overrides?year=2026', { cookie });
        expect(list.statusCode, role).toBe(403);
        const put = await t.app.inject({ method: 'PUT', url: '/api/calendar/overrides/2026-03-10', headers: { cookie }, payload: { kind: 'holiday', name: '闭厅' } });
        expect(put.statusCode, role).toBe(403);
        const declare = await t.app.inject({ method: 'POST', url: '/api/calendar/years/2027/declare', headers: { cookie }, payload: DECLARATION_2027 });
        expect(declare.statusCode, role).toBe(403);
        expect((await t.app.inject({ method: 'DELETE', url: '/api/calendar/years/2027', headers: { cookie } })).statusCode, role).toBe(403);
      }
      expect((await get('/api/calendar/overrides?year=2026')).statusCode).toBe(401);
      expect((await get('/api/calendar/add-working-days?from=2026-03-09&days=1')).json()).toEqual({ date: '2026-03-10' });
    });

    it('writes an audit entry for every change', async () => {
      const res = await get('/api/audit/events?action=calendar.&limit=200', { cookie: admin });
      expect(res.statusCode).toBe(200);
      const events = res.json().items as { action: string; subjectId: string; actorName: string }[];
      const actions = events.map((e) => `${e.action} ${e.subjectId}`);
      expect(actions).toEqual(
        expect.arrayContaining([
          'calendar.override.create 2026-03-10',
          'calendar.override.update 2026-03-10',
          'calendar.override.delete 2026-03-10',
          'calendar.override.create 2026-03-14',
          'calendar.year.declare 2027',
          'calendar.year.undeclare 2027',
        ]),
      );
      expect(events.every((e) => e.actorName === 'admin')).toBe(true);
      // Refused requests changed nothing and left no entry.
      expect(actions.filter((a) => a.startsWith('calendar.year.declare')).length).toBe(2);
    });
  });

  describe('the per-process cache', () => {
    it('sees a change committed by another process (a direct write with a new revision)', async () => {
      const db = t.database.db;
      const first = await getWorkingCalendar(db, REGION);
      expect(await getWorkingCalendar(db, REGION)).toBe(first); // reused while the revision is unchanged
      await inTransaction(db, async (tx) => {
        await repo.bumpRevision(tx, REGION, clock.now());
        await repo.upsertOverrides(
          tx,
          [{ regionCode: REGION, date: '2026-04-07', kind: 'holiday', name: '另一进程录入', origin: 'local', createdBy: 'system:test', updatedBy: 'system:test' }],
          { replaceOrigin: false },
        );
      });
      expect((await get('/api/calendar/add-working-days?from=2026-04-03&days=1')).json()).toEqual({ date: '2026-04-08' });
      await inTransaction(db, async (tx) => {
        await repo.bumpRevision(tx, REGION, clock.now());
        await repo.deleteOverride(tx, REGION, '2026-04-07');
      });
      expect((await get('/api/calendar/add-working-days?from=2026-04-03&days=1')).json()).toEqual({ date: '2026-04-07' });
    });

    it('never keeps what a rolled-back transaction built', async () => {
      const db = t.database.db;
      await expect(
        inTransaction(db, async (tx) => {
          await repo.bumpRevision(tx, REGION, clock.now());
          await repo.upsertOverrides(
            tx,
            [{ regionCode: REGION, date: '2026-04-08', kind: 'holiday', name: '回滚', origin: 'local', createdBy: 'system:test', updatedBy: 'system:test' }],
            { replaceOrigin: false },
          );
          const inside = await getWorkingCalendar(tx, REGION);
          expect(inside.isWorkingDay('2026-04-08')).toBe(false);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect((await getWorkingCalendar(db, REGION)).isWorkingDay('2026-04-08')).toBe(true);
    });
  });
});
