/**
 * The case lifecycle through the HTTP API, on the real calendar: 一窗受理 → 内部流转 → 限时办结 → 统一发证.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../common/id-number';
import { inTransaction, queryRows } from '../../platform/db/client';
import { verifyAuditChain } from '../../platform/audit/audit';
import { intakeLookupStats } from './cases.lookups';
import { intakeWriter } from './cases.service';
import { darkShare, pdfToText, renderPageGray } from '../../platform/pdf/poppler';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';
import { itemMaterials, items } from '../catalog/catalog.tables';

const APPLICANT_ID = `13053319880315123${idNumberCheckChar('13053319880315123')}`;

interface Material {
  id: string;
  name: string;
  requirement: 'required' | 'conditional';
}

let t: TestApp;
const clock = new TestClock(new Date('2026-03-10T09:30:00+08:00'));
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

async function api(role: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const headers: Record<string, string> = role ? { cookie: await as(role) } : {};
  const res = await t.app.inject({ method, url, headers, payload: payload as Record<string, unknown> | undefined });
  return { status: res.statusCode, body: res.body ? res.json() : null };
}

async function itemOf(code: string): Promise<{ id: string; materials: Material[]; promisedLimitDays: number }> {
  return (await api(null, 'GET', `/api/public/items/${code}`)).body;
}

function allReceived(materials: Material[]) {
  return materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' }));
}

function intakeBody(itemId: string, materials: unknown[], extra: Record<string, unknown> = {}) {
  return {
    itemId,
    applicant: { kind: 'person', name: '张明', idNumber: APPLICANT_ID, phone: '13903190014', address: '威县洺州镇' },
    summary: '威县洺州镇好味食品店',
    materials,
    outcome: 'accept',
    ...extra,
  };
}

/** Completes the first open task the role can work on, claiming it first. */
async function work(role: string, caseId: string, outcome: 'approve' | 'return' | 'reject' = 'approve', opinion = '符合规定，同意。') {
  const inbox = await api(role, 'GET', '/api/tasks?limit=200');
  expect(inbox.status).toBe(200);
  const entry = inbox.body.items.find((i: { case: { id: string } }) => i.case.id === caseId);
  expect(entry, `${role} has a task on the case`).toBeDefined();
  const claimed = await api(role, 'POST', `/api/tasks/${entry.task.id}/claim`, { version: entry.task.version });
  expect(claimed.status).toBe(200);
  const done = await api(role, 'POST', `/api/tasks/${entry.task.id}/complete`, { version: claimed.body.version, outcome, opinion });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.body;
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
});
afterAll(() => t.close());

