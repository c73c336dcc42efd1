/// <reference lib="dom" />
/**
 * 网上办事 on a 375 px phone, from end to end: a citizen finds 食品经营许可 from the hall, registers, applies online
 * with uploads but one material missing; the window's online pre-review (网上预审) answers in the console with the
 * one-time notice (一次性告知); she completes the same case on the phone; the clerk accepts; the demo reviewer,
 * chief, leader and issuer work it to the end (through the API); she follows it on the progress query page
 * (number + ID number, no sign-in) and in 我的办件, both in 长者模式, and rates it 非常不满意, which opens a
 * rectification that the supervisor sees at /staff/evaluations. Every phone page is checked for sideways scroll.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { idNumberCheckChar } from '../common/id-number';
import { expectAccessible } from './a11y';
import { keepScreenshot, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const STAFF_PASSWORD = 'OneWindow@2026';
const PHONE = { viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true } as const;
const ITEM = { code: 'WX-XK-099', name: '食品经营许可' };
const MISSING = '经营场所使用证明';
const UPLOADED = ['食品经营许可申请书', '营业执照', '法定代表人（负责人）身份证件', '主要设备设施布局、操作流程等文件', '食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等规章制度'];
// A woman of 威县 born in 1956 (an even 17th digit), who will follow her case in 长者模式.
const ID_BODY = '13053319560307024';
const CITIZEN = { name: '王秀兰', idNumber: ID_BODY + idNumberCheckChar(ID_BODY), phone: '13803190156', username: 'wangxiulan56', password: 'Xiulan2026ok' };
const NOTICE_NOTE = '请上传不动产权证书或房屋租赁合同';
const BAD_COMMENT = '网上预审等了两天才有答复，希望加快。';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A one-page PDF with a line of text (ASCII, for the standard font): what a phone's scan would upload. */
async function pdfFile(name: string) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([420, 297]);
  page.drawText(name.replace(/\.pdf$/, ''), { x: 40, y: 140, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(await doc.save()) };
}

/** Keeps a screenshot of the phone page and checks that it does not scroll sideways. */
async function phoneShot(page: Page, name: string) {
  await page.waitForFunction(() => !document.querySelector('.ow-page-loading, .ant-skeleton'));
  await keepScreenshot(page, `online-${name}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: no horizontal scroll on a 375 px phone`).toBeLessThanOrEqual(1);
}

/** A desktop browser signed in as a demo staff account. */
async function staffPage(contexts: BrowserContext[], username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  contexts.push(context);
  const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username, password: STAFF_PASSWORD } });
  expect(res.ok(), `${username} signs in`).toBe(true);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

interface CaseTask {
  id: string;
  role: string;
  status: string;
  version: number;
}
interface CaseState {
  phase: string;
  decision: string | null;
  tasks: CaseTask[];
}

/** 内部流转 through the API: each open task is claimed and approved by the demo account of its role. */
async function workToTheEnd(contexts: BrowserContext[], caseId: string): Promise<CaseState> {
  const staff = new Map<string, BrowserContext>();
  const as = async (username: string) => {
    if (!staff.has(username)) staff.set(username, (await staffPage(contexts, username)).context());
    return staff.get(username)!.request;
  };
  const steps: string[] = [];
  for (let i = 0; i < 10; i++) {
    const state = (await (await (await as('clerk')).get(`${baseUrl}/api/cases/${caseId}`)).json()) as CaseState;
    const task = state.tasks.find((t) => t.status === 'open');
    if (!task) return state;
    const api = await as(task.role);
    const claim = await api.post(`${baseUrl}/api/tasks/${task.id}/claim`, { data: { version: task.version } });
    expect(claim.ok(), `${task.role} claims`).toBe(true);
    const claimed = (await claim.json()) as { version: number };
    const done = await api.post(`${baseUrl}/api/tasks/${task.id}/complete`, { data: { version: claimed.version, outcome: 'approve', opinion: '同意。' } });
    expect(done.ok(), `${task.role} approves: ${await done.text()}`).toBe(true);
    steps.push(task.role);
  }
  throw new Error(`the case did not close after ${steps.join(' → ')}`);
}

