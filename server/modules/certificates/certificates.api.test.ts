/**
 * 统一发证 to public verification through the HTTP API: a case approved at the certificate stage issues a signed
 * PDF under the bureau's seal; anyone checks it by number or by uploading the file; staff revoke and reissue; the
 * certificate serves as an application material afterwards (证照复用).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../common/id-number';
import { inTransaction } from '../../platform/db/client';
import { systemWriteContext } from '../../platform/http/context';
import { darkShare, pdfSignatures, pdfToText, redShare, renderPageGray, renderPageRgb } from '../../platform/pdf/poppler';
import { systemActor } from '../../platform/auth/actor';
import { buildTestApp, TestClock, type TestApp } from '../../test/app';
import { composeCertificateNumber, formatCertificateNumber } from './certificates.number';
import { issueCertificate } from './certificates.service';

const APPLICANT_ID = `13053319880315123${idNumberCheckChar('13053319880315123')}`;
/** A credit code with valid check characters (GB 32100, GB 11714 inside). */
const HOTEL_USCC = '91130533MA0CXKQ91T';

let t: TestApp;
const clock = new TestClock(new Date('2026-06-16T09:00:00+08:00'));
const cookies: Record<string, string> = {};

async function as(role: string) {
  cookies[role] ??= await t.login(role);
  return cookies[role]!;
}

async function api(role: string | null, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method, url, headers: { ...(role ? { cookie: await as(role) } : {}), ...headers }, payload: payload as Record<string, unknown> | undefined });
  return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : null, raw: res.rawPayload, headers: res.headers };
}

interface Material {
  id: string;
  name: string;
  requirement: 'required' | 'conditional';
  reusableCertificate: string | null;
}

async function itemOf(code: string): Promise<{ id: string; materials: Material[] }> {
  return (await api(null, 'GET', `/api/public/items/${code}`)).body;
}

async function work(role: string, caseId: string, opinion = '符合规定，同意。') {
  const inbox = await api(role, 'GET', '/api/tasks?limit=200');
  const entry = inbox.body.items.find((i: { case: { id: string } }) => i.case.id === caseId);
  expect(entry, `${role} has a task on the case`).toBeDefined();
  const claimed = await api(role, 'POST', `/api/tasks/${entry.task.id}/claim`, { version: entry.task.version });
  const done = await api(role, 'POST', `/api/tasks/${entry.task.id}/complete`, { version: claimed.body.version, outcome: 'approve', opinion });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.body;
}

async function uploadForVerification(bytes: Uint8Array) {
  const boundary = '----ow-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="licence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({ method: 'POST', url: '/api/public/certificates/verify', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  return { status: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  t = await buildTestApp({ clock });
});
afterAll(() => t.close());

