/// <reference lib="dom" />
/**
 * 窗口叫号 in the browser: two tickets taken at the kiosk (public API), the demo clerk 李晓梅 at window A01 signs
 * in, calls the first (下一位), calls it again (重呼) and completes it (办结), calls the second with the N key and,
 * when that ticket has meanwhile been skipped elsewhere, sees the server's 409 when she presses C; the manager's 大厅管理
 * then counts one more served and one more skipped, and the window's figures one more served.
 *
 * The approval zone gives walk-in tickets only in its opening hours, and the test runs at any time of any day: the
 * manager first stops the zone's hours of today's day kind and opens it all day (00:00–24:00) for walk-ins, and
 * puts the hours back afterwards.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { keepScreenshot, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const PASSWORD = 'OneWindow@2026';
const ZONE = 'HALL-APPROVAL';
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' } as const;

interface Rule {
  id: string;
  zoneCode: string;
  dayKind: 'working' | 'rest';
  active: boolean;
}
interface Ticket {
  id: string;
  number: string;
  version: number;
}
interface DayZone {
  code: string;
  waiting: number;
  done: number;
  skipped: number;
}

let browser: Browser;
let manager = '';
/** The hours stopped for the test, and the all-day hours added: put back as they were afterwards. */
const stopped: string[] = [];
let added: string | null = null;

async function login(user: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('ow_sid='))!;
}

