/**
 * Business registration (市场主体登记, 一照一码, R4): the form of a registration case is checked when the case is
 * taken; on 准予 an establishment creates the entity with its new Unified Social Credit Code, a change updates it
 * (the code stays), a cancellation closes it; at the certificate stage the business licence carrying the code is
 * issued, reissued as a new version, or — for a cancellation — has already been revoked. The three old
 * certificates (营业执照、组织机构代码证、税务登记证) are one: the tax office and the statistics bureau read the
 * registration instead of issuing their own.
 */
import type { z } from 'zod';
import { checkCreditCode, splitCreditCode } from '../../../common/credit-code';
import { maskIdNumber } from '../../../common/mask';
import {
  CHANGEABLE_FIELDS,
  checkRegistrationForm,
  entityTypeOf,
  formatCapital,
  isWellFormedName,
  nameCore,
  normalizeEnterpriseName,
  REGISTRATION_ITEM_CODE,
  type ChangeableField,
  type RegistrationForm,
} from '../../../common/registration';
import { recordEvent } from '../../platform/audit/audit';
import type { DbOrTx } from '../../platform/db/client';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import { AppError, FIELD_MESSAGES, interpolate, type FieldProblem, type Locale } from '../../platform/http/errors';
import { toShanghaiDate } from '../calendar';
import { findItemByCode } from '../catalog';
import { formatCertificateNumber, issueCertificate, reissue, revoke, type CertificateDeps } from '../certificates';
import { findRegion } from '../org';
import { canReadRegistrations, seesLegalRepId, SHARING_UNIT_CODES, type RegistrationAudience } from './registration.policy';
import * as repo from './registration.repository';
import type { EnterpriseDetail, EnterpriseListQuery, EnterpriseView, NameCheckResult, UsccCheck } from './registration.schemas';
import type { RegistrationChange } from './registration.tables';
import { creditCodeFor } from './registration.uscc';

export type RegistrationDeps = CertificateDeps;

/** What the registration needs of a case (a structural subset of the case row). */
export interface RegistrationCase {
  id: string;
  number: string;
  itemId: string;
  itemCode: string;
  applicantKind: string;
  applicantName: string;
  applicantIdNumber: string;
  applicantAccountId: string | null;
  summary: string;
  address: string;
  form: Record<string, unknown>;
}

/** What the certificate hook answers (cases.hooks IssuedCertificate). */
interface Issued {
  number: string;
  displayNumber: string;
  title: string;
}

function stateError(zh: string, en: string): AppError {
  return new AppError('CASE_STATE', { params: { reasonZh: zh, reasonEn: en } });
}

function isRegistrationCase(c: { itemCode: string; form: Record<string, unknown> }): boolean {
  return c.itemCode === REGISTRATION_ITEM_CODE && typeof c.form.kind === 'string';
}

// ---------------------------------------------------------------------------------------------- names

interface NameHolder {
  kind: 'enterprise' | 'case';
  name: string;
  uscc: string | null;
  caseNumber: string | null;
}

/** Who holds a name: an active entity, or a registration case in progress (other than `excludeCaseId`). */
async function nameHolder(tx: DbOrTx, regionCode: string, name: string, excludeCaseId?: string, excludeUscc?: string): Promise<NameHolder | null> {
  const normalized = normalizeEnterpriseName(name);
  const active = await repo.findActiveByName(tx, regionCode, normalized);
  if (active && active.uscc !== excludeUscc) return { kind: 'enterprise', name: active.name, uscc: active.uscc, caseNumber: null };
  const pending = await repo.listNamesInProgress(tx, regionCode, REGISTRATION_ITEM_CODE, excludeCaseId);
  const found = pending.find((p) => normalizeEnterpriseName(p.name) === normalized);
  return found ? { kind: 'case', name: found.name, uscc: null, caseNumber: found.number } : null;
}

function holderText(holder: NameHolder): string {
  return holder.kind === 'enterprise' ? `已登记的${holder.name}（${holder.uscc}）` : `正在办理的登记申请（${holder.caseNumber}）`;
}

