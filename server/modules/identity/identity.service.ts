import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { checkCreditCode } from '../../../common/credit-code';
import { checkIdNumber } from '../../../common/id-number';
import { maskIdNumber, maskPhone } from '../../../common/mask';
import { isRole, type Role } from '../../../common/roles';
import type { Config } from '../../config';
import type { AccountActor, Actor, Clock } from '../../platform/auth/actor';
import { dummyPasswordHash, hashPassword, isStrongPassword, verifyPassword } from '../../platform/auth/password';
import { recordEvent, type AuditContext } from '../../platform/audit/audit';
import { abilitiesOf } from '../../platform/authz/policy';
import type { Db, DbOrTx } from '../../platform/db/client';
import { inTransaction } from '../../platform/db/client';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import { AppError, type FieldProblem } from '../../platform/http/errors';
import * as repo from './identity.repository';
import type { AccountRow } from './identity.repository';
import type {
  AccountListQuery,
  AccountView,
  ChangePasswordBody,
  CreateStaffBody,
  LoginBody,
  MeResponse,
  RegisterBody,
  ResetPasswordBody,
  UpdateAccountBody,
} from './identity.schemas';

type AccountViewT = z.infer<typeof AccountView>;

/** Session bookkeeping writes last_seen at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toActor(account: AccountRow, sessionId: string | null): AccountActor {
  return {
    kind: 'account',
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    accountKind: account.kind as 'staff' | 'applicant',
    roles: account.roles.filter(isRole),
    regionCode: account.regionCode,
    orgUnitId: account.orgUnitId,
    townshipCode: account.townshipCode,
    windowId: account.windowId,
    subjectKind: (account.subjectKind as 'person' | 'enterprise' | null) ?? null,
    sessionId,
  };
}

export function presentAccount(
  row: AccountRow,
  names: { units: Map<string, string>; townships: Map<string, string>; windows: Map<string, string> } = {
    units: new Map(),
    townships: new Map(),
    windows: new Map(),
  },
): AccountViewT {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    kind: row.kind as 'staff' | 'applicant',
    roles: row.roles.filter(isRole),
    status: row.status as 'active' | 'disabled',
    subjectKind: (row.subjectKind as 'person' | 'enterprise' | null) ?? null,
    idNumberMasked: row.subjectKind === 'enterprise' ? row.idNumber : maskIdNumber(row.idNumber),
    phoneMasked: maskPhone(row.phone),
    email: row.email,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitId ? (names.units.get(row.orgUnitId) ?? null) : null,
    townshipCode: row.townshipCode,
    townshipName: row.townshipCode ? (names.townships.get(row.townshipCode) ?? null) : null,
    windowId: row.windowId,
    windowName: row.windowId ? (names.windows.get(row.windowId) ?? null) : null,
    isDemo: row.isDemo,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

async function presentOne(tx: DbOrTx, row: AccountRow): Promise<AccountViewT> {
  return presentAccount(row, await repo.scopeNames(tx, [row]));
}

export async function describeMe(ctx: ReadContext, config: Config): Promise<z.infer<typeof MeResponse>> {
  const actor = requireAccount(ctx.actor);
  const row = await repo.findAccountById(ctx.tx, actor.id);
  if (!row) throw new AppError('UNAUTHENTICATED');
  return { account: await presentOne(ctx.tx, row), abilities: abilitiesOf(actor.roles), idleTimeoutMinutes: config.sessionIdleMinutes };
}

function requireAccount(actor: Actor): AccountActor {
  if (actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
  return actor;
}

export interface SessionResolution {
  actor: AccountActor | null;
  expired: boolean;
}

/** Turns a session cookie into an actor; an idle or ended session is removed and reported as expired. */
export async function resolveSession(db: Db, token: string, clock: Clock, config: Config): Promise<SessionResolution> {
  if (!/^[A-Za-z0-9_-]{20,128}$/.test(token)) return { actor: null, expired: false };
  const id = sessionIdOf(token);
  const found = await repo.findSessionWithAccount(db, id);
  if (!found) return { actor: null, expired: false };
  const now = clock.now();
  const idleLimit = config.sessionIdleMinutes * 60_000;
  const isIdle = now.getTime() - found.session.lastSeenAt.getTime() > idleLimit;
  const isOver = now.getTime() > found.session.expiresAt.getTime();
  if (isIdle || isOver || found.account.status !== 'active') {
    await repo.deleteSession(db, id);
    return { actor: null, expired: true };
  }
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await repo.touchSession(db, id, now);
  return { actor: toActor(found.account, id), expired: false };
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  me: z.infer<typeof MeResponse>;
}

/**
 * Signs in. Wrong passwords count towards a lockout; a locked account is refused without checking the
 * password. Each attempt, good or bad, leaves an audit entry.
 */
