/// <reference lib="dom" />
/**
 * 好差评 on a phone: the demo applicant 张明 opens his closed demo case, taps one of the five big buttons, scores
 * a dimension, comments, submits, and then sees his rating in place of the form.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { keepScreenshot, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true } as const;

let browser: Browser;

async function sessionOf(user: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: 'OneWindow@2026' }),
  });
  expect(res.status).toBe(200);
  const sid = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('ow_sid='));
  return sid!.slice('ow_sid='.length);
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('好差评 on the applicant’s closed case, on a phone', () => {
  it('rates the case with a big button and shows the rating afterwards', async () => {
    const sid = await sessionOf('applicant');
    const list = await fetch(`${baseUrl}/api/cases?phase=closed&limit=50`, { headers: { cookie: `ow_sid=${sid}` } });
    // The demo case whose window visit 张明 rated 不满意 (server/db/seed/demo-cases.ts); other browser tests close
    // cases of his too, so it is picked by its item, not by its place in the list.
    const closed = ((await list.json()) as { items: { id: string; itemName: string }[] }).items.filter((c) => c.itemName === '特种设备作业人员资格认定');
    expect(closed.length, 'the demo data has a closed case of 张明').toBeGreaterThan(0);
    const context = await browser.newContext(PHONE);
    await context.addCookies([{ name: 'ow_sid', value: sid, url: baseUrl }]);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${baseUrl}/my/cases/${closed[0]!.id}`);
      await page.getByRole('heading', { name: '办事评价' }).waitFor();
      // The demo 差评 of the window visit shows with its rectification deadline.
      await page.getByTestId('rating-window_visit').waitFor();
      await page.getByRole('radio', { name: '满意', exact: true }).click();
      await page.getByLabel('意见建议').fill('一次办好，不用跑腿。');
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('感谢您的评价！').waitFor();
      await page.getByTestId('rating-case').getByText('满意', { exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
      await keepScreenshot(page, 'evaluation-rated-phone');
    } catch (err) {
      await keepScreenshot(page, 'failed-evaluation');
      throw err;
    } finally {
      await context.close();
    }
  });
});
