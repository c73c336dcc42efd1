/**
 * Business registration through the API, as the window and the applicant use it: establishment with a new
 * credit code and the business licence carrying it, change (same code, licence version 2), cancellation
 * (licence revoked), the checks at intake, sharing with the tax office, and the public credit-code check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCreditCode, composeCreditCode } from '../../../common/credit-code';
import { idNumberCheckChar } from '../../../common/id-number';
import { pdfToText } from '../../platform/pdf/poppler';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';

let t: TestApp;
const clock = new TestClock(new Date('2026-05-11T09:00:00+08:00'));
const sessions = new Map<string, string>();
let admin = '';

beforeAll(async () => {
  t = await buildTestApp({ clock });
  admin = await t.login('admin');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PUT';

async function call(cookie: string | null, method: Method, url: string, payload?: unknown) {
  const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, payload: payload as Record<string, unknown> | undefined });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : null, raw: res.rawPayload };
}

/** A signed-in staff member with this role in this unit (created on first use). */
async function staff(role: string, unitId: string | null): Promise<string> {
  const key = `${role}@${unitId ?? '-'}`;
  const known = sessions.get(key);
  if (known) return known;
  const username = `${role}-${(unitId ?? 'county').slice(0, 8)}`;
  const res = await call(admin, 'POST', '/api/accounts', { username, displayName: `${role} ${username}`, roles: [role], password: 'Initial123', ...(unitId ? { orgUnitId: unitId } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const cookie = await t.login(username, 'Initial123');
  sessions.set(key, cookie);
  return cookie;
}

/** Works every open task of the case until it closes. */
async function driveToClose(caseId: string): Promise<Record<string, unknown> & { events: { type: string; data: Record<string, unknown> }[] }> {
  const clerk = await t.login('clerk');
  for (let round = 0; round < 20; round++) {
    const detail = (await call(clerk, 'GET', `/api/cases/${caseId}`)).body;
    if (detail.phase === 'closed') return detail;
    const open = detail.tasks.filter((task: { status: string }) => task.status === 'open');
    expect(open.length, `round ${round}: open tasks in phase ${detail.phase}`).toBeGreaterThan(0);
    for (const task of open) {
      const cookie = await staff(task.role, task.unitId);
      const claimed = await call(cookie, 'POST', `/api/tasks/${task.id}/claim`, { version: task.version });
      expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
      const done = await call(cookie, 'POST', `/api/tasks/${task.id}/complete`, { version: claimed.body.version, outcome: 'approve', opinion: `${task.name}：同意。` });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
  }
  throw new Error('the case did not close');
}

let item: { id: string; materials: { id: string; requirement: string }[] };

async function registrationItem() {
  item ??= (await call(null, 'GET', '/api/public/items/WX-XK-096')).body;
  return item;
}

function person(body17: string): string {
  return body17 + idNumberCheckChar(body17);
}

const founderId = person('13053319850612301');
const founder = { kind: 'person', name: '赵立新', idNumber: founderId, phone: '13833331111' };

function establishForm(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'establish',
    enterpriseName: '威县惠民粮油购销有限公司',
    entityType: '有限责任公司',
    legalRepName: '赵立新',
    legalRepIdNumber: founderId,
    registeredCapital: 300,
    townshipCode: '130533103',
    address: '侯贯村北街12号',
    businessScope: '粮食收购、储存、销售；食用油销售。',
    ...overrides,
  };
}

async function intake(applicant: Record<string, unknown>, form: Record<string, unknown>) {
  const it = await registrationItem();
  return call(await t.login('clerk'), 'POST', '/api/cases/intake', {
    itemId: it.id,
    applicant,
    form,
    materials: it.materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
    outcome: 'accept',
  });
}

let uscc = '';
let licenceNumber = '';

describe('establishment (设立登记)', () => {
  it('assigns a new credit code on 准予 and issues the business licence carrying it, under the seal with a QR code', async () => {
    const accepted = await intake(founder, establishForm());
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const closed = await driveToClose(accepted.body.id);
    expect(closed.decision).toBe('approved');

    const clerk = await t.login('clerk');
    const list = await call(clerk, 'GET', '/api/registrations?q=惠民粮油');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    const e = list.body.items[0];
    uscc = e.uscc;
    expect(checkCreditCode(uscc).valid).toBe(true);
    expect(uscc).toMatch(/^91130533MA[0-9A-HJ-NPQRTUWXY]{7}[0-9A-HJ-NPQRTUWXY]$/);
    expect(e).toMatchObject({ name: '威县惠民粮油购销有限公司', entityType: '有限责任公司', category: '1', status: 'active', establishedOn: '2026-05-11', caseId: accepted.body.id, townshipName: '侯贯镇' });
    expect(e.legalRepIdNumber).toBe(founderId);
    // The case's form carries the legal representative's ID number: in full for the window, masked for a reviewer.
    const asClerk = await call(clerk, 'GET', `/api/cases/${accepted.body.id}`);
    expect(asClerk.body.form.legalRepIdNumber).toBe(founderId);
    const asReviewer = await call(await t.login('reviewer'), 'GET', `/api/cases/${accepted.body.id}`);
    expect(asReviewer.body.form.legalRepIdNumber).not.toBe(founderId);
    expect(asReviewer.body.form.legalRepIdNumber).toMatch(/^\d{4}\*+/);
    licenceNumber = e.licenceNumber;
    expect(licenceNumber).toBeTruthy();

    // The licence is the one certificate: no 组织机构代码证, no 税务登记证 (三证合一).
    const issued = closed.events.filter((ev) => ev.type === 'certificate_issued');
    expect(issued.map((ev) => ev.data.title)).toEqual(['营业执照']);
    const cert = await call(clerk, 'GET', `/api/certificates/${licenceNumber}`);
    expect(cert.status).toBe(200);
    expect(cert.body).toMatchObject({ title: '营业执照', holderKind: 'enterprise', holderName: '威县惠民粮油购销有限公司', holderIdNumber: uscc, version: 1, status: 'valid' });
    const fields = Object.fromEntries((cert.body.fields as { label: string; value: string }[]).map((f) => [f.label, f.value]));
    expect(fields).toMatchObject({
      统一社会信用代码: uscc,
      名称: '威县惠民粮油购销有限公司',
      类型: '有限责任公司',
      注册资本: '300万元人民币',
      成立日期: '2026年5月11日',
      住所: '威县侯贯镇侯贯村北街12号',
      经营范围: '粮食收购、储存、销售；食用油销售。',
    });
    expect(fields['法定代表人（经营者）']).toBe('赵立新');

    const pdf = await call(clerk, 'GET', `/api/certificates/${licenceNumber}/pdf`);
    expect(pdf.status).toBe(200);
    const text = (await pdfToText(pdf.raw)).replace(/\s+/g, '');
    expect(text).toContain(uscc);
    expect(text).toContain('营业执照');
    expect(text).toContain('威县惠民粮油购销有限公司');

    const detail = await call(clerk, 'GET', `/api/registrations/${uscc}`);
    expect(detail.body.history).toEqual([expect.objectContaining({ kind: 'establish', caseNumber: accepted.body.number, licenceVersion: 1 })]);
  });

  it('refuses a name an active entity holds, at the window and in the name check', async () => {
    const res = await intake(founder, establishForm({ enterpriseName: '威县惠民粮油购销有限公司 ' }));
    expect(res.status).toBe(400);
    const field = res.body.error.fields.find((f: { path: string }) => f.path === 'body.form.enterpriseName');
    expect(field.message).toContain('已被');
    const check = await call(await t.login('clerk'), 'GET', `/api/registration/name-check?name=${encodeURIComponent('威县惠民粮油购销有限公司')}`);
    expect(check.body).toMatchObject({ available: false, takenBy: { kind: 'enterprise', uscc } });
    const similar = await call(await t.login('applicant'), 'GET', `/api/registration/name-check?name=${encodeURIComponent('威县惠民农资有限公司')}`);
    expect(similar.body.available).toBe(true);
    expect(similar.body.similar.map((s: { uscc: string }) => s.uscc)).toContain(uscc);
  });

  it('refuses a name a registration in progress holds', async () => {
    const it = await registrationItem();
    const clerk = await t.login('clerk');
    // One-time notice: the case waits for materials and keeps its name.
    const first = await call(clerk, 'POST', '/api/cases/intake', {
      itemId: it.id,
      applicant: founder,
      form: establishForm({ enterpriseName: '威县润禾农业科技有限公司' }),
      materials: it.materials.map((m, i) => ({ itemMaterialId: m.id, status: i === 0 ? 'missing' : 'received' })),
      outcome: 'request_materials',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await intake(founder, establishForm({ enterpriseName: '威县润禾农业科技有限公司' }));
    expect(second.status).toBe(400);
    expect(second.body.error.fields.find((f: { path: string }) => f.path === 'body.form.enterpriseName').message).toContain(first.body.number);
  });

  it('refuses a wrong legal representative ID number with the GB 11643 message, and a malformed form field by field', async () => {
    const wrong = founderId.slice(0, 17) + (founderId[17] === '1' ? '2' : '1');
    const res = await intake(founder, establishForm({ enterpriseName: '威县丰泽商贸有限公司', legalRepIdNumber: wrong }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toContainEqual({ path: 'body.form.legalRepIdNumber', message: '身份证号码校验码错误，请核对后重新输入。' });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/registration/form-check',
      headers: { cookie: await t.login('clerk'), 'accept-language': 'en' },
      payload: { form: establishForm({ enterpriseName: '威县丰泽商贸有限公司', legalRepIdNumber: wrong }) },
    });
    expect(en.json().error.fields).toContainEqual({ path: 'body.form.legalRepIdNumber', message: 'The ID number check character is wrong; please check it.' });

    const bad = await intake(founder, { kind: 'establish', enterpriseName: 'AB', entityType: '有限公司', townshipCode: '130533999', registeredCapital: -1 });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.fields.map((f: { path: string }) => f.path);
    for (const p of ['enterpriseName', 'entityType', 'registeredCapital', 'legalRepName', 'legalRepIdNumber', 'address', 'businessScope']) expect(paths).toContain(`body.form.${p}`);
    const noForm = await intake(founder, {});
    expect(noForm.body.error.fields).toContainEqual({ path: 'body.form.kind', message: '此项为必填项。' });
    const township = await intake(founder, establishForm({ enterpriseName: '威县丰泽商贸有限公司', townshipCode: '130533999' }));
    expect(township.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['body.form.townshipCode']);
  });
});

describe('change and cancellation (变更、注销登记)', () => {
  it('keeps the code on a change and reissues the licence as version 2', async () => {
    const enterprise = { kind: 'enterprise', name: '威县惠民粮油购销有限公司', idNumber: uscc, phone: '13833331111' };
    const stranger = await intake({ ...enterprise, idNumber: composeCreditCode('9', '1', '130533', 'MA0D2K4L') }, { kind: 'change', uscc, registeredCapital: 800 });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['body.form.uscc']);
    const changeType = await intake(enterprise, { kind: 'change', uscc, entityType: '个体工商户' });
    expect(changeType.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['body.form.entityType']);

    const accepted = await intake(enterprise, { kind: 'change', uscc, enterpriseName: '威县惠民粮油有限公司', registeredCapital: 800 });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    await driveToClose(accepted.body.id);
    const clerk = await t.login('clerk');
    const detail = (await call(clerk, 'GET', `/api/registrations/${uscc}`)).body;
    expect(detail).toMatchObject({ uscc, name: '威县惠民粮油有限公司', registeredCapital: 800, licenceNumber, status: 'active' });
    expect(detail.history[1]).toMatchObject({
      kind: 'change',
      licenceVersion: 2,
      changes: [
        { field: 'enterpriseName', before: '威县惠民粮油购销有限公司', after: '威县惠民粮油有限公司' },
        { field: 'registeredCapital', before: 300, after: 800 },
      ],
    });
    const cert = (await call(clerk, 'GET', `/api/certificates/${licenceNumber}`)).body;
    expect(cert).toMatchObject({ version: 2, holderIdNumber: uscc, holderName: '威县惠民粮油有限公司', status: 'valid' });
    expect(cert.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'changed'],
      [2, 'valid'],
    ]);
    const pdf = await call(clerk, 'GET', `/api/certificates/${licenceNumber}/pdf`);
    const text = (await pdfToText(pdf.raw)).replace(/\s+/g, '');
    expect(text).toContain(uscc);
    expect(text).toContain('800万元人民币');
    // The old name is free again.
    const check = await call(clerk, 'GET', `/api/registration/name-check?name=${encodeURIComponent('威县惠民粮油购销有限公司')}`);
    expect(check.body.available).toBe(true);
  });

  it('shares the registration with the tax office and the statistics bureau, in full, and with no other department', async () => {
    const units = (await call(admin, 'GET', '/api/org/units')).body as { id: string; code: string }[];
    const tax = await staff('regulator', units.find((u) => u.code === 'CU-SW')!.id);
    const list = await call(tax, 'GET', '/api/registrations');
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { uscc: string }) => e.uscc)).toContain(uscc);
    const seen = await call(tax, 'GET', `/api/registrations/${uscc}`);
    expect(seen.status).toBe(200);
    expect(seen.body.legalRepIdNumber).toBe(founderId);
    expect(seen.body.sharedWith).toContain('国家税务总局威县税务局（办税服务厅）');
    expect(seen.body.sharedWith).toContain('县统计局');

    // The statistics bureau receives the same record: no separate statistics registration (一照一码).
    const statistics = await staff('regulator', units.find((u) => u.code === 'DEPT-TJJ')!.id);
    expect((await call(statistics, 'GET', '/api/registrations')).body.items.map((e: { uscc: string }) => e.uscc)).toContain(uscc);
    expect((await call(statistics, 'GET', `/api/registrations/${uscc}`)).status).toBe(200);

    const health = await t.login('regulator');
    expect((await call(health, 'GET', '/api/registrations')).status).toBe(403);
    expect((await call(health, 'GET', `/api/registrations/${uscc}`)).status).toBe(404);
    expect((await call(await t.login('applicant'), 'GET', '/api/registrations')).status).toBe(403);
    // Staff who do not check identity see the ID number masked.
    const reviewer = (await call(await t.login('reviewer'), 'GET', `/api/registrations/${uscc}`)).body;
    expect(reviewer.legalRepIdNumber).toBe(`${founderId.slice(0, 4)}**********${founderId.slice(-4)}`);
  });

  it('closes the entity on cancellation and revokes its licence with the reason', async () => {
    const accepted = await intake({ kind: 'person', name: '赵立新', idNumber: founderId, phone: '13833331111' }, { kind: 'cancel', uscc, cancelReason: '股东会决议解散' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const closed = await driveToClose(accepted.body.id);
    expect(closed.events.filter((ev) => ev.type === 'certificate_issued')).toEqual([]);
    const clerk = await t.login('clerk');
    const detail = (await call(clerk, 'GET', `/api/registrations/${uscc}`)).body;
    expect(detail).toMatchObject({ status: 'cancelled', cancelledOn: '2026-05-11' });
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['establish', 'change', 'cancel']);
    const pub = (await call(null, 'GET', `/api/public/certificates/${licenceNumber}`)).body;
    expect(pub.status).toBe('revoked');
    expect(pub.statusReason).toContain(accepted.body.number);
    expect(pub.statusReason).toContain('股东会决议解散');
    const again = await intake({ kind: 'enterprise', name: '威县惠民粮油有限公司', idNumber: uscc, phone: '13833331111' }, { kind: 'change', uscc, address: '侯贯村南街1号' });
    expect(again.body.error.fields).toContainEqual({ path: 'body.form.uscc', message: '该市场主体已注销。' });
  });
});

