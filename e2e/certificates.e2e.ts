/// <reference lib="dom" />
/**
 * E-certificates in the browser: a case is driven through the API until 统一发证 issues its certificate; on a
 * phone anyone opens /verify/<number> (what the QR code opens) and sees it valid, uploads the signed PDF and
 * is told it is authentic; the issuer revokes it in the console with a reason, and the public page says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { composeCertificateNumber } from '../server/modules/certificates/certificates.number';
import { keepScreenshot, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const PASSWORD = 'OneWindow@2026';
/** The demo applicant 张明's ID number: the certificate then shows in their 我的证照. */
const APPLICANT = { kind: 'person', name: '张明', idNumber: '130533198803151233', phone: '13903190014', address: '威县洺州镇人民路118号' };
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true } as const;

let browser: Browser;
const cookies = new Map<string, string>();

async function cookieOf(user: string): Promise<string> {
  const known = cookies.get(user);
  if (known) return known;
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: PASSWORD }),
  });
  expect(res.status, `${user} signs in`).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  cookies.set(user, cookie);
  return cookie;
}

async function call<T>(user: string | null, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (user) headers.cookie = await cookieOf(user);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as T;
  expect(res.ok, `${method} ${url} as ${user}: ${res.status} ${JSON.stringify(json)}`).toBe(true);
  return json;
}

interface CaseView {
  id: string;
  events: { type: string; data: Record<string, unknown> }[];
}

/** Completes the open task of the case that the user can work on (claim, then approve). */
async function approve(user: string, caseId: string): Promise<CaseView> {
  const inbox = await call<{ items: { case: { id: string }; task: { id: string; version: number } }[] }>(user, 'GET', '/api/tasks?limit=200');
  const entry = inbox.items.find((i) => i.case.id === caseId);
  expect(entry, `${user} has a task on the case`).toBeDefined();
  const claimed = await call<{ version: number }>(user, 'POST', `/api/tasks/${entry!.task.id}/claim`, { version: entry!.task.version });
  return call<CaseView>(user, 'POST', `/api/tasks/${entry!.task.id}/complete`, { version: claimed.version, outcome: 'approve', opinion: '符合规定，同意。' });
}

/** 食品经营许可 accepted at the window and approved through every stage up to 统一发证, which issues the certificate. */
async function issueCertificate(): Promise<{ number: string; displayNumber: string }> {
  const item = await call<{ id: string; materials: { id: string; requirement: string }[] }>(null, 'GET', '/api/public/items/WX-XK-099');
  const accepted = await call<CaseView>('clerk', 'POST', '/api/cases/intake', {
    itemId: item.id,
    applicant: APPLICANT,
    summary: '威县洺州镇好味食品店',
    materials: item.materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
    outcome: 'accept',
  });
  let c = accepted;
  for (const user of ['reviewer', 'reviewer', 'chief', 'leader', 'issuer']) c = await approve(user, accepted.id);
  const issued = c.events.find((e) => e.type === 'certificate_issued');
  expect(issued, 'the certificate stage issued a certificate').toBeDefined();
  return { number: String(issued!.data.number), displayNumber: String(issued!.data.displayNumber) };
}

async function noHorizontalScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
}

async function failWithScreenshot<T>(page: Page, name: string, step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (err) {
    await keepScreenshot(page, `failed-${name}`);
    throw err;
  }
}