describe('受理 at the window, 内部流转, 限时办结 and 统一发证', () => {
  let caseId: string;

  it('accepts a complete application: number, promised date on the working-day calendar, the first task', async () => {
    const item = await itemOf('WX-XK-099');
    const res = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials)));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const c = res.body;
    caseId = c.id;
    expect(c.number).toBe('130533-20260310-0001');
    expect(c.phase).toBe('in_progress');
    expect(c.acceptedOn).toBe('2026-03-10');
    // 10 working days after Tuesday 10 March (the day of acceptance not counted): 24 March.
    expect(c.dueDate).toBe('2026-03-24');
    expect(c.clock).toMatchObject({ status: 'running', promisedDays: 10, remainingDays: 10 });
    expect(c.firstResponder.name).toContain('李晓梅');
    expect(c.openStageIds).toEqual(['review']);
    expect(c.tasks[0]).toMatchObject({ key: 'review', role: 'reviewer', unitName: '市场准入科', status: 'open' });
    expect(c.applicant.idNumber).toBe(APPLICANT_ID);
  });

  it('shows the applicant their case with the promised date, ID number in full, no internal tasks', async () => {
    const mine = await api('applicant', 'GET', '/api/cases');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(caseId);
    const detail = await api('applicant', 'GET', `/api/cases/${caseId}`);
    expect(detail.body).toMatchObject({ dueDate: '2026-03-24', tasks: [] });
    expect(detail.body.events.some((e: { text: string }) => e.text.includes('承诺办结日期 2026-03-24'))).toBe(true);
    const notes = await api('applicant', 'GET', '/api/my/notifications');
    expect(notes.status).toBe(200);
    expect(notes.body.items[0].body).toContain('已受理');
  });

  it('masks the applicant for a reviewer and hides the case from another section', async () => {
    const reviewer = await api('reviewer', 'GET', `/api/cases/${caseId}`);
    expect(reviewer.body.applicant.idNumber).toMatch(/^1305\*{10}/);
    expect(reviewer.body.applicant.phone).toBe('139****0014');
    const regulator = await api('regulator', 'GET', `/api/cases/${caseId}`);
    expect(regulator.status).toBe(404);
  });

  it('lets only one of two staff act on the same task: the other gets 409', async () => {
    const inbox = await api('reviewer', 'GET', '/api/tasks');
    const task = inbox.body.items.find((i: { case: { id: string } }) => i.case.id === caseId).task;
    const [a, b] = await Promise.all([
      api('reviewer', 'POST', `/api/tasks/${task.id}/claim`, { version: task.version }),
      api('chief', 'POST', `/api/tasks/${task.id}/claim`, { version: task.version }),
    ]);
    // The chief holds no reviewer role: refused outright. Two claims by the reviewer's version: one wins.
    expect([a.status, b.status].sort()).toEqual([200, 403]);
    const again = await api('reviewer', 'POST', `/api/tasks/${task.id}/claim`, { version: task.version });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('circulates inside the bureau to the decision, the certificate and closure', async () => {
    let c = await work('reviewer', caseId);
    expect(c.openStageIds).toEqual(['inspection']);
    c = await work('reviewer', caseId, 'approve', '现场勘验：布局合理，设施符合要求。');
    expect(c.openStageIds).toEqual(['check']);
    c = await work('chief', caseId);
    expect(c.openStageIds).toEqual(['decision']);
    c = await work('leader', caseId, 'approve', '准予许可。');
    expect(c.decision).toBe('approved');
    expect(c.openStageIds).toEqual(['certificate']);
    await work('issuer', caseId, 'approve', '证照已制作。');
    c = await work('issuer', caseId, 'approve', '申请人现场领取。');
    expect(c.phase).toBe('closed');
    expect(c.clock.status).toBe('ended');
    const timeline = c.events.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['accepted', 'opinion', 'decided', 'closed']));
    const applicantView = await api('applicant', 'GET', `/api/cases/${caseId}`);
    expect(applicantView.body.events.map((e: { text: string }) => e.text)).toContain('作出准予许可决定。');
    expect(applicantView.body.events.some((e: { type: string }) => e.type === 'opinion')).toBe(false);
  });

  it('prints the acceptance notice and the time-limit card as Chinese PDFs with the case\'s data', async () => {
    const cookie = await as('clerk');
    const notice = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/acceptance-notice`, headers: { cookie } });
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toBe('application/pdf');
    const text = await pdfToText(notice.rawPayload);
    for (const s of ['受理通知书', '食品经营许可', 'WX-XK-099', '2026年3月24日', '威县行政审批局']) expect(text.replace(/\s+/g, '')).toContain(s.replace(/\s+/g, ''));
    const page = await renderPageGray(notice.rawPayload, 1, 40);
    expect(darkShare(page, { x: 0, y: 0, width: page.width, height: Math.floor(page.height / 5) })).toBeGreaterThan(0.002);
    const card = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/time-limit-card`, headers: { cookie } });
    expect(card.statusCode).toBe(200);
    expect((await pdfToText(card.rawPayload)).replace(/\s+/g, '')).toContain('限时办结卡');
    const english = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/acceptance-notice`, headers: { cookie, 'accept-language': 'en' } });
    expect((await pdfToText(english.rawPayload)).replace(/\s+/g, ' ')).toMatch(/Acceptance/i);
    const none = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/refusal-notice`, headers: { cookie } });
    expect(none.statusCode).toBe(409);
    const stranger = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/acceptance-notice`, headers: { cookie: await as('regulator') } });
    expect(stranger.statusCode).toBe(404);
  });

  it('wrote one audit entry per transition', async () => {
    const audit = await api('admin', 'GET', `/api/audit/events?subjectType=case&subjectId=${caseId}&limit=100`);
    const actions = audit.body.items.map((e: { action: string }) => e.action).reverse();
    expect(actions).toEqual(['case.accept', 'case.stage.approve', 'case.stage.approve', 'case.stage.approve', 'case.stage.approve', 'case.stage.approve', 'case.stage.approve']);
  });
});

describe('一次性告知 and 不予受理', () => {
  it('issues a one-time notice that lists every missing material; the clock does not start; any window completes it', async () => {
    const item = await itemOf('WX-XK-088');
    const required = item.materials.filter((m) => m.requirement === 'required');
    const materials = allReceived(item.materials).map((m, i) =>
      m.itemMaterialId === required[0]!.id ? { ...m, status: 'missing', note: '未提交' } : m.itemMaterialId === required[1]!.id ? { ...m, status: 'defective', note: '复印件不清晰，需提供原件核验' } : { ...m, note: `#${i}` },
    );
    const notice = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, materials, { outcome: 'request_materials' }));
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    expect(notice.body).toMatchObject({ phase: 'awaiting_materials', dueDate: null, acceptedOn: null });
    expect(notice.body.clock.status).toBe('not_started');
    const listed = notice.body.materials.filter((m: { status: string }) => m.status !== 'received' && m.status !== 'not_applicable');
    expect(listed.map((m: { name: string }) => m.name)).toEqual([required[0]!.name, required[1]!.name]);

    const accepting = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, materials));
    expect(accepting.status).toBe(400);
    expect(accepting.body.error.fields.some((f: { message: string }) => f.message.includes('一次性告知单'))).toBe(true);

    setClock(new Date(clock.now().getTime() + 2 * 24 * 3600_000));
    const done = await api('clerk', 'POST', `/api/cases/${notice.body.id}/intake`, { version: notice.body.version, materials: allReceived(item.materials), outcome: 'accept' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ phase: 'in_progress', number: notice.body.number, acceptedOn: '2026-03-12' });
  });

  it('prints the one-time notice listing what is missing', async () => {
    const item = await itemOf('WX-XK-088');
    const required = item.materials.filter((m) => m.requirement === 'required');
    const materials = allReceived(item.materials).map((m) => (m.itemMaterialId === required[0]!.id ? { ...m, status: 'missing', note: '未提交' } : m));
    const notice = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, materials, { outcome: 'request_materials' }));
    const pdf = await t.app.inject({ method: 'GET', url: `/api/cases/${notice.body.id}/documents/correction-notice`, headers: { cookie: await as('clerk') } });
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfToText(pdf.rawPayload)).replace(/\s+/g, '');
    expect(text).toContain('一次性告知单');
    expect(text).toContain(required[0]!.name.replace(/\s+/g, '').slice(0, 8));
  });

  it('refuses with a reason (不予受理) and needs one', async () => {
    const item = await itemOf('WX-XK-088');
    const noReason = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials), { outcome: 'refuse' }));
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0].path).toBe('body.refusalReason');
    const refused = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials), { outcome: 'refuse', refusalReason: '申请事项依法不需要取得行政许可。' }));
    expect(refused.status).toBe(201);
    expect(refused.body).toMatchObject({ phase: 'refused', refusalReason: '申请事项依法不需要取得行政许可。' });
    const pdf = await t.app.inject({ method: 'GET', url: `/api/cases/${refused.body.id}/documents/refusal-notice`, headers: { cookie: await as('clerk') } });
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfToText(pdf.rawPayload)).replace(/\s+/g, '');
    expect(text).toContain('不予受理通知书');
    expect(text).toContain('申请事项依法不需要取得行政许可');
    expect(text).toContain('行政复议');
  });

  it('rejects a wrong ID number with the GB 11643 message, and the case number is not used up', async () => {
    const item = await itemOf('WX-XK-088');
    const before = await api('clerk', 'GET', '/api/cases?limit=1&order=recent');
    const bad = await api('clerk', 'POST', '/api/cases/intake', {
      ...intakeBody(item.id, allReceived(item.materials)),
      applicant: { kind: 'person', name: '王五', idNumber: `${APPLICANT_ID.slice(0, 17)}${APPLICANT_ID[17] === '1' ? '2' : '1'}`, phone: '13800000000' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toContainEqual({ path: 'body.applicant.idNumber', message: '身份证号码校验码错误，请核对后重新输入。' });
    const good = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials)));
    const lastNumber = Number(before.body.items[0].number.slice(-4));
    expect(Number(good.body.number.slice(-4))).toBe(lastNumber + 1);
  });
});

