/// <reference lib="dom" />
/**
 * Browser journeys of the foundation: the public guide in Chinese, on a desktop and on a 375 px phone, and a
 * staff member signing in and opening the catalogue.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { keepScreenshot, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('public guide (办事指南)', () => {
  it('shows the figures of the reform and finds an item by pinyin initials', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await page.goto(baseUrl);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // The eight figures come from /api/public/catalog/stats.
    const stats = page.locator('.ow-stat');
    for (const [label, figure] of [['行政许可事项', '116'], ['行政确认事项', '35'], ['中心服务事项', '172'], ['划转部门', '26']]) {
      await expect.poll(() => stats.filter({ hasText: label! }).locator('.ow-stat__value').innerText()).toMatch(new RegExp(`^${figure}`));
    }
    await keepScreenshot(page, 'portal-home');
    const search = page.getByRole('searchbox', { name: '搜索办事事项' }).or(page.getByLabel('搜索办事事项')).first();
    await search.fill('spjy');
    await search.press('Enter');
    await page.getByRole('link', { name: /食品经营许可/ }).first().click();
    await page.getByRole('heading', { name: '食品经营许可' }).waitFor();
    for (const text of ['申请材料', '承诺时限', '办理流程', '食品经营许可证']) await page.getByText(text).first().waitFor();
    await keepScreenshot(page, 'portal-item-guide');
    await page.close();
  });

  it('lists every item and works on a 375 px phone without horizontal scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    await page.goto(`${baseUrl}/items`);
    await page.getByText(/共\s*324\s*项/).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await keepScreenshot(page, 'portal-items-phone');
    await page.goto(`${baseUrl}/items/WX-XK-099`);
    await page.getByRole('heading', { name: '食品经营许可' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    await keepScreenshot(page, 'portal-item-guide-phone');
    await page.close();
  });
});

describe('staff console', () => {
  it('signs in and opens the catalogue', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await page.goto(`${baseUrl}/staff`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('用户名或密码错误。').waitFor();
    await page.getByLabel('密码').fill('OneWindow@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('menuitem', { name: /事项目录/ }).click();
    await page.getByRole('link', { name: 'WX-QR-001' }).waitFor();
    await keepScreenshot(page, 'console-catalog');
    const search = page.getByPlaceholder('名称、编码或拼音首字母');
    await search.fill('spjy');
    await search.press('Enter');
    await page.getByRole('link', { name: '食品经营许可' }).first().click();
    await page.getByText('WX-XK-099').first().waitFor();
    await keepScreenshot(page, 'console-item');
    await page.close();
  });
});
