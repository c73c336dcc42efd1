/**
 * The full path of each re-engineered flow (R10) through the API, with staff of every section the flow
 * involves: parallel steps, a special procedure that stops the clock, the decision and the certificate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCreditCode } from '../../../common/credit-code';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';

let t: TestApp;
const clock = new TestClock(new Date('2026-05-11T09:00:00+08:00'));
const sessions = new Map<string, string>();
const created = new Set<string>();
let admin = '';

beforeAll(async () => {
  t = await buildTestApp({ clock });
  admin = await t.login('admin');
});
afterAll(() => t.close());

async function call(cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: { cookie }, payload: payload as Record<string, unknown> | undefined });
  return { status: res.statusCode, body: res.json() };
}

/** A signed-in staff member with this role in this unit (created on first use, like a real section's staff). */
async function staff(role: string, unitId: string | null): Promise<string> {
  const key = `${role}@${unitId ?? '-'}`;
  const known = sessions.get(key);
  if (known) return known;
  const username = `${role}-${(unitId ?? 'county').slice(0, 8)}`;
  if (!created.has(username)) {
    const res = await call(admin, 'POST', '/api/accounts', {
      username,
      displayName: `${role} ${username}`,
      roles: [role],
      password: 'Initial123',
      ...(unitId ? { orgUnitId: unitId } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    created.add(username);
  }
  const cookie = await t.login(username, 'Initial123');
  sessions.set(key, cookie);
  return cookie;
}

/** Works every open task of the case until it closes; returns the order in which stages were completed. */
async function driveToClose(caseId: string, clerk: string): Promise<{ order: string[][]; detail: Record<string, unknown> }> {
  const order: string[][] = [];
  for (let round = 0; round < 20; round++) {
    const detail = (await call(clerk, 'GET', `/api/cases/${caseId}`)).body;
    if (detail.phase === 'closed') return { order, detail };
    const open = detail.tasks.filter((task: { status: string }) => task.status === 'open');
    expect(open.length, `round ${round}: open tasks in phase ${detail.phase}`).toBeGreaterThan(0);
    order.push(open.map((task: { key: string }) => task.key).sort());
    for (const task of open) {
      const cookie = await staff(task.role, task.unitId);
      const claimed = await call(cookie, 'POST', `/api/tasks/${task.id}/claim`, { version: task.version });
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
      const done = await call(cookie, 'POST', `/api/tasks/${task.id}/complete`, { version: claimed.body.version, outcome: 'approve', opinion: `${task.name}：同意。` });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
  }
  throw new Error('the flow did not close');
}

async function accept(code: string, applicant: Record<string, unknown>, form: Record<string, unknown> = {}) {
  const clerk = await t.login('clerk');
  const item = (await t.app.inject({ method: 'GET', url: `/api/public/items/${code}` })).json();
  const res = await call(clerk, 'POST', '/api/cases/intake', {
    itemId: item.id,
    applicant,
    form,
    materials: item.materials.map((m: { id: string; requirement: string }) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
    outcome: 'accept',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { c: res.body, clerk };
}

const company = { kind: 'enterprise', name: '威县恒达农业机械有限公司', idNumber: composeCreditCode('9', '1', '130533', 'MA0D2K4L'), phone: '13833334444' };

describe('the four re-engineered flows (R10)', () => {
  it('一照一码: review, then credit code and tax data in parallel, decision, licence — all on the day of acceptance', async () => {
    // The registration item takes its 登记信息 (server/modules/registration).
    const { c, clerk } = await accept('WX-XK-096', company, {
      kind: 'establish',
      enterpriseName: '威县恒达农机销售有限公司',
      entityType: '有限责任公司',
      legalRepName: '孙海军',
      legalRepIdNumber: '130533197905063117',
      registeredCapital: 100,
      townshipCode: '130533100',
      address: '洺州镇建设街18号',
      businessScope: '农业机械销售、维修。',
    });
    expect(c.definition.key).toBe('flow:one-licence-one-code');
    expect(c.dueDate).toBe(c.acceptedOn);
    const { order, detail } = await driveToClose(c.id, clerk);
    expect(order).toEqual([['registration_review'], ['credit_code', 'tax_share'], ['decision'], ['certificate'], ['delivery']]);
    expect(detail).toMatchObject({ phase: 'closed', decision: 'approved' });
  });

  it('企业设立登记: five sequential steps within the promised seven working days', async () => {
    const { c, clerk } = await accept('WX-XK-098', company);
    expect(c.definition.key).toBe('flow:enterprise-establishment');
    const { order } = await driveToClose(c.id, clerk);
    expect(order.flat()).toEqual(['name_check', 'registration_review', 'chief_check', 'decision', 'certificate', 'delivery']);
  });

  it('企业投资项目: parallel opinions of three sections, joint survey, a commissioned assessment that stops the clock', async () => {
    const { c } = await accept('WX-XK-001', company);
    expect(c.definition.key).toBe('flow:enterprise-investment');
    const promised = c.dueDate;
    let detail = c;
    // Drive up to the assessment, then let it take five working days.
    for (const expected of [['project_review'], ['energy_opinion', 'land_opinion', 'water_opinion'], ['joint_survey']]) {
      const open = detail.tasks.filter((task: { status: string }) => task.status === 'open');
      expect(open.map((task: { key: string }) => task.key).sort()).toEqual(expected);
      for (const task of open) {
        const cookie = await staff(task.role, task.unitId);
        const claimed = await call(cookie, 'POST', `/api/tasks/${task.id}/claim`, { version: task.version });
        detail = (await call(cookie, 'POST', `/api/tasks/${task.id}/complete`, { version: claimed.body.version, outcome: 'approve', opinion: '同意。' })).body;
      }
    }
    expect(detail.phase).toBe('suspended');
    expect(detail.clock.suspension.reason).toBe('expert_review');
    clock.set(new Date('2026-05-18T09:00:00+08:00')); // Monday a week later: 12–15 and 18 May, five working days
    // Sessions idle out over a week: everyone signs in again.
    sessions.clear();
    admin = await t.login('admin');
    const assessment = detail.tasks.find((task: { key: string; status: string }) => task.key === 'assessment' && task.status === 'open');
    const cookie = await staff(assessment.role, assessment.unitId);
    const claimed = await call(cookie, 'POST', `/api/tasks/${assessment.id}/claim`, { version: assessment.version });
    detail = (await call(cookie, 'POST', `/api/tasks/${assessment.id}/complete`, { version: claimed.body.version, outcome: 'approve', opinion: '评估报告结论可行。' })).body;
    expect(detail.phase).toBe('in_progress');
    expect(detail.clock.suspendedDays).toBe(5);
    expect(detail.dueDate > promised).toBe(true);
    const { order } = await driveToClose(c.id, await t.login('clerk'));
    expect(order.flat()).toEqual(['chief_check', 'decision', 'certificate', 'delivery']);
  });

  it('政府投资项目: parallel land, environment and funding reviews, expert review, decision and approval document', async () => {
    const { c, clerk } = await accept('WX-QT-001', { kind: 'enterprise', name: '威县教育和体育局', idNumber: composeCreditCode('1', '1', '130533', '00000001'), phone: '13833335555' });
    expect(c.definition.key).toBe('flow:government-investment');
    const { order, detail } = await driveToClose(c.id, clerk);
    expect(order).toEqual([['project_review'], ['env_opinion', 'funding_opinion', 'land_opinion'], ['expert_review'], ['chief_check'], ['decision'], ['certificate'], ['delivery']]);
    expect(detail.decision).toBe('approved');
  });
});