describe('即办件 decided on the spot', () => {
  it('accepts and closes in one request', async () => {
    const list = await api(null, 'GET', `/api/public/items?processingClass=${encodeURIComponent('即办件')}&scope=bureau&limit=1`);
    const item = await itemOf(list.body.items[0].code);
    const res = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials), { decideNow: true }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ phase: 'closed', decision: 'approved', dueDate: res.body.acceptedOn });
  });
});

describe('the clock across holidays, corrections and the extension', () => {
  it('gets the legally right due date across Spring Festival and National Day 2026', async () => {
    const item = await itemOf('WX-XK-099');
    setClock(new Date('2026-02-10T10:00:00+08:00'));
    const spring = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials)));
    // 11, 12, 13, Sat 14 (调休上班), [15–23 春节], 24, 25, 26, 27, Sat 28 (调休上班), Mon 2 March = 10.
    expect(spring.body.dueDate).toBe('2026-03-02');
    setClock(new Date('2026-09-28T10:00:00+08:00'));
    const national = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials)));
    // 29, 30, [1–7 国庆], 8, 9, Sat 10 (调休上班), 12, 13, 14, 15, 16 = 10.
    expect(national.body.dueDate).toBe('2026-10-16');
    expect(national.body.number).toBe('130533-20260928-0001');
  });

  it('stops for a correction and adds the working days it took; extends once with the leader\'s approval', async () => {
    setClock(new Date('2026-04-13T10:00:00+08:00'));
    const item = await itemOf('WX-XK-099');
    const c = (await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials)))).body;
    expect(c.dueDate).toBe('2026-04-27');
    const inbox = await api('reviewer', 'GET', '/api/tasks?limit=200');
    const task = inbox.body.items.find((i: { case: { id: string } }) => i.case.id === c.id).task;
    const suspended = await api('reviewer', 'POST', `/api/tasks/${task.id}/correction`, {
      version: task.version,
      opinion: '平面图与现场不一致。',
      items: [{ name: '经营场所平面布局图', note: '请按实际布局重新绘制并标注面积' }],
    });
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(suspended.body).toMatchObject({ phase: 'suspended', dueDate: null });
    expect(suspended.body.clock).toMatchObject({ status: 'suspended', suspension: { reason: 'correction', since: '2026-04-13' } });
    setClock(new Date('2026-04-16T15:00:00+08:00'));
    const resumed = await api('clerk', 'POST', `/api/cases/${c.id}/correction`, { version: suspended.body.version, materials: [], note: '已重新提交平面布局图' });
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    // 14, 15, 16 April: three working days not counted.
    expect(resumed.body.clock).toMatchObject({ status: 'running', suspendedDays: 3 });
    expect(resumed.body.dueDate).toBe('2026-04-30');

    const open = (await api('reviewer', 'GET', '/api/tasks?limit=200')).body.items.find((i: { case: { id: string } }) => i.case.id === c.id).task;
    const asked = await api('reviewer', 'POST', `/api/tasks/${open.id}/extension`, { version: open.version, reason: '需组织专家对设施布局进行论证' });
    expect(asked.status).toBe(200);
    const leaderTask = (await api('leader', 'GET', '/api/tasks?limit=200')).body.items.find((i: { case: { id: string }; task: { kind: string } }) => i.case.id === c.id && i.task.kind === 'extension_approval').task;
    const approved = await api('leader', 'POST', `/api/tasks/${leaderTask.id}/extension-decision`, { version: leaderTask.version, approve: true, opinion: '同意延期十个工作日。' });
    expect(approved.status).toBe(200);
    // 2026-04-30 + 10 working days across 劳动节 (1–5 May off, Sat 9 May a workday): 6, 7, 8, 9, 11, 12, 13, 14, 15, 18.
    expect(approved.body.dueDate).toBe('2026-05-18');
    expect(approved.body.clock.extensionDays).toBe(10);
    const applicantView = await api('applicant', 'GET', `/api/cases/${c.id}`);
    expect(applicantView.body.events.some((e: { text: string }) => e.text.includes('需组织专家对设施布局进行论证'))).toBe(true);
    const again = await api('reviewer', 'POST', `/api/tasks/${open.id}/extension`, { version: open.version + 1, reason: '再次延期' });
    expect([409]).toContain(again.status);
  });

  it('lists overdue cases for supervisors, not for reviewers', async () => {
    setClock(new Date('2026-06-01T10:00:00+08:00'));
    const overdue = await api('supervisor', 'GET', '/api/cases/overdue');
    expect(overdue.status).toBe(200);
    expect(overdue.body.total).toBeGreaterThan(0);
    for (const c of overdue.body.items) expect(c.dueDate < '2026-06-01').toBe(true);
    expect((await api('reviewer', 'GET', '/api/cases/overdue')).status).toBe(403);
  });
});