/** 名称自主申报 check: whether a name is free, and the active names that look like it. */
export async function checkName(ctx: ReadContext, name: string): Promise<z.infer<typeof NameCheckResult>> {
  const holder = await nameHolder(ctx.tx, ctx.regionCode, name);
  const core = nameCore(name);
  const similar = core.length >= 2 ? await repo.listSimilarNames(ctx.tx, ctx.regionCode, core.slice(0, 2), 10) : [];
  return {
    name,
    normalized: normalizeEnterpriseName(name),
    wellFormed: isWellFormedName(name),
    available: holder === null && isWellFormedName(name),
    takenBy: holder,
    similar: similar.filter((s) => s.uscc !== holder?.uscc),
  };
}

// ---------------------------------------------------------------------------------------------- form check

/**
 * The case hook `validateForm`: the registration form of a case being taken (window intake, online application
 * or its update) — shape, GB 11643 and GB 32100 check characters, township, and the name against active
 * entities and registrations in progress. Other items pass untouched.
 */
export async function validateRegistrationForm(
  ctx: { tx: DbOrTx; regionCode: string; clock: { now(): Date } },
  input: { itemCode: string; form: Record<string, unknown>; applicant?: { kind: string; idNumber: string }; caseId?: string; path: string },
): Promise<FieldProblem[]> {
  if (input.itemCode !== REGISTRATION_ITEM_CODE) return [];
  const at = (field: string) => `${input.path}.${field}`;
  const checked = checkRegistrationForm(input.form, ctx.clock.now());
  if (!checked.form) return checked.problems.map((p) => ({ path: at(p.field), key: p.problem }));
  const form = checked.form;
  const problems: FieldProblem[] = [];
  if (form.townshipCode) {
    const townships = await repo.listTownships(ctx.tx, ctx.regionCode);
    if (!townships.some((t) => t.code === form.townshipCode)) problems.push({ path: at('townshipCode'), key: 'UNKNOWN_REFERENCE', params: { what: '乡镇' } });
  }
  let current: repo.EnterpriseRow | undefined;
  if (form.kind !== 'establish') {
    current = await repo.findEnterpriseByUscc(ctx.tx, ctx.regionCode, form.uscc!);
    if (!current) return [...problems, { path: at('uscc'), key: 'ENTERPRISE_UNKNOWN' }];
    if (current.status !== 'active') return [...problems, { path: at('uscc'), key: 'ENTERPRISE_CANCELLED' }];
    const applicantId = input.applicant?.idNumber.trim().toUpperCase();
    if (applicantId !== undefined && applicantId !== current.uscc && applicantId !== current.legalRepIdNumber) problems.push({ path: at('uscc'), key: 'REGISTRATION_APPLICANT' });
    if (form.entityType && entityTypeOf(form.entityType)?.category !== current.category) problems.push({ path: at('entityType'), key: 'ENTITY_CATEGORY_CHANGE' });
  }
  const newName = form.enterpriseName && (!current || normalizeEnterpriseName(form.enterpriseName) !== current.nameNormalized) ? form.enterpriseName : null;
  if (newName) {
    await repo.lockName(ctx.tx, ctx.regionCode, normalizeEnterpriseName(newName));
    const holder = await nameHolder(ctx.tx, ctx.regionCode, newName, input.caseId, current?.uscc);
    if (holder) problems.push({ path: at('enterpriseName'), key: 'ENTERPRISE_NAME_TAKEN', params: { name: newName, holder: holderText(holder) } });
  }
  return problems;
}

/** The registration's form check locks the enterprise name it reserves until the case is written. */
export function registrationFormHoldsLocks(itemCode: string): boolean {
  return itemCode === REGISTRATION_ITEM_CODE;
}

