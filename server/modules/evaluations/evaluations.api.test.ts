/**
 * 好差评 through the HTTP API: rating a closed case once, a 差评 opening its rectification with a working-day
 * deadline across the National Day holiday, the call-back before closing, the overdue job, the invalid-rating
 * review, the window code, complaints with their reply, statistics, and who may see what.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../common/id-number';
import { queryRows } from '../../platform/db/client';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';
import { cases } from '../cases/cases.tables';
import { orgUnits } from '../org/org.tables';
import { scanOverdueRectifications } from './evaluations.jobs';

const ZHANG_MING = `13053319880315123${idNumberCheckChar('13053319880315123')}`;
const LI_JIANGUO = `13053319750608213${idNumberCheckChar('13053319750608213')}`;

let t: TestApp;
// The day before the National Day holiday (1–7 October 2026; Saturday 10 October is a make-up working day).
const clock = new TestClock(new Date('2026-09-30T09:30:00+08:00'));
const cookies: Record<string, string> = {};

async function as(role: string) {
  cookies[role] ??= await t.login(role);
  return cookies[role]!;
}

/** Moves the clock; sessions idle out across such jumps, so everyone signs in again. */
function setClock(date: Date) {
  clock.set(date);
  for (const k of Object.keys(cookies)) delete cookies[k];
}

async function api(role: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers, ...(role ? { cookie: await as(role) } : {}) };
  const res = await t.app.inject({ method, url, headers: h, payload: payload as Record<string, unknown> | undefined });
  return { status: res.statusCode, body: res.body ? res.json() : null };
}

