/// <reference lib="dom" />
/**
 * 一照一码 in the browser: a clerk accepts a 企业设立登记 (WX-XK-096) at the window, filling its 登记信息; the
 * case is worked to closure through the API by whoever holds each task; the new entity is in the register with
 * a valid unified social credit code and a signed business licence carrying it; the staff register lists it;
 * anyone checking the licence on a phone sees it in force with the enterprise's name and code; and after a
 * cancellation (注销登记) the same page says 已注销.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkCreditCode } from '../common/credit-code';
import { idNumberCheckChar } from '../common/id-number';
import { pdfSignatures, pdfToText } from '../server/platform/pdf/poppler';
import { keepScreenshot, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const PASSWORD = 'OneWindow@2026';
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' } as const;
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true } as const;

/** A name of its own for every run (the e2e files share one server): 字号 from the clock, in characters. */
const WORDS = '瑞丰祥和泰安鑫源盛隆';
const stamp = String(Date.now()).slice(-5);
const TRADE_NAME = [...stamp].map((d) => WORDS[Number(d)]).join('');
const ENTERPRISE = `威县${TRADE_NAME}商贸有限公司`;
/** The founder and legal representative, with a valid GB 11643 ID number (born 1990-06-15 in Wei County). */
const FOUNDER_BODY = `13053319900615${stamp.slice(-3)}`;
const FOUNDER = { name: '孙立业', idNumber: FOUNDER_BODY + idNumberCheckChar(FOUNDER_BODY), phone: '13833335678', address: '威县侯贯镇侯贯村南街6号' };

let browser: Browser;
let phoneContext: BrowserContext;
/** The public verification page, kept open on the phone from the check to the cancellation. */
let verifyPage: Page;
const cookies = new Map<string, string>();

async function cookieOf(user: string, password = PASSWORD): Promise<string> {
  const known = cookies.get(user);
  if (known) return known;
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password }),
  });
  expect(res.status, `${user} signs in`).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  cookies.set(user, cookie);
  return cookie;
}