describe('numbers under concurrent intake', () => {
  it('hands out consecutive numbers with no gap and no duplicate', async () => {
    setClock(new Date('2026-07-01T09:00:00+08:00'));
    const item = await itemOf('WX-XK-088');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api('clerk', 'POST', '/api/cases/intake', i % 4 === 3 ? { ...intakeBody(item.id, allReceived(item.materials)), applicant: { kind: 'person', name: 'x', idNumber: '123', phone: '13800000000' } } : intakeBody(item.id, allReceived(item.materials))),
      ),
    );
    const numbers = results.filter((r) => r.status === 201).map((r) => r.body.number as string).sort();
    expect(numbers).toHaveLength(9);
    expect(numbers).toEqual(Array.from({ length: 9 }, (_, i) => `130533-20260701-${String(i + 1).padStart(4, '0')}`));
  });

  it('writes concurrent intakes in group commits: each case whole, with its own audit entry, and the chain intact', async () => {
    setClock(new Date('2026-07-06T09:00:00+08:00'));
    const item = await itemOf('WX-XK-100');
    const writer = intakeWriter(t.database.db);
    const before = { ...writer.stats };
    // Held until all sixteen wait, so that they go as one group whatever the timing of the checks before.
    const release = writer.hold();
    const sent = Promise.all(Array.from({ length: 16 }, () => api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials)))));
    await expect.poll(() => writer.waiting, { timeout: 10_000 }).toBe(16);
    release();
    const results = await sent;
    expect(results.map((r) => r.status)).toEqual(Array(16).fill(201));
    expect({ groups: writer.stats.groups - before.groups, writes: writer.stats.writes - before.writes }).toEqual({ groups: 1, writes: 16 });
    for (const r of results) {
      // The answer is the case as stored: its tasks, checklist and timeline, read back after the group committed.
      expect(r.body).toMatchObject({ phase: 'in_progress', acceptedOn: '2026-07-06', dueDate: expect.any(String) });
      expect(r.body.tasks.filter((x: { status: string }) => x.status === 'open')).toHaveLength(1);
      expect(r.body.materials.length).toBe(item.materials.length);
      expect(r.body.events.map((e: { type: string }) => e.type)).toContain('accepted');
    }
    const audit = await queryRows<{ subject_id: string; version: number; number: string }>(
      t.database.db,
      sql`select subject_id, (summary->'after'->>'version')::int as version, summary->'after'->>'number' as number from audit_events
          where action = 'case.accept' and subject_id in (${sql.join(results.map((r) => sql`${r.body.id as string}`), sql`, `)})`,
    );
    expect(audit).toHaveLength(16);
    for (const r of results) expect(audit.find((a) => a.subject_id === r.body.id)).toMatchObject({ version: r.body.version, number: r.body.number });
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});