async function call<T>(cookie: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function approvalZoneToday(): Promise<DayZone> {
  const day = await call<{ zones: DayZone[] }>(manager, 'GET', `/api/hall/day?zone=${ZONE}`);
  expect(day.status).toBe(200);
  return day.body.zones.find((z) => z.code === ZONE)!;
}

async function servedAtA01(): Promise<number> {
  const perf = await call<{ windows: { code: string; served: number }[] }>(manager, 'GET', '/api/hall/performance');
  expect(perf.status).toBe(200);
  return perf.body.windows.find((w) => w.code === 'A01')?.served ?? 0;
}

beforeAll(async () => {
  browser = await launchBrowser();
  manager = await login('manager');
  const slots = await call<{ days: { dayKind: 'working' | 'rest' | null; closedReason: string | null }[] }>(null, 'GET', `/api/public/hall/slots?zone=${ZONE}&days=1`);
  expect(slots.status).toBe(200);
  const today = slots.body.days[0]!;
  expect(today.dayKind, 'the working calendar knows today').not.toBeNull();
  expect(today.closedReason).toBeNull();
  const rules = await call<Rule[]>(manager, 'GET', '/api/hall/rules');
  for (const rule of rules.body.filter((r) => r.zoneCode === ZONE && r.dayKind === today.dayKind && r.active)) {
    expect((await call(manager, 'PATCH', `/api/hall/rules/${rule.id}`, { active: false })).status).toBe(200);
    stopped.push(rule.id);
  }
  // Capacity 0: open to walk-ins all day without offering anyone an appointment slot.
  const allDay = await call<Rule>(manager, 'POST', '/api/hall/rules', {
    zoneCode: ZONE,
    dayKind: today.dayKind,
    startTime: '00:00',
    endTime: '24:00',
    slotMinutes: 60,
    capacity: 0,
    walkIn: true,
  });
  expect(allDay.status).toBe(201);
  added = allDay.body.id;
});

afterAll(async () => {
  if (added) await call(manager, 'PATCH', `/api/hall/rules/${added}`, { active: false });
  for (const id of stopped) await call(manager, 'PATCH', `/api/hall/rules/${id}`, { active: true });
  await browser?.close();
});

async function signInAtLoginPage(page: Page, user: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('窗口叫号: kiosk tickets called, recalled, completed, and the hall’s figures', () => {
  it('calls two kiosk tickets at window A01 and shows the served count to the manager', async () => {
    const before = await approvalZoneToday();
    expect(before.waiting, 'no other ticket waits in the approval zone').toBe(0);
    const servedBefore = await servedAtA01();

    const first = await call<Ticket>(null, 'POST', '/api/public/queue/tickets', { zoneCode: ZONE, name: '王小明' });
    expect(first.status).toBe(201);
    const second = await call<Ticket>(null, 'POST', '/api/public/queue/tickets', { zoneCode: ZONE });
    expect(second.status).toBe(201);
    expect(first.body.number).toMatch(/^A\d{3}$/);

    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await signInAtLoginPage(page, 'clerk', '/staff/queue');
      await page.getByRole('heading', { name: '窗口叫号' }).waitFor();
      await page.getByText('A01 综合受理窗口1').waitFor();
      await page.getByRole('button', { name: /下一位/ }).waitFor();
      await keepScreenshot(page, 'queue-window-idle');

      await page.getByRole('button', { name: /下一位/ }).click();
      const number = page.getByTestId('current-number');
      await number.filter({ hasText: first.body.number }).waitFor();
      await page.getByText('王**').waitFor();
      await page.getByText('已叫号：' + first.body.number).waitFor();
      await keepScreenshot(page, 'queue-window-called');

      await page.getByRole('button', { name: /重呼/ }).click();
      await page.getByText('已重呼：' + first.body.number).waitFor();
      const state = await page.request.get(`${baseUrl}/api/queue/window`);
      expect(((await state.json()) as { current: { number: string; callCount: number } }).current).toMatchObject({ number: first.body.number, callCount: 2 });

      await page.getByRole('button', { name: /办结/ }).click();
      await page.getByText(`${first.body.number} 已办结`).waitFor();
      await page.getByText('暂无办理中的号码').waitFor();

      // The keyboard: N calls the second ticket.
      await page.keyboard.press('n');
      await number.filter({ hasText: second.body.number }).waitFor();
      // Meanwhile the ticket is skipped from another tab, before the panel's next refresh (held back here so that
      // the clerk acts on what her screen shows); the C key then shows the server's 409 reason.
      const shown = (await (await page.request.get(`${baseUrl}/api/queue/window`)).json()) as { current: Ticket };
      await page.route(`${baseUrl}/api/queue/window`, (route) => (route.request().method() === 'GET' ? route.fulfill({ json: shown }) : route.continue()));
      const skip = await page.request.post(`${baseUrl}/api/queue/tickets/${shown.current.id}/skip`, { data: { version: shown.current.version } });
      expect(skip.status()).toBe(200);
      await page.keyboard.press('c');
      const refusal = page.getByRole('alert').filter({ hasText: '操作未完成' });
      // The server says what happened to the ticket: it is no longer being served at this window.
      await refusal.getByText(`${second.body.number} 号不在本窗口办理中。`).waitFor();
      await page.unroute(`${baseUrl}/api/queue/window`);
      await page.getByText('本区暂无等候的号码。').first().waitFor();
      await keepScreenshot(page, 'queue-window-refused');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Window calling' }).waitFor();
      await page.getByRole('button', { name: /Next/ }).waitFor();
      await keepScreenshot(page, 'queue-window-en');
    } catch (err) {
      await keepScreenshot(page, 'failed-queue-window');
      throw err;
    } finally {
      await context.close();
    }

    const after = await approvalZoneToday();
    expect(after).toMatchObject({ waiting: 0, done: before.done + 1, skipped: before.skipped + 1 });

    const managerContext = await browser.newContext(DESKTOP);
    const hall = await managerContext.newPage();
    hall.setDefaultTimeout(20_000);
    try {
      await signInAtLoginPage(hall, 'manager', '/staff/hall');
      await hall.getByRole('heading', { name: '大厅管理' }).waitFor();
      await hall.getByTestId(`zone-${ZONE}-done`).getByText(String(before.done + 1), { exact: true }).waitFor();
      await hall.getByTestId(`zone-${ZONE}-skipped`).getByText(String(before.skipped + 1), { exact: true }).waitFor();
      const ticketRow = hall.getByRole('row').filter({ hasText: first.body.number });
      await ticketRow.getByText('已办理').waitFor();
      await keepScreenshot(hall, 'hall-day');

      await hall.getByRole('tab', { name: '窗口绩效' }).click();
      // Columns: window, zone, served, skipped, …
      const a01 = hall.getByRole('row').filter({ hasText: 'A01 综合受理窗口1' });
      await a01.waitFor();
      expect(await a01.getByRole('cell').nth(2).innerText()).toBe(String(servedBefore + 1));
      // The chart is drawn (ECharts, SVG), its figures also in a table for screen readers.
      const chart = hall.getByRole('figure', { name: '各窗口办结与过号' });
      await chart.locator('svg').first().waitFor();
      await chart.getByRole('columnheader', { name: '各窗口办结与过号' }).waitFor({ state: 'attached' });
      await keepScreenshot(hall, 'hall-performance');

      await hall.getByRole('tab', { name: '办公时段' }).click();
      // This journey's all-day hours (slots of 60 minutes); the hall journey may have left its own stopped 00:00–24:00 row.
      await hall.getByRole('row', { name: /00:00–24:00 60 0/ }).waitFor();
      await keepScreenshot(hall, 'hall-hours');

      await hall.getByRole('tab', { name: '预约规则' }).click();
      await hall.getByLabel('爽约宽限（分钟）').waitFor();
      await keepScreenshot(hall, 'hall-settings');
    } catch (err) {
      await keepScreenshot(hall, 'failed-hall');
      throw err;
    } finally {
      await managerContext.close();
    }
  });
});