export async function login(
  db: Db,
  config: Config,
  audit: Omit<AuditContext, 'actor' | 'role'>,
  input: z.infer<typeof LoginBody>,
  client: { ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const now = audit.clock.now();
  const account = await repo.findAccountByUsername(db, input.username);
  if (!account) {
    await verifyPassword(input.password, await dummyPasswordHash());
    await inTransaction(db, (tx) =>
      recordEvent(tx, { ...audit, actor: { kind: 'anonymous' }, role: 'anonymous' }, {
        action: 'auth.login_failed',
        subjectType: 'account',
        subjectId: '(unknown)',
        detail: { reason: 'unknown_user' },
      }),
    );
    throw new AppError('LOGIN_FAILED');
  }
  if (account.lockedUntil && account.lockedUntil.getTime() > now.getTime()) {
    const minutes = Math.max(1, Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000));
    throw new AppError('ACCOUNT_LOCKED', { params: { minutes } });
  }
  const isMatch = await verifyPassword(input.password, account.passwordHash);
  const actor = toActor(account, null);
  const auditAs = { ...audit, actor, role: actor.roles[0] ?? account.kind };
  if (!isMatch) {
    const outcome = await inTransaction(db, async (tx) => {
      const locked = await repo.lockAccount(tx, account.id);
      if (!locked) return { lockedNow: false };
      const failures = locked.failedLogins + 1;
      const lockNow = failures >= config.loginMaxFailures;
      const lockedUntil = lockNow ? new Date(now.getTime() + config.loginLockMinutes * 60_000) : locked.lockedUntil;
      await repo.updateAccount(tx, account.id, null, { failedLogins: lockNow ? 0 : failures, lockedUntil });
      await recordEvent(tx, auditAs, {
        action: lockNow ? 'auth.locked' : 'auth.login_failed',
        subjectType: 'account',
        subjectId: account.id,
        detail: { failures, lockedUntil },
      });
      return { lockedNow: lockNow };
    });
    if (outcome.lockedNow) throw new AppError('ACCOUNT_LOCKED', { params: { minutes: config.loginLockMinutes } });
    throw new AppError('LOGIN_FAILED');
  }
  if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');

  const token = randomBytes(32).toString('base64url');
  const sessionId = sessionIdOf(token);
  const expiresAt = new Date(now.getTime() + config.sessionMaxHours * 3_600_000);
  const updated = await inTransaction(db, async (tx) => {
    await repo.insertSession(tx, {
      id: sessionId,
      accountId: account.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    const row = await repo.updateAccount(tx, account.id, null, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    await recordEvent(tx, auditAs, { action: 'auth.login', subjectType: 'account', subjectId: account.id, detail: { sessionExpiresAt: expiresAt } });
    return row!;
  });
  const me = {
    account: await presentOne(db, updated),
    abilities: abilitiesOf(actor.roles),
    idleTimeoutMinutes: config.sessionIdleMinutes,
  };
  return { token, expiresAt, me };
}

export async function logout(ctx: WriteContext): Promise<void> {
  const actor = requireAccount(ctx.actor);
  if (!actor.sessionId) return;
  await repo.deleteSession(ctx.tx, actor.sessionId);
  await recordEvent(ctx.tx, ctx.audit, { action: 'auth.logout', subjectType: 'account', subjectId: actor.id });
}

function checkSubjectNumber(kind: 'person' | 'enterprise', value: string, clock: Clock): FieldProblem | null {
  if (kind === 'person') {
    const r = checkIdNumber(value, clock.now());
    return r.valid ? null : { path: 'body.idNumber', key: r.problem };
  }
  const r = checkCreditCode(value);
  return r.valid ? null : { path: 'body.idNumber', key: r.problem };
}

/** Real-name registration of an applicant (a person by ID number, an enterprise by credit code). */
export async function registerApplicant(ctx: WriteContext, input: z.infer<typeof RegisterBody>): Promise<AccountViewT> {
  const idNumber = input.idNumber.trim().toUpperCase();
  const problems: FieldProblem[] = [];
  const subjectProblem = checkSubjectNumber(input.subjectKind, idNumber, ctx.clock);
  if (subjectProblem) problems.push(subjectProblem);
  if (!isStrongPassword(input.password)) problems.push({ path: 'body.password', key: 'PASSWORD_WEAK' });
  if (await repo.findAccountByUsername(ctx.tx, input.username)) problems.push({ path: 'body.username', key: 'USERNAME_TAKEN' });
  if (!subjectProblem && (await repo.findAccountBySubject(ctx.tx, input.subjectKind, idNumber))) {
    problems.push({ path: 'body.idNumber', key: 'SUBJECT_TAKEN' });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const now = ctx.clock.now();
  const row = await repo.insertAccount(ctx.tx, {
    regionCode: ctx.regionCode,
    username: input.username,
    displayName: input.displayName,
    kind: 'applicant',
    roles: ['applicant'],
    passwordHash: await hashPassword(input.password),
    subjectKind: input.subjectKind,
    idNumber,
    phone: input.phone,
    email: input.email ?? null,
    passwordChangedAt: now,
  });
  await recordEvent(ctx.tx, { ...ctx.audit, role: 'applicant' }, {
    action: 'account.register',
    subjectType: 'account',
    subjectId: row.id,
    after: { username: row.username, subjectKind: row.subjectKind, idNumber: row.idNumber, phone: row.phone },
  });
  return presentAccount(row);
}

export async function changePassword(ctx: WriteContext, input: z.infer<typeof ChangePasswordBody>): Promise<void> {
  const actor = requireAccount(ctx.actor);
  const row = await repo.lockAccount(ctx.tx, actor.id);
  if (!row) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.currentPassword', key: 'PASSWORD_WRONG' }] });
  }
  if (!isStrongPassword(input.newPassword)) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.newPassword', key: 'PASSWORD_WEAK' }] });
  }
  await repo.updateAccount(ctx.tx, actor.id, null, {
    passwordHash: await hashPassword(input.newPassword),
    passwordChangedAt: ctx.clock.now(),
    mustChangePassword: false,
  });
  // Other sessions of this account end: whoever knew the old password is signed out.
  await repo.deleteSessionsOfAccount(ctx.tx, actor.id, actor.sessionId);
  await recordEvent(ctx.tx, ctx.audit, { action: 'account.password_change', subjectType: 'account', subjectId: actor.id });
}

export async function listAccounts(ctx: ReadContext, query: z.infer<typeof AccountListQuery>) {
  const { rows, total } = await repo.listAccounts(ctx.tx, { ...query, regionCode: ctx.regionCode });
  const names = await repo.scopeNames(ctx.tx, rows);
  return { items: rows.map((r) => presentAccount(r, names)), total, limit: query.limit, offset: query.offset };
}

/** Checks that each role that needs a scope has one of the right kind (R18: staff belong to units). */
async function checkRoleScopes(
  tx: DbOrTx,
  regionCode: string,
  roles: readonly Role[],
  scope: { orgUnitId: string | null; townshipCode: string | null; windowId: string | null },
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const found = await repo.findScopeTargets(tx, scope);
  if (scope.orgUnitId && (!found.orgUnit || found.orgUnit.regionCode !== regionCode)) {
    problems.push({ path: 'body.orgUnitId', key: 'UNKNOWN_REFERENCE', params: { what: '单位' } });
  }
  if (scope.townshipCode && (!found.township || found.township.regionCode !== regionCode)) {
    problems.push({ path: 'body.townshipCode', key: 'UNKNOWN_REFERENCE', params: { what: '乡镇' } });
  }
  if (scope.windowId && (!found.window || found.window.regionCode !== regionCode)) {
    problems.push({ path: 'body.windowId', key: 'UNKNOWN_REFERENCE', params: { what: '窗口' } });
  }
  if (problems.length) return problems;
  const unitKind = found.orgUnit?.kind;
  // A regulator belongs to a department, or to a unit stationed in the centre that receives shared records (税务).
  if (roles.includes('regulator') && unitKind !== 'department' && unitKind !== 'center_unit' && unitKind !== 'agency') {
    problems.push({ path: 'body.orgUnitId', key: 'ROLE_SCOPE_REQUIRED', params: { what: '行业主管部门' } });
  }
  if ((roles.includes('reviewer') || roles.includes('chief')) && unitKind !== 'section' && unitKind !== 'centre' && unitKind !== 'center_unit') {
    problems.push({ path: 'body.orgUnitId', key: 'ROLE_SCOPE_REQUIRED', params: { what: '科室或单位' } });
  }
  if (roles.includes('township') && !scope.townshipCode) {
    problems.push({ path: 'body.townshipCode', key: 'ROLE_SCOPE_REQUIRED', params: { what: '乡镇' } });
  }
  return problems;
}

export async function createStaffAccount(ctx: WriteContext, input: z.infer<typeof CreateStaffBody>): Promise<AccountViewT> {
  const scope = { orgUnitId: input.orgUnitId ?? null, townshipCode: input.townshipCode ?? null, windowId: input.windowId ?? null };
  const problems = await checkRoleScopes(ctx.tx, ctx.regionCode, input.roles, scope);
  if (!isStrongPassword(input.password)) problems.push({ path: 'body.password', key: 'PASSWORD_WEAK' });
  if (await repo.findAccountByUsername(ctx.tx, input.username)) problems.push({ path: 'body.username', key: 'USERNAME_TAKEN' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const row = await repo.insertAccount(ctx.tx, {
    regionCode: ctx.regionCode,
    username: input.username,
    displayName: input.displayName,
    kind: 'staff',
    roles: [...new Set(input.roles)],
    passwordHash: await hashPassword(input.password),
    phone: input.phone ?? null,
    email: input.email ?? null,
    ...scope,
    mustChangePassword: true,
  });
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'account.create',
    subjectType: 'account',
    subjectId: row.id,
    after: { username: row.username, roles: row.roles, ...scope },
  });
  return presentOne(ctx.tx, row);
}

async function loadForChange(ctx: WriteContext, id: string, version: number): Promise<AccountRow> {
  const row = await repo.lockAccount(ctx.tx, id);
  if (!row || row.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  if (row.version !== version) throw new AppError('CONFLICT');
  return row;
}

export async function updateAccount(ctx: WriteContext, id: string, input: z.infer<typeof UpdateAccountBody>): Promise<AccountViewT> {
  const row = await loadForChange(ctx, id, input.version);
  const roles = input.roles ? [...new Set(input.roles)] : row.roles.filter(isRole);
  const problems: FieldProblem[] = [];
  if (row.kind === 'applicant' && input.roles && (roles.length !== 1 || roles[0] !== 'applicant')) {
    problems.push({ path: 'body.roles', zh: '申请人账号只能拥有申请人角色。', en: 'An applicant account can only hold the applicant role.' });
  }
  if (row.kind === 'staff' && roles.includes('applicant')) {
    problems.push({ path: 'body.roles', zh: '工作人员账号不能拥有申请人角色。', en: 'A staff account cannot hold the applicant role.' });
  }
  const scope = {
    orgUnitId: input.orgUnitId !== undefined ? input.orgUnitId : row.orgUnitId,
    townshipCode: input.townshipCode !== undefined ? input.townshipCode : row.townshipCode,
    windowId: input.windowId !== undefined ? input.windowId : row.windowId,
  };
  if (row.kind === 'staff') problems.push(...(await checkRoleScopes(ctx.tx, ctx.regionCode, roles, scope)));
  const losesAdmin = row.roles.includes('admin') && row.status === 'active' && (!roles.includes('admin') || input.status === 'disabled');
  if (losesAdmin && (await repo.countOtherActiveAdmins(ctx.tx, ctx.regionCode, row.id)) === 0) {
    problems.push({ path: input.status === 'disabled' ? 'body.status' : 'body.roles', key: 'LAST_ADMIN' });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });

  const changes: Partial<repo.NewAccountRow> = { roles, ...scope };
  if (input.displayName !== undefined) changes.displayName = input.displayName;
  if (input.status !== undefined) changes.status = input.status;
  if (input.phone !== undefined) changes.phone = input.phone;
  if (input.email !== undefined) changes.email = input.email;
  if (input.unlock) {
    changes.lockedUntil = null;
    changes.failedLogins = 0;
  }
  const updated = await repo.updateAccount(ctx.tx, id, input.version, changes);
  if (!updated) throw new AppError('CONFLICT');
  if (updated.status === 'disabled') await repo.deleteSessionsOfAccount(ctx.tx, id);
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'account.update',
    subjectType: 'account',
    subjectId: id,
    before: { displayName: row.displayName, roles: row.roles, status: row.status, phone: row.phone, orgUnitId: row.orgUnitId, townshipCode: row.townshipCode, windowId: row.windowId, lockedUntil: row.lockedUntil },
    after: { displayName: updated.displayName, roles: updated.roles, status: updated.status, phone: updated.phone, orgUnitId: updated.orgUnitId, townshipCode: updated.townshipCode, windowId: updated.windowId, lockedUntil: updated.lockedUntil },
  });
  return presentOne(ctx.tx, updated);
}

export async function resetPassword(ctx: WriteContext, id: string, input: z.infer<typeof ResetPasswordBody>): Promise<AccountViewT> {
  await loadForChange(ctx, id, input.version);
  if (!isStrongPassword(input.password)) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.password', key: 'PASSWORD_WEAK' }] });
  }
  const updated = await repo.updateAccount(ctx.tx, id, input.version, {
    passwordHash: await hashPassword(input.password),
    mustChangePassword: true,
    passwordChangedAt: ctx.clock.now(),
    failedLogins: 0,
    lockedUntil: null,
  });
  if (!updated) throw new AppError('CONFLICT');
  await repo.deleteSessionsOfAccount(ctx.tx, id);
  await recordEvent(ctx.tx, ctx.audit, { action: 'account.password_reset', subjectType: 'account', subjectId: id });
  return presentOne(ctx.tx, updated);
}
