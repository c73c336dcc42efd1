/**
 * Demo accounts, one per role, named after the role and sharing one password (DEMO_PASSWORD or the documented
 * default). Created only in demo mode; a production start refuses while any of them keeps that password.
 */
import { and, eq } from 'drizzle-orm';
import { idNumberCheckChar } from '../../../common/id-number';
import type { Role } from '../../../common/roles';
import { hashPassword } from '../../platform/auth/password';
import { recordEvent, type AuditContext } from '../../platform/audit/audit';
import type { Tx } from '../../platform/db/client';
import { accounts } from '../../modules/identity/identity.tables';
import { orgUnits, windows } from '../../modules/org/org.tables';

interface DemoAccount {
  username: string;
  /** The role, when the user name is not the role itself (a second reviewer in another unit). */
  role?: Role;
  displayName: string;
  /** Where the account works: a unit code, a kind of unit (first of that kind), a township or a window. */
  unit?: { code?: string; kind?: string; nameIncludes?: string };
  townshipCode?: string;
  windowCode?: string;
  phone: string;
  applicant?: { subjectKind: 'person'; idNumberBody: string };
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', phone: '13903190001' },
  { username: 'clerk', displayName: '李晓梅（综合受理窗口）', windowCode: 'A01', unit: { kind: 'section', nameIncludes: '政策法规' }, phone: '13903190002' },
  { username: 'reviewer', displayName: '王志强（审查员）', unit: { kind: 'section', nameIncludes: '市场' }, phone: '13903190003' },
  // The 一照一码 flow assigns credit codes in the information centre and shares tax data in the tax section, in
  // parallel: one reviewer each, so that a registration can be worked to its end with the demo accounts alone.
  { username: 'reviewer.info', role: 'reviewer', displayName: '马晓燕（信息中心审查员）', unit: { code: 'CTR-SPXX' }, phone: '13903190015' },
  { username: 'reviewer.tax', role: 'reviewer', displayName: '高建平（税务审批科审查员）', unit: { code: 'SEC-SWSP' }, phone: '13903190016' },
  { username: 'chief', displayName: '张海涛（科长）', unit: { kind: 'section', nameIncludes: '市场' }, phone: '13903190004' },
  { username: 'leader', displayName: '刘振华（副局长）', unit: { kind: 'bureau' }, phone: '13903190005' },
  { username: 'issuer', displayName: '赵丽娜（统一发证窗口）', unit: { kind: 'centre', nameIncludes: '信息' }, phone: '13903190006' },
  { username: 'agent', displayName: '孙建军（审批代办员）', unit: { kind: 'section', nameIncludes: '项目服务' }, phone: '13903190007' },
  { username: 'intermediary', displayName: '威县恒信工程咨询有限公司', phone: '13903190008' },
  { username: 'regulator', displayName: '周文静（县卫生健康局）', unit: { kind: 'department', nameIncludes: '卫生' }, phone: '13903190009' },
  { username: 'supervisor', displayName: '吴国庆（电子监察室）', phone: '13903190010' },
  { username: 'manager', displayName: '郑雪梅（中心管委会）', unit: { kind: 'committee' }, phone: '13903190011' },
  { username: 'township', displayName: '冯立新（洺州镇便民服务中心）', townshipCode: '130533100', phone: '13903190012' },
  { username: 'county', displayName: '陈志远（常务副县长）', phone: '13903190013' },
  { username: 'applicant', displayName: '张明', applicant: { subjectKind: 'person', idNumberBody: '13053319880315123' }, phone: '13903190014' },
];

export async function seedDemoAccounts(tx: Tx, audit: AuditContext, regionCode: string, password: string): Promise<string[]> {
  // One hash for all: they share the password, and scrypt is deliberately slow.
  const passwordHash = await hashPassword(password);
  const units = await tx.select().from(orgUnits).where(eq(orgUnits.regionCode, regionCode));
  const created: string[] = [];
  for (const demo of DEMO_ACCOUNTS) {
    let orgUnitId: string | null = null;
    if (demo.unit) {
      const u = units.find(
        (x) =>
          (!demo.unit!.code || x.code === demo.unit!.code) &&
          (!demo.unit!.kind || x.kind === demo.unit!.kind) &&
          (!demo.unit!.nameIncludes || x.name.includes(demo.unit!.nameIncludes)),
      ) ?? units.find((x) => x.kind === demo.unit!.kind);
      orgUnitId = u?.id ?? null;
    }
    let windowId: string | null = null;
    if (demo.windowCode) {
      const [w] = await tx.select({ id: windows.id }).from(windows).where(and(eq(windows.regionCode, regionCode), eq(windows.code, demo.windowCode)));
      windowId = w?.id ?? null;
    }
    const idNumber = demo.applicant ? demo.applicant.idNumberBody + idNumberCheckChar(demo.applicant.idNumberBody) : null;
    const [row] = await tx
      .insert(accounts)
      .values({
        regionCode,
        username: demo.username,
        displayName: demo.displayName,
        kind: demo.applicant ? 'applicant' : 'staff',
        roles: [demo.role ?? (demo.username as Role)],
        passwordHash,
        subjectKind: demo.applicant?.subjectKind ?? null,
        idNumber,
        phone: demo.phone,
        orgUnitId,
        townshipCode: demo.townshipCode ?? null,
        windowId,
        isDemo: true,
      })
      .onConflictDoNothing()
      .returning({ id: accounts.id });
    if (row) created.push(demo.username);
  }
  await recordEvent(tx, audit, { action: 'seed.demo_accounts', subjectType: 'region', subjectId: regionCode, after: { accounts: created } });
  return created;
}
