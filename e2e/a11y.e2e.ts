/// <reference lib="dom" />
/**
 * Accessibility of the public pages (WCAG 2.1 AA as GB/T 37668 asks): axe-core finds no serious or critical
 * violation on the hall, an item guide and the progress page (its empty form with errors, and a found case), on a
 * 375 px phone and on a desktop, in the normal look and in 长者模式 — which the visitor switches on in the header,
 * which is in force from the first paint of the next page, and which makes text ≥ 18 px and targets ≥ 48 px.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expectAccessible } from './a11y';
import { zhangMingsClosedCase } from './api';
import { keepScreenshot, launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const VIEWPORTS: Record<'phone' | 'desktop', BrowserContextOptions> = {
  phone: { viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' },
};

let browser: Browser;
let demoCase: { number: string; phone: string };

beforeAll(async () => {
  browser = await launchBrowser();
  demoCase = await zhangMingsClosedCase(baseUrl);
});
afterAll(async () => {
  await browser?.close();
});

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Checks the page as it is now, keeps a screenshot, and on a phone checks that nothing scrolls sideways. */
async function check(page: Page, label: string, shot: string, phone: boolean) {
  await keepScreenshot(page, shot);
  await expectAccessible(page, label);
  if (phone) expect(await horizontalOverflow(page), `${label}: no horizontal scroll`).toBeLessThanOrEqual(1);
}

/** The three public pages, each in the states a visitor meets. */
async function visitPublicPages(page: Page, tag: string, phone: boolean) {
  await page.goto(baseUrl);
  await page.locator('.ow-tile').first().waitFor();
  await check(page, `${tag} hall`, `a11y-${tag}-hall`, phone);

  await page.goto(`${baseUrl}/items/WX-XK-099`);
  await page.getByRole('heading', { name: '食品经营许可', level: 1 }).waitFor();
  // The flowchart (bpmn-js, loaded on demand) has been drawn.
  await page.locator('.ow-process-diagram__box[aria-busy="false"] svg').first().waitFor();
  await check(page, `${tag} item guide`, `a11y-${tag}-guide`, phone);

  await page.goto(`${baseUrl}/progress`);
  await page.getByRole('heading', { name: '办件进度查询' }).waitFor();
  await page.getByRole('button', { name: '查询' }).click();
  await page.locator('.ant-form-item-explain-error').first().waitFor();
  await check(page, `${tag} progress, empty form`, `a11y-${tag}-progress-errors`, phone);
  await page.getByLabel('办件编号').fill(demoCase.number);
  await page.getByLabel('手机号码或证件号码').fill(demoCase.phone);
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('heading', { name: '特种设备作业人员资格认定' }).waitFor();
  await check(page, `${tag} progress, found`, `a11y-${tag}-progress-found`, phone);
}

describe('accessibility of the public pages (axe-core, WCAG 2.1 A/AA)', () => {
  for (const [name, options] of Object.entries(VIEWPORTS)) {
    const phone = name === 'phone';

    it(`has no serious or critical violation on the ${name}`, async () => {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      try {
        await visitPublicPages(page, `${name}`, phone);
        expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(false);
      } finally {
        await context.close();
      }
    });

    it(`switches to 长者模式 on the ${name}, keeps it from the first paint, and has no serious or critical violation`, async () => {
      const context = await browser.newContext(options);
      // Records whether <html> was already in the mode when React first put the portal on the page.
      await context.addInitScript(() => {
        const flags = window as unknown as { elderAtFirstRender?: boolean };
        new MutationObserver((_records, observer) => {
          if (!document.querySelector('.ow-portal')) return;
          flags.elderAtFirstRender = document.documentElement.classList.contains('elder');
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      try {
        await page.goto(baseUrl);
        const toggle = page.getByRole('button', { name: '长者模式' });
        expect(await toggle.getAttribute('aria-pressed')).toBe('false');
        expect(await page.evaluate(() => (window as unknown as { elderAtFirstRender?: boolean }).elderAtFirstRender)).toBe(false);
        const normalSize = await page.locator('.ow-tile__count').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        await toggle.click();
        expect(await toggle.getAttribute('aria-pressed')).toBe('true');
        expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);

        // A new page load: in the mode before React's first render (no flash of small type).
        await page.reload();
        await page.locator('.ow-tile').first().waitFor();
        expect(await page.evaluate(() => (window as unknown as { elderAtFirstRender?: boolean }).elderAtFirstRender)).toBe(true);

        // Larger type: the smallest print of the hall at 18 px at least, body text 20 px; bigger targets.
        const elderSize = await page.locator('.ow-tile__count').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(normalSize).toBeLessThan(18);
        expect(elderSize).toBeGreaterThanOrEqual(18);
        expect(await page.locator('.ow-hero__subtitle').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18);
        for (const target of [page.getByRole('button', { name: '长者模式' }), page.getByRole('link', { name: '办事指南' }).first(), page.getByRole('button', { name: '搜索' })]) {
          const box = await target.boundingBox();
          expect(box!.height, 'a touch target 48 px high').toBeGreaterThanOrEqual(48);
        }
        // Plainer: the reform's figures and the staff sign-in are gone; on a phone the tiles are one column.
        expect(await page.locator('.ow-stats').isVisible()).toBe(false);
        expect(await page.locator('.ow-portal-header').getByRole('link', { name: '工作人员登录' }).isVisible()).toBe(false);
        if (phone) {
          const tiles = await page.locator('.ow-tile').evaluateAll((els) => els.slice(0, 2).map((el) => el.getBoundingClientRect().top));
          expect(tiles[1]).toBeGreaterThan(tiles[0]!);
        }

        await visitPublicPages(page, `${name}-elder`, phone);

        // And back: the choice is undone as easily.
        await page.getByRole('button', { name: '长者模式' }).click();
        expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(false);
        expect(await page.evaluate(() => localStorage.getItem('ow_elder'))).toBeNull();
      } catch (err) {
        await keepScreenshot(page, `failed-a11y-${name}-elder`);
        throw err;
      } finally {
        await context.close();
      }
    });
  }
});
