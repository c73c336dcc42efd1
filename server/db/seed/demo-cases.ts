/**
 * Demo cases: at the first start in demo mode the county already has work in its inboxes and certificates in its
 * registry — a clerk sees an application waiting, a reviewer a case running late, the bureau leader a case to
 * decide, the applicant 张明 his certificate, the public page a valid, a changed and a revoked certificate. Every
 * one of them is made through the same service calls the HTTP API makes, by the demo accounts, each step one
 * transaction with its audit entry; nothing is written around the rules.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { composeCreditCode } from '../../../common/credit-code';
import { idNumberCheckChar } from '../../../common/id-number';
import type { AppDeps } from '../../platform/http/context';
import type { Clock } from '../../platform/auth/actor';
import { inTransaction } from '../../platform/db/client';
import { systemWriteContext, type WriteContext } from '../../platform/http/context';
import { getWorkingCalendar, toShanghaiDate } from '../../modules/calendar';
import { itemMaterials, items } from '../../modules/catalog/catalog.tables';
import { cases } from '../../modules/cases/cases.tables';
import { scanDeadlines } from '../../modules/cases/cases.jobs';
import * as caseService from '../../modules/cases/cases.service';
import * as certificateService from '../../modules/certificates/certificates.service';
import * as evaluationService from '../../modules/evaluations/evaluations.service';
import { findAccountByUsername } from '../../modules/identity/identity.repository';
import { toActor } from '../../modules/identity/identity.service';

type Detail = Awaited<ReturnType<typeof caseService.intake>>;
type Applicant = { kind: 'person' | 'enterprise'; name: string; idNumber: string; phone: string; address: string };

const person = (name: string, body17: string, phone: string, address: string): Applicant => ({ kind: 'person', name, idNumber: body17 + idNumberCheckChar(body17), phone, address });
const enterprise = (name: string, orgBody8: string, phone: string, address: string): Applicant => ({
  kind: 'enterprise',
  name,
  idNumber: composeCreditCode('9', '1', '130533', orgBody8),
  phone,
  address,
});

/** 张明 is the demo applicant account's own ID number (server/db/seed/demo.ts). */
const ZHANG_MING = person('张明', '13053319880315123', '13903190014', '威县洺州镇人民路18号');
const LI_JIANGUO = person('李建国', '13053319750608213', '13831906612', '威县贺营镇贺营村');
const HAOWEI = enterprise('威县好味食品有限公司', 'MA0CWX11', '13730190321', '威县洺州镇建设街16号');
const LAOJIE = enterprise('威县老街烧饼店有限公司', 'MA0CWX12', '13930190455', '威县洺州镇古城街3号');
const YINGBIN = enterprise('威县迎宾楼酒店有限公司', 'MA0CWX13', '13803190088', '威县洺州镇冀南路128号');
const SHUNDA = enterprise('威县顺达物流有限公司', 'MA0CWX14', '13613190277', '威县经济开发区创业路9号');
const XINYUAN = enterprise('威县鑫源超市有限公司', 'MA0CWX15', '13731900516', '威县洺州镇邢临路66号');

export interface DemoCasesResult {
  cases: number;
  certificates: string[];
  skipped: string[];
}