describe('统一发证: the certificate of an approved case', () => {
  let number: string;
  let pdf: Buffer;

  it('issues the certificate when the certificate stage is done, and tells the applicant', async () => {
    const item = await itemOf('WX-XK-099');
    const materials = item.materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' }));
    const accepted = await api('clerk', 'POST', '/api/cases/intake', {
      itemId: item.id,
      applicant: { kind: 'person', name: '张明', idNumber: APPLICANT_ID, phone: '13903190014', address: '威县洺州镇人民路18号' },
      summary: '威县洺州镇好味食品店',
      materials,
      outcome: 'accept',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const caseId = accepted.body.id;
    await work('reviewer', caseId);
    await work('reviewer', caseId, '现场勘验：符合要求。');
    await work('chief', caseId);
    await work('leader', caseId, '准予许可。');
    const made = await work('issuer', caseId, '证照已制作。');
    const issued = made.events.find((e: { type: string }) => e.type === 'certificate_issued');
    expect(issued, JSON.stringify(made.events.map((e: { type: string }) => e.type))).toBeDefined();
    number = issued.data.number;
    expect(formatCertificateNumber(number)).toMatch(/^130533-26-XK099-\d{5}-[0-9A-Z]$/);
    expect(issued.text).toContain(issued.data.title);

    const notes = await api('applicant', 'GET', '/api/my/notifications');
    expect(notes.body.items.some((n: { body: string }) => n.body.includes(issued.data.displayNumber))).toBe(true);
    const mine = await api('applicant', 'GET', '/api/my/certificates');
    expect(mine.body.map((c: { number: string }) => c.number)).toContain(number);
  });

  it('lists it for staff with its number; a person\'s ID number is masked except for the issuer and the holder', async () => {
    const list = await api('reviewer', 'GET', `/api/certificates?q=${encodeURIComponent('张明')}`);
    expect(list.status).toBe(200);
    const row = list.body.items.find((c: { number: string }) => c.number === number);
    expect(row).toMatchObject({ status: 'valid', holderName: '张明', itemCode: 'WX-XK-099', version: 1 });
    expect(row.holderIdNumber).not.toBe(APPLICANT_ID);
    expect(row.holderIdNumber).toMatch(/^1305\*+/);
    expect(JSON.stringify(row)).not.toContain(APPLICANT_ID);
    const issuer = await api('issuer', 'GET', `/api/certificates/${formatCertificateNumber(number)}`);
    expect(issuer.status).toBe(200);
    expect(issuer.body.holderIdNumber).toBe(APPLICANT_ID);
    expect(issuer.body.versions).toHaveLength(1);
    const byId = await api('issuer', 'GET', `/api/certificates?q=${APPLICANT_ID}`);
    expect(byId.body.items.map((c: { number: string }) => c.number)).toContain(number);
  });

  it('serves a PDF with the seal, the QR code and visible Chinese text, whose signature pdfsig reports valid', async () => {
    const res = await api('issuer', 'GET', `/api/certificates/${number}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    pdf = Buffer.from(res.raw);
    const text = (await pdfToText(pdf)).replace(/\s+/g, '');
    for (const s of ['食品经营许可证', formatCertificateNumber(number), '张明', '威县行政审批局']) expect(text).toContain(s);
    const { output, signatures } = await pdfSignatures(pdf);
    expect(signatures, output).toHaveLength(1);
    expect(signatures[0]!.validation).toBe('Signature is Valid.');
    expect(signatures[0]!.commonName).toContain('威县行政审批局');
    expect(signatures[0]!.totalDocumentSigned).toBe(true);
    // Rendered: dark glyphs in the upper part (the title), a red seal somewhere on the page.
    const gray = await renderPageGray(pdf, 1, 40);
    expect(darkShare(gray, { x: 0, y: 0, width: gray.width, height: Math.floor(gray.height / 3) })).toBeGreaterThan(0.005);
    const colour = await renderPageRgb(pdf, 1, 40);
    expect(redShare(colour, { x: 0, y: 0, width: colour.width, height: colour.height })).toBeGreaterThan(0.002);
  });

  it('breaks the signature and fails verification when any byte of the file changes', async () => {
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('张明', 0, 'latin1') > 0 ? tampered.indexOf('张明', 0, 'latin1') : Math.floor(tampered.length / 3);
    tampered[at] = tampered[at]! ^ 0x01;
    const { output } = await pdfSignatures(tampered);
    expect(output).not.toContain('Signature is Valid.');
    const checked = await uploadForVerification(tampered);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ authentic: false, certificate: null });
    const original = await uploadForVerification(pdf);
    expect(original.body).toMatchObject({ authentic: true, certificate: { number, status: 'valid', version: 1 }, current: null });
  });

  it('shows anyone the status by number, the holder masked, and 404 for a well-formed unknown number', async () => {
    const res = await api(null, 'GET', `/api/public/certificates/${formatCertificateNumber(number).toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number, status: 'valid', holder: '张*', holderCode: null, issuer: '威县行政审批局', title: '食品经营许可证' });
    expect(JSON.stringify(res.body)).not.toContain(APPLICANT_ID);
    expect(res.body.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const unknown = composeCertificateNumber('130533', 2026, 'XK099', 99999);
    expect((await api(null, 'GET', `/api/public/certificates/${unknown}`)).status).toBe(404);
    const typo = `${number.slice(0, -1)}${number.endsWith('0') ? '1' : '0'}`;
    const bad = await api(null, 'GET', `/api/public/certificates/${typo}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].message).toContain('校验位');
    expect((await api('issuer', 'GET', `/api/certificates/${unknown}/pdf`)).status).toBe(404);
  });

  it('hides the certificate from a regulator of another department', async () => {
    expect((await api('regulator', 'GET', `/api/certificates/${number}`)).status).toBe(404);
    expect((await api('regulator', 'GET', `/api/certificates/${number}/pdf`)).status).toBe(404);
    expect((await api('reviewer', 'POST', `/api/certificates/${number}/revoke`, { version: 1, reason: '试图注销' })).status).toBe(403);
  });

  it('reissues a changed version under the same number; the old file stays authentic but superseded', async () => {
    const current = await api('issuer', 'GET', `/api/certificates/${number}`);
    const field = current.body.fields.find((f: { value: string }) => f.value.includes('洺州镇')) ?? current.body.fields[current.body.fields.length - 1];
    const res = await api('issuer', 'POST', `/api/certificates/${number}/reissue`, { version: 1, reason: '经营场所门牌号变更', fields: [{ key: field.key, value: '威县洺州镇人民路20号' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ number, version: 2, status: 'valid' });
    expect(res.body.fields.find((f: { key: string }) => f.key === field.key).value).toBe('威县洺州镇人民路20号');
    const old = await uploadForVerification(pdf);
    expect(old.body).toMatchObject({ authentic: true, certificate: { version: 1, status: 'changed' }, current: { version: 2, status: 'valid' } });
    const v2 = await api('issuer', 'GET', `/api/certificates/${number}/pdf`);
    expect((await pdfToText(v2.raw)).replace(/\s+/g, '')).toContain('人民路20号');
    expect((await pdfSignatures(v2.raw)).signatures[0]?.validation).toBe('Signature is Valid.');
    const v1 = await api('issuer', 'GET', `/api/certificates/${number}/pdf?version=1`);
    expect(Buffer.compare(Buffer.from(v1.raw), pdf)).toBe(0);
    const scannedOld = await api(null, 'GET', `/api/public/certificates/${number}?v=1`);
    expect(scannedOld.body).toMatchObject({ version: 1, status: 'changed', currentVersion: 2 });
    expect((await pdfToText(pdf)).replace(/\s+/g, '')).toContain(`/verify/${number}?v=1`);
    const idField = current.body.fields.find((f: { value: string }) => f.value === APPLICANT_ID);
    expect(idField).toBeDefined();
    const lockedChange = await api('issuer', 'POST', `/api/certificates/${number}/reissue`, { version: 2, reason: '改证件号', fields: [{ key: idField.key, value: '130533199001011234' }] });
    expect(lockedChange.status).toBe(400);
    expect(lockedChange.body.error.fields[0].message).toContain('不能在变更换发中修改');
    const stale = await api('issuer', 'POST', `/api/certificates/${number}/reissue`, { version: 1, reason: '再次变更', fields: [] });
    expect(stale.status).toBe(409);
    const unknownField = await api('issuer', 'POST', `/api/certificates/${number}/reissue`, { version: 2, reason: '变更', fields: [{ key: 'nope', value: 'x' }] });
    expect(unknownField.status).toBe(400);
  });

  it('revokes with a reason that anyone checking the number then sees; a second revocation is refused', async () => {
    const noReason = await api('issuer', 'POST', `/api/certificates/${number}/revoke`, { version: 2, reason: '  ' });
    expect(noReason.status).toBe(400);
    const res = await api('issuer', 'POST', `/api/certificates/${number}/revoke`, { version: 2, reason: '持证人申请注销' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('revoked');
    const pub = await api(null, 'GET', `/api/public/certificates/${number}`);
    expect(pub.body).toMatchObject({ status: 'revoked', statusReason: '持证人申请注销', version: 2 });
    expect((await api('issuer', 'POST', `/api/certificates/${number}/revoke`, { version: 2, reason: '再次注销' })).status).toBe(409);
    const audit = await api('admin', 'GET', `/api/audit/events?subjectType=certificate&subjectId=${number}&limit=20`);
    expect(audit.body.items.map((e: { action: string }) => e.action).reverse()).toEqual(['certificate.issue', 'certificate.reissue', 'certificate.revoke']);
    expect(JSON.stringify(audit.body)).not.toContain(APPLICANT_ID);
  });
});

describe('证照复用: a certificate instead of an uploaded material', () => {
  let licence: string;
  let foodLicence: string;

  /** Issues a certificate of the item to the hotel, through the same service the case hook and registration use. */
  async function issueToHotel(itemCode: string) {
    const item = await itemOf(itemCode);
    return inTransaction(t.database.db, async (tx) => {
      const ctx = systemWriteContext(tx, { clock, regionCode: '130533', actor: systemActor('test') });
      const row = await issueCertificate(ctx, t.deps, {
        itemId: item.id,
        holder: { kind: 'enterprise', name: '威县迎宾楼酒店有限公司', idNumber: HOTEL_USCC, accountId: null },
        caseId: null,
        caseNumber: null,
        summary: '',
        address: '威县洺州镇建设街8号',
        form: {},
      });
      return row.number;
    });
  }

  beforeAll(async () => {
    licence = await issueToHotel('WX-XK-096');
    foodLicence = await issueToHotel('WX-XK-099');
  });

  function hotelIntake(item: { id: string; materials: Material[] }, certificateNumber: string, idNumber = HOTEL_USCC) {
    const materials = item.materials.map((m) =>
      m.reusableCertificate === '营业执照'
        ? { itemMaterialId: m.id, status: 'received', certificateNumber }
        : { itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' },
    );
    return { itemId: item.id, applicant: { kind: 'enterprise', name: '威县迎宾楼酒店有限公司', idNumber, phone: '13803190088' }, materials, outcome: 'accept' };
  }

  it('accepts the licence number in place of the 营业执照 copy', async () => {
    const item = await itemOf('WX-XK-008');
    expect(item.materials.some((m) => m.reusableCertificate === '营业执照')).toBe(true);
    const res = await api('clerk', 'POST', '/api/cases/intake', hotelIntake(item, formatCertificateNumber(licence)));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const used = res.body.materials.find((m: { certificateNumber: string | null }) => m.certificateNumber);
    expect(used).toMatchObject({ certificateNumber: licence, status: 'received' });
  });

  it('refuses a certificate of someone else, a wrong kind, a material that is not reusable, and a revoked one', async () => {
    const item = await itemOf('WX-XK-008');
    const otherHolder = await api('clerk', 'POST', '/api/cases/intake', hotelIntake(item, licence, '91130533MA0CXKR04G'));
    expect(otherHolder.status).toBe(400);
    expect(JSON.stringify(otherHolder.body.error.fields)).toMatch(/certificateNumber/);

    const wrongKind = await api('clerk', 'POST', '/api/cases/intake', hotelIntake(item, foodLicence));
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.fields[0].message).toContain('不是「营业执照」');

    const notReusable = item.materials.find((m) => !m.reusableCertificate && m.requirement === 'required')!;
    const body = hotelIntake(item, licence);
    body.materials = body.materials.map((m) => (m.itemMaterialId === notReusable.id ? { ...m, certificateNumber: licence } : m));
    const refused = await api('clerk', 'POST', '/api/cases/intake', body);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.fields)).toContain('不能以证照代替');

    await api('issuer', 'POST', `/api/certificates/${licence}/revoke`, { version: 1, reason: '企业注销' });
    const revoked = await api('clerk', 'POST', '/api/cases/intake', hotelIntake(item, licence));
    expect(revoked.status).toBe(400);
    expect(revoked.body.error.fields[0].message).toContain('已注销');
  });
});
