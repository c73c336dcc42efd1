/**
 * Record-level access (issue 6, part 3), with real records: one applicant cannot read or change another's case,
 * its materials and files, notices, notifications, complaints or certificates; a township clerk cannot see or act
 * on another township's cases; a regulator sees only their department's items, cases, certificates and
 * evaluations; a chief only their unit's evaluations and rectifications. What is out of scope answers 404 exactly
 * like a record that does not exist (or 403 for the whole route, whatever the record), never a different
 * status or body that would tell it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../common/id-number';
import { systemActor } from './platform/auth/actor';
import { inTransaction } from './platform/db/client';
import { systemWriteContext } from './platform/http/context';
import { issueCertificate } from './modules/certificates';
import { composeCertificateNumber } from './modules/certificates/certificates.number';
import { buildTestApp, TestClock, type TestApp } from './test/app';

const A_ID = `13053319880315123${idNumberCheckChar('13053319880315123')}`; // the demo applicant 张明
const B_ID = `13053319900505456${idNumberCheckChar('13053319900505456')}`;
const NO_SUCH_ID = '7f1a3c2e-5b6d-4e8f-9a0b-1c2d3e4f5a6b';
/** A well-formed certificate number (its check character right) that was never issued. */
const NO_SUCH_CERTIFICATE = composeCertificateNumber('130533', 26, 'XK099', 99999);

let t: TestApp;
const clock = new TestClock(new Date('2026-03-10T09:30:00+08:00'));
const cookies: Record<string, string> = {};

interface Res {
  status: number;
  body: unknown;
  text: string;
}

async function as(user: string, password?: string): Promise<string> {
  cookies[user] ??= await t.login(user, password);
  return cookies[user]!;
}

async function api(user: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown): Promise<Res> {
  const res = await t.app.inject({ method, url, headers: user ? { cookie: await as(user) } : {}, payload: payload as Record<string, unknown> | undefined });
  const json = String(res.headers['content-type'] ?? '').startsWith('application/json');
  return { status: res.statusCode, body: json ? res.json() : null, text: res.body };
}

/** The answer about a record out of scope is the answer about no record at all: same status, same body. */
async function expectLikeMissing(user: string, method: 'GET' | 'POST' | 'PUT', url: string, missingUrl: string, payload?: unknown) {
  const real = await api(user, method, url, payload);
  const missing = await api(user, method, missingUrl, payload);
  expect(real.status, `${user} ${method} ${url}: ${real.text}`).toBe(404);
  expect(real.body).toEqual(missing.body);
  expect(missing.status).toBe(404);
}

// The records, made in beforeAll.
const A = { closedCase: { id: '', number: '', version: 0 }, draft: { id: '', version: 0, materialId: '' }, certificate: '', notification: '', complaint: '' };
let townshipCase = { id: '', version: 0, materials: [] as { id: string; requirement: string }[] };
let healthCase = '';
let healthItem = { id: '', code: '' };
let otherItem = { id: '', code: '' };
let otherTownship = '';
let rectification = { id: '', version: 0 };
let healthCertificate = '';

async function itemOf(code: string): Promise<{ id: string; code: string; materials: { id: string; requirement: string }[] }> {
  return (await api(null, 'GET', `/api/public/items/${code}`)).body as never;
}

function allReceived(materials: { id: string; requirement: string }[]) {
  return materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' }));
}

async function createStaff(username: string, body: Record<string, unknown>): Promise<void> {
  const res = await api('admin', 'POST', '/api/accounts', { username, displayName: username, password: 'Initial123', ...body });
  expect(res.status, res.text).toBe(201);
  await as(username, 'Initial123');
}