/** The same check as an API call (the web's 登记信息 section asks before the case is sent). */
export async function checkFormForApi(ctx: ReadContext, form: Record<string, unknown>, applicant?: { kind: string; idNumber: string }): Promise<{ ok: true }> {
  const problems = await validateRegistrationForm(ctx, { itemCode: REGISTRATION_ITEM_CODE, form, applicant, path: 'body.form' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  return { ok: true };
}

function formOf(c: RegistrationCase, now: Date): RegistrationForm {
  const checked = checkRegistrationForm(c.form, now);
  if (!checked.form) throw stateError('登记信息不完整或有误，请退回窗口更正。', 'The registration form is incomplete or wrong; return it to the window.');
  return checked.form;
}

// ---------------------------------------------------------------------------------------------- establish / change / cancel

/**
 * 设立登记: the entity with a new credit code (authority 9, its category, the county's division, 'MA' + six
 * characters from the region's counter with the GB 11714 check character, and the GB 32100 check character).
 */
export async function establishEnterprise(ctx: WriteContext, form: RegistrationForm, ref: { caseId: string | null; caseNumber: string | null; on?: string }): Promise<repo.EnterpriseRow> {
  const type = entityTypeOf(form.entityType);
  if (!type || !form.enterpriseName || !form.legalRepName || !form.legalRepIdNumber || !form.townshipCode || !form.address || !form.businessScope) {
    throw stateError('登记信息不完整。', 'The registration form is incomplete.');
  }
  const normalized = normalizeEnterpriseName(form.enterpriseName);
  await repo.lockName(ctx.tx, ctx.regionCode, normalized);
  const holder = await repo.findActiveByName(ctx.tx, ctx.regionCode, normalized);
  if (holder) throw stateError(`名称已被${holder.name}（${holder.uscc}）登记。`, `The name is already registered to ${holder.uscc}.`);
  let uscc = '';
  // A code imported from elsewhere may already hold a serial's code: take the next one.
  for (let tries = 0; tries < 20 && !uscc; tries++) {
    const candidate = creditCodeFor(ctx.regionCode, type.category, await repo.nextCreditCodeSerial(ctx.tx, ctx.regionCode));
    if (!(await repo.findEnterpriseByUscc(ctx.tx, ctx.regionCode, candidate))) uscc = candidate;
  }
  if (!uscc) throw new AppError('CONFLICT');
  const on = ref.on ?? toShanghaiDate(ctx.clock.now());
  const row = await repo.insertEnterprise(ctx.tx, {
    regionCode: ctx.regionCode,
    uscc,
    name: form.enterpriseName,
    nameNormalized: normalized,
    entityType: type.name,
    category: type.category,
    legalRepName: form.legalRepName,
    legalRepIdNumber: form.legalRepIdNumber,
    registeredCapital: form.registeredCapital === undefined ? null : String(form.registeredCapital),
    townshipCode: form.townshipCode,
    address: form.address,
    businessScope: form.businessScope,
    establishedOn: on,
    caseId: ref.caseId,
  });
  const actorId = ctx.actor.kind === 'account' ? ctx.actor.id : null;
  await repo.insertEvent(ctx.tx, { enterpriseId: row.id, kind: 'establish', on, caseId: ref.caseId, caseNumber: ref.caseNumber, actorId });
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'enterprise.establish',
    subjectType: 'enterprise',
    subjectId: uscc,
    after: { uscc, name: row.name, entityType: row.entityType, legalRep: row.legalRepName, caseNumber: ref.caseNumber },
  });
  return row;
}

function valueOf(row: repo.EnterpriseRow, field: ChangeableField): string | number | null {
  if (field === 'registeredCapital') return row.registeredCapital === null ? null : Number(row.registeredCapital);
  return row[field === 'enterpriseName' ? 'name' : field];
}

const COLUMN_OF: Record<ChangeableField, keyof repo.NewEnterpriseRow> = {
  enterpriseName: 'name',
  entityType: 'entityType',
  legalRepName: 'legalRepName',
  legalRepIdNumber: 'legalRepIdNumber',
  registeredCapital: 'registeredCapital',
  townshipCode: 'townshipCode',
  address: 'address',
  businessScope: 'businessScope',
};