describe('lookups of concurrent intakes', () => {
  it('reads them together and gives each intake its own item, applicant and account', async () => {
    setClock(new Date('2026-07-07T09:00:00+08:00'));
    const [a, b] = [await itemOf('WX-XK-100'), await itemOf('WX-XK-099')];
    const otherBody = '13053319750402231';
    const other = { kind: 'person', name: '李秀英', idNumber: otherBody + idNumberCheckChar(otherBody), phone: '13903191021', address: '威县洺州镇' };
    const bodies = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? intakeBody(a.id, allReceived(a.materials)) : intakeBody(b.id, allReceived(b.materials), { applicant: other }),
    );
    // One request first, so that the session's last-seen time is fresh and the burst does not write it twelve times.
    expect((await api('clerk', 'GET', '/api/auth/me')).status).toBe(200);
    const before = { ...intakeLookupStats(t.database.db) };
    const results = await Promise.all(bodies.map((body) => api('clerk', 'POST', '/api/cases/intake', body)));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const after = intakeLookupStats(t.database.db);
    expect(after.keys - before.keys).toBe(12);
    // On PostgreSQL, twelve lookups in fewer statements: those that arrived while one ran went together in the
    // next. The embedded database runs each statement through before the next request gets to its lookups.
    if (t.database.kind === 'postgres') expect(after.batches - before.batches).toBeLessThan(12);
    const accounts = await queryRows<{ id: string; applicant_account_id: string | null }>(
      t.database.db,
      sql`select id, applicant_account_id from cases where id in (${sql.join(results.map((r) => sql`${r.body.id as string}`), sql`, `)})`,
    );
    for (const [i, r] of results.entries()) {
      const mine = i % 2 === 0;
      expect(r.body).toMatchObject({ itemId: mine ? a.id : b.id, applicantName: mine ? '张明' : '李秀英' });
      expect(r.body.materials.length).toBe((mine ? a : b).materials.length);
      // The demo applicant has an account, so the case shows in 我的办件; the other applicant has none.
      const account = accounts.find((c) => c.id === r.body.id)!.applicant_account_id;
      if (mine) expect(account).not.toBeNull();
      else expect(account).toBeNull();
    }
  });
});

