/** 办件进度查询 without signing in: the case number with the applicant's phone or ID number, nothing more. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../common/id-number';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';

const APPLICANT_ID = `13053319900101234${idNumberCheckChar('13053319900101234')}`;
let t: TestApp;
let number: string;
const clock = new TestClock(new Date('2026-04-14T10:00:00+08:00'));

async function query(payload: unknown, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/api/public/case-progress', payload: payload as Record<string, unknown>, headers });
  return { status: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
  const item = (await t.app.inject({ method: 'GET', url: '/api/public/items/WX-XK-099' })).json();
  const cookie = await t.login('clerk');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases/intake',
    headers: { cookie },
    payload: {
      itemId: item.id,
      applicant: { kind: 'person', name: '王秀兰', idNumber: APPLICANT_ID, phone: '13512345678', address: '威县方家营镇' },
      materials: item.materials.map((m: { id: string; requirement: string }) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
      outcome: 'accept',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  number = res.json().number;
});
afterAll(() => t.close());

describe('public progress query', () => {
  it('answers the number with the phone: masked name, the clock, public events in words', async () => {
    const res = await query({ number, credential: '13512345678' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number, itemCode: 'WX-XK-099', applicant: '王**', phase: 'in_progress', decision: null, certificates: [] });
    expect(res.body.clock).toMatchObject({ status: 'running', dueDate: '2026-04-28' });
    expect(res.body.events.map((e: { text: string }) => e.text).join('')).toContain('已受理');
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(APPLICANT_ID);
    expect(text).not.toContain('13512345678');
  });

  it('answers the number with the ID number too (lower-case x and spaces forgiven), and in English on request', async () => {
    const res = await query({ number, credential: ` ${APPLICANT_ID.toLowerCase()} ` }, { 'accept-language': 'en' });
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { text: string }) => e.text).join(' ')).toMatch(/Accepted/);
  });

  it('answers a wrong pair exactly like an unknown number', async () => {
    const wrong = await query({ number, credential: '13512345679' });
    const unknown = await query({ number: '130533-20260414-9999', credential: '13512345678' });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('answers a credential with as many characters as the phone but more bytes like any wrong pair (was a 500, found by fuzzing)', async () => {
    // Eleven Chinese characters: the length of a mobile number in characters, three times it in bytes.
    const res = await t.app.inject({ method: 'POST', url: '/api/public/case-progress', payload: { number, credential: '申请张明食品经营洺州镇' }, remoteAddress: '192.0.2.10' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('rejects a malformed number with the field named', async () => {
    const res = await query({ number: '12345', credential: '13512345678' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toContain('number');
  });

  it('limits an address to 10 queries a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await query({ number, credential: '13512345678' })).status);
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses).toContain(429);
  });
});
