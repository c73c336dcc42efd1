// A walk through the applicant's own area on a 375 × 740 phone, screenshotting every screen for a look by
// eye: register a new person, apply online for 食品经营许可 (WX-XK-099) with uploads, get a one-time notice
// from the window (the clerk, through the API), complete and resubmit, see the case accepted with its promised
// date, answer a reviewer's correction, withdraw a second application, and see a staff account pointed to
// /staff. Prints every console error, failed request and horizontal overflow it met; exits non-zero on any.
//
//   DATA_DIR=/tmp/ow-applicant-web PORT=3500 JOBS=0 node --import tsx server/main.ts   # a demo server
//   OW_URL=http://localhost:3500 node scripts/web-applicant-walk.mjs                    # shots in /tmp/ow-applicant-walk
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, request } from 'playwright-core';

const base = process.env.OW_URL ?? 'http://localhost:3500';
const out = process.env.OW_SHOTS ?? '/tmp/ow-applicant-walk';
const demoPassword = process.env.OW_PASSWORD ?? 'OneWindow@2026';
const ITEM = 'WX-XK-099';
const WIDTH = 375;
fs.mkdirSync(out, { recursive: true });
for (const f of fs.readdirSync(out)) if (f.endsWith('.png')) fs.unlinkSync(path.join(out, f));

// ------------------------------------------------------------------------------------------ test files

/** A small valid one-page PDF with a line of text. */
function makePdf(title) {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 40 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A small valid PNG: a coloured rectangle with a darker band (a "photo" of a document). */
function makePng(width, height, [r, g, b]) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const band = y > height / 3 && y < (height * 2) / 3 ? 0.6 : 1;
      const i = y * (width * 3 + 1) + 1 + x * 3;
      raw[i] = r * band;
      raw[i + 1] = g * band;
      raw[i + 2] = b * band;
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const pdf = (name) => ({ name, mimeType: 'application/pdf', buffer: makePdf(name.replace(/\.pdf$/, '')) });
const png = (name, colour) => ({ name, mimeType: 'image/png', buffer: makePng(120, 80, colour) });

/** A valid resident ID number (GB 11643) of someone from 威县 born on 1990-03-07. */
function makeIdNumber(sequence) {
  const first17 = `13053319900307${String(sequence).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

// ------------------------------------------------------------------------------------------ browser

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, locale: 'zh-CN' });
await context.addCookies([{ name: 'ow_lang', value: 'zh', url: base }]);
const page = await context.newPage();

const problems = [];
let expected401 = true;
let expected404 = 0;
let expected400 = 0;
page.on('console', (msg) => {
  if (/status of 401/.test(msg.text()) && expected401) return;
  if (/status of 400/.test(msg.text()) && expected400 > 0) {
    expected400 -= 1;
    return;
  }
  if (/status of 404/.test(msg.text()) && expected404 > 0) {
    expected404 -= 1;
    return;
  }
  if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text().slice(0, 300)}`);
});
page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
page.on('response', (res) => {
  // The portal asks /api/auth/me before anyone signs in (401): expected.
  if (res.status() === 401 && res.url().endsWith('/api/auth/me')) return;
  if (res.status() === 400 && expected400 > 0) return;
  // The guide's flowchart (another feature) asks for the item's BPMN; a server without that route says 404.
  if (res.status() === 404 && res.url().endsWith('/process.bpmn')) {
    expected404 += 1;
    return;
  }
  if (res.status() >= 400) problems.push(`HTTP ${res.status()} ${res.request().method()} ${res.url().replace(base, '')}`);
});

let shotNo = 0;
async function settle() {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForFunction(() => !document.querySelector('.ow-page-loading, .ant-skeleton'), null, { timeout: 15000 }).catch(() => {});
  await page.waitForTimeout(250);
}
async function shot(name) {
  await settle();
  shotNo += 1;
  const file = path.join(out, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const { scroll, client, height } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  if (scroll > client) problems.push(`${name}: horizontal overflow (${scroll} > ${client} px)`);
  // Long pages are also cut into screen-sized parts that can be looked at in full resolution.
  const partHeight = 900;
  if (height > partHeight * 1.3) {
    for (let i = 0, y = 0; y < height; i++, y += partHeight) {
      await page.screenshot({ path: file.replace(/\.png$/, `.part${i + 1}.png`), fullPage: true, clip: { x: 0, y, width: client, height: Math.min(partHeight, height - y) } });
    }
  }
  console.log(`  ${file}  ${page.url().replace(base, '')}`);
}
function step(text) {
  console.log(`• ${text}`);
}
function check(condition, text) {
  if (!condition) {
    problems.push(`check failed: ${text}`);
    console.log(`  ✗ ${text}`);
  } else console.log(`  ✓ ${text}`);
}

/** A signed-in API client for a staff account (the window clerk, the reviewer). */
async function staff(username) {
  const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });
  const res = await api.post('/api/auth/login', { data: { username, password: demoPassword } });
  if (!res.ok()) throw new Error(`${username} cannot sign in: ${res.status()} ${await res.text()}`);
  const call = async (method, url, data) => {
    const r = await api.fetch(url, { method, data });
    const body = await r.json().catch(() => null);
    if (!r.ok()) throw new Error(`${username} ${method} ${url}: ${r.status()} ${JSON.stringify(body)}`);
    return body;
  };
  return { call, dispose: () => api.dispose() };
}