async function send(user: string | null, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (user) headers.cookie = await cookieOf(user);
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${baseUrl}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function call<T>(user: string | null, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await send(user, method, url, body);
  const json = (await res.json()) as T;
  expect(res.ok, `${method} ${url} as ${user}: ${res.status} ${JSON.stringify(json)}`).toBe(true);
  return json;
}

async function bytes(user: string, url: string): Promise<Buffer> {
  const res = await send(user, 'GET', url);
  expect(res.status, `GET ${url}`).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

interface Task {
  id: string;
  name: string;
  role: string;
  unitId: string | null;
  status: string;
  version: number;
}
interface CaseDetail {
  id: string;
  number: string;
  phase: string;
  decision: string | null;
  tasks: Task[];
  events: { type: string; data: Record<string, unknown> }[];
}
interface Enterprise {
  uscc: string;
  name: string;
  status: 'active' | 'cancelled';
  licenceNumber: string | null;
  caseId: string | null;
}

/**
 * Who works a task: the demo account of its role when the task is in its inbox (GET /api/tasks), otherwise a
 * staff member of that role in the task's unit (the 一照一码 flow shares the case with the information centre
 * and the tax section, which have no demo reviewer), made once by the administrator.
 */
const workers = new Map<string, string>();
let units: { id: string; code: string }[] | null = null;

async function workerFor(task: Task): Promise<string> {
  const key = `${task.role}@${task.unitId ?? '-'}`;
  const known = workers.get(key);
  if (known) return known;
  const inbox = await call<{ items: { task: { id: string } }[] }>(task.role, 'GET', '/api/tasks?limit=200');
  if (inbox.items.some((i) => i.task.id === task.id)) {
    workers.set(key, task.role);
    return task.role;
  }
  expect(task.unitId, `task ${task.name} is not in ${task.role}'s inbox and has no unit`).toBeTruthy();
  units ??= await call<{ id: string; code: string }[]>('admin', 'GET', '/api/org/units');
  const code = units.find((u) => u.id === task.unitId)?.code ?? task.unitId!.slice(0, 8);
  const username = `e2e-reg-${task.role}-${code}`.toLowerCase();
  const password = 'E2eRegistration1';
  const created = await send('admin', 'POST', '/api/accounts', { username, displayName: `${task.role}（${code}）`, roles: [task.role], password, orgUnitId: task.unitId });
  expect([201, 409], `create ${username}: ${created.status} ${await created.clone().text()}`).toContain(created.status);
  await cookieOf(username, password);
  workers.set(key, username);
  return username;
}

/** Claims and completes (同意) every open task of the case, stage after stage, until it closes. */
async function driveToClose(caseId: string): Promise<CaseDetail> {
  for (let round = 0; round < 20; round++) {
    const detail = await call<CaseDetail>('clerk', 'GET', `/api/cases/${caseId}`);
    if (detail.phase === 'closed') return detail;
    const open = detail.tasks.filter((t) => t.status === 'open');
    expect(open.length, `round ${round}: open tasks in phase ${detail.phase}`).toBeGreaterThan(0);
    for (const task of open) {
      const user = await workerFor(task);
      const claimed = await call<{ version: number }>(user, 'POST', `/api/tasks/${task.id}/claim`, { version: task.version });
      await call(user, 'POST', `/api/tasks/${task.id}/complete`, { version: claimed.version, outcome: 'approve', opinion: `${task.name}：符合规定，同意。` });
    }
  }
  throw new Error('the case did not close');
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

/** Picks an option of an antd Select opened from the field with this label. */
async function choose(page: Page, label: string, option: string, typed?: string): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  if (typed) await box.pressSequentially(typed, { delay: 20 });
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  await page.locator('.ant-select-selection-item', { hasText: new RegExp(`^${option}$`) }).first().waitFor();
}

beforeAll(async () => {
  browser = await launchBrowser();
  phoneContext = await browser.newContext(PHONE);
});
afterAll(async () => {
  await browser?.close();
});

describe('企业设立登记（一照一码）→ 营业执照 → 扫码核验 → 注销, in the browser', () => {
  let caseId = '';
  let enterprise: Enterprise;

  it('a clerk accepts an establishment registration at the window, with its 登记信息', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/staff`);
    await page.getByLabel('用户名').fill('clerk');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('menuitem', { name: /窗口受理/ }).click();
    await page.waitForURL(`${baseUrl}/staff/intake`);

    const search = page.getByRole('combobox', { name: '搜索事项' });
    await search.click();
    await search.pressSequentially('WX-XK-096', { delay: 20 });
    await page.locator('.ant-select-item-option', { hasText: 'WX-XK-096' }).first().click();
    await page.locator('.ow-item-essentials').waitFor();
    // The 登记信息 section appears for this item only.
    await page.locator('.ow-intake-card', { hasText: '登记信息' }).waitFor();

    await page.getByRole('group', { name: '申请人类型' }).getByRole('button', { name: '个人' }).click();
    await page.locator('#intake_applicant_name').fill(FOUNDER.name);
    await page.getByLabel('公民身份号码', { exact: true }).fill(FOUNDER.idNumber);
    await page.getByLabel('联系手机', { exact: true }).fill(FOUNDER.phone);
    await page.getByLabel('住所（地址）', { exact: true }).fill(FOUNDER.address);

    const section = page.locator('.ow-registration');
    await expect(section.getByRole('group', { name: '登记类型' }).getByRole('button', { name: '设立登记' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await section.getByRole('group', { name: '登记类型' }).getByRole('button', { name: '设立登记' }).click();
    await page.getByLabel('企业名称', { exact: true }).fill(ENTERPRISE);
    await section.getByRole('status').getByText('名称可以使用').waitFor();
    await choose(page, '市场主体类型', '有限责任公司');
    await page.getByLabel('法定代表人（经营者）', { exact: true }).fill(FOUNDER.name);
    await page.getByLabel('法定代表人身份证号码', { exact: true }).fill(FOUNDER.idNumber);
    await page.getByLabel('注册资本（万元）', { exact: true }).fill('200');
    await choose(page, '住所所在乡镇', '侯贯镇', '侯贯');
    await page.getByLabel('住所（详细地址）', { exact: true }).fill('侯贯村南街6号');
    await page.getByLabel('经营范围', { exact: true }).fill('日用百货、五金交电、农副产品销售。（依法须经批准的项目，经相关部门批准后方可开展经营活动）');
    await page.getByLabel('经营范围', { exact: true }).blur();
    await page.locator('.ow-material-row').first().waitFor();
    await page.getByRole('button', { name: /全部收齐/ }).click();
    // Both ID numbers pass their check characters; nothing is left in error.
    await expect.poll(() => page.locator('.ant-form-item-has-error').count()).toBe(0);
    const accept = page.getByRole('button', { name: /受理\s*Alt\+S/ });
    await expect.poll(() => accept.isEnabled()).toBe(true);
    // The whole form in a window as tall as the page, so that the sticky header and outcome bar sit at its ends
    // instead of over the fields in the picture.
    await page.setViewportSize({ width: DESKTOP.viewport.width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
    await keepScreenshot(page, 'registration-intake-filled');
    await page.setViewportSize(DESKTOP.viewport);

    await accept.click();
    const result = page.locator('.ow-intake-result');
    await failWithScreenshot(page, 'registration-intake', result.waitFor());
    await result.getByText('企业设立、变更、注销登记', { exact: false }).first().waitFor();
    const number = (await result.locator('.ow-case-number').first().innerText()).trim();
    expect(number).toMatch(/^130533-\d{8}-\d{4}$/);
    await keepScreenshot(page, 'registration-intake-accepted');
    const href = await page.locator('a[href^="/staff/cases/"]').first().getAttribute('href');
    caseId = href!.split('/').pop()!;
    await context.close();
  });

  it('is worked to closure; the register holds the entity with a valid credit code and a signed licence carrying it', async () => {
    expect(caseId).not.toBe('');
    const closed = await driveToClose(caseId);
    expect(closed.decision).toBe('approved');
    expect(closed.events.filter((e) => e.type === 'certificate_issued').map((e) => e.data.title)).toEqual(['营业执照']);

    const list = await call<{ total: number; items: Enterprise[] }>('clerk', 'GET', `/api/registrations?q=${encodeURIComponent(ENTERPRISE)}`);
    expect(list.total).toBe(1);
    enterprise = list.items[0]!;
    expect(enterprise).toMatchObject({ name: ENTERPRISE, status: 'active', caseId });
    expect(checkCreditCode(enterprise.uscc).valid, enterprise.uscc).toBe(true);
    expect(enterprise.uscc).toMatch(/^91130533/);
    expect(enterprise.licenceNumber).toBeTruthy();

    const pdf = await bytes('issuer', `/api/certificates/${enterprise.licenceNumber}/pdf`);
    const text = (await pdfToText(pdf)).replace(/\s+/g, '');
    expect(text).toContain(enterprise.uscc);
    expect(text).toContain(ENTERPRISE);
    const { output, signatures } = await pdfSignatures(pdf);
    expect(signatures, output).toHaveLength(1);
    expect(signatures[0]!.validation, output).toBe('Signature is Valid.');
  });

  it('the staff register lists it', async () => {
    expect(enterprise).toBeDefined();
    const context = await browser.newContext(DESKTOP);
    const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username: 'clerk', password: PASSWORD } });
    expect(res.ok()).toBe(true);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/staff`);
    await page.getByRole('menuitem', { name: /市场主体/ }).click();
    await page.waitForURL(`${baseUrl}/staff/enterprises`);
    const search = page.getByLabel('名称、统一社会信用代码或法定代表人');
    await search.fill(TRADE_NAME);
    await search.press('Enter');
    // The search narrows the register (the demo entities and other runs' companies) down to this one.
    await failWithScreenshot(page, 'registration-register', page.getByText('共 1 户').waitFor());
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    const row = page.locator('.ant-table-row', { hasText: enterprise.uscc });
    for (const text of [ENTERPRISE, '有限责任公司', FOUNDER.name, '侯贯镇', '存续']) await row.getByText(text, { exact: true }).waitFor();
    await noHorizontalScroll(page);
    await keepScreenshot(page, 'registration-register');

    // Its registration file: the establishment, with the case and licence version 1.
    await row.getByRole('button', { name: ENTERPRISE }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByText(enterprise.uscc).waitFor();
    // Slid in completely: its right edge on the window's.
    await expect.poll(() => drawer.evaluate((el) => Math.round(el.getBoundingClientRect().right) === window.innerWidth && el.getAnimations({ subtree: true }).length === 0)).toBe(true);
    await drawer.getByText('营业执照第 1 版', { exact: false }).waitFor();
    await drawer.getByRole('link', { name: '查看营业执照' }).waitFor();
    await keepScreenshot(page, 'registration-register-file');
    await context.close();
  });

  it('anyone checking the licence on a phone sees it in force, with the enterprise\'s name and credit code', async () => {
    expect(enterprise).toBeDefined();
    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(20_000);
    await phone.goto(`${baseUrl}/verify/${enterprise.licenceNumber}`);
    const status = phone.locator('.ow-cert-status');
    await failWithScreenshot(phone, 'registration-verify-valid', status.getByText('有效', { exact: true }).waitFor());
    const card = phone.locator('.ow-cert-card');
    await card.getByRole('heading', { name: '营业执照' }).waitFor();
    // An enterprise is named in full (a person would be masked), with its public credit code.
    await card.locator('.ow-cert-fact', { hasText: '持证主体' }).getByText(ENTERPRISE, { exact: true }).waitFor();
    await card.locator('.ow-cert-fact', { hasText: '统一社会信用代码' }).getByText(enterprise.uscc, { exact: true }).waitFor();
    await card.getByText('威县行政审批局', { exact: true }).first().waitFor();
    await expect.poll(() => phone.locator('img.ow-cert-seal').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await noHorizontalScroll(phone);
    await keepScreenshot(phone, 'registration-verify-valid-phone');
    verifyPage = phone;
  });

  it('after a cancellation (注销登记) is worked to closure, the same page says 已注销', async () => {
    expect(verifyPage).toBeDefined();
    const item = await call<{ id: string; materials: { id: string; requirement: string }[] }>(null, 'GET', '/api/public/items/WX-XK-096');
    const reason = '股东会决议解散';
    const accepted = await call<CaseDetail>('clerk', 'POST', '/api/cases/intake', {
      itemId: item.id,
      applicant: { kind: 'person', name: FOUNDER.name, idNumber: FOUNDER.idNumber, phone: FOUNDER.phone, address: FOUNDER.address },
      form: { kind: 'cancel', uscc: enterprise.uscc, cancelReason: reason },
      materials: item.materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
      outcome: 'accept',
    });
    const closed = await driveToClose(accepted.id);
    expect(closed.events.filter((e) => e.type === 'certificate_issued')).toEqual([]);
    const after = await call<{ items: Enterprise[] }>('clerk', 'GET', `/api/registrations?q=${encodeURIComponent(ENTERPRISE)}`);
    expect(after.items[0]).toMatchObject({ uscc: enterprise.uscc, status: 'cancelled' });

    // The phone still shows the page; reloading it asks again.
    const phone = verifyPage;
    await phone.reload();
    const status = phone.locator('.ow-cert-status');
    await failWithScreenshot(phone, 'registration-verify-cancelled', status.getByText('已注销', { exact: true }).waitFor());
    await status.getByText(new RegExp(`${accepted.number}.*${reason}|${reason}.*${accepted.number}`)).waitFor();
    await phone.locator('.ow-cert-card').getByText(ENTERPRISE, { exact: true }).waitFor();
    await noHorizontalScroll(phone);
    await keepScreenshot(phone, 'registration-verify-cancelled-phone');
  });
});