describe('the catalogue as intake sees it', () => {
  it('follows a change to an item\'s materials committed elsewhere at once (cached lists follow the item version)', async () => {
    setClock(new Date('2026-07-02T09:00:00+08:00'));
    const item = await itemOf('WX-XK-100');
    const first = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials)));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // What another process sharing the database does: a new required material, the item's version bumped with it.
    const added = await inTransaction(t.database.db, async (tx) => {
      await tx.update(items).set({ version: sql`${items.version} + 1`, updatedAt: sql`now()` }).where(eq(items.id, item.id));
      const [row] = await tx.insert(itemMaterials).values({ itemId: item.id, sort: 99, name: '补充说明材料', form: 'original', requirement: 'required' }).returning();
      return row!;
    });
    const stale = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials)));
    expect(stale.status).toBe(400);
    const fresh = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, [...allReceived(item.materials), { itemMaterialId: added.id, status: 'received' }]));
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    expect(fresh.body.materials.map((m: { name: string }) => m.name)).toContain('补充说明材料');
  });
});

describe('承诺办理 and 先审后验', () => {
  it('decides on the written commitment, then the reviewer verifies after closure', async () => {
    setClock(new Date('2026-08-03T09:00:00+08:00'));
    const item = await itemOf('WX-XK-099');
    const c = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials), { commitment: true }));
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ commitment: true, openStageIds: ['decision'] });
    await work('leader', c.body.id, 'approve', '依申请人承诺准予许可。');
    await work('issuer', c.body.id);
    const closed = await work('issuer', c.body.id);
    expect(closed.phase).toBe('closed');
    const verification = closed.tasks.find((x: { kind: string; status: string }) => x.kind === 'verification' && x.status === 'open');
    expect(verification).toMatchObject({ role: 'reviewer', unitName: '市场准入科' });
    const claimed = await api('reviewer', 'POST', `/api/tasks/${verification.id}/claim`, { version: verification.version });
    const verified = await api('reviewer', 'POST', `/api/tasks/${verification.id}/verification`, { version: claimed.body.version, confirmed: true, opinion: '现场核查与承诺一致。' });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.events.some((e: { type: string }) => e.type === 'verified')).toBe(true);
  });

  it('refuses a commitment for an item that does not allow one', async () => {
    const item = await itemOf('WX-XK-024');
    const res = await api('clerk', 'POST', '/api/cases/intake', intakeBody(item.id, allReceived(item.materials), { commitment: true }));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('该事项不实行告知承诺办理。');
  });
});

