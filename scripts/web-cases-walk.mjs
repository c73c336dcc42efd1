// A walk through the staff screens of the approval case in a real browser, role by role, with screenshots to
// look at (written to /tmp/ow-cases-shots, never into the repository):
//   1. 食品经营许可 from the window to the certificate: clerk accepts with all materials; reviewer claims and
//      approves 审查 and 现场勘验; chief approves 科长复核; leader decides 准予; issuer 制证 and 送达.
//   2. 企业设立登记 with a missing material: the one-time notice, then 补齐材料后继续受理.
//   3. A correction during review (要求补正 → 收到补正材料) and an extension (申请延期 → 局领导批准).
//   4. 结婚登记 decided on the spot (当场办结); a refusal; the lists, 超期督办, the calendar (2027 unknown,
//      a local override, declaring and undeclaring a year); the case page in English and at tablet width.
//
//   OW_URL=http://localhost:3401 node scripts/web-cases-walk.mjs
// The server must run demo data on a fresh data folder, e.g.
//   DATA_DIR=/tmp/ow-cases-web PORT=3400 JOBS=0 node --import tsx server/main.ts
// and the web app be served at OW_URL (the server itself, or `vite preview` proxying /api to it).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.OW_URL ?? 'http://localhost:3401';
const out = process.env.OW_SHOTS ?? '/tmp/ow-cases-shots';
const password = process.env.OW_PASSWORD ?? 'OneWindow@2026';
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const problems = [];
let shotNo = 0;

function watch(page, who) {
  page.on('console', (msg) => {
    if (/status of (401|404|409)/.test(msg.text())) return;
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`[${who}] console.${msg.type()}: ${msg.text().slice(0, 300)}`);
  });
  page.on('pageerror', (err) => problems.push(`[${who}] page error: ${err.message}`));
  page.on('response', (res) => {
    const url = res.url();
    // Expected answers: the sign-in probe, a 409 we provoke, the unknown year (400) the calendar explains.
    if (url.endsWith('/api/auth/me') || res.status() === 409) return;
    if (res.status() === 400 && url.includes('/api/calendar/')) return;
    if (res.status() >= 400) problems.push(`[${who}] HTTP ${res.status()} ${res.request().method()} ${url}`);
  });
}

async function shot(page, name, { fullPage = true } = {}) {
  shotNo += 1;
  await page.waitForTimeout(400);
  const file = path.join(out, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`  screenshot ${file}`);
}

/** A signed-in page of one demo account (each account its own browser context). */
async function signIn(user, { lang = 'zh', width = 1280 } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-GB', deviceScaleFactor: 1 });
  await context.addCookies([{ name: 'ow_lang', value: lang, url: base }]);
  const res = await context.request.post(`${base}/api/auth/login`, { data: { username: user, password } });
  if (!res.ok()) throw new Error(`login ${user}: ${res.status()} ${await res.text()}`);
  const page = await context.newPage();
  watch(page, user);
  page.setDefaultTimeout(15000);
  return page;
}

async function open(page, url) {
  await page.goto(base + url, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => !document.querySelector('.ow-page-loading'), null, { timeout: 15000 }).catch(() => {});
}

async function expectText(page, text) {
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible' });
}

// ------------------------------------------------------------------------------------------------ intake

/** Picks an item by typing into the search and pressing Enter (the way a clerk does it). */
async function pickItem(page, query, name) {
  const search = page.getByRole('combobox', { name: '搜索事项' });
  await search.click();
  await search.pressSequentially(query, { delay: 30 });
  await page.locator('.ant-select-item-option', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.ow-item-essentials').waitFor().catch(async (err) => {
    await page.screenshot({ path: path.join(out, 'failed-pick-item.png'), fullPage: true });
    throw err;
  });
}

async function fillApplicant(page, { kind, name, id, phone, address }) {
  if (kind === 'enterprise') await page.getByRole('group', { name: '申请人类型' }).getByRole('button', { name: '企业' }).click();
  else await page.getByRole('group', { name: '申请人类型' }).getByRole('button', { name: '个人' }).click();
  const nameField = page.locator('#intake_applicant_name');
  await nameField.fill(name);
  await nameField.press('Enter'); // Enter moves on to the ID number
  await page.keyboard.type(id);
  await page.keyboard.press('Enter');
  await page.keyboard.type(phone);
  await page.keyboard.press('Enter');
  if (address) await page.keyboard.type(address);
}

