/**
 * The demo cases of a first start: made through the services by the demo accounts, so the inboxes, the
 * registry and the public verification page have something true to show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';
import { seedDemoCases, type DemoCasesResult } from './demo-cases';

let t: TestApp;
let result: DemoCasesResult;
// A Friday in June 2026: eight working days back reaches into the Dragon Boat Festival week.
const clock = new TestClock(new Date('2026-06-26T10:00:00+08:00'));

beforeAll(async () => {
  t = await buildTestApp({ clock });
  result = await seedDemoCases(t.deps);
});
afterAll(() => t.close());

async function get(role: string | null, url: string) {
  const headers = role ? { cookie: await t.login(role) } : {};
  const res = await t.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, body: res.json() };
}

describe('demo cases', () => {
  it('creates every demo case and three certificates, skipping none', () => {
    expect(result.skipped).toEqual([]);
    expect(result.cases).toBe(7);
    expect(result.certificates).toHaveLength(3);
  });

  it('leaves a valid, a changed-and-reissued and a revoked certificate for the public page', async () => {
    const statuses = await Promise.all(result.certificates.map(async (n) => (await get(null, `/api/public/certificates/${n}`)).body));
    expect(statuses.map((s) => [s.status, s.version])).toEqual([
      ['valid', 1],
      ['valid', 2],
      ['revoked', 1],
    ]);
    expect(statuses[2].statusReason).toContain('注销');
  });

  it('gives the applicant 张明 his certificate, the reviewer a case close to its limit and the leader one to decide', async () => {
    const mine = await get('applicant', '/api/my/certificates');
    expect(mine.body.map((c: { number: string }) => c.number)).toContain(result.certificates[0]);
    const inbox = await get('reviewer', '/api/tasks?limit=50');
    const hotel = inbox.body.items.find((i: { case: { applicantName: string } }) => i.case.applicantName === '威县迎宾楼酒店有限公司');
    expect(hotel).toBeDefined();
    expect(hotel.case.warning).not.toBe('none');
    const chief = await get('chief', '/api/tasks?limit=50');
    expect(chief.body.items.some((i: { case: { applicantName: string } }) => i.case.applicantName === '威县顺达物流有限公司')).toBe(true);
    const leader = await get('leader', '/api/tasks?limit=50');
    expect(leader.body.items.map((i: { case: { applicantName: string } }) => i.case.applicantName)).toEqual(['威县鑫源超市有限公司']);
    const waiting = await get('clerk', '/api/cases?phase=awaiting_materials');
    expect(waiting.body.items.map((c: { applicantName: string }) => c.applicantName)).toContain('李建国');
  });

  it('dates a case accepted days ago from that day: received and accepted at the same moment, not at the seed', async () => {
    const list = await get('clerk', '/api/cases?limit=50');
    const hotel = list.body.items.find((c: { applicantName: string }) => c.applicantName === '威县迎宾楼酒店有限公司');
    const detail = (await get('clerk', `/api/cases/${hotel.id}`)).body;
    // Eight working days back from Friday 26 June, the Dragon Boat Festival (19 June) skipped, at 9:30.
    expect(detail.acceptedOn).toBe('2026-06-15');
    expect(detail.createdAt).toBe('2026-06-15T01:30:00.000Z');
  });

  it('runs once: a second start adds nothing', async () => {
    const again = await seedDemoCases(t.deps);
    expect(again).toEqual({ cases: 0, certificates: [], skipped: [] });
  });
});