let certificate: { number: string; displayNumber: string };
let pdfFile: string;
let tamperedFile: string;
let phoneContext: BrowserContext;
let workDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  certificate = await issueCertificate();
  // The signed PDF exactly as the registry keeps it, and a copy with one byte more.
  const res = await fetch(`${baseUrl}/api/certificates/${certificate.number}/pdf`, { headers: { cookie: await cookieOf('issuer') } });
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-e2e-cert-'));
  pdfFile = path.join(workDir, '食品经营许可证.pdf');
  tamperedFile = path.join(workDir, 'altered.pdf');
  fs.writeFileSync(pdfFile, bytes);
  fs.writeFileSync(tamperedFile, Buffer.concat([bytes, Buffer.from('\n')]));
  phoneContext = await browser.newContext(PHONE);
});
afterAll(async () => {
  await browser?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('电子证照核验 and 注销, in the browser', () => {
  it('shows the certificate valid on a phone and recognises the original PDF, not an altered one', async () => {
    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(20_000);
    await phone.goto(`${baseUrl}/verify/${certificate.number}`);
    const status = phone.locator('.ow-cert-status');
    await failWithScreenshot(phone, 'verify-valid', status.getByText('有效', { exact: true }).waitFor());
    const card = phone.locator('.ow-cert-card');
    for (const text of ['食品经营许可证', certificate.displayNumber, '张*', '食品经营许可', '威县行政审批局']) await card.getByText(text, { exact: true }).first().waitFor();
    await expect.poll(() => phone.locator('img.ow-cert-seal').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await noHorizontalScroll(phone);
    await keepScreenshot(phone, 'certificate-verify-valid-phone');

    const input = phone.locator('.ow-cert-file input[type=file]');
    await input.setInputFiles(pdfFile);
    const verdict = phone.locator('.ow-cert-file-result');
    await failWithScreenshot(phone, 'verify-file', verdict.getByText('文件真实、未被改动').waitFor());
    await verdict.getByText(/原始文件/).waitFor();
    await noHorizontalScroll(phone);
    await keepScreenshot(phone, 'certificate-verify-file-phone');

    await input.setInputFiles(tamperedFile);
    await verdict.getByText('未通过核验').waitFor();
    await phone.close();
  });

  it('answers an unknown and a mistyped number in words, and takes a typed hyphenated number', async () => {
    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(20_000);
    const unknown = composeCertificateNumber('130533', 2026, 'XK099', 99_999);
    await phone.goto(`${baseUrl}/verify/${unknown}`);
    await phone.getByText('未找到该证照').waitFor();
    // The real number with another check character: the server refuses it before any lookup.
    const last = certificate.number.slice(-1);
    const mistyped = `${certificate.number.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
    await phone.goto(`${baseUrl}/verify/${mistyped}`);
    await phone.getByText('证照编号有误').waitFor();
    await phone.getByText('证照编号格式或校验位不正确，请核对后重新输入。').waitFor();
    await noHorizontalScroll(phone);
    await keepScreenshot(phone, 'certificate-verify-mistyped-phone');

    await phone.goto(`${baseUrl}/verify`);
    const box = phone.getByLabel('证照编号');
    await box.fill(certificate.displayNumber.toLowerCase());
    await phone.getByRole('button', { name: '查询' }).click();
    await phone.waitForURL(`${baseUrl}/verify/${certificate.number}`);
    await phone.locator('.ow-cert-status').getByText('有效', { exact: true }).waitFor();
    await phone.close();
  });

  it('the issuer revokes it in the console with a reason; the public page then says 已注销 and why', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await context.addCookies(
      (await cookieOf('issuer')).split('; ').map((pair) => {
        const [name, ...value] = pair.split('=');
        return { name: name!, value: value.join('='), url: baseUrl };
      }),
    );
    const staff = await context.newPage();
    staff.setDefaultTimeout(20_000);
    await staff.goto(`${baseUrl}/staff`);
    await staff.getByRole('menuitem', { name: /证照管理/ }).click();
    await staff.getByRole('link', { name: certificate.displayNumber }).waitFor();
    await keepScreenshot(staff, 'certificate-console-list');
    // A whole number typed into the search opens the certificate.
    const search = staff.getByLabel('搜索证照');
    await search.fill(certificate.displayNumber);
    await search.press('Enter');
    await staff.waitForURL(`${baseUrl}/staff/certificates/${certificate.number}`);
    await staff.getByRole('heading', { name: '食品经营许可证' }).waitFor();
    await staff.getByText('版本历史').waitFor();

    await staff.getByRole('button', { name: /(^|\s)注销$/ }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await dialog.getByText('请填写注销原因。').waitFor();
    const reason = '持证人申请注销（经营场所已关闭）。';
    await dialog.getByLabel('注销原因').fill(reason);
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await staff.getByText('证照已注销。').first().waitFor();
    await staff.locator('.ow-console-page-title').getByText('已注销').waitFor();
    await expect(staff.getByRole('button', { name: /(^|\s)注销$/ }).count()).resolves.toBe(0);
    await keepScreenshot(staff, 'certificate-console-revoked');
    await context.close();

    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(20_000);
    await phone.goto(`${baseUrl}/verify/${certificate.number}`);
    const status = phone.locator('.ow-cert-status');
    await failWithScreenshot(phone, 'verify-revoked', status.getByText('已注销', { exact: true }).waitFor());
    await status.getByText(`注销原因：${reason}`).waitFor();
    await noHorizontalScroll(phone);
    await keepScreenshot(phone, 'certificate-verify-revoked-phone');
    // The file is still the authentic original, of a certificate no longer in force.
    await phone.locator('.ow-cert-file input[type=file]').setInputFiles(pdfFile);
    const verdict = phone.locator('.ow-cert-file-result');
    await verdict.getByText('文件真实、未被改动').waitFor();
    await verdict.getByText(`但该证照已注销：${reason}`).waitFor();
    await phone.close();
  });

  it('lists it in the holder\'s 我的证照 with its status', async () => {
    const context = await browser.newContext(PHONE);
    const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username: 'applicant', password: PASSWORD } });
    expect(res.ok()).toBe(true);
    const phone = await context.newPage();
    phone.setDefaultTimeout(20_000);
    await phone.goto(`${baseUrl}/my/certificates`);
    const item = phone.locator('.ow-cert-item', { hasText: certificate.displayNumber });
    await failWithScreenshot(phone, 'my-certificates', item.getByText('已注销').first().waitFor());
    await item.getByRole('button', { name: /下载/ }).waitFor();
    await noHorizontalScroll(phone);
    await keepScreenshot(phone, 'certificate-mine-phone');
    await context.close();
  });
});
