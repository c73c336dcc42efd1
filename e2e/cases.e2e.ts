/// <reference lib="dom" />
/**
 * The approval case in the browser: a clerk accepts 食品经营许可 at the window with the keyboard, the case
 * moves through reviewer, chief, leader and issuer in their inboxes, and the applicant follows it and sees the
 * promised date.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { keepScreenshot, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const PASSWORD = 'OneWindow@2026';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(user: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username: user, password: PASSWORD } });
  expect(res.ok()).toBe(true);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** On the case page: claim the open task if needed, press the action, write the opinion, confirm. */
async function workTask(page: Page, caseId: string, action: string, opinion: string, okName = action) {
  await page.goto(`${baseUrl}/staff/cases/${caseId}`);
  const actions = page.locator('.ow-actions-card');
  await actions.waitFor();
  const claim = actions.getByRole('button', { name: /签收$/ });
  if (await claim.count()) {
    await claim.first().click();
    await page.getByText('已签收。').first().waitFor();
  }
  await actions.getByRole('button', { name: new RegExp(`${action}$`) }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('办理意见').fill(opinion);
  await dialog.getByRole('button', { name: okName }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('已办理。').first().waitFor();
}

describe('一窗受理 → 内部流转 → 限时办结 → 统一发证, in the browser', () => {
  it('a clerk accepts an application with the keyboard and prints the notices; the case closes through the inboxes', async () => {
    const clerk = await signIn('clerk');
    await clerk.goto(`${baseUrl}/staff/intake`);
    const search = clerk.getByRole('combobox', { name: '搜索事项' });
    await search.click();
    await search.pressSequentially('spjy', { delay: 20 });
    await clerk.locator('.ant-select-item-option', { hasText: '食品经营许可' }).first().waitFor();
    await clerk.keyboard.press('Enter');
    await clerk.locator('.ow-item-essentials').waitFor();
    await clerk.getByRole('group', { name: '申请人类型' }).getByRole('button', { name: '个人' }).click();
    const name = clerk.locator('#intake_applicant_name');
    await name.fill('张明');
    await name.press('Enter');
    await clerk.keyboard.type('130533198803151233');
    await clerk.keyboard.press('Enter');
    await clerk.keyboard.type('13903190014');
    await clerk.keyboard.press('Enter');
    await clerk.keyboard.type('威县洺州镇人民路118号');
    await clerk.locator('.ow-material-row').first().waitFor();
    await clerk.keyboard.press('Alt+KeyA'); // 全部收齐
    await clerk.keyboard.press('Alt+KeyS'); // 受理
    await clerk.locator('.ow-intake-result').waitFor();
    const number = (await clerk.locator('.ow-intake-result .ow-case-number').first().innerText()).trim();
    expect(number).toMatch(/^130533-\d{8}-\d{4}$/);
    await clerk.getByText('承诺办结日期').first().waitFor();
    await keepScreenshot(clerk, 'case-intake-accepted');
    const href = await clerk.locator('a[href^="/staff/cases/"]').first().getAttribute('href');
    const caseId = href!.split('/').pop()!;
    for (const kind of ['acceptance-notice', 'time-limit-card']) {
      const pdf = await clerk.request.get(`${baseUrl}/api/cases/${caseId}/documents/${kind}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
    }

    const reviewer = await signIn('reviewer');
    await reviewer.goto(`${baseUrl}/staff/tasks?view=available`);
    await reviewer.getByText(number).first().waitFor().catch(async (err: unknown) => {
      await keepScreenshot(reviewer, 'failed-reviewer-inbox');
      throw err;
    });
    await workTask(reviewer, caseId, '同意', '申请材料齐全，同意转现场勘验。');
    await workTask(reviewer, caseId, '同意', '现场勘验符合要求。');
    await workTask(await signIn('chief'), caseId, '同意', '复核无误。');
    await workTask(await signIn('leader'), caseId, '准予许可', '同意准予食品经营许可。');
    const issuer = await signIn('issuer');
    await workTask(issuer, caseId, '同意', '证照已制作。');
    await workTask(issuer, caseId, '同意', '已当面送达。');
    await issuer.goto(`${baseUrl}/staff/cases/${caseId}`);
    await issuer.getByText('已办结').first().waitFor();
    await keepScreenshot(issuer, 'case-closed');

    // The applicant follows the same case on a phone.
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await phone.goto(`${baseUrl}/login`);
    await phone.getByLabel('用户名').fill('applicant');
    await phone.getByLabel('密码').fill(PASSWORD);
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.waitForURL((url) => !url.pathname.startsWith('/login'));
    await phone.goto(`${baseUrl}/my/cases/${caseId}`);
    await phone.getByText(number).first().waitFor().catch(async (err: unknown) => {
      await keepScreenshot(phone, 'failed-applicant-progress');
      throw err;
    });
    await phone.getByText('作出准予许可决定。').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    await keepScreenshot(phone, 'applicant-progress-phone');
  });
});