/** Claims and completes the open task of the case that `user` can work on. */
async function work(user: string, caseId: string): Promise<{ phase: string; events: { type: string; data: Record<string, string> }[] }> {
  const inbox = (await api(user, 'GET', '/api/tasks?limit=200')).body as { items: { case: { id: string }; task: { id: string; version: number } }[] };
  const entry = inbox.items.find((i) => i.case.id === caseId);
  expect(entry, `${user} has a task on the case`).toBeDefined();
  const claimed = await api(user, 'POST', `/api/tasks/${entry!.task.id}/claim`, { version: entry!.task.version });
  const done = await api(user, 'POST', `/api/tasks/${entry!.task.id}/complete`, { version: (claimed.body as { version: number }).version, outcome: 'approve', opinion: '同意。' });
  expect(done.status, done.text).toBe(200);
  return done.body as never;
}

beforeAll(async () => {
  t = await buildTestApp({ clock });

  // Applicant B registers; staff of another township, another section and (below) the regulator's department.
  const registered = await api(null, 'POST', '/api/auth/register', {
    subjectKind: 'person',
    username: 'applicant.b',
    password: 'Secret123',
    displayName: '李红',
    idNumber: B_ID,
    phone: '13703190077',
  });
  expect(registered.status, registered.text).toBe(201);
  await as('applicant.b', 'Secret123');
  const org = (await api('admin', 'GET', '/api/org')).body as { townships: { code: string }[]; sections: { id: string; name: string }[] };
  otherTownship = org.townships.find((tw) => tw.code !== '130533100')!.code;
  await createStaff('township.b', { roles: ['township'], townshipCode: otherTownship });
  const chiefUnit = ((await api('chief', 'GET', '/api/auth/me')).body as { account: { orgUnitId: string } }).account.orgUnitId;
  const otherSection = org.sections.find((s) => s.id !== chiefUnit)!;
  await createStaff('chief.b', { roles: ['chief'], orgUnitId: otherSection.id });

  // The regulator's department: the items the regulator is shown; another item is one they are not.
  const regulatorItems = (await api('regulator', 'GET', '/api/catalog/items?limit=200')).body as { items: { id: string; code: string }[] };
  expect(regulatorItems.items.length).toBeGreaterThan(0);
  healthItem = regulatorItems.items[0]!;
  expect(regulatorItems.items.map((i) => i.code)).not.toContain('WX-XK-099');
  const food = await itemOf('WX-XK-099');
  otherItem = { id: food.id, code: food.code };

  // A's case at the window, through the bureau to closure: the certificate is issued to A.
  const intake = await api('clerk', 'POST', '/api/cases/intake', {
    itemId: food.id,
    applicant: { kind: 'person', name: '张明', idNumber: A_ID, phone: '13903190014', address: '威县洺州镇' },
    summary: '威县洺州镇好味食品店',
    materials: allReceived(food.materials),
    outcome: 'accept',
  });
  expect(intake.status, intake.text).toBe(201);
  const caseId = (intake.body as { id: string }).id;
  for (const user of ['reviewer', 'reviewer', 'chief', 'leader', 'issuer']) await work(user, caseId);
  const closed = await work('issuer', caseId);
  expect(closed.phase).toBe('closed');
  A.certificate = closed.events.find((e) => e.type === 'certificate_issued')!.data.number!;
  const detail = (await api('applicant', 'GET', `/api/cases/${caseId}`)).body as { id: string; number: string; version: number };
  A.closedCase = { id: detail.id, number: detail.number, version: detail.version };

  // A's online draft with an uploaded file.
  const boundary = '----access';
  const upload = await t.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { cookie: await as('applicant'), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="申请书.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.from('%PDF-1.4\n% A\'s own application form\n%%EOF\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(upload.statusCode, upload.body).toBe(201);
  const required = food.materials.filter((m) => m.requirement === 'required');
  const draft = await api('applicant', 'POST', '/api/my/applications', {
    itemId: food.id,
    summary: '草稿',
    materials: [{ itemMaterialId: required[0]!.id, fileSha256: upload.json().sha256, fileName: '申请书.pdf' }],
    submit: false,
  });
  expect(draft.status, draft.text).toBe(201);
  const draftBody = draft.body as { id: string; version: number; materials: { id: string; hasFile: boolean }[] };
  A.draft = { id: draftBody.id, version: draftBody.version, materialId: draftBody.materials.find((m) => m.hasFile)!.id };
  expect((await t.app.inject({ method: 'GET', url: `/api/cases/${A.draft.id}/materials/${A.draft.materialId}/file`, headers: { cookie: await as('applicant') } })).statusCode).toBe(200);

  A.notification = ((await api('applicant', 'GET', '/api/my/notifications')).body as { items: { id: string }[] }).items[0]!.id;
  const complaint = await api('applicant', 'POST', '/api/my/complaints', { kind: 'complaint', title: '窗口等候时间长', content: '上午排队一个多小时。', caseId });
  expect(complaint.status, complaint.text).toBe(201);
  A.complaint = (complaint.body as { id: string }).id;

  // A poor rating of the closed case: a rectification for the executing unit (the demo chief's section).
  const rated = await api('applicant', 'POST', '/api/my/evaluations', { subject: 'case', caseId, level: 1, comment: '材料退回多次，没有一次说清楚。' });
  expect(rated.status, rated.text).toBe(201);
  const rects = (await api('supervisor', 'GET', '/api/rectifications?limit=200')).body as { items: { id: string; version: number; evaluation: { caseId: string | null } }[] };
  rectification = rects.items.find((r) => r.evaluation.caseId === caseId)!;
  expect(rectification).toBeDefined();

  // A township centre's application in township 130533100, waiting for materials.
  const townshipItem = await itemOf('WX-XK-099');
  const atTownship = await api('township', 'POST', '/api/cases/intake', {
    itemId: townshipItem.id,
    applicant: { kind: 'person', name: '赵刚', idNumber: `13053319750808111${idNumberCheckChar('13053319750808111')}`, phone: '13803190055' },
    materials: allReceived(townshipItem.materials).map((m, i) => (i === 0 ? { ...m, status: 'missing', note: '未带' } : m)),
    outcome: 'request_materials',
  });
  expect(atTownship.status, atTownship.text).toBe(201);
  townshipCase = { id: (atTownship.body as { id: string }).id, version: (atTownship.body as { version: number }).version, materials: townshipItem.materials };

  // A case of the regulator's department's item, accepted at the window, and a certificate of that item.
  const health = await itemOf(healthItem.code);
  const healthIntake = await api('clerk', 'POST', '/api/cases/intake', {
    itemId: health.id,
    applicant: { kind: 'person', name: '孙丽', idNumber: `13053319850202222${idNumberCheckChar('13053319850202222')}`, phone: '13603190066' },
    materials: allReceived(health.materials).map((m, i) => (i === 0 ? { ...m, status: 'missing', note: '未带' } : m)),
    outcome: 'request_materials',
  });
  expect(healthIntake.status, healthIntake.text).toBe(201);
  healthCase = (healthIntake.body as { id: string }).id;
  healthCertificate = await inTransaction(t.database.db, async (tx) => {
    const ctx = systemWriteContext(tx, { clock, regionCode: '130533', actor: systemActor('test') });
    const holder = { kind: 'person' as const, name: '孙丽', idNumber: `13053319850202222${idNumberCheckChar('13053319850202222')}`, accountId: null };
    const row = await issueCertificate(ctx, t.deps, { itemId: health.id, holder, caseId: null, caseNumber: null, summary: '', address: '威县洺州镇', form: {} });
    return row.number;
  });
}, 300_000);
afterAll(() => t.close());

describe('one applicant and another\'s records', () => {
  it('cannot read A\'s case by id or by number, nor find it in a list', async () => {
    await expectLikeMissing('applicant.b', 'GET', `/api/cases/${A.closedCase.id}`, `/api/cases/${NO_SUCH_ID}`);
    await expectLikeMissing('applicant.b', 'GET', `/api/cases/by-number/${A.closedCase.number}`, '/api/cases/by-number/130533-20260310-9999');
    const list = (await api('applicant.b', 'GET', '/api/cases?limit=200')).body as { items: { id: string }[] };
    expect(list.items.map((c) => c.id)).not.toContain(A.closedCase.id);
    const own = (await api('applicant', 'GET', '/api/cases?limit=200')).body as { items: { id: string }[] };
    expect(own.items.map((c) => c.id)).toEqual(expect.arrayContaining([A.closedCase.id, A.draft.id]));
  });

  it('cannot download A\'s material file or print A\'s notices', async () => {
    await expectLikeMissing('applicant.b', 'GET', `/api/cases/${A.draft.id}/materials/${A.draft.materialId}/file`, `/api/cases/${NO_SUCH_ID}/materials/${A.draft.materialId}/file`);
    await expectLikeMissing('applicant.b', 'GET', `/api/cases/${A.closedCase.id}/documents/acceptance-notice`, `/api/cases/${NO_SUCH_ID}/documents/acceptance-notice`);
  });

  it('cannot change A\'s application, withdraw it or hand in corrections for it, whatever version is sent', async () => {
    for (const version of [A.draft.version, A.draft.version + 7]) {
      await expectLikeMissing('applicant.b', 'PUT', `/api/my/applications/${A.draft.id}`, `/api/my/applications/${NO_SUCH_ID}`, { version, summary: '改了', materials: [], submit: false });
      await expectLikeMissing('applicant.b', 'POST', `/api/cases/${A.draft.id}/withdraw`, `/api/cases/${NO_SUCH_ID}/withdraw`, { version, reason: '不想办了' });
      await expectLikeMissing('applicant.b', 'POST', `/api/cases/${A.draft.id}/correction`, `/api/cases/${NO_SUCH_ID}/correction`, { version, materials: [] });
    }
    const still = (await api('applicant', 'GET', `/api/cases/${A.draft.id}`)).body as { phase: string; summary: string };
    expect(still).toMatchObject({ phase: 'draft', summary: '草稿' });
  });

  it('cannot read A\'s notifications or complaints, nor rate or complain about A\'s case', async () => {
    await expectLikeMissing('applicant.b', 'POST', `/api/my/notifications/${A.notification}/read`, `/api/my/notifications/${NO_SUCH_ID}/read`);
    await expectLikeMissing('applicant.b', 'GET', `/api/my/complaints/${A.complaint}`, `/api/my/complaints/${NO_SUCH_ID}`);
    const complaints = (await api('applicant.b', 'GET', '/api/my/complaints')).body as { items: { id: string }[] };
    expect(complaints.items.map((c) => c.id)).not.toContain(A.complaint);
    const rate = { subject: 'window_visit', level: 5, comment: '' };
    const onA = await api('applicant.b', 'POST', '/api/my/evaluations', { ...rate, caseId: A.closedCase.id });
    const onNone = await api('applicant.b', 'POST', '/api/my/evaluations', { ...rate, caseId: NO_SUCH_ID });
    expect(onA.status).toBe(404);
    expect(onA.body).toEqual(onNone.body);
    const complainA = await api('applicant.b', 'POST', '/api/my/complaints', { kind: 'complaint', title: '投诉', content: '内容', caseId: A.closedCase.id });
    const complainNone = await api('applicant.b', 'POST', '/api/my/complaints', { kind: 'complaint', title: '投诉', content: '内容', caseId: NO_SUCH_ID });
    expect(complainA.status).toBe(400);
    expect(complainA.body).toEqual(complainNone.body);
  });

  it('does not get A\'s certificate: not in their list, not by number, not its PDF', async () => {
    const mine = (await api('applicant', 'GET', '/api/my/certificates')).body as { number: string }[];
    expect(mine.map((c) => c.number)).toContain(A.certificate);
    expect((await api('applicant', 'GET', `/api/certificates/${A.certificate}`)).status).toBe(200);
    const theirs = (await api('applicant.b', 'GET', '/api/my/certificates')).body as { number: string }[];
    expect(theirs.map((c) => c.number)).not.toContain(A.certificate);
    await expectLikeMissing('applicant.b', 'GET', `/api/certificates/${A.certificate}`, `/api/certificates/${NO_SUCH_CERTIFICATE}`);
    await expectLikeMissing('applicant.b', 'GET', `/api/certificates/${A.certificate}/pdf`, `/api/certificates/${NO_SUCH_CERTIFICATE}/pdf`);
    expect((await api('applicant.b', 'GET', '/api/certificates')).status).toBe(403);
  });
});

describe('a township clerk and another township\'s cases', () => {
  it('the township that took the application sees it and finds it in its list', async () => {
    expect((await api('township', 'GET', `/api/cases/${townshipCase.id}`)).status).toBe(200);
    const list = (await api('township', 'GET', '/api/cases?limit=200')).body as { items: { id: string }[] };
    expect(list.items.map((c) => c.id)).toContain(townshipCase.id);
  });

  it('another township neither sees, lists, continues nor withdraws it, and cannot edit the other centre', async () => {
    await expectLikeMissing('township.b', 'GET', `/api/cases/${townshipCase.id}`, `/api/cases/${NO_SUCH_ID}`);
    await expectLikeMissing('township.b', 'GET', `/api/cases/${townshipCase.id}/documents/correction-notice`, `/api/cases/${NO_SUCH_ID}/documents/correction-notice`);
    const list = (await api('township.b', 'GET', '/api/cases?limit=200')).body as { items: { id: string }[] };
    expect(list.items.map((c) => c.id)).not.toContain(townshipCase.id);
    for (const version of [townshipCase.version, townshipCase.version + 3]) {
      // A complete, valid continuation: refused only because the case is another township's.
      const body = { version, materials: allReceived(townshipCase.materials), outcome: 'forward' };
      await expectLikeMissing('township.b', 'POST', `/api/cases/${townshipCase.id}/intake`, `/api/cases/${NO_SUCH_ID}/intake`, body);
      await expectLikeMissing('township.b', 'POST', `/api/cases/${townshipCase.id}/withdraw`, `/api/cases/${NO_SUCH_ID}/withdraw`, { version, reason: '撤回' });
    }
    const edit = await api('township.b', 'PATCH', '/api/org/townships/130533100', { centrePhone: '0319-6199999' });
    expect(edit.status).toBe(403);
    expect((await api('township.b', 'PATCH', `/api/org/townships/${otherTownship}`, { centrePhone: '0319-6199999' })).status).toBe(200);
    const after = (await api('township', 'GET', `/api/cases/${townshipCase.id}`)).body as { phase: string; version: number };
    expect(after).toMatchObject({ phase: 'awaiting_materials', version: townshipCase.version });
  });

  it('does not see the bureau window\'s cases either', async () => {
    await expectLikeMissing('township', 'GET', `/api/cases/${A.closedCase.id}`, `/api/cases/${NO_SUCH_ID}`);
  });
});

describe('a regulator and their department', () => {
  it('sees only the department\'s items in the staff catalogue', async () => {
    expect((await api('regulator', 'GET', `/api/catalog/items/${healthItem.id}`)).status).toBe(200);
    await expectLikeMissing('regulator', 'GET', `/api/catalog/items/${otherItem.id}`, `/api/catalog/items/${NO_SUCH_ID}`);
  });

  it('sees the cases of the department\'s items and no other', async () => {
    expect((await api('regulator', 'GET', `/api/cases/${healthCase}`)).status).toBe(200);
    const list = (await api('regulator', 'GET', '/api/cases?limit=200')).body as { items: { id: string; itemCode: string }[] };
    expect(list.items.map((c) => c.id)).toContain(healthCase);
    expect(list.items.map((c) => c.id)).not.toContain(A.closedCase.id);
    await expectLikeMissing('regulator', 'GET', `/api/cases/${A.closedCase.id}`, `/api/cases/${NO_SUCH_ID}`);
    await expectLikeMissing('regulator', 'GET', `/api/cases/by-number/${A.closedCase.number}`, '/api/cases/by-number/130533-20260310-9999');
  });

  it('sees the certificates of the department\'s items and no other', async () => {
    const list = (await api('regulator', 'GET', '/api/certificates?limit=200')).body as { items: { number: string; itemCode: string }[] };
    expect(list.items.map((c) => c.number)).toContain(healthCertificate);
    expect(list.items.map((c) => c.number)).not.toContain(A.certificate);
    const departmentItems = ((await api('regulator', 'GET', '/api/catalog/items?limit=200')).body as { items: { code: string }[] }).items.map((i) => i.code);
    for (const c of list.items) expect(departmentItems).toContain(c.itemCode);
    expect((await api('regulator', 'GET', `/api/certificates/${healthCertificate}`)).status).toBe(200);
    await expectLikeMissing('regulator', 'GET', `/api/certificates/${A.certificate}`, `/api/certificates/${NO_SUCH_CERTIFICATE}`);
    await expectLikeMissing('regulator', 'GET', `/api/certificates/${A.certificate}/pdf`, `/api/certificates/${NO_SUCH_CERTIFICATE}/pdf`);
  });

  it('does not see evaluations or rectifications of other departments\' items', async () => {
    const evaluations = (await api('regulator', 'GET', '/api/evaluations?limit=200')).body as { items: { caseId: string | null }[] };
    expect(evaluations.items.map((e) => e.caseId)).not.toContain(A.closedCase.id);
    await expectLikeMissing('regulator', 'GET', `/api/rectifications/${rectification.id}`, `/api/rectifications/${NO_SUCH_ID}`);
  });
});

describe('a chief and their unit\'s evaluations', () => {
  it('the executing unit\'s chief sees the poor rating and its rectification and may work on it', async () => {
    const list = (await api('chief', 'GET', '/api/rectifications?limit=200')).body as { items: { id: string }[] };
    expect(list.items.map((r) => r.id)).toContain(rectification.id);
    const one = await api('chief', 'GET', `/api/rectifications/${rectification.id}`);
    expect(one.status).toBe(200);
    const evaluations = (await api('chief', 'GET', '/api/evaluations?limit=200')).body as { items: { caseId: string | null }[] };
    expect(evaluations.items.map((e) => e.caseId)).toContain(A.closedCase.id);
  });

  it('another section\'s chief neither lists, reads nor works on it, nor sees the case', async () => {
    const list = (await api('chief.b', 'GET', '/api/rectifications?limit=200')).body as { items: { id: string }[] };
    expect(list.items.map((r) => r.id)).not.toContain(rectification.id);
    const evaluations = (await api('chief.b', 'GET', '/api/evaluations?limit=200')).body as { items: { caseId: string | null }[] };
    expect(evaluations.items.map((e) => e.caseId)).not.toContain(A.closedCase.id);
    await expectLikeMissing('chief.b', 'GET', `/api/rectifications/${rectification.id}`, `/api/rectifications/${NO_SUCH_ID}`);
    await expectLikeMissing('chief.b', 'POST', `/api/rectifications/${rectification.id}/verify`, `/api/rectifications/${NO_SUCH_ID}/verify`, { version: rectification.version, finding: '已核实' });
    await expectLikeMissing('chief.b', 'GET', `/api/cases/${A.closedCase.id}`, `/api/cases/${NO_SUCH_ID}`);
    const untouched = (await api('chief', 'GET', `/api/rectifications/${rectification.id}`)).body as { state: string };
    expect(untouched.state).toBe('received');
  });
});