/** 变更登记: the registered items that change; the credit code stays. */
async function changeEnterprise(ctx: WriteContext, form: RegistrationForm, c: RegistrationCase): Promise<repo.EnterpriseRow> {
  const row = await repo.lockEnterpriseByUscc(ctx.tx, ctx.regionCode, form.uscc!);
  if (!row || row.status !== 'active') throw stateError('该市场主体不存在或已注销。', 'The entity does not exist or was cancelled.');
  const changes: RegistrationChange[] = [];
  const values: Partial<repo.NewEnterpriseRow> = {};
  for (const field of CHANGEABLE_FIELDS) {
    const next = form[field];
    if (next === undefined) continue;
    const before = valueOf(row, field);
    if (field === 'enterpriseName' ? normalizeEnterpriseName(String(next)) === row.nameNormalized : before === next) continue;
    changes.push({ field, before, after: next });
    (values as Record<string, unknown>)[COLUMN_OF[field]] = field === 'registeredCapital' ? String(next) : next;
  }
  if (values.name) {
    const normalized = normalizeEnterpriseName(values.name);
    await repo.lockName(ctx.tx, ctx.regionCode, normalized);
    const holder = await repo.findActiveByName(ctx.tx, ctx.regionCode, normalized);
    if (holder && holder.id !== row.id) throw stateError(`名称已被${holder.name}（${holder.uscc}）登记。`, `The name is already registered to ${holder.uscc}.`);
    values.nameNormalized = normalized;
  }
  if (values.entityType) values.category = entityTypeOf(values.entityType)?.category ?? row.category;
  const updated = changes.length ? await repo.updateEnterprise(ctx.tx, row.id, row.version, values) : row;
  if (!updated) throw new AppError('CONFLICT');
  const on = toShanghaiDate(ctx.clock.now());
  await repo.insertEvent(ctx.tx, { enterpriseId: row.id, kind: 'change', on, caseId: c.id, caseNumber: c.number, changes, actorId: ctx.actor.kind === 'account' ? ctx.actor.id : null });
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'enterprise.change',
    subjectType: 'enterprise',
    subjectId: row.uscc,
    before: Object.fromEntries(changes.map((ch) => [ch.field, ch.field === 'legalRepIdNumber' ? maskIdNumber(String(ch.before)) : ch.before])),
    after: Object.fromEntries(changes.map((ch) => [ch.field, ch.field === 'legalRepIdNumber' ? maskIdNumber(String(ch.after)) : ch.after])),
    detail: { caseNumber: c.number },
  });
  return updated;
}

/** 注销登记: the entity is closed and its licence revoked, with the reason anyone checking it will see. */
async function cancelEnterprise(ctx: WriteContext, form: RegistrationForm, c: RegistrationCase): Promise<void> {
  const row = await repo.lockEnterpriseByUscc(ctx.tx, ctx.regionCode, form.uscc!);
  if (!row || row.status !== 'active') throw stateError('该市场主体不存在或已注销。', 'The entity does not exist or was cancelled.');
  const on = toShanghaiDate(ctx.clock.now());
  const updated = await repo.updateEnterprise(ctx.tx, row.id, row.version, { status: 'cancelled', cancelledOn: on });
  if (!updated) throw new AppError('CONFLICT');
  const reason = `注销登记（${c.number}）${form.cancelReason ? `：${form.cancelReason}` : ''}`;
  await repo.insertEvent(ctx.tx, { enterpriseId: row.id, kind: 'cancel', on, caseId: c.id, caseNumber: c.number, note: form.cancelReason ?? '', actorId: ctx.actor.kind === 'account' ? ctx.actor.id : null });
  if (row.licenceNumber) {
    const current = await repo.currentCertificateVersion(ctx.tx, row.licenceNumber);
    if (current?.status === 'valid') await revoke(ctx, row.licenceNumber, { version: current.version, reason });
  }
  await recordEvent(ctx.tx, ctx.audit, { action: 'enterprise.cancel', subjectType: 'enterprise', subjectId: row.uscc, before: { status: 'active' }, after: { status: 'cancelled', reason } });
}

/** The case hook `decided`: 准予 of a registration case takes effect on the register. */
export async function onRegistrationDecided(ctx: WriteContext, c: RegistrationCase, decision: 'approved' | 'denied'): Promise<void> {
  if (decision !== 'approved' || !isRegistrationCase(c)) return;
  const form = formOf(c, ctx.clock.now());
  switch (form.kind) {
    case 'establish':
      await establishEnterprise(ctx, form, { caseId: c.id, caseNumber: c.number });
      return;
    case 'change':
      await changeEnterprise(ctx, form, c);
      return;
    case 'cancel':
      await cancelEnterprise(ctx, form, c);
      return;
  }
}

// ---------------------------------------------------------------------------------------------- licence

