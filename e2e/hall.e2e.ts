/// <reference lib="dom" />
/**
 * The service hall in the browser: a citizen books a Saturday slot (无休日预约) on a phone and finds it under 我的预约;
 * at the kiosk a ticket is taken, a window calls it and the call screen shows it and says it aloud; an appointment
 * for today is checked in at the kiosk with its code.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible } from './a11y';
import { keepScreenshot, launchBrowser } from './browser';
import { idNumberCheckChar as checkChar } from '../common/id-number';
import { signIn, zhangMingsClosedCase } from './api';
import { ensureKnownYears, ensureWalkInsNow, slotDays } from './hall-setup';

const baseUrl = inject('baseUrl');
const PHONE = { viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true } as const;
const KIOSK = { viewport: { width: 1280, height: 1024 }, locale: 'zh-CN', hasTouch: true } as const;
const TV = { viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' } as const;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signInOnPage(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('OneWindow@2026');
  await page.getByRole('button', { name: '登录' }).click();
}

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('无休日预约 on a phone', () => {
  it('books a Saturday morning slot and shows it under 我的预约', async () => {
    await ensureKnownYears(baseUrl, 'HALL-APPROVAL');
    const saturday = (await slotDays(baseUrl, 'HALL-APPROVAL')).find(
      (d) => new Date(`${d.date}T12:00:00+08:00`).getUTCDay() === 6 && d.slots.some((s) => s.available > 0 && !s.past),
    );
    expect(saturday, 'a Saturday with free slots in the next two weeks').toBeDefined();
    const slot = saturday!.slots.find((s) => s.available > 0 && !s.past)!;

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${baseUrl}/appointments/new?zone=HALL-APPROVAL`);
      await signInOnPage(page, 'applicant');
      await page.getByRole('heading', { name: '预约办理' }).waitFor();
      const day = page.getByRole('radio', { name: new RegExp(saturday!.date.slice(5).replace('-', '/')) });
      await day.click();
      await page.getByText('无休日').first().waitFor();
      await page.getByText('仅接待预约').waitFor();
      await page.getByRole('radio', { name: new RegExp(`^${slot.startTime}`) }).click();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
      await keepScreenshot(page, 'hall-book-saturday-phone');
      await expectAccessible(page, 'booking on a phone');
      await page.getByRole('button', { name: /确认预约/ }).click();
      await page.getByText('预约成功').first().waitFor();
      const code = (await page.getByTestId('booking-code').textContent())!.trim();
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      await keepScreenshot(page, 'hall-booked-phone');
      await page.getByRole('button', { name: '查看我的预约' }).click();
      const card = page.getByTestId('appointment').filter({ hasText: code });
      await card.waitFor();
      await card.getByText('已预约').waitFor();
      await card.getByText(saturday!.date).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
      await keepScreenshot(page, 'hall-my-appointments-phone');
    } catch (err) {
      await keepScreenshot(page, 'failed-hall-booking');
      throw err;
    } finally {
      await context.close();
    }
  });
});

describe('ticket → call → the call screen', () => {
  it('calls a kiosk ticket to window A01 and shows and speaks it on the screen', async () => {
    await ensureWalkInsNow(baseUrl, 'HALL-APPROVAL');
    const kioskContext = await browser.newContext(KIOSK);
    const kiosk = await kioskContext.newPage();
    const tvContext = await browser.newContext(TV);
    // The television's voice, caught: every utterance the page speaks is kept for the test to read.
    await tvContext.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { __spoken: string[] }).__spoken = spoken;
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        spoken.push(u.text);
      };
    });
    const tv = await tvContext.newPage();
    kiosk.setDefaultTimeout(20_000);
    tv.setDefaultTimeout(20_000);
    try {
      await kiosk.goto(`${baseUrl}/kiosk`);
      await kiosk.getByText('欢迎使用 24 小时自助服务').waitFor();
      await keepScreenshot(kiosk, 'hall-kiosk-home');
      await expectAccessible(kiosk, 'kiosk home');
      await kiosk.getByRole('button', { name: /^号?取号/ }).click();
      await kiosk.getByRole('button', { name: /行政审批区/ }).click();
      await kiosk.getByLabel(/您的姓名/).fill('王建国');
      await kiosk.getByRole('button', { name: '确认取号' }).click();
      const slip = kiosk.getByTestId('ticket-slip');
      await slip.waitFor();
      const number = (await slip.locator('.ow-kiosk__slip-number').textContent())!.trim();
      expect(number).toMatch(/^A\d{3,}$/);
      await keepScreenshot(kiosk, 'hall-kiosk-ticket');
      await expectAccessible(kiosk, 'kiosk ticket slip');

      await tv.goto(`${baseUrl}/screen?zone=HALL-APPROVAL`);
      await tv.getByText('正在叫号').waitFor();
      await tv.getByRole('button', { name: '开启语音播报' }).click();
      await tv.getByRole('button', { name: '语音播报已开启' }).waitFor();
      // Let the screen read the calls made before it opened, so that only the new call is announced.
      await tv.waitForTimeout(2500);

      // The clerk at A01 calls until it is this ticket's turn (tickets of other journeys may wait ahead).
      const clerk = await signIn(baseUrl, 'clerk');
      let current = '';
      for (let i = 0; i < 20 && current !== number; i++) {
        const res = await clerk.call<{ current: { number: string } | null }>('POST', '/api/queue/window/next');
        expect(res.status).toBe(200);
        current = res.body.current?.number ?? '';
      }
      expect(current).toBe(number);

      await tv.getByTestId('current-number').filter({ hasText: number }).waitFor();
      await tv.getByText('王**').first().waitFor();
      await tv.getByText('综合受理窗口1').first().waitFor();
      const sentence = `请 ${number} 号到 综合受理窗口1 办理`;
      await tv.getByTestId('announcement').filter({ hasText: sentence }).waitFor();
      await tv.waitForFunction((s) => (window as unknown as { __spoken: string[] }).__spoken.includes(s), sentence);
      await keepScreenshot(tv, 'hall-call-screen');
      await expectAccessible(tv, 'call screen');
      const body = await tv.content();
      expect(body).not.toContain('王建国');
    } catch (err) {
      await keepScreenshot(kiosk, 'failed-hall-kiosk');
      await keepScreenshot(tv, 'failed-hall-screen');
      throw err;
    } finally {
      await kioskContext.close();
      await tvContext.close();
    }
  });

  it('checks in today’s appointment at the kiosk with its code and the phone’s last four digits', async () => {
    await ensureWalkInsNow(baseUrl, 'HALL-APPROVAL');
    const today = (await slotDays(baseUrl, 'HALL-APPROVAL', 1))[0]!;
    const slot = today.slots.find((s) => s.available > 0 && !s.past);
    expect(slot, 'a slot later today').toBeDefined();
    const applicant = await signIn(baseUrl, 'applicant');
    // The applicant may hold a booking for today from an earlier run of this journey on the same server.
    const booked = await applicant.call<{ code: string }>('POST', '/api/my/appointments', { zoneCode: 'HALL-APPROVAL', date: today.date, startTime: slot!.startTime });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);

    const context = await browser.newContext(KIOSK);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${baseUrl}/kiosk`);
      await page.getByRole('button', { name: /预约签到/ }).click();
      await page.getByLabel('预约码（8 位）').fill(booked.body.code);
      for (const digit of '0014') await page.locator('.ow-kiosk__keypad').getByRole('button', { name: digit, exact: true }).click();
      await page.getByRole('button', { name: '签到', exact: true }).click();
      const slip = page.getByTestId('ticket-slip');
      await slip.waitFor();
      const number = (await slip.locator('.ow-kiosk__slip-number').textContent())!.trim();
      expect(number).toMatch(/^A\d{3,}$/);
      await keepScreenshot(page, 'hall-kiosk-check-in');
      // 预约优先: a walk-in taken after it waits, and the window calls the appointment's ticket first.
      expect((await fetch(`${baseUrl}/api/public/queue/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ zoneCode: 'HALL-APPROVAL' }) })).status).toBe(201);
      const clerk = await signIn(baseUrl, 'clerk');
      const called = await clerk.call<{ current: { id: string; number: string; version: number } }>('POST', '/api/queue/window/next');
      expect(called.body.current.number).toBe(number);
      const walkIn = await clerk.call<{ current: { id: string; number: string; version: number } }>('POST', '/api/queue/window/next');
      expect(walkIn.body.current.number).not.toBe(number);
      const done = await clerk.call('POST', `/api/queue/tickets/${walkIn.body.current.id}/complete`, { version: walkIn.body.current.version });
      expect(done.status).toBe(200);
      await page.getByRole('button', { name: '返回首页' }).click();
      await page.getByText('欢迎使用 24 小时自助服务').waitFor();
      await page.getByRole('button', { name: '长者模式' }).click();
      await page.locator('.ow-kiosk--elder').waitFor();
      await keepScreenshot(page, 'hall-kiosk-elder');
      await expectAccessible(page, 'kiosk home, elder mode');
    } catch (err) {
      await keepScreenshot(page, 'failed-hall-check-in');
      throw err;
    } finally {
      await context.close();
    }
  });

  it('prints a certificate at the kiosk after checking the ID number and the phone', async () => {
    const demo = await zhangMingsClosedCase(baseUrl);
    // 张明's ID number, as the demo data made it.
    const idBody = '13053319880315123';

    const context = await browser.newContext(KIOSK);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${baseUrl}/kiosk`);
      await page.getByRole('button', { name: /打印回执证照/ }).click();
      await page.getByLabel('办件编号').fill(demo.number);
      await page.getByLabel('申请人身份证号').fill(idBody + checkChar(idBody));
      await page.getByLabel('申请人手机号').fill('13903190099');
      await page.getByRole('button', { name: '核验身份' }).click();
      await page.getByText('未查到匹配的办件').waitFor();
      await page.getByLabel('申请人手机号').fill('13903190014');
      await page.getByRole('button', { name: '核验身份' }).click();
      await page.getByText('可打印的文书和证照').waitFor();
      await keepScreenshot(page, 'hall-kiosk-print');
      await expectAccessible(page, 'kiosk print list');
      const certificate = page.locator('.ow-kiosk__doc').filter({ hasText: /130533-\d{2}-/ });
      const pdf = page.waitForResponse((r) => r.url().endsWith('/api/public/kiosk/documents/pdf'));
      await certificate.getByRole('button', { name: '打印' }).click();
      const response = await pdf;
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('application/pdf');
      await page.getByText('已发送到打印机').waitFor();
    } catch (err) {
      await keepScreenshot(page, 'failed-hall-print');
      throw err;
    } finally {
      await context.close();
    }
  });
});