const slot = (name) => page.locator('li.ow-slot').filter({ has: page.locator('.ow-slot__name', { hasText: new RegExp(`^${name}$`) }) });
async function upload(name, file) {
  await page.getByLabel(`上传「${name}」`, { exact: true }).setInputFiles(file);
  await slot(name).locator('.ow-file-slot__file').waitFor({ timeout: 15000 });
}

try {
  // 1. Home and the guide, not signed in.
  step('Home and the guide of 食品经营许可, not signed in');
  await page.goto(`${base}/`);
  await shot('home');
  check(await page.getByRole('link', { name: '登录', exact: true }).isVisible(), 'the header offers 登录');
  await page.goto(`${base}/items/${ITEM}`);
  await shot('guide-with-apply-button');
  await page.getByRole('link', { name: '在线申请' }).click();
  await page.waitForURL(/\/login\?next=/);
  await shot('login-before-apply');

  // 2. Register a new person (the live ID check first says no, then yes).
  step('Register a person');
  await page.getByRole('link', { name: '实名注册' }).click();
  await page.waitForURL(/\/register/);
  const stamp = Date.now().toString(36).slice(-5);
  const idNumber = makeIdNumber(100 + (Date.now() % 800));
  const username = `walk_${stamp}`;
  const password = 'Walk2026ok';
  await page.getByLabel('姓名').fill('张晓明');
  await page.getByLabel('身份证号码').fill(`${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`);
  await page.getByLabel('手机号码').fill('1380319');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill('short');
  await page.getByLabel('确认密码').fill('short2');
  await page.getByRole('button', { name: '注册并登录' }).click();
  await shot('register-errors');
  check(await page.getByText('身份证号码校验码错误，请核对后重新输入。').isVisible(), 'a wrong check character is named in Chinese, live');
  await page.getByLabel('身份证号码').fill(idNumber);
  await page.getByLabel('手机号码').fill(`138${String(Date.now()).slice(-8)}`);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('确认密码').fill(password);
  // The server's own 400 lands next to the field: the demo applicant's user name is taken.
  await page.getByLabel('用户名', { exact: true }).fill('applicant');
  expected400 = 1;
  await page.getByRole('button', { name: '注册并登录' }).click();
  await page.getByText('该用户名已被使用。').waitFor({ timeout: 15000 });
  await shot('register-server-error');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.waitForTimeout(300);
  await shot('register-filled');
  await page.getByRole('button', { name: '注册并登录' }).click();
  await page.waitForURL(new RegExp(`/apply/${ITEM}$`), { timeout: 15000 });
  expected401 = false;

  // 3. Apply online: uploads, a draft, then submit with one material still missing.
  step('Apply online with uploads');
  await shot('apply-empty');
  check(await page.getByRole('link', { name: /我的办件\s*张晓明/ }).isVisible(), 'the header shows the applicant by name');
  await upload('食品经营许可申请书', pdf('application-form.pdf'));
  // A newly registered person holds no certificate yet, and the server checks that a reused one is in force and
  // theirs (server/modules/certificates/certificates.api.test.ts): the licence copy is uploaded instead.
  await upload('营业执照', pdf('business-licence.pdf'));
  await upload('法定代表人（负责人）身份证件', png('id-card.png', [200, 180, 150]));
  await upload('主要设备设施布局、操作流程等文件', pdf('layout.pdf'));
  await upload('食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等规章制度', pdf('rules.pdf'));
  await page.getByLabel('申请说明', { exact: true }).fill('在威县洺州镇开设小型餐饮店，经营面积约80平方米，主营面食和家常菜。');
  await page.getByLabel('联系电话').fill('13803190101');
  await shot('apply-filled');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.waitForURL(/\/my\/cases\/[0-9a-f-]+\/edit$/, { timeout: 15000 });
  const caseId = page.url().match(/\/my\/cases\/([0-9a-f-]+)\/edit/)[1];
  await shot('draft-saved');
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('dialog').waitFor();
  await page.waitForTimeout(400);
  await shot('submit-confirm-missing');
  await page.getByRole('button', { name: '仍然提交' }).click();
  await page.waitForURL(/\/submitted$/, { timeout: 20000 });
  await shot('submitted');
  check(await page.getByText('已提交，等待窗口受理（网上预审）').first().isVisible(), 'the result says 已提交，等待窗口受理（网上预审）');
  const number = (await page.locator('.ow-submitted__number').textContent())?.trim();
  check(/^130533-\d{8}-\d{4,6}$/.test(number ?? ''), `the result shows the case number (${number})`);

  await page.getByRole('link', { name: '返回我的办件' }).click();
  await page.waitForURL(/\/my\/cases$/);
  await shot('my-cases-submitted');
  await page.goto(`${base}/my/cases/${caseId}`);
  await shot('progress-submitted');

  // 4. The window's online pre-review sends it back with a one-time notice.
  step('Clerk: one-time notice (request_materials) through the API');
  const clerk = await staff('clerk');
  let detail = await clerk.call('GET', `/api/cases/${caseId}`);
  const notice = {
    经营场所使用证明: { status: 'missing', note: '请提交不动产权证书或房屋租赁合同复印件' },
    食品经营许可申请书: { status: 'defective', note: '申请书第2页未签字，请签字后重新上传' },
  };
  detail = await clerk.call('POST', `/api/cases/${caseId}/intake`, {
    version: detail.version,
    outcome: 'request_materials',
    materials: detail.materials.map((m) => ({
      itemMaterialId: m.itemMaterialId,
      ...(notice[m.name] ?? { status: m.hasFile || m.certificateNumber ? 'received' : m.required ? 'missing' : 'not_applicable', note: '' }),
    })),
  });
  check(detail.phase === 'awaiting_materials', `the case waits for materials (${detail.phase})`);

  step('Applicant: messages, progress, complete and resubmit');
  await page.goto(`${base}/my/cases`);
  await shot('my-cases-awaiting');
  check(await page.locator('.ow-unread-pill').isVisible(), 'the unread count shows');
  await page.locator('.ow-unread-pill').click();
  await shot('messages');
  const firstRead = page.getByRole('button', { name: /^标为已读：/ }).first();
  await firstRead.click();
  await page.waitForTimeout(500);
  await shot('messages-one-read');
  await page.goto(`${base}/my/cases/${caseId}`);
  await shot('progress-awaiting-materials');
  const noticePdf = await page.request.get(`${base}/api/cases/${caseId}/documents/correction-notice`);
  check(noticePdf.ok() && (await noticePdf.body()).subarray(0, 5).toString() === '%PDF-', 'the one-time notice opens as a PDF');
  await page.getByRole('link', { name: '补齐材料并重新提交' }).click();
  await page.waitForURL(/\/edit$/);
  await shot('complete-returned');
  await page.getByLabel('替换「食品经营许可申请书」的文件').setInputFiles(pdf('application-form-signed.pdf'));
  await slot('食品经营许可申请书').locator('.ow-upload-button', { hasText: '替换文件' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('.ow-file-slot__progress'));
  await upload('经营场所使用证明', png('lease.png', [170, 200, 230]));
  await shot('complete-returned-filled');
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.waitForURL(/\/submitted$/, { timeout: 20000 });
  await shot('resubmitted');

  // 5. The window accepts: the clock starts and the promised date is set.
  step('Clerk: accept through the API');
  detail = await clerk.call('GET', `/api/cases/${caseId}`);
  const statuses = Object.fromEntries(detail.materials.map((m) => [m.name, m.status]));
  check(
    detail.materials.filter((m) => m.required).every((m) => m.status === 'received'),
    `every required material arrived as received (${JSON.stringify(statuses)})`,
  );
  detail = await clerk.call('POST', `/api/cases/${caseId}/intake`, {
    version: detail.version,
    outcome: 'accept',
    materials: detail.materials.map((m) => ({ itemMaterialId: m.itemMaterialId, status: m.status === 'received' ? 'received' : 'not_applicable', note: '' })),
  });
  check(detail.phase === 'in_progress' && !!detail.dueDate, `accepted, promised by ${detail.dueDate}`);
  await clerk.dispose();

  await page.goto(`${base}/my/cases/${caseId}`);
  await shot('progress-accepted');
  check(await page.locator('.ow-clock__left').isVisible(), 'the working days left show');
  for (const kind of ['acceptance-notice', 'time-limit-card']) {
    const res = await page.request.get(`${base}/api/cases/${caseId}/documents/${kind}`);
    check(res.ok() && res.headers()['content-type']?.includes('application/pdf'), `${kind} opens as a PDF`);
  }
  await page.goto(`${base}/my/cases`);
  await shot('my-cases-accepted');

  // 6. A reviewer asks for a correction (the clock stops); the applicant sends it from the progress page.
  step('Reviewer: correction; applicant: send corrected materials');
  const reviewer = await staff('reviewer');
  const inbox = await reviewer.call('GET', '/api/tasks?view=all&limit=50');
  const task = inbox.items.find((i) => i.case.id === caseId)?.task;
  if (task) {
    const claimed = await reviewer.call('POST', `/api/tasks/${task.id}/claim`, { version: task.version });
    await reviewer.call('POST', `/api/tasks/${task.id}/correction`, {
      version: claimed.version,
      opinion: '布局图不完整',
      items: [{ name: '主要设备设施布局、操作流程等文件', note: '布局图未标注操作间尺寸，请标注后重新上传' }],
    });
    await page.goto(`${base}/my/cases/${caseId}`);
    await shot('progress-correction');
    await upload('主要设备设施布局、操作流程等文件', pdf('layout-v2.pdf'));
    await page.getByLabel('补正说明（选填）').fill('已在布局图上标注操作间尺寸。');
    await shot('correction-filled');
    await page.getByRole('button', { name: '提交补正材料' }).click();
    await page.locator('.ow-clock--running').waitFor({ timeout: 15000 });
    await shot('progress-after-correction');
  } else problems.push('the reviewer has no task for the case; correction not walked');
  await reviewer.dispose();

  // 7. A second application, withdrawn with a reason and a confirmation.
  step('Withdraw a second application');
  const item = await (await page.request.get(`${base}/api/public/items/${ITEM}`)).json();
  const second = await (await page.request.post(`${base}/api/my/applications`, { data: { itemId: item.id, materials: [], submit: true, summary: '第二个门店' } })).json();
  await page.goto(`${base}/my/cases/${second.id}`);
  await shot('progress-second');
  await page.getByRole('button', { name: '撤回申请' }).click();
  await page.getByRole('dialog').waitFor();
  await page.getByLabel('撤回理由').fill('门店选址变更，暂不申请。');
  await page.waitForTimeout(300);
  await shot('withdraw-confirm');
  await page.getByRole('button', { name: '确认撤回' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await shot('progress-withdrawn');

  // 8. The same pages on a desktop, signed in as the same applicant.
  step('Desktop (1280 px): progress and the application form');
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', storageState: await context.storageState() });
  const wide = await desktop.newPage();
  for (const [name, url] of [
    ['desktop-progress', `/my/cases/${caseId}`],
    ['desktop-apply', `/apply/${ITEM}`],
    ['desktop-my-cases', '/my/cases'],
  ]) {
    await wide.goto(base + url, { waitUntil: 'networkidle' });
    await wide.waitForFunction(() => !document.querySelector('.ow-page-loading, .ant-skeleton'), null, { timeout: 15000 }).catch(() => {});
    shotNo += 1;
    const file = path.join(out, `${String(shotNo).padStart(2, '0')}-${name}.png`);
    await wide.screenshot({ path: file, fullPage: true });
    console.log(`  ${file}  ${url}`);
  }
  await desktop.close();

  // 9. English, then sign out.
  step('English progress page, then sign out');
  await page.goto(`${base}/my/cases/${caseId}`);
  await page.getByRole('button', { name: 'English' }).click();
  await shot('progress-en');
  await page.getByRole('button', { name: '中文' }).click();
  await page.goto(`${base}/my/cases`);
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(`${base}/`, { waitUntil: 'commit' });
  expected401 = true;
  check(await page.getByRole('link', { name: '登录', exact: true }).isVisible(), 'signed out: the header offers 登录 again');

  // 10. A staff account signing in here is pointed to the console.
  step('Staff account at /login');
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill('clerk');
  await page.getByLabel('密码').fill(demoPassword);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '进入工作台', exact: true }).waitFor();
  await shot('login-staff');
  await page.goto(`${base}/my/cases`);
  await shot('my-cases-as-staff');
} catch (err) {
  problems.push(`walk stopped: ${err instanceof Error ? err.stack : String(err)}`);
  await page.screenshot({ path: path.join(out, 'zz-failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}

if (problems.length) {
  console.log(`\n${problems.length} problem(s):`);
  for (const p of problems) console.log(`  - ${p}`);
  process.exit(1);
}
console.log(`\nOK: every screen in ${out}`);
