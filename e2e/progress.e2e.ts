/// <reference lib="dom" />
/**
 * 办件进度查询 without signing in, on a phone: the case number and the phone number given when applying show the
 * case's progress and its certificate; a wrong phone number shows nothing of the case.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { zhangMingsClosedCase } from './api';
import { keepScreenshot, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const PHONE = { viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true } as const;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('进度查询 on a phone, without signing in', () => {
  it('shows the progress and the certificate for the number and the phone, nothing for a wrong phone', async () => {
    const { number } = await zhangMingsClosedCase(baseUrl);
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${baseUrl}/progress`);
      await page.getByRole('heading', { name: '办件进度查询' }).waitFor();
      await page.getByLabel('办件编号').fill(number);
      await page.getByLabel('手机号码或证件号码').fill('13903190099');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText('未查到匹配的办件').waitFor();
      await page.getByLabel('手机号码或证件号码').fill('13903190014');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByRole('heading', { name: '特种设备作业人员资格认定' }).waitFor();
      await page.getByText('已办结').first().waitFor();
      await page.getByText('张*').waitFor();
      await page.getByRole('link', { name: '核验', exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
      await keepScreenshot(page, 'progress-query-phone');
      await page.getByRole('link', { name: '核验', exact: true }).click();
      await page.getByText('该证照真实有效').waitFor();
    } catch (err) {
      await keepScreenshot(page, 'failed-progress');
      throw err;
    } finally {
      await context.close();
    }
  });
});