describe('online (网上申请)', () => {
  it('an applicant registers online; the window accepts; the applicant gets the licence PDF with the new code', async () => {
    const it = await registrationItem();
    const applicant = await t.login('applicant');
    const me = (await call(applicant, 'GET', '/api/auth/me')).body;
    const form = establishForm({ enterpriseName: '威县明远家庭农场有限公司', legalRepName: '张明', legalRepIdNumber: me.account.idNumber ?? person('13053319880315123'), townshipCode: '130533100', address: '洺州镇东街村' });
    const taken = await call(applicant, 'POST', '/api/my/applications', { itemId: it.id, form: { ...form, enterpriseName: '威县冀南梨业有限公司', legalRepIdNumber: 'X' }, materials: [] });
    expect(taken.status).toBe(400);
    expect(taken.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.form.legalRepIdNumber');
    const draft = await call(applicant, 'POST', '/api/my/applications', { itemId: it.id, form: { kind: 'establish' }, materials: [], submit: false });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const sent = await call(applicant, 'PUT', `/api/my/applications/${draft.body.id}`, { version: draft.body.version, form, materials: [], submit: true });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.phase).toBe('submitted');

    const clerk = await t.login('clerk');
    const accepted = await call(clerk, 'POST', `/api/cases/${sent.body.id}/intake`, {
      version: sent.body.version,
      materials: it.materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
      outcome: 'accept',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    await driveToClose(sent.body.id);
    const e = (await call(clerk, 'GET', `/api/registrations?q=${encodeURIComponent('明远家庭农场')}`)).body.items[0];
    expect(checkCreditCode(e.uscc).valid).toBe(true);
    expect(e.uscc).not.toBe(uscc);
    const pdf = await call(applicant, 'GET', `/api/certificates/${e.licenceNumber}/pdf`);
    expect(pdf.status).toBe(200);
    expect((await pdfToText(pdf.raw)).replace(/\s+/g, '')).toContain(e.uscc);
  });
});

describe('GET /api/uscc/{code}', () => {
  it('answers valid with the parts, or invalid with the reason, to anyone', async () => {
    const good = composeCreditCode('9', '1', '130533', 'MA0D2K4L');
    const ok = await call(null, 'GET', `/api/uscc/${good.toLowerCase()}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ valid: true, parts: { authority: '9', category: '1', division: '130533', orgCode: good.slice(8, 17), check: good[17] } });
    const flipped = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const bad = await call(null, 'GET', `/api/uscc/${flipped}`);
    expect(bad.body).toMatchObject({ valid: false, reason: 'USCC_CHECKSUM', message: '统一社会信用代码校验码错误，请核对后重新输入。', parts: { check: flipped[17] } });
    const org = good.slice(0, 16) + (good[16] === '0' ? '1' : '0') + good[17];
    expect((await call(null, 'GET', `/api/uscc/${org}`)).body.reason).toBe('USCC_ORG_CHECKSUM');
    expect((await call(null, 'GET', '/api/uscc/123')).body).toMatchObject({ valid: false, reason: 'USCC_FORMAT' });
    expect((await call(null, 'GET', '/api/uscc/not-a-code')).status).toBe(400);
  });
});