describe('online application (网上申报 and 网上预审)', () => {
  it('applies online, gets the one-time notice, completes it and is accepted by a window', async () => {
    setClock(new Date('2026-08-10T09:00:00+08:00'));
    const item = await itemOf('WX-XK-099');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const boundary = '----owcase';
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { cookie: await as('applicant'), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="申请书.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode).toBe(201);
    const file = upload.json();
    const required = item.materials.filter((m) => m.requirement === 'required');
    // Everything but the last required material.
    const materials = required.slice(0, -1).map((m) => ({ itemMaterialId: m.id, fileSha256: file.sha256, fileName: `${m.name}.pdf` }));
    const applied = await api('applicant', 'POST', '/api/my/applications', { itemId: item.id, summary: '网上申请食品经营许可', materials, submit: true });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({ phase: 'submitted', channel: 'online' });
    // The clerk finds it in the acceptance queue (网上预审) and sends the one-time notice.
    const inbox = await api('clerk', 'GET', '/api/tasks?limit=200');
    expect(inbox.body.items.some((i: { case: { id: string }; task: { kind: string } }) => i.case.id === applied.body.id && i.task.kind === 'acceptance')).toBe(true);
    const notice = await api('clerk', 'POST', `/api/cases/${applied.body.id}/intake`, {
      version: applied.body.version,
      materials: [
        ...materials.map((m) => ({ itemMaterialId: m.itemMaterialId, status: 'received' })),
        { itemMaterialId: required.at(-1)!.id, status: 'missing', note: '未上传' },
      ],
      outcome: 'request_materials',
    });
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);
    expect(notice.body.phase).toBe('awaiting_materials');
    // The applicant completes it online.
    const own = await api('applicant', 'GET', `/api/cases/${applied.body.id}`);
    const completed = await api('applicant', 'PUT', `/api/my/applications/${applied.body.id}`, {
      version: own.body.version,
      summary: '网上申请食品经营许可（已补齐）',
      materials: required.map((m) => ({ itemMaterialId: m.id, fileSha256: file.sha256, fileName: `${m.name}.pdf` })),
      submit: true,
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body.phase).toBe('submitted');
    const accepted = await api('clerk', 'POST', `/api/cases/${applied.body.id}/intake`, {
      version: completed.body.version,
      materials: completed.body.materials.filter((m: { itemMaterialId: string | null }) => m.itemMaterialId).map((m: { itemMaterialId: string; required: boolean }) => ({ itemMaterialId: m.itemMaterialId, status: m.required ? 'received' : 'not_applicable' })),
      outcome: 'accept',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ phase: 'in_progress', acceptedOn: '2026-08-10' });
    // Someone else's case stays invisible to this applicant.
    const other = await api('applicant', 'GET', `/api/cases?limit=200`);
    for (const c of other.body.items) expect(c.applicantName).toBe('张明');
    const file404 = await api('regulator', 'GET', `/api/cases/${applied.body.id}/materials/${completed.body.materials[0].id}/file`);
    expect(file404.status).toBe(404);
    const download = await t.app.inject({ method: 'GET', url: `/api/cases/${applied.body.id}/materials/${completed.body.materials[0].id}/file`, headers: { cookie: await as('reviewer') } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });
});
