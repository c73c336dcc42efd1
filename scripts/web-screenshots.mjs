// Screenshots of the web app for a look by eye: the portal at desktop (1280 px) and phone (375 px) width,
// and the staff console after signing in. Writes PNGs to /tmp/ow-shots (never into the repository) and
// prints any console error or failed request a page produced.
//
//   OW_URL=http://localhost:3100 OW_USER=admin OW_PASSWORD=… node scripts/web-screenshots.mjs [name-filter]
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.OW_URL ?? 'http://localhost:3100';
const out = process.env.OW_SHOTS ?? '/tmp/ow-shots';
const user = process.env.OW_USER ?? 'admin';
const password = process.env.OW_PASSWORD ?? 'OneWindow@2026';
const filter = process.argv[2] ?? '';
fs.mkdirSync(out, { recursive: true });

// Playwright gives each launch a fresh temporary profile (it refuses --user-data-dir in `args`).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const problems = [];
function watch(page, name) {
  page.on('console', (msg) => {
    // The console asks /api/auth/me before signing in (401), and the missing-item page gets its 404: expected.
    if (/status of (401|404)/.test(msg.text())) return;
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`[${name}] console.${msg.type()}: ${msg.text().slice(0, 300)}`);
  });
  page.on('pageerror', (err) => problems.push(`[${name}] page error: ${err.message}`));
  page.on('response', (res) => {
    // A missing item answers 404 by design (portal-guide-missing).
    if (res.status() === 404 && res.url().includes('/api/public/items/WX-XK-999')) return;
    if (res.status() >= 400 && !res.url().endsWith('/api/auth/me')) problems.push(`[${name}] HTTP ${res.status()} ${res.url()}`);
  });
}

async function shot(context, name, url, { width, prepare } = {}) {
  if (filter && !name.includes(filter)) return;
  const page = await context.newPage();
  watch(page, name);
  if (width) await page.setViewportSize({ width, height: 900 });
  await page.goto(base + url, { waitUntil: 'networkidle' });
  // Lazy pages show a spinner until their code has loaded.
  await page.waitForFunction(() => !document.querySelector('.ow-page-loading'), null, { timeout: 15000 }).catch(() => {});
  if (prepare) await prepare(page);
  await page.waitForTimeout(300);
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`${file}  (${url})`);
  // Long pages are also cut into parts that can be looked at in full resolution.
  const { w, h } = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
  const partHeight = w <= 480 ? 1100 : 1800;
  if (h > partHeight * 1.3) {
    for (let i = 0, y = 0; y < h; i++, y += partHeight) {
      await page.screenshot({ path: path.join(out, `${name}.part${i + 1}.png`), fullPage: true, clip: { x: 0, y, width: w, height: Math.min(partHeight, h - y) } });
    }
  }
  await page.close();
}

const lang = (value) => [{ name: 'ow_lang', value, url: base }];

// Portal, Chinese, desktop and phone.
for (const [suffix, width, mobile] of [
  ['1280', 1280, false],
  ['375', 375, true],
]) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1, locale: 'zh-CN' });
  await context.addCookies(lang('zh'));
  await shot(context, `portal-home-${suffix}`, '/');
  await shot(context, `portal-items-${suffix}`, '/items');
  await shot(context, `portal-items-filtered-${suffix}`, '/items?q=spjy');
  await shot(context, `portal-guide-${suffix}`, '/items/WX-XK-099');
  await shot(context, `portal-org-${suffix}`, '/org');
  await shot(context, `portal-404-${suffix}`, '/no-such-page');
  await shot(context, `portal-guide-missing-${suffix}`, '/items/WX-XK-999');
  await context.close();
}

// Portal in English.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en' });
  await context.addInitScript(() => window.localStorage.setItem('ow_lang', 'en'));
  await context.addCookies(lang('en'));
  await shot(context, 'portal-home-en', '/');
  await shot(context, 'portal-guide-en', '/items/WX-XK-099');
  await context.close();
}

// Staff console.
async function signedIn(width) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  await context.addCookies(lang('zh'));
  const page = await context.newPage();
  watch(page, `login-${width}`);
  await page.goto(`${base}/staff/login`, { waitUntil: 'networkidle' });
  if (!filter || 'console-login'.includes(filter)) {
    await page.screenshot({ path: path.join(out, `console-login-${width}.png`), fullPage: true });
    console.log(path.join(out, `console-login-${width}.png`));
  }
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${base}/staff`);
  await page.close();
  return context;
}

{
  const context = await signedIn(1280);
  await shot(context, 'console-workbench-1280', '/staff');
  await shot(context, 'console-catalog-1280', '/staff/catalog');
  const firstItem = await (await context.request.get(`${base}/api/catalog/items?q=WX-XK-099`)).json();
  const id = firstItem.items?.[0]?.id;
  if (id) {
    await shot(context, 'console-item-1280', `/staff/catalog/${id}`);
    await shot(context, 'console-item-edit-1280', `/staff/catalog/${id}/edit`);
  }
  await shot(context, 'console-item-new-1280', '/staff/catalog/new');
  await shot(context, 'console-import-1280', '/staff/catalog', {
    prepare: async (page) => {
      await page.getByRole('button', { name: '导入 JSON' }).click();
    },
  });
  for (const tab of ['bureau', 'departments', 'centerUnits', 'windows', 'townships']) {
    await shot(context, `console-org-${tab}-1280`, `/staff/org?tab=${tab}`);
  }
  await shot(context, 'console-org-edit-unit-1280', '/staff/org?tab=centerUnits', {
    prepare: async (page) => {
      await page.getByRole('button', { name: /^编辑 / }).first().click();
    },
  });
  await shot(context, 'console-accounts-1280', '/staff/accounts');
  await shot(context, 'console-accounts-create-1280', '/staff/accounts', {
    prepare: async (page) => {
      await page.getByRole('button', { name: '新建工作人员账号' }).click();
    },
  });
  await shot(context, 'console-audit-1280', '/staff/audit', {
    prepare: async (page) => {
      await page.getByRole('button', { name: '校验哈希链' }).click();
      await page.waitForTimeout(500);
      await page.locator('.ant-table-row-expand-icon').first().click();
    },
  });
  await shot(context, 'console-password-1280', '/staff/password');
  await context.close();
}

{
  const context = await signedIn(820);
  await shot(context, 'console-workbench-820', '/staff');
  await shot(context, 'console-catalog-820', '/staff/catalog');
  await context.close();
}
{
  const context = await signedIn(375);
  await shot(context, 'console-catalog-375', '/staff/catalog');
  await context.close();
}

await browser.close();
if (problems.length) {
  console.log(`\n${problems.length} problem(s):`);
  for (const p of [...new Set(problems)]) console.log(`  ${p}`);
} else {
  console.log('\nNo console errors or failed requests.');
}