function dateZh(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

async function domicileOf(tx: DbOrTx, regionCode: string, row: repo.EnterpriseRow): Promise<string> {
  const township = (await repo.listTownships(tx, regionCode)).find((t) => t.code === row.townshipCode);
  const region = await findRegion(tx, regionCode);
  if (!township || row.address.includes(township.name)) return row.address;
  return `${region?.name ?? ''}${township.name}${row.address}`;
}

/** The licence's printed fields, by the keys of the 营业执照 template. */
async function licenceFields(tx: DbOrTx, regionCode: string, row: repo.EnterpriseRow) {
  return {
    name: row.name,
    code: row.uscc,
    representative: row.legalRepName,
    entityType: row.entityType,
    capital: formatCapital(row.registeredCapital === null ? null : Number(row.registeredCapital)),
    established: dateZh(row.establishedOn),
    address: await domicileOf(tx, regionCode, row),
    scope: row.businessScope,
  };
}

/** 营业执照 of an entity, held by the entity under its credit code (one licence, one code). */
export async function issueLicence(
  ctx: WriteContext,
  deps: RegistrationDeps,
  row: repo.EnterpriseRow,
  ref: { caseId: string | null; caseNumber: string | null; accountId: string | null },
): Promise<Issued> {
  const item = await findItemByCode(ctx.tx, ctx.regionCode, REGISTRATION_ITEM_CODE);
  if (!item) throw new AppError('NOT_FOUND');
  const f = await licenceFields(ctx.tx, ctx.regionCode, row);
  const cert = await issueCertificate(ctx, deps, {
    itemId: item.id,
    holder: { kind: 'enterprise', name: row.name, idNumber: row.uscc, accountId: ref.accountId, legalRepresentative: row.legalRepName },
    caseId: ref.caseId,
    caseNumber: ref.caseNumber,
    summary: row.businessScope,
    address: f.address,
    form: { entityType: f.entityType, capital: f.capital, established: f.established, scope: f.scope },
  });
  if (!(await repo.updateEnterprise(ctx.tx, row.id, row.version, { licenceNumber: cert.number }))) throw new AppError('CONFLICT');
  if (ref.caseId) await repo.setEventLicenceVersion(ctx.tx, row.id, ref.caseId, cert.version);
  return { number: cert.number, displayNumber: formatCertificateNumber(cert.number), title: cert.title };
}

/** After a change: the licence as a new version under the same number, with the same credit code. */
async function reissueLicence(ctx: WriteContext, deps: RegistrationDeps, row: repo.EnterpriseRow, c: RegistrationCase): Promise<Issued> {
  if (!row.licenceNumber) return issueLicence(ctx, deps, row, { caseId: c.id, caseNumber: c.number, accountId: c.applicantAccountId });
  const current = await repo.currentCertificateVersion(ctx.tx, row.licenceNumber);
  if (!current) throw new AppError('NOT_FOUND');
  const f = await licenceFields(ctx.tx, ctx.regionCode, row);
  const next = await reissue(ctx, deps, row.licenceNumber, {
    version: current.version,
    reason: `变更登记（${c.number}）`,
    fields: (['name', 'representative', 'entityType', 'capital', 'address', 'scope'] as const).map((key) => ({ key, value: f[key] })),
  });
  await repo.setEventLicenceVersion(ctx.tx, row.id, c.id, next.version);
  return { number: next.number, displayNumber: next.displayNumber, title: next.title };
}

/**
 * The certificate hook for registration cases (wrapping the general one for every other item): establishment
 * issues the licence, a change reissues it, a cancellation has none (the licence was revoked on 准予).
 */
export function registrationCertificateHook<C extends RegistrationCase>(
  deps: RegistrationDeps,
  general: (ctx: WriteContext, c: C) => Promise<Issued[]>,
): (ctx: WriteContext, c: C) => Promise<Issued[]> {
  return async (ctx, c) => {
    if (!isRegistrationCase(c)) return general(ctx, c);
    const form = formOf(c, ctx.clock.now());
    switch (form.kind) {
      case 'establish': {
        const row = await repo.findEnterpriseByCase(ctx.tx, c.id);
        if (!row) throw stateError('该登记尚未核准，不能制发营业执照。', 'The registration has not been approved; no licence yet.');
        if (row.licenceNumber) return [];
        return [await issueLicence(ctx, deps, row, { caseId: c.id, caseNumber: c.number, accountId: c.applicantAccountId })];
      }
      case 'change': {
        const row = await repo.lockEnterpriseByUscc(ctx.tx, ctx.regionCode, form.uscc!);
        if (!row || row.status !== 'active') throw stateError('该市场主体不存在或已注销。', 'The entity does not exist or was cancelled.');
        return [await reissueLicence(ctx, deps, row, c)];
      }
      case 'cancel':
        return [];
    }
  };
}

// ---------------------------------------------------------------------------------------------- reads

async function audienceOf(tx: DbOrTx, regionCode: string): Promise<RegistrationAudience & { sharedNames: string[] }> {
  const units = await repo.listUnitsByCodes(tx, regionCode, [...SHARING_UNIT_CODES.tax, ...SHARING_UNIT_CODES.statistics]);
  const item = await findItemByCode(tx, regionCode, REGISTRATION_ITEM_CODE);
  const tax = units.filter((u) => (SHARING_UNIT_CODES.tax as readonly string[]).includes(u.code));
  const shared = new Set(units.map((u) => u.id));
  if (item?.originDepartmentId) shared.add(item.originDepartmentId);
  return { sharedUnitIds: shared, fullIdUnitIds: new Set(tax.map((u) => u.id)), sharedNames: units.map((u) => u.name) };
}

function presentEnterprise(
  row: repo.EnterpriseRow,
  view: { fullId: boolean; townshipNames: Map<string, string>; sharedWith: string[] },
): z.infer<typeof EnterpriseView> {
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    entityType: row.entityType,
    category: row.category,
    legalRepName: row.legalRepName,
    legalRepIdNumber: view.fullId ? row.legalRepIdNumber : (maskIdNumber(row.legalRepIdNumber) ?? ''),
    registeredCapital: row.registeredCapital === null ? null : Number(row.registeredCapital),
    townshipCode: row.townshipCode,
    townshipName: view.townshipNames.get(row.townshipCode) ?? '',
    address: row.address,
    businessScope: row.businessScope,
    status: row.status as 'active' | 'cancelled',
    establishedOn: row.establishedOn,
    cancelledOn: row.cancelledOn,
    caseId: row.caseId,
    licenceNumber: row.licenceNumber,
    sharedWith: view.sharedWith,
    version: row.version,
  };
}