async function caseIdFromResult(page) {
  const href = await page.locator('a[href^="/staff/cases/"]').first().getAttribute('href');
  return href.split('/').pop();
}

async function resultNumber(page) {
  await page.locator('.ow-intake-result').waitFor();
  return (await page.locator('.ow-intake-result .ow-case-number').first().innerText()).trim();
}

async function checkPdf(page, caseId, kind) {
  const res = await page.request.get(`${base}/api/cases/${caseId}/documents/${kind}`);
  const type = res.headers()['content-type'] ?? '';
  console.log(`  ${kind}: HTTP ${res.status()} ${type}`);
  if (!res.ok() || !type.includes('pdf')) problems.push(`document ${kind} of ${caseId}: HTTP ${res.status()} ${type}`);
}

// ------------------------------------------------------------------------------------------------ tasks

/** On a case page: claim the open task card (if needed), press an action, write the opinion, confirm. */
async function workTask(page, caseId, action, opinion, { okName, dialogLabel = '办理意见', claim = true } = {}) {
  await open(page, `/staff/cases/${caseId}`);
  const actions = page.locator('.ow-actions-card');
  await actions.waitFor();
  if (claim) {
    const claimButton = actions.getByRole('button', { name: /签收$/ });
    if (await claimButton.count()) {
      await claimButton.first().click();
      await expectText(page, '已签收。');
      await actions.getByRole('button', { name: new RegExp(`${action}$`) }).first().waitFor();
    }
  }
  await actions.getByRole('button', { name: new RegExp(`${action}$`) }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByLabel(dialogLabel).fill(opinion);
  await dialog.getByRole('button', { name: okName ?? action }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expectText(page, '已办理。');
  await page.waitForLoadState('networkidle');
}

// ================================================================================================ walk

console.log('1. 食品经营许可: window → review → inspection → chief → leader → certificate → delivery');
const clerk = await signIn('clerk');
await open(clerk, '/staff/intake');
await shot(clerk, 'intake-empty');
await pickItem(clerk, 'spjy', '食品经营许可');
// The credit code is checked live: first a wrong check character.
await fillApplicant(clerk, { kind: 'enterprise', name: '威县好味道餐饮有限公司', id: '91130533MA0ABCDE6Y', phone: '13900000001', address: '威县洺州镇人民路88号' });
await clerk.locator('#intake_applicant_idNumber').blur();
await expectText(clerk, '统一社会信用代码校验码错误');
await shot(clerk, 'intake-credit-code-error');
await clerk.locator('#intake_applicant_idNumber').fill('91130533MA0ABCDE6X');
await clerk.locator('#intake_applicant_idNumber').blur();
await clerk.locator('.ow-material-row').first().waitFor();
await shot(clerk, 'intake-materials-unchecked');
await clerk.keyboard.press('Alt+KeyA'); // 全部收齐
await expectText(clerk, '必要材料已收取 6 / 6 项');
// A scan of the application form, uploaded and shown by name.
const pdfPath = path.join(out, 'sample-application.pdf');
fs.writeFileSync(pdfPath, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
await clerk.locator('.ow-material-row').first().locator('input[type=file]').setInputFiles(pdfPath);
await expectText(clerk, '已上传：sample-application.pdf');
await shot(clerk, 'intake-ready');
await clerk.keyboard.press('Alt+KeyS'); // 受理
const foodNumber = await resultNumber(clerk);
const foodId = await caseIdFromResult(clerk);
console.log(`  accepted ${foodNumber} (${foodId})`);
await shot(clerk, 'intake-accepted');
await checkPdf(clerk, foodId, 'acceptance-notice');
await checkPdf(clerk, foodId, 'time-limit-card');

const reviewer = await signIn('reviewer');
await open(reviewer, '/staff/tasks?view=available');
await expectText(reviewer, foodNumber);
await shot(reviewer, 'inbox-available');
await reviewer.getByRole('button', { name: new RegExp(`签收 ${foodNumber}`) }).click();
await expectText(reviewer, '已签收，请办理。');
await open(reviewer, '/staff/tasks?view=mine');
await expectText(reviewer, foodNumber);
await shot(reviewer, 'inbox-mine');
await reviewer.getByRole('button', { name: new RegExp(`办理 ${foodNumber}`) }).click();
await reviewer.locator('.ow-case-page').waitFor();
await reviewer.locator('.ow-process-diagram svg').first().waitFor({ timeout: 20000 }).catch(() => problems.push('process diagram did not draw'));
await shot(reviewer, 'case-review-open');
await workTask(reviewer, foodId, '同意', '申请材料齐全，符合法定形式，同意，转现场勘验。');
await workTask(reviewer, foodId, '同意', '经现场勘验，经营场所、设施设备与申请材料一致，符合要求。');

const chief = await signIn('chief');
await workTask(chief, foodId, '同意', '复核无误，同意报局领导审批。');
const leader = await signIn('leader');
await workTask(leader, foodId, '准予许可', '同意准予食品经营许可。');
const issuer = await signIn('issuer');
await workTask(issuer, foodId, '同意', '已制作食品经营许可证。');
await workTask(issuer, foodId, '同意', '许可证已当面送达申请人。');
await open(issuer, `/staff/cases/${foodId}`);
await expectText(issuer, '已办结');
await shot(issuer, 'case-closed');

console.log('2. 企业设立登记: one-time notice, then continue');
await open(clerk, '/staff/intake');
await pickItem(clerk, 'WX-XK-096', '企业设立');
await fillApplicant(clerk, { kind: 'enterprise', name: '威县新禾农业科技有限公司', id: '91130533MA0FG1238E', phone: '13900000002' });
await clerk.keyboard.press('Alt+KeyA');
// The 股东 proof is missing, the 任职文件 defective: say what.
const rows = clerk.locator('.ow-material-row');
await rows.nth(2).getByRole('button', { name: '缺少' }).click();
await rows.nth(2).getByRole('textbox').fill('未携带股东身份证明');
await rows.nth(3).getByRole('button', { name: '有误' }).click();
await shot(clerk, 'notice-before');
await clerk.keyboard.press('Alt+KeyG'); // 一次性告知 — the defective row needs a note first
await expectText(clerk, '请写明该材料存在的问题');
await rows.nth(3).getByRole('textbox').fill('任职文件缺少股东会决议签字');
await clerk.keyboard.press('Alt+KeyG');
const companyNumber = await resultNumber(clerk);
const companyId = await caseIdFromResult(clerk);
console.log(`  one-time notice ${companyNumber}`);
await shot(clerk, 'notice-issued');
await checkPdf(clerk, companyId, 'correction-notice');
await clerk.keyboard.press('Alt+KeyN'); // 下一位
await clerk.getByRole('button', { name: '补齐材料后继续受理' }).click();
await clerk.getByLabel('办件编号或申请人').fill(companyNumber);
await clerk.keyboard.press('Enter');
await clerk.locator('.ow-material-row').first().waitFor();
await shot(clerk, 'continue-loaded');
await clerk.keyboard.press('Alt+KeyA');
await clerk.keyboard.press('Alt+KeyS');
await resultNumber(clerk);
await shot(clerk, 'continue-accepted');

console.log('3. A correction during review, then an extension approved by the leader');
await clerk.keyboard.press('Alt+KeyN');
await pickItem(clerk, 'spjy', '食品经营许可');
await fillApplicant(clerk, { kind: 'enterprise', name: '威县好味道餐饮有限公司', id: '91130533MA0ABCDE6X', phone: '13900000001' });
await clerk.keyboard.press('Alt+KeyA');
await clerk.keyboard.press('Alt+KeyS');
const corrNumber = await resultNumber(clerk);
const corrId = await caseIdFromResult(clerk);
console.log(`  accepted ${corrNumber}`);

await open(reviewer, `/staff/cases/${corrId}`);
let actions = reviewer.locator('.ow-actions-card');
await actions.getByRole('button', { name: /签收$/ }).click();
await expectText(reviewer, '已签收。');
await actions.getByRole('button', { name: '要求补正' }).click();
let dialog = reviewer.getByRole('dialog');
await dialog.getByRole('button', { name: /经营场所使用证明/ }).click();
await dialog.getByRole('textbox', { name: '补正要求 1' }).fill('租赁合同已过期，请提供有效期内的租赁合同复印件');
await dialog.getByLabel('补正说明').fill('请申请人一次性补正以下材料。');
await shot(reviewer, 'correction-dialog');
await dialog.getByRole('button', { name: '发出补正告知' }).click();
await dialog.waitFor({ state: 'hidden' });
await expectText(reviewer, '暂停计时');
await shot(reviewer, 'correction-suspended');
await checkPdf(reviewer, corrId, 'correction-notice');

await open(clerk, `/staff/cases/${corrId}`);
await clerk.locator('.ow-actions-card').getByRole('button', { name: '收到补正材料' }).click();
dialog = clerk.getByRole('dialog');
await dialog.getByLabel('收件说明').fill('申请人已提交有效租赁合同复印件。');
await shot(clerk, 'receive-correction-dialog');
await dialog.getByRole('button', { name: '登记并恢复计时' }).click();
await dialog.waitFor({ state: 'hidden' });
await expectText(clerk, '已收到补正材料');

await open(reviewer, `/staff/cases/${corrId}`);
actions = reviewer.locator('.ow-actions-card');
await actions.getByRole('button', { name: '申请延期' }).click();
dialog = reviewer.getByRole('dialog');
await dialog.getByLabel('延期理由').fill('需会同县卫健部门核实从业人员健康证明，十个工作日内不能作出决定。');
await shot(reviewer, 'extension-dialog');
await dialog.getByRole('button', { name: '提交局领导审批' }).click();
await dialog.waitFor({ state: 'hidden' });

await open(leader, '/staff/tasks');
await expectText(leader, corrNumber);
await shot(leader, 'inbox-leader');
await workTask(leader, corrId, '批准延期', '同意延长十个工作日，并告知申请人。');
await open(leader, `/staff/cases/${corrId}`);
await expectText(leader, '经局领导批准延长');
await shot(leader, 'case-extended');

console.log('4. On the spot, refusal, lists, overdue, calendar, English, tablet');
await open(clerk, '/staff/intake');
await pickItem(clerk, 'WX-QR-004', '内地居民结婚登记');
await fillApplicant(clerk, { kind: 'person', name: '张三', id: '130533198503121234', phone: '13900000003' });
await clerk.locator('#intake_applicant_idNumber').blur();
await expectText(clerk, '身份证号码校验码错误');
await shot(clerk, 'instant-id-error');
await clerk.locator('#intake_applicant_idNumber').fill('130533198503121235');
await clerk.keyboard.press('Alt+KeyA');
await clerk.keyboard.press('Alt+KeyJ'); // 当场办结
await resultNumber(clerk);
await expectText(clerk, '已当场办结');
await shot(clerk, 'instant-closed');

await clerk.keyboard.press('Alt+KeyN');
await pickItem(clerk, 'spjy', '食品经营许可');
await fillApplicant(clerk, { kind: 'enterprise', name: '威县某某网吧', id: '91130533MA0FG1238E', phone: '13900000004' });
await clerk.keyboard.press('Alt+KeyB');
dialog = clerk.getByRole('dialog');
await dialog.getByLabel('不予受理理由').fill('申请从事的网络上网服务不属于食品经营许可范围，请向县文化广电和旅游局申请。');
await dialog.getByRole('button', { name: '确认不予受理' }).click();
const refusedId = await (async () => {
  await resultNumber(clerk);
  return caseIdFromResult(clerk);
})();
await shot(clerk, 'refused');
await checkPdf(clerk, refusedId, 'refusal-notice');

await open(clerk, '/staff/cases');
await shot(clerk, 'case-list');
await open(clerk, '/staff/cases?phase=in_progress,suspended&order=due');
await shot(clerk, 'case-list-filtered');

const supervisor = await signIn('supervisor');
await open(supervisor, '/staff/overdue');
await shot(supervisor, 'overdue');
await open(supervisor, '/staff/overdue?within=2');
await shot(supervisor, 'overdue-due-soon');

await open(reviewer, '/staff/calendar');
await shot(reviewer, 'calendar-read-only');
const admin = await signIn('admin');
await open(admin, '/staff/calendar');
await expectText(admin, '2027年节假日安排尚未录入');
await shot(admin, 'calendar-admin');
// A local override on a Saturday: the hall opens for a weekend appointment day.
await admin.getByRole('button', { name: '下个月' }).click();
await expectText(admin, '2026年12月');
await admin.getByRole('button', { name: /^2026-12-05/ }).click();
dialog = admin.getByRole('dialog');
await dialog.getByRole('button', { name: '上班（按工作日计算）' }).click();
await dialog.getByLabel('名称').fill('无休日预约受理');
await dialog.getByLabel('依据或说明').fill('市民服务中心管委会通知');
await shot(admin, 'calendar-override-dialog');
await dialog.getByRole('button', { name: '保存调整' }).click();
await dialog.waitFor({ state: 'hidden' });
await expectText(admin, '无休日预约受理');
await shot(admin, 'calendar-override-set');
await admin.getByRole('button', { name: /^2026-12-05/ }).click();
const removeButton = admin.getByRole('dialog').getByRole('button', { name: /删除本地调整/ });
await removeButton.waitFor();
await admin.waitForTimeout(400); // the dialog's opening animation
await Promise.all([admin.waitForResponse((r) => r.request().method() === 'DELETE'), removeButton.click()]);
await expectText(admin, '已删除本地调整。');
await admin.keyboard.press('Escape');
// Declare 2027 from the notice (a few holidays are enough to see it work), then undeclare it.
await admin.getByRole('button', { name: '录入2027年节假日安排' }).first().click();
dialog = admin.getByRole('dialog');
await dialog.getByLabel('通知文号').fill('国办发明电〔2026〕7号（演示）');
await dialog.getByRole('button', { name: '删除第 7 个节日' }).click();
await dialog.getByRole('button', { name: '删除第 6 个节日' }).click();
await dialog.getByRole('button', { name: '删除第 5 个节日' }).click();
await dialog.getByRole('button', { name: '删除第 4 个节日' }).click();
await dialog.getByRole('button', { name: '删除第 3 个节日' }).click();
const ranges = [
  ['2027-01-01', '2027-01-03'],
  ['2027-02-06', '2027-02-13'],
];
for (const [i, [from, to]] of ranges.entries()) {
  const picker = dialog.getByRole('textbox', { name: `放假日期 ${i + 1}` }).first();
  await picker.click();
  await admin.keyboard.type(from);
  await admin.keyboard.press('Enter');
  await admin.keyboard.type(to);
  await admin.keyboard.press('Enter');
}
await dialog.getByRole('button', { name: '添加调休上班日' }).click();
await dialog.getByRole('textbox', { name: '对应节日 1' }).fill('春节');
await dialog.getByRole('textbox', { name: '上班日期 1' }).click();
await admin.keyboard.type('2027-02-14');
await admin.keyboard.press('Enter');
await expectText(admin, '共 11 天放假，1 天调休上班');
await shot(admin, 'calendar-declare-dialog');
await dialog.getByRole('button', { name: '确认录入' }).click();
await dialog.waitFor({ state: 'hidden' });
await admin.getByRole('button', { name: '下个月' }).click();
await admin.getByRole('button', { name: '下个月' }).click();
await expectText(admin, '2027年2月');
await shot(admin, 'calendar-2027-declared');
await admin.getByRole('button', { name: /撤销录入/ }).first().click();
await admin.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
await expectText(admin, '已撤销2027年的录入。');

const english = await signIn('reviewer', { lang: 'en' });
await open(english, `/staff/cases/${corrId}`);
await english.locator('.ow-case-page').waitFor();
await shot(english, 'case-english');
await open(english, '/staff/tasks');
await shot(english, 'inbox-english');
const englishClerk = await signIn('clerk', { lang: 'en' });
await open(englishClerk, '/staff/intake');
await shot(englishClerk, 'intake-english');

const tablet = await signIn('clerk', { width: 820 });
await open(tablet, '/staff/intake');
await pickItem(tablet, 'spjy', '食品经营许可');
await shot(tablet, 'intake-tablet');
await open(tablet, `/staff/cases/${corrId}`);
await shot(tablet, 'case-tablet');
await shot(tablet, 'case-tablet-first-screen', { fullPage: false });

// A stale claim: two reviewers' screens, the second claim loses with a clear message.
await open(clerk, '/staff/intake');
await pickItem(clerk, 'spjy', '食品经营许可');
await fillApplicant(clerk, { kind: 'enterprise', name: '威县好味道餐饮有限公司', id: '91130533MA0ABCDE6X', phone: '13900000001' });
await clerk.keyboard.press('Alt+KeyA');
await clerk.keyboard.press('Alt+KeyS');
const raceNumber = await resultNumber(clerk);
const reviewer2 = await signIn('reviewer');
await open(reviewer, '/staff/tasks?view=available');
await open(reviewer2, '/staff/tasks?view=available');
await reviewer.getByRole('button', { name: new RegExp(`签收 ${raceNumber}`) }).click();
await expectText(reviewer, '已签收，请办理。');
await reviewer2.getByRole('button', { name: new RegExp(`签收 ${raceNumber}`) }).click();
await expectText(reviewer2, '已被他人签收，请刷新。');
await shot(reviewer2, 'inbox-claim-conflict');

await browser.close();
console.log(problems.length ? `\nProblems:\n${problems.join('\n')}` : '\nNo console errors or failed requests.');
process.exit(problems.length ? 1 : 0);