/** Runs once: when the region has no case yet. A case the calendar cannot serve (an undeclared year) is skipped. */
export async function seedDemoCases(deps: Pick<AppDeps, 'config' | 'database' | 'clock' | 'files'>, log: (msg: string) => void = () => undefined): Promise<DemoCasesResult> {
  const db = deps.database.db;
  const regionCode = deps.config.regionCode;
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(eq(cases.regionCode, regionCode))) as [{ n: number }];
  const result: DemoCasesResult = { cases: 0, certificates: [], skipped: [] };
  if (n > 0) return result;

  const actors = new Map<string, ReturnType<typeof toActor>>();
  for (const username of ['clerk', 'reviewer', 'chief', 'leader', 'issuer', 'applicant']) {
    const account = await findAccountByUsername(db, username);
    if (!account || account.regionCode !== regionCode) return { ...result, skipped: [`no demo account ${username}`] };
    actors.set(username, toActor(account, null));
  }
  const calendar = await getWorkingCalendar(db, regionCode);
  const now = deps.clock.now();
  /** The working day `days` working days before today, at 9:30 in the morning. */
  const workingDaysAgo = (days: number): Clock => {
    let date = toShanghaiDate(now);
    let left = days;
    while (left > 0) {
      date = toShanghaiDate(new Date(new Date(`${date}T12:00:00+08:00`).getTime() - 86_400_000));
      if (calendar.isKnown(date) && calendar.isWorkingDay(date)) left--;
    }
    const at = new Date(`${date}T09:30:00+08:00`);
    return { now: () => at };
  };
  const today: Clock = deps.clock;

  async function as<T>(username: string, clock: Clock, fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    const actor = actors.get(username)!;
    return inTransaction(db, (tx) => fn(systemWriteContext(tx, { clock, regionCode, actor, role: username })));
  }
  async function itemOf(code: string) {
    const [row] = await db.select().from(items).where(and(eq(items.regionCode, regionCode), eq(items.code, code)));
    if (!row) throw new Error(`demo item ${code} missing`);
    const materials = await db.select().from(itemMaterials).where(eq(itemMaterials.itemId, row.id)).orderBy(asc(itemMaterials.sort));
    return { id: row.id, materials };
  }
  async function accept(code: string, applicant: Applicant, summary: string, clock: Clock, outcome: 'accept' | 'request_materials' = 'accept'): Promise<Detail> {
    const item = await itemOf(code);
    const required = item.materials.filter((m) => m.requirement === 'required').sort((a, b) => a.sort - b.sort);
    const materials = item.materials.map((m) => ({
      itemMaterialId: m.id,
      status: (outcome === 'request_materials' && m.id === required[required.length - 1]?.id ? 'missing' : m.requirement === 'required' ? 'received' : 'not_applicable') as 'received' | 'missing' | 'not_applicable',
      note: outcome === 'request_materials' && m.id === required[required.length - 1]?.id ? '未提交，请补齐后到任一窗口提交' : '',
    }));
    return as('clerk', clock, (ctx) =>
      caseService.intakeInTransaction(ctx, { itemId: item.id, applicant, summary, materials, outcome, form: {}, commitment: false, decideNow: false, refusalReason: undefined, opinion: undefined, townshipCode: undefined, contact: undefined }),
    );
  }
  /** The case's open task for the role, claimed and completed with the opinion. */
  async function work(username: string, c: Detail, opinion: string, clock: Clock = today): Promise<Detail> {
    const task = c.tasks.find((t) => t.status === 'open' && t.role === username);
    if (!task) throw new Error(`demo case ${c.number}: no open task for ${username} (open: ${c.openStageIds.join(', ')})`);
    const claimed = await as(username, clock, (ctx) => caseService.claimTask(ctx, task.id, task.version));
    return as(username, clock, (ctx) => caseService.completeTask(ctx, task.id, { version: claimed.version, outcome: 'approve', opinion }));
  }
  /**
   * Every open stage approved in turn until the case closes (the certificate stage issues the certificate), or
   * until a stage of the role `until` is open; step n by `opinions[n]` at `clockAt(n)` when given.
   */
  async function workThrough(c: Detail, options: { until?: string; opinions?: string[]; clockAt?: (step: number) => Clock } = {}): Promise<Detail> {
    const byRole: Record<string, string> = { reviewer: '材料齐全，符合法定条件。', chief: '审核同意。', leader: '准予许可。', issuer: '证照已制作并送达申请人。' };
    for (let step = 0; c.phase !== 'closed' && step < 12; step++) {
      const open = c.tasks.find((t) => t.status === 'open');
      if (!open || open.role === options.until) break;
      c = await work(open.role, c, options.opinions?.[step] ?? byRole[open.role] ?? '同意。', options.clockAt?.(step) ?? today);
    }
    return c;
  }
  const issuedBy = (c: Detail) => c.events.filter((e) => e.type === 'certificate_issued').map((e) => String(e.data.number));

  const steps: [string, () => Promise<void>][] = [
    [
      '迎宾楼 旅馆业特种行业许可：受理 8 个工作日，仍在审查（临近时限）',
      async () => {
        await accept('WX-XK-008', YINGBIN, '威县迎宾楼酒店有限公司申请旅馆业特种行业许可，客房42间。', workingDaysAgo(8));
      },
    ],
    [
      '顺达物流 道路货物运输经营许可：审查完毕，待科长审核',
      async () => {
        let c = await accept('WX-XK-050', SHUNDA, '威县顺达物流有限公司申请道路货物运输经营许可，自有货车12辆。', workingDaysAgo(3));
        const opinions = ['车辆及驾驶员资质核验无误。', '现场核查：停车场地、安全管理制度符合要求。'];
        for (let i = 0; c.tasks.some((t) => t.status === 'open' && t.role === 'reviewer') && i < opinions.length; i++) {
          c = await work('reviewer', c, opinions[i]!, workingDaysAgo(2 - i));
        }
      },
    ],
    [
      '鑫源超市 食品经营许可：审查、审核完毕，待局领导审批决定',
      async () => {
        const c = await workThrough(await accept('WX-XK-099', XINYUAN, '预包装食品销售，经营面积260平方米。', workingDaysAgo(4)), {
          until: 'leader',
          opinions: ['材料齐全，符合法定条件。', '现场核查：经营场所、设施布局与申请一致。', '审核同意，提请局领导决定。'],
          clockAt: (step) => workingDaysAgo(3 - step),
        });
        if (!c.tasks.some((t) => t.status === 'open' && t.role === 'leader')) throw new Error(`demo case ${c.number}: not at the leader (open: ${c.openStageIds.join(', ')})`);
      },
    ],
    [
      '李建国 烟花爆竹经营（零售）许可：一次性告知，待补齐材料',
      async () => {
        await accept('WX-XK-105', LI_JIANGUO, '贺营镇贺营村零售点，春节期间经营。', workingDaysAgo(1), 'request_materials');
      },
    ],
    [
      '张明 特种设备作业人员资格认定：办结，发证',
      async () => {
        const c = await workThrough(await accept('WX-XK-101', ZHANG_MING, '申请叉车司机（N1）作业人员资格认定。', today));
        result.certificates.push(...issuedBy(c));
        // 好差评: 张明 rated the window visit 不满意 (a rectification for the console); the case itself is his to rate.
        if (c.phase === 'closed') {
          await as('applicant', today, (ctx) =>
            evaluationService.rateMyCase(ctx, { subject: 'window_visit', caseId: c.id, level: 2, dimensions: { attitude: 2, efficiency: 3 }, comment: '窗口排队等候时间较长，叫号后材料核对不够耐心。', channel: 'online' }, 'zh'),
          );
        }
      },
    ],
    [
      '好味食品 食品经营许可：办结，发证，地址变更后换发第2版',
      async () => {
        const c = await workThrough(await accept('WX-XK-099', HAOWEI, '预包装食品、散装食品销售，热食类食品制售。', today));
        const [number] = issuedBy(c);
        if (!number) return;
        result.certificates.push(number);
        const cert = await as('issuer', today, (ctx) => certificateService.getCertificate(ctx, number));
        const address = cert.fields.find((f) => f.value.includes('建设街')) ?? cert.fields.find((f) => /住所|地址|场所/.test(f.label));
        if (address) {
          await as('issuer', today, (ctx) =>
            certificateService.reissue(ctx, deps, number, { version: cert.version, reason: '经营场所门牌号调整，申请变更', fields: [{ key: address.key, value: '威县洺州镇建设街18号' }] }),
          );
        }
      },
    ],
    [
      '老街烧饼店 食品经营许可：办结，发证，后经申请注销',
      async () => {
        const c = await workThrough(await accept('WX-XK-099', LAOJIE, '热食类食品制售（烧饼、馅饼）。', today));
        const [number] = issuedBy(c);
        if (!number) return;
        result.certificates.push(number);
        await as('issuer', today, (ctx) => certificateService.revoke(ctx, number, { version: 1, reason: '经营者停止经营，申请注销' }));
      },
    ],
  ];

  for (const [label, run] of steps) {
    try {
      await run();
      result.cases++;
    } catch (err) {
      // A demo case the day cannot serve (e.g. its time limit runs into a year whose holidays are not entered yet)
      // is left out; the start goes on.
      result.skipped.push(`${label}: ${(err as Error).message}`);
    }
  }
  // The deadline warnings as the scan job would raise them a few minutes after the start.
  await scanDeadlines(db, deps.clock, deps.config.deadlineWarningDays);
  log(`demo cases created: ${result.cases}, certificates: ${result.certificates.length}${result.skipped.length ? `; skipped: ${result.skipped.join(' | ')}` : ''}`);
  return result;
}