async function readerView(ctx: ReadContext) {
  const audience = await audienceOf(ctx.tx, ctx.regionCode);
  if (!canReadRegistrations(ctx.actor, audience)) return null;
  const townships = await repo.listTownships(ctx.tx, ctx.regionCode);
  return { fullId: seesLegalRepId(ctx.actor, audience), townshipNames: new Map(townships.map((t) => [t.code, t.name])), sharedWith: audience.sharedNames };
}

export async function listRegistrations(ctx: ReadContext, query: z.infer<typeof EnterpriseListQuery>) {
  const view = await readerView(ctx);
  if (!view) throw new AppError('FORBIDDEN');
  const { rows, total } = await repo.listEnterprises(ctx.tx, { regionCode: ctx.regionCode, q: query.q, status: query.status, townshipCode: query.townshipCode }, query);
  return { items: rows.map((r) => presentEnterprise(r, view)), total, limit: query.limit, offset: query.offset };
}

export async function getRegistration(ctx: ReadContext, uscc: string): Promise<z.infer<typeof EnterpriseDetail>> {
  const view = await readerView(ctx);
  const row = view ? await repo.findEnterpriseByUscc(ctx.tx, ctx.regionCode, uscc.toUpperCase()) : undefined;
  if (!view || !row) throw new AppError('NOT_FOUND');
  const events = await repo.listEvents(ctx.tx, row.id);
  const mask = (ch: RegistrationChange): RegistrationChange =>
    ch.field === 'legalRepIdNumber' && !view.fullId ? { ...ch, before: maskIdNumber(String(ch.before)), after: maskIdNumber(String(ch.after)) } : ch;
  return {
    ...presentEnterprise(row, view),
    history: events.map((e) => ({
      kind: e.kind as 'establish' | 'change' | 'cancel',
      on: e.on,
      caseId: e.caseId,
      caseNumber: e.caseNumber,
      changes: e.changes.map(mask),
      note: e.note,
      licenceVersion: e.licenceVersion,
    })),
  };
}

/** GET /api/uscc/{code}: whether a credit code is well formed (GB 32100 and GB 11714 check characters). */
export function checkUscc(code: string, locale: Locale): z.infer<typeof UsccCheck> {
  const r = checkCreditCode(code);
  if (r.valid) return { valid: true, parts: r.parts };
  return { valid: false, reason: r.problem, message: interpolate(FIELD_MESSAGES[r.problem][locale], {}), parts: splitCreditCode(code.trim().toUpperCase()) };
}