describe('网上办事 on a phone: apply, one-time notice, complete, accepted, followed, rated', () => {
  it('takes a citizen from the hall to a rated, closed case, and the bad rating to the console', { timeout: 300_000 }, async () => {
    const contexts: BrowserContext[] = [];
    const phoneContext = await browser.newContext(PHONE);
    contexts.push(phoneContext);
    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(20_000);
    let current: Page = phone;
    try {
      // 1. The hall: find the item by its pinyin initials, read the guide, apply online.
      await phone.goto(baseUrl);
      const search = phone.getByRole('searchbox', { name: '搜索办事事项' }).or(phone.getByLabel('搜索办事事项')).first();
      await search.fill('spjy');
      await search.press('Enter');
      await phone.getByRole('link', { name: ITEM.name, exact: true }).first().click();
      await phone.getByRole('heading', { name: ITEM.name, level: 1 }).waitFor();
      await phoneShot(phone, '01-guide');
      await phone.getByRole('link', { name: '在线申请' }).click();
      await phone.waitForURL(/\/login\?next=/);

      // 2. Real-name registration, which returns to the application.
      await phone.getByRole('link', { name: '实名注册' }).click();
      await phone.getByLabel('姓名').fill(CITIZEN.name);
      await phone.getByLabel('身份证号码').fill(CITIZEN.idNumber);
      await phone.getByLabel('手机号码').fill(CITIZEN.phone);
      await phone.getByLabel('用户名', { exact: true }).fill(CITIZEN.username);
      await phone.getByLabel('密码', { exact: true }).fill(CITIZEN.password);
      await phone.getByLabel('确认密码').fill(CITIZEN.password);
      await phoneShot(phone, '02-register');
      await phone.getByRole('button', { name: '注册并登录' }).click();
      await phone.waitForURL(new RegExp(`/apply/${ITEM.code}$`));

      // 3. Uploads, all but one required material, and submit anyway.
      for (const [i, name] of UPLOADED.entries()) {
        await phone.getByLabel(`上传「${name}」`, { exact: true }).setInputFiles(await pdfFile(`material-${i + 1}.pdf`));
        await phone.locator('li.ow-slot', { has: phone.locator('.ow-slot__name', { hasText: name }) }).locator('.ow-file-slot__file').waitFor();
      }
      await phone.getByLabel('申请说明', { exact: true }).fill('在威县洺州镇开一家小面馆，经营面积约60平方米。');
      await phoneShot(phone, '03-apply-filled');
      await phone.getByRole('button', { name: '提交申请' }).click();
      const confirm = phone.getByRole('dialog');
      await confirm.getByText(MISSING).first().waitFor();
      await phoneShot(phone, '04-submit-confirm-missing');
      await confirm.getByRole('button', { name: '仍然提交' }).click();
      await phone.waitForURL(/\/submitted$/);
      const number = (await phone.locator('.ow-submitted__number').innerText()).trim();
      expect(number).toMatch(/^130533-\d{8}-\d{4,6}$/);
      const caseId = /\/my\/cases\/([0-9a-f-]+)\/submitted$/.exec(phone.url())![1]!;
      await phoneShot(phone, '05-submitted');

      // 4. 网上预审 at the window: the clerk finds the application by its number and issues the one-time notice.
      const clerk = await staffPage(contexts, 'clerk');
      current = clerk;
      await clerk.goto(`${baseUrl}/staff/intake?case=${number}`);
      const missingStatus = clerk.getByRole('group', { name: `${MISSING}：核验结果` });
      await missingStatus.waitFor();
      expect(await missingStatus.getByRole('button', { name: '缺少' }).getAttribute('aria-pressed')).toBe('true');
      for (const name of UPLOADED) {
        expect(await clerk.getByRole('group', { name: `${name}：核验结果` }).getByRole('button', { name: '已收取' }).getAttribute('aria-pressed')).toBe('true');
      }
      await clerk.getByLabel(`${MISSING}：问题说明`).fill(NOTICE_NOTE);
      await clerk.getByRole('button', { name: /出具一次性告知单/ }).click();
      await clerk.locator('.ow-intake-result').waitFor();
      await clerk.getByText('一次性告知单').first().waitFor();
      await keepScreenshot(clerk, 'online-06-console-one-time-notice');

      // 5. Told once, on the phone: the notice names the missing material; she completes the same case.
      current = phone;
      await phone.goto(`${baseUrl}/my/cases/${caseId}`);
      await phone.getByText(NOTICE_NOTE).first().waitFor();
      await phone.getByText(MISSING).first().waitFor();
      await phoneShot(phone, '07-progress-one-time-notice');
      const notice = await phone.request.get(`${baseUrl}/api/cases/${caseId}/documents/correction-notice`);
      expect(notice.headers()['content-type']).toBe('application/pdf');
      await phone.getByRole('link', { name: '补齐材料并重新提交' }).click();
      await phone.waitForURL(/\/edit$/);
      await phone.getByLabel(`上传「${MISSING}」`, { exact: true }).setInputFiles(await pdfFile('lease-contract.pdf'));
      await phone.locator('li.ow-slot', { has: phone.locator('.ow-slot__name', { hasText: MISSING }) }).locator('.ow-file-slot__file').waitFor();
      await phoneShot(phone, '08-complete');
      await phone.getByRole('button', { name: '提交申请' }).click();
      await phone.waitForURL(/\/submitted$/);
      expect((await phone.locator('.ow-submitted__number').innerText()).trim(), 'the same case, completed').toBe(number);

      // 6. The clerk accepts: every material is in now.
      current = clerk;
      await clerk.goto(`${baseUrl}/staff/intake?case=${number}`);
      await clerk.getByRole('group', { name: `${MISSING}：核验结果` }).getByRole('button', { name: '已收取', pressed: true }).waitFor();
      // The first of the outcomes (受理 · 一次性告知 · 不予受理).
      await clerk.getByRole('group', { name: '受理结论' }).getByRole('button', { name: /受理/ }).first().click();
      await clerk.locator('.ow-intake-result').getByText('承诺办结日期').first().waitFor();
      await keepScreenshot(clerk, 'online-09-console-accepted');

      // 7. Reviewer (审查, 现场勘验), chief, leader (准予许可), issuer (制证, 送达).
      const closed = await workToTheEnd(contexts, caseId);
      expect(closed.phase).toBe('closed');
      expect(closed.decision).toBe('approved');

      // 8. The progress query without signing in, by an elder in 长者模式: the number and her ID number.
      const lookupContext = await browser.newContext(PHONE);
      contexts.push(lookupContext);
      const lookup = await lookupContext.newPage();
      lookup.setDefaultTimeout(20_000);
      current = lookup;
      await lookup.goto(`${baseUrl}/progress`);
      await lookup.getByRole('button', { name: '长者模式' }).click();
      await lookup.getByLabel('办件编号').fill(number);
      await lookup.getByLabel('手机号码或证件号码').fill(CITIZEN.idNumber);
      await lookup.getByRole('button', { name: '查询' }).click();
      const result = lookup.locator('section', { has: lookup.getByRole('heading', { name: ITEM.name }) });
      await result.waitFor();
      // The answer comes into view below the form, which fills a phone's screen in large type.
      await expect.poll(() => lookup.getByRole('heading', { name: ITEM.name }).evaluate((h) => h.getBoundingClientRect().top)).toBeLessThan(PHONE.viewport.height / 2);
      await expect.poll(() => lookup.evaluate(() => document.activeElement?.id)).toBe('lookup-result');
      await result.getByText('已办结').first().waitFor();
      await result.getByText('准予许可').first().waitFor();
      await lookup.getByText('王*').first().waitFor();
      await phoneShot(lookup, '10-progress-query-elder');
      await expectAccessible(lookup, 'progress query in 长者模式 with the closed case');

      // 9. 我的办件, signed in and now in 长者模式 too, then the rating: 非常不满意 needs a comment (the call-back
      //    uses her account's phone).
      current = phone;
      await phone.goto(`${baseUrl}/my/cases`);
      await phone.getByRole('button', { name: '长者模式' }).click();
      const card = phone.locator('.ow-case-card', { hasText: number });
      await card.getByText('已办结').waitFor();
      await phoneShot(phone, '11-my-cases-closed');
      await phone.goto(`${baseUrl}/my/cases/${caseId}`);
      await phone.getByRole('heading', { name: '办事评价' }).waitFor();
      await phone.getByRole('radio', { name: '非常不满意', exact: true }).click();
      await phone.getByRole('button', { name: '提交评价' }).click();
      await phone.getByText('请写明具体问题（必填）').first().waitFor();
      await phone.getByLabel('意见建议').fill(BAD_COMMENT);
      await phoneShot(phone, '12-rating-bad');
      await phone.getByRole('button', { name: '提交评价' }).click();
      await phone.getByText('我们已受理您的差评').waitFor();
      await phone.getByTestId('rating-case').getByText('非常不满意', { exact: true }).waitFor();
      await phoneShot(phone, '13-rated');
      await expectAccessible(phone, 'her closed case with the rating, in 长者模式');

      // 10. The rectification (差评整改) in the console.
      const supervisor = await staffPage(contexts, 'supervisor');
      current = supervisor;
      await supervisor.goto(`${baseUrl}/staff/evaluations`);
      await supervisor.getByRole('tab', { name: '差评整改' }).click();
      const row = supervisor.locator('.ant-table-row', { hasText: BAD_COMMENT });
      await row.waitFor();
      await row.getByText('非常不满意').waitFor();
      await row.getByText('已接收').waitFor();
      await supervisor.waitForFunction(() => !document.querySelector('.ant-table .ant-spin-spinning'));
      await keepScreenshot(supervisor, 'online-14-console-rectifications');
      // Its detail names the case.
      await row.getByRole('button', { name: '整改详情' }).click();
      const drawer = supervisor.getByRole('dialog');
      await drawer.getByText(`${number} ${ITEM.name}`).first().waitFor();
      await keepScreenshot(supervisor, 'online-15-console-rectification-detail');
    } catch (err) {
      await keepScreenshot(current, 'failed-online').catch(() => undefined);
      throw err;
    } finally {
      for (const context of contexts) await context.close();
    }
  });
});