/** A case accepted at window A01 for the applicant, through the API. */
async function acceptCase(name: string, idNumber: string): Promise<string> {
  const item = (await api(null, 'GET', '/api/public/items/WX-XK-099')).body;
  const res = await api('clerk', 'POST', '/api/cases/intake', {
    itemId: item.id,
    applicant: { kind: 'person', name, idNumber, phone: '13903190014', address: '威县洺州镇' },
    summary: '预包装食品销售',
    materials: item.materials.map((m: { id: string; requirement: string }) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
    outcome: 'accept',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** Factory: a case that has run its course (the stage-by-stage path is the cases module's test). */
async function closedCase(name = '张明', idNumber = ZHANG_MING): Promise<string> {
  const id = await acceptCase(name, idNumber);
  await t.database.db.update(cases).set({ phase: 'closed', decision: 'approved', closedAt: clock.now() }).where(eq(cases.id, id));
  return id;
}

function rate(caseId: string, level: number, extra: Record<string, unknown> = {}) {
  return api('applicant', 'POST', '/api/my/evaluations', { subject: 'case', caseId, level, ...extra });
}

async function auditCount(action: string, subjectId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where action = ${action} and subject_id = ${subjectId}`);
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
});
afterAll(() => t.close());

describe('rating a case (一事一评)', () => {
  let closedId = '';

  it('refuses a case not yet closed, and someone else’s case', async () => {
    const running = await acceptCase('张明', ZHANG_MING);
    const notClosed = await rate(running, 5);
    expect(notClosed.status).toBe(409);
    expect(notClosed.body.error.message).toBe('办件办结后才能评价。');
    const others = await closedCase('李建国', LI_JIANGUO);
    expect((await rate(others, 5)).status).toBe(404);
  });

  it('rates a closed case once, with dimensions and a comment; a second rating is refused', async () => {
    closedId = await closedCase();
    const res = await rate(closedId, 5, { dimensions: { efficiency: 5, attitude: 4 }, comment: '窗口人员热情，一次办好。' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ level: 5, levelLabel: '非常满意', channel: 'online', dimensions: { efficiency: 5, attitude: 4 }, rectification: null, evaluatorName: '张明' });
    const again = await rate(closedId, 4);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('只能评价一次');
    const mine = await api('applicant', 'GET', `/api/my/evaluations?caseId=${closedId}`);
    expect(mine.body.items).toHaveLength(1);
    expect(await auditCount('evaluation.create', res.body.id)).toBe(1);
  });

  it('also rates the window visit that took the case, answered for by the window’s unit', async () => {
    const res = await api('applicant', 'POST', '/api/my/evaluations', { subject: 'window_visit', caseId: closedId, level: 4 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ subject: 'window_visit', visitDate: '2026-09-30', levelLabel: '满意' });
    expect(res.body.windowName).toBeTruthy();
  });

  it('answers bad input with field messages in Chinese, and in English when asked', async () => {
    const zh = await rate(closedId, 7, { comment: 'x'.repeat(501), dimensions: { speed: 3 } });
    expect(zh.status).toBe(400);
    const paths = zh.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.level', 'body.comment']));
    expect(zh.body.error.fields.find((f: { path: string }) => f.path === 'body.level').message).toBe('不能大于5。');
    const en = await api('applicant', 'POST', '/api/my/evaluations', { subject: 'case', caseId: closedId, level: 0 }, { 'accept-language': 'en' });
    expect(en.body.error.fields[0].message).toBe('Must be at least 1.');
    const other = await closedCase();
    const noComment = await rate(other, 1);
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.fields).toEqual([{ path: 'body.comment', message: '差评请写明具体问题，以便核实整改。' }]);
  });
});

describe('差评整改', () => {
  let rectificationId = '';
  let unitId = '';

  it('opens a rectification with a 非常不满意, due 5 working days on across the National Day holiday', async () => {
    const caseId = await closedCase();
    const res = await rate(caseId, 1, { comment: '材料要求反复变化，跑了三趟。', dimensions: { process: 1 } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // 30 Sep + 5 working days: 8, 9, 10 (make-up Saturday), 12, 13 October.
    expect(res.body.rectification).toMatchObject({ state: 'received', deadline: '2026-10-13', isOverdue: false });
    rectificationId = res.body.rectification.id;
    const [row] = await t.database.db.select({ unit: cases.executingUnitId }).from(cases).where(eq(cases.id, caseId));
    unitId = row!.unit;
    expect(res.body.unitId).toBe(unitId);
    expect(await auditCount('rectification.open', rectificationId)).toBe(1);
  });

  it('shows the manager the evaluator’s phone for the call-back, and the county leader a masked one', async () => {
    const manager = await api('manager', 'GET', `/api/rectifications/${rectificationId}`);
    expect(manager.status).toBe(200);
    expect(manager.body.evaluation.evaluatorPhone).toMatch(/^1\d{10}$/);
    expect(manager.body.abilities).toMatchObject({ verify: true, start: false, close: false, decideReview: false });
    const county = await api('county', 'GET', `/api/rectifications/${rectificationId}`);
    expect(county.body.evaluation.evaluatorPhone).toMatch(/\*{4}/);
    expect(county.body.evaluation.evaluatorName).toBe('张*');
    expect(county.body.abilities.verify).toBe(false);
  });

  it('verifies, rectifies, and refuses to close before the call-back is recorded', async () => {
    let r = await api('manager', 'POST', `/api/rectifications/${rectificationId}/verify`, { version: 1, finding: '经核实，窗口一次性告知不到位。' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('verifying');
    const stale = await api('manager', 'POST', `/api/rectifications/${rectificationId}/start`, { version: 1, plan: '…' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    r = await api('chief', 'POST', `/api/rectifications/${rectificationId}/start`, { version: 2, plan: '修订办事指南，组织窗口人员培训。' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('rectifying');
    const early = await api('manager', 'POST', `/api/rectifications/${rectificationId}/close`, { version: 3, outcome: 'rectified', result: '已修订指南。' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('STATE_CONFLICT');
    expect(early.body.error.message).toContain('回访');
  });

  it('records the call-back (who, when, how, satisfaction) and closes as rectified on time', async () => {
    setClock(new Date('2026-10-09T10:00:00+08:00'));
    const future = await api('manager', 'POST', `/api/rectifications/${rectificationId}/callback`, { version: 3, method: 'phone', satisfaction: 4, at: '2026-10-20T10:00:00+08:00' });
    expect(future.status).toBe(400);
    expect(future.body.error.fields[0].path).toBe('body.at');
    const cb = await api('manager', 'POST', `/api/rectifications/${rectificationId}/callback`, { version: 3, method: 'phone', satisfaction: 4, note: '申请人表示认可。' });
    expect(cb.status, JSON.stringify(cb.body)).toBe(200);
    expect(cb.body.callback).toMatchObject({ method: 'phone', satisfaction: 4, satisfactionLabel: '满意', byName: '郑雪梅（中心管委会）' });
    const closed = await api('manager', 'POST', `/api/rectifications/${rectificationId}/close`, { version: 4, outcome: 'rectified', result: '已修订办事指南并培训。' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ state: 'rectified', isOverdue: false });
    expect(closed.body.abilities).toMatchObject({ verify: false, callback: false, close: false, requestReview: false });
    for (const action of ['verify', 'start', 'callback', 'close']) expect(await auditCount(`rectification.${action}`, rectificationId)).toBe(1);
  });

  it('keeps other units’ rectifications from a chief and a regulator', async () => {
    const regulator = await api('regulator', 'GET', `/api/rectifications/${rectificationId}`);
    expect(regulator.status).toBe(404);
    const list = await api('regulator', 'GET', '/api/rectifications');
    expect(list.body.items.every((i: { unitId: string }) => i.unitId !== unitId)).toBe(true);
  });
});

describe('overdue job and invalid-rating review', () => {
  let lateId = '';
  let appealedId = '';

  it('flags an open rectification overdue once its deadline has passed, tells the supervisors, audits it', async () => {
    setClock(new Date('2026-10-09T11:00:00+08:00'));
    const late = await rate(await closedCase(), 2, { comment: '等候时间过长。' });
    lateId = late.body.rectification.id;
    // 9 Oct + 5 working days: 10 (make-up), 12, 13, 14, 15 October.
    expect(late.body.rectification.deadline).toBe('2026-10-15');
    const appealed = await rate(await closedCase(), 1, { comment: '就是不满意。' });
    appealedId = appealed.body.rectification.id;

    expect(await scanOverdueRectifications(t.database.db, clock)).toBe(0);
    setClock(new Date('2026-10-16T08:00:00+08:00'));
    expect(await scanOverdueRectifications(t.database.db, clock)).toBe(2);
    expect(await scanOverdueRectifications(t.database.db, clock)).toBe(0);
    const r = await api('supervisor', 'GET', `/api/rectifications/${lateId}`);
    expect(r.body).toMatchObject({ isOverdue: true, state: 'received' });
    const notes = await api('supervisor', 'GET', '/api/my/notifications');
    expect(notes.body.items.some((n: { title: string }) => n.title.includes('整改超期'))).toBe(true);
    expect(await auditCount('rectification.overdue', lateId)).toBe(1);
    const overdue = await api('supervisor', 'GET', '/api/rectifications?overdue=true');
    expect(overdue.body.total).toBe(2);
  });

  it('judges a 差评 invalid only through a supervisor’s review with a reason, never the appellant’s own', async () => {
    const asked = await api('manager', 'POST', `/api/rectifications/${appealedId}/review-request`, { version: 2, category: 'malicious', reason: '评价内容与办件无关，系恶意差评。' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.review).toMatchObject({ status: 'requested', category: 'malicious' });
    expect(asked.body.abilities.verify).toBe(false);
    expect((await api('manager', 'POST', `/api/rectifications/${appealedId}/review-decision`, { version: 3, approve: true, reason: '同意' })).status).toBe(403);
    const noReason = await api('supervisor', 'POST', `/api/rectifications/${appealedId}/review-decision`, { version: 3, approve: true, reason: ' ' });
    expect(noReason.status).toBe(400);
    const decided = await api('supervisor', 'POST', `/api/rectifications/${appealedId}/review-decision`, { version: 3, approve: true, reason: '经调取录音核实，属恶意差评。' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ state: 'invalidated', review: { status: 'approved' } });
    expect(decided.body.evaluation.isValid).toBe(false);
    expect(await auditCount('rectification.review_approve', appealedId)).toBe(1);
    expect(await auditCount('evaluation.invalidate', decided.body.evaluation.id)).toBe(1);

    // The supervisor who appeals cannot decide the appeal.
    const own = await api('supervisor', 'POST', `/api/rectifications/${lateId}/review-request`, { version: 2, category: 'not_our_duty', reason: '属供电公司职责。' });
    expect(own.body.abilities.decideReview).toBe(false);
    const self = await api('supervisor', 'POST', `/api/rectifications/${lateId}/review-decision`, { version: 3, approve: true, reason: '同意。' });
    expect(self.status).toBe(409);
  });
});

describe('window visit code (no sign-in)', () => {
  it('lets the applicant rate a window visit once with the code from the clerk’s screen', async () => {
    const issued = await api('clerk', 'POST', '/api/evaluations/visit-tokens', { caseId: null });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const token = issued.body.token as string;
    expect(issued.body.path).toBe(`/rate/${token}`);
    const visit = await api(null, 'GET', `/api/public/evaluations/visits/${token}`);
    expect(visit.status).toBe(200);
    expect(visit.body.windowName).toBe(issued.body.windowName);
    const noPhone = await api(null, 'POST', `/api/public/evaluations/visits/${token}`, { level: 2, comment: '等了很久' });
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error.fields[0].path).toBe('body.contactPhone');
    const rated = await api(null, 'POST', `/api/public/evaluations/visits/${token}`, { level: 2, comment: '等了很久', contactPhone: '13812345678' });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(rated.body).toMatchObject({ subject: 'window_visit', channel: 'window', evaluatorPhone: '138****5678' });
    expect(rated.body.rectification.state).toBe('received');
    const reused = await api(null, 'POST', `/api/public/evaluations/visits/${token}`, { level: 5 });
    expect(reused.status).toBe(409);
  });

  it('expires the code after its minutes, and only clerks may show one', async () => {
    const issued = await api('clerk', 'POST', '/api/evaluations/visit-tokens', { caseId: null });
    clock.advance(31 * 60_000);
    expect((await api(null, 'GET', `/api/public/evaluations/visits/${issued.body.token}`)).status).toBe(409);
    expect((await api('applicant', 'POST', '/api/evaluations/visit-tokens', { caseId: null })).status).toBe(403);
  });
});

describe('settings', () => {
  it('lets the administrator change the rectification time limit, used by the next 差评', async () => {
    setClock(new Date('2026-10-19T09:00:00+08:00'));
    expect((await api('manager', 'PUT', '/api/evaluations/settings', { rectificationDays: 3, visitTokenMinutes: 30 })).status).toBe(403);
    const put = await api('admin', 'PUT', '/api/evaluations/settings', { rectificationDays: 3, visitTokenMinutes: 30 });
    expect(put.body).toEqual({ rectificationDays: 3, visitTokenMinutes: 30 });
    const res = await rate(await closedCase(), 2, { comment: '态度生硬。' });
    expect(res.body.rectification.deadline).toBe('2026-10-22');
  });
});

describe('complaints and suggestions (投诉建议)', () => {
  it('takes a complaint with a tracking number, is assigned and replied to, and the applicant reads the reply', async () => {
    const caseId = await closedCase();
    const sent = await api('applicant', 'POST', '/api/my/complaints', { kind: 'complaint', title: '窗口午休无人', content: '中午12点到窗口无人值守。', caseId });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.number).toBe('TS202610190001');
    expect(sent.body).toMatchObject({ state: 'submitted', caseId, abilities: { reply: false } });
    const others = await api('applicant', 'POST', '/api/my/complaints', { kind: 'suggestion', title: '建议', content: '…', caseId: (await acceptCase('李建国', LI_JIANGUO)) });
    expect(others.status).toBe(400);

    expect((await api('clerk', 'GET', '/api/complaints')).status).toBe(403);
    const list = await api('manager', 'GET', '/api/complaints?state=submitted');
    const mine = list.body.items.find((c: { id: string }) => c.id === sent.body.id);
    expect(mine.abilities).toEqual({ assign: true, reply: true, close: false });
    const [unit] = await t.database.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.kind, 'section')).limit(1);
    const unitId = unit!.id;
    const assigned = await api('manager', 'POST', `/api/complaints/${mine.id}/assign`, { version: 1, unitId, note: '请核实' });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.state).toBe('assigned');
    const replied = await api('supervisor', 'POST', `/api/complaints/${mine.id}/reply`, { version: 2, reply: '已落实午间弹性工作制，感谢监督。' });
    expect(replied.body.state).toBe('replied');
    const seen = await api('applicant', 'GET', `/api/my/complaints/${mine.id}`);
    expect(seen.body).toMatchObject({ state: 'replied', reply: '已落实午间弹性工作制，感谢监督。' });
    const closed = await api('manager', 'POST', `/api/complaints/${mine.id}/close`, { version: 3 });
    expect(closed.body.state).toBe('closed');
    expect(await auditCount('complaint.reply', mine.id)).toBe(1);
  });
});

describe('statistics and access', () => {
  it('counts per level, 好评率 without invalidated ratings, per unit, and the on-time rate', async () => {
    const res = await api('supervisor', 'GET', '/api/evaluations/stats');
    expect(res.status).toBe(200);
    const s = res.body;
    const count = (level: number) => s.perLevel.find((p: { level: number }) => p.level === level).count;
    // 5 and 4 (the first case and its window visit); 差评: 1 (rectified), 2 (overdue), 2 (window code), 2 (3-day
    // limit); the 1 judged invalid is left out.
    expect(count(5)).toBe(1);
    expect(count(4)).toBe(1);
    expect(count(2)).toBe(3);
    expect(count(1)).toBe(1);
    expect(s.invalidated).toBe(1);
    expect(s.total).toBe(6);
    expect(s.goodRate).toBeCloseTo(2 / 6, 4);
    expect(s.rectification).toMatchObject({ closed: 1, closedOnTime: 1, onTimeRate: 1, invalidated: 1 });
    expect(s.perUnit.length).toBeGreaterThan(0);
    expect(s.dimensions.find((d: { dimension: string }) => d.dimension === 'efficiency').average).toBe(5);
    const en = await api('supervisor', 'GET', '/api/evaluations/stats', undefined, { 'accept-language': 'en' });
    expect(en.body.perLevel[0].label).toBe('Very satisfied');
  });

  it('refuses staff lists to applicants and clerks, and narrows a regulator to their department', async () => {
    expect((await api('applicant', 'GET', '/api/evaluations')).status).toBe(403);
    expect((await api('clerk', 'GET', '/api/evaluations/stats')).status).toBe(403);
    expect((await api('manager', 'POST', '/api/my/evaluations', { subject: 'case', caseId: '00000000-0000-4000-8000-000000000000', level: 5 })).status).toBe(403);
    const all = await api('leader', 'GET', '/api/evaluations');
    expect(all.body.total).toBeGreaterThan(0);
    const regulator = await api('regulator', 'GET', '/api/evaluations/stats');
    expect(regulator.body.total).toBe(0);
  });
});
