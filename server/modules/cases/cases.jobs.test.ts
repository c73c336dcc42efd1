import { sql } from 'drizzle-orm';
import { composeCreditCode } from '../../../common/credit-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/client';
import { startJobs } from '../../platform/jobs/jobs';
import { MemoryTransport } from '../../platform/notify/transport';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';
import { caseJobs, dispatchNotifications, scanDeadlines } from './cases.jobs';

let t: TestApp;
const clock = new TestClock(new Date('2026-03-02T09:00:00+08:00'));
let caseId = '';

beforeAll(async () => {
  t = await buildTestApp({ clock });
  const clerk = await t.login('clerk');
  const item = (await t.app.inject({ method: 'GET', url: '/api/public/items/WX-XK-088' })).json();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases/intake',
    headers: { cookie: clerk },
    payload: {
      itemId: item.id,
      applicant: { kind: 'enterprise', name: '威县悦来宾馆有限公司', idNumber: composeCreditCode('9', '1', '130533', 'MA0CX7P1'), phone: '13811112222' },
      materials: item.materials.map((m: { id: string; requirement: string }) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
      outcome: 'accept',
    },
  });
  expect(res.statusCode).toBe(201);
  caseId = res.json().id;
});
afterAll(() => t.close());

async function warningOf(id: string): Promise<string> {
  const rows = await queryRows<{ warning: string; due_date: string }>(t.database.db, sql`select warning, due_date::text from cases where id = ${id}`);
  return rows[0]!.warning;
}

describe('deadline warnings (限时办结预警)', () => {
  it('stays quiet while the due date is far, turns yellow two working days before, red after it', async () => {
    const due = (await queryRows<{ d: string }>(t.database.db, sql`select due_date::text as d from cases where id = ${caseId}`))[0]!.d;
    expect(due).toBe('2026-03-16');
    expect(await scanDeadlines(t.database.db, clock, 2)).toEqual({ yellow: 0, red: 0, cleared: 0 });
    expect(await warningOf(caseId)).toBe('none');

    clock.set(new Date('2026-03-12T09:00:00+08:00')); // Thursday: due Monday = 2 working days
    expect(await scanDeadlines(t.database.db, clock, 2)).toEqual({ yellow: 1, red: 0, cleared: 0 });
    expect(await warningOf(caseId)).toBe('yellow');
    // Idempotent: a second scan changes nothing.
    expect(await scanDeadlines(t.database.db, clock, 2)).toEqual({ yellow: 0, red: 0, cleared: 0 });

    clock.set(new Date('2026-03-17T09:00:00+08:00'));
    expect(await scanDeadlines(t.database.db, clock, 2)).toEqual({ yellow: 0, red: 1, cleared: 0 });
    expect(await warningOf(caseId)).toBe('red');
    const notes = await queryRows<{ title: string; body: string }>(t.database.db, sql`select title, body from notifications where case_id = ${caseId} and channel = 'in_app' and title like '【超期】%'`);
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0]!.body).toContain('已超期');
    const audit = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = 'case.warning' and subject_id = ${caseId}`);
    expect(Number(audit[0]!.n)).toBe(2);
  });

  it('sends the SMS outbox once through the transport', async () => {
    const transport = new MemoryTransport();
    const sent = await dispatchNotifications(t.database.db, clock, transport);
    expect(sent).toBeGreaterThan(0);
    expect(transport.sent[0]).toMatchObject({ channel: 'sms', address: '13811112222' });
    expect(transport.sent[0]!.body).toContain('已受理');
    expect(await dispatchNotifications(t.database.db, clock, transport)).toBe(0);
  });

  it('runs as a pg-boss job in the database', async () => {
    const transport = new MemoryTransport();
    await t.database.db.execute(sql`update cases set warning = 'none' where id = ${caseId}`);
    const runner = await startJobs(t.database, caseJobs({ db: t.database.db, clock, warningDays: 2, transport, log: () => undefined }), () => undefined);
    try {
      await runner.send('case-deadline-scan');
      for (let i = 0; i < 60 && (await warningOf(caseId)) !== 'red'; i++) await new Promise((r) => setTimeout(r, 250));
      expect(await warningOf(caseId)).toBe('red');
    } finally {
      await runner.stop();
    }
  });
});
