/**
 * E-certificates (电子证照): issued under the bureau's one seal when a case ends 准予, kept in a registry with
 * versions, revocation and expiry, and verifiable by anyone from the number or from the PDF itself.
 */
import type { z } from 'zod';
import { maskIdNumber, maskName } from '../../../common/mask';
import type { Config } from '../../config';
import { hasRole, type Actor } from '../../platform/auth/actor';
import { recordEvent } from '../../platform/audit/audit';
import type { DbOrTx } from '../../platform/db/client';
import { findStoredFile, recordStoredFile } from '../../platform/files/files.repository';
import type { FileStore } from '../../platform/files/store';
import { sha256Hex } from '../../platform/files/store';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { signPdf } from '../../platform/seal/index';
import { toShanghaiDate } from '../calendar';
import { findItemById } from '../catalog';
import { findRegion, listUnitRows } from '../org';
import { certificateScope, canReadCertificate } from './certificates.policy';
import { composeCertificateNumber, formatCertificateNumber, normalizeCertificateNumber } from './certificates.number';
import { renderCertificatePdf } from './certificates.pdf';
import * as repo from './certificates.repository';
import type { CertificateView, PublicCertificateView, ReissueBody, RevokeBody } from './certificates.schemas';
import type { TemplateField } from './certificates.tables';
import { defaultTemplate } from './certificates.templates';

export interface CertificateDeps {
  config: Config;
  files: FileStore;
}

export interface Holder {
  kind: 'person' | 'enterprise';
  name: string;
  idNumber: string;
  accountId: string | null;
  legalRepresentative?: string;
}

export interface IssueInput {
  itemId: string;
  holder: Holder;
  caseId: string | null;
  caseNumber: string | null;
  summary: string;
  address: string;
  form: Record<string, unknown>;
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  // Valid until the day before the anniversary (有效期5年: 2026-11-28 至 2031-11-27).
  const end = new Date(Date.UTC(y! + years, m! - 1, d!));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

function dateZh(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

async function organOf(tx: DbOrTx, regionCode: string) {
  const units = await listUnitRows(tx, regionCode);
  const region = await findRegion(tx, regionCode);
  return { name: units.find((u) => u.kind === 'bureau')?.name ?? `${region?.name ?? ''}行政审批局`, region: region?.name ?? '', units };
}

async function templateOf(ctx: { tx: DbOrTx; regionCode: string }, itemId: string) {
  const existing = await repo.findTemplateByItem(ctx.tx, itemId);
  if (existing) return existing;
  const item = await findItemById(ctx.tx, itemId);
  if (!item) throw new AppError('NOT_FOUND');
  const t = defaultTemplate(item);
  return repo.insertTemplate(ctx.tx, { regionCode: ctx.regionCode, itemId, ...t });
}

function fieldValue(source: TemplateField['source'], input: IssueInput, extra: { itemName: string; validUntil: string | null; regulator: string }): string {
  if (source.startsWith('fixed:')) return source.slice(6);
  if (source.startsWith('form.')) {
    const v = input.form[source.slice(5)];
    return v === undefined || v === null ? '' : String(v);
  }
  switch (source) {
    case 'holder.name':
      return input.holder.name;
    case 'holder.idNumber':
      return input.holder.idNumber;
    case 'holder.legalRepresentative':
      return input.holder.legalRepresentative ?? '';
    case 'item.name':
      return extra.itemName;
    case 'case.summary':
      return input.summary;
    case 'case.address':
      return input.address;
    case 'case.number':
      return input.caseNumber ?? '';
    case 'validUntil':
      return extra.validUntil ? dateZh(extra.validUntil) : '长期';
    case 'regulator':
      return extra.regulator;
    default:
      return '';
  }
}

/** Renders, seals and signs one version of a certificate and stores the file; returns the signed bytes' digest. */
async function produceSignedPdf(
  ctx: WriteContext,
  deps: CertificateDeps,
  data: { title: string; number: string; version: number; fields: { label: string; value: string }[]; issuer: string; issuedOn: string; region: string },
) {
  // Each version's QR code names that version, so a superseded paper copy shows as changed when scanned.
  const verifyUrl = `${deps.config.publicBaseUrl}/verify/${data.number}?v=${data.version}`;
  const pdf = await renderCertificatePdf({
    locale: 'zh',
    title: data.title,
    number: formatCertificateNumber(data.number),
    version: data.version,
    fields: data.fields,
    issuer: data.issuer,
    issuedOn: data.issuedOn,
    verifyUrl,
  });
  const signed = await signPdf(ctx.tx, pdf.bytes, {
    reason: `签发${data.title}`,
    location: data.region ? `河北省邢台市${data.region}` : data.issuer,
    signerName: data.issuer,
    sealBox: pdf.sealBox,
    seal: { regionCode: ctx.regionCode, passphrase: deps.config.sealPassphrase },
    use: { kind: 'certificate', reference: data.number, audit: ctx.audit },
  });
  const stored = await deps.files.put(Buffer.from(signed.bytes));
  await recordStoredFile(ctx.tx, { ...stored, mime: 'application/pdf' });
  return stored.sha256;
}

/** Issues a new certificate (准予 of a case, or a registration's licence) and records it in the registry. */
export async function issueCertificate(ctx: WriteContext, deps: CertificateDeps, input: IssueInput): Promise<repo.CertificateRow> {
  const item = await findItemById(ctx.tx, input.itemId);
  if (!item) throw new AppError('NOT_FOUND');
  const template = await templateOf(ctx, item.id);
  const organ = await organOf(ctx.tx, ctx.regionCode);
  const issuedOn = toShanghaiDate(ctx.clock.now());
  const validUntil = template.validityYears ? addYears(issuedOn, template.validityYears) : null;
  const department = organ.units.find((u) => u.id === item.originDepartmentId);
  const regulator = department ? (department.successorName ?? department.name) : organ.name;
  const fields = template.fields.map((f) => ({
    key: f.key,
    label: f.source === 'holder.idNumber' ? (input.holder.kind === 'person' ? '公民身份号码' : '统一社会信用代码') : f.label,
    labelEn: f.labelEn,
    value: fieldValue(f.source, input, { itemName: item.name, validUntil, regulator }),
  }));
  const serial = await repo.nextSerial(ctx.tx, ctx.regionCode, Number(issuedOn.slice(0, 4)), template.typeCode);
  const number = composeCertificateNumber(ctx.regionCode, Number(issuedOn.slice(0, 4)), template.typeCode, serial);
  const sha = await produceSignedPdf(ctx, deps, { title: template.title, number, version: 1, fields, issuer: organ.name, issuedOn, region: organ.region });
  const id = crypto.randomUUID();
  const row = await repo.insertCertificate(ctx.tx, {
    id,
    regionCode: ctx.regionCode,
    number,
    version: 1,
    lineageId: id,
    templateId: template.id,
    typeCode: template.typeCode,
    title: template.title,
    itemId: item.id,
    itemCode: item.code,
    itemName: item.name,
    caseId: input.caseId,
    holderKind: input.holder.kind,
    holderName: input.holder.name,
    holderIdNumber: input.holder.idNumber,
    holderAccountId: input.holder.accountId,
    fields,
    issuedOn,
    validUntil,
    issuer: organ.name,
    pdfSha256: sha,
    metadata: metadataOf({ number, title: template.title, typeCode: template.typeCode, holder: input.holder, issuer: organ.name, issuedOn, validUntil, version: 1 }),
    createdById: ctx.actor.kind === 'account' ? ctx.actor.id : null,
  });
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'certificate.issue',
    subjectType: 'certificate',
    subjectId: number,
    after: { title: row.title, holder: row.holderName, idNumber: row.holderIdNumber, caseId: row.caseId, sha256: sha, validUntil },
  });
  return row;
}

/** GB/T 36903-style metadata of a certificate version. */
function metadataOf(m: { number: string; title: string; typeCode: string; holder: Holder; issuer: string; issuedOn: string; validUntil: string | null; version: number }) {
  return {
    证照名称: m.title,
    证照类型代码: m.typeCode,
    证照编号: formatCertificateNumber(m.number),
    证照标识: `${m.number}.${String(m.version).padStart(2, '0')}`,
    持证主体: m.holder.name,
    持证主体代码类型: m.holder.kind === 'person' ? '公民身份号码' : '统一社会信用代码',
    持证主体代码: m.holder.idNumber,
    颁发机构: m.issuer,
    颁发日期: m.issuedOn,
    有效期起始: m.issuedOn,
    有效期截止: m.validUntil ?? '长期',
    版本: m.version,
  };
}

export function effectiveStatus(row: Pick<repo.CertificateRow, 'status' | 'validUntil'>, today: string): 'valid' | 'changed' | 'revoked' | 'expired' {
  if (row.status === 'valid' && row.validUntil && row.validUntil < today) return 'expired';
  return row.status as 'valid' | 'changed' | 'revoked';
}

/**
 * Who reads a person's ID number on a certificate in full: the holder, and the staff who issue certificates
 * or take in applications (they compare it with the presented ID card). Everyone else sees it masked.
 */
export function seesHolderIdentity(actor: Actor, row: Pick<repo.CertificateRow, 'holderAccountId'>): boolean {
  if (actor.kind !== 'account') return false;
  if (row.holderAccountId === actor.id) return true;
  return hasRole(actor, 'issuer', 'clerk');
}

function maskedHolder(row: repo.CertificateRow): repo.CertificateRow {
  if (row.holderKind !== 'person') return row;
  const id = row.holderIdNumber;
  const masked = maskIdNumber(id) ?? '';
  return {
    ...row,
    holderIdNumber: masked,
    fields: row.fields.map((f) => (f.value === id ? { ...f, value: masked } : f)),
    metadata: Object.fromEntries(Object.entries(row.metadata).map(([k, v]) => [k, v === id ? masked : v])),
  };
}

export function presentCertificate(raw: repo.CertificateRow, today: string, full = true): z.infer<typeof CertificateView> {
  const row = full ? raw : maskedHolder(raw);
  return {
    id: row.id,
    number: row.number,
    displayNumber: formatCertificateNumber(row.number),
    version: row.version,
    title: row.title,
    itemCode: row.itemCode,
    itemName: row.itemName,
    caseId: row.caseId,
    holderKind: row.holderKind as 'person' | 'enterprise',
    holderName: row.holderName,
    holderIdNumber: row.holderIdNumber,
    fields: row.fields,
    issuedOn: row.issuedOn,
    validUntil: row.validUntil,
    issuer: row.issuer,
    status: effectiveStatus(row, today),
    statusReason: row.statusReason,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    pdfSha256: row.pdfSha256,
    metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What anyone may learn of a certificate: its status and whose it is, a person's name masked. */
export function presentPublic(row: repo.CertificateRow, today: string, currentVersion = row.version): z.infer<typeof PublicCertificateView> {
  return {
    number: row.number,
    displayNumber: formatCertificateNumber(row.number),
    version: row.version,
    title: row.title,
    itemName: row.itemName,
    holder: row.holderKind === 'person' ? (maskName(row.holderName) ?? '') : row.holderName,
    holderCode: row.holderKind === 'enterprise' ? row.holderIdNumber : null,
    issuer: row.issuer,
    issuedOn: row.issuedOn,
    validUntil: row.validUntil,
    status: effectiveStatus(row, today),
    statusReason: row.status === 'revoked' ? row.statusReason : null,
    pdfSha256: row.pdfSha256,
    currentVersion,
  };
}

function numberOrNotFound(raw: string): string {
  const n = normalizeCertificateNumber(raw);
  if (!n) throw new AppError('NOT_FOUND');
  return n;
}

/** By number, the version in force; with a version (the QR code of each version carries its own), that one. */
export async function getPublic(ctx: ReadContext, raw: string, version?: number) {
  const number = numberOrNotFound(raw);
  const current = await repo.findCurrentByNumber(ctx.tx, number);
  if (!current || current.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  const row = version && version !== current.version ? await repo.findVersion(ctx.tx, number, version) : current;
  if (!row) throw new AppError('NOT_FOUND');
  return presentPublic(row, toShanghaiDate(ctx.clock.now()), current.version);
}

/**
 * Whether a presented PDF is an original: its SHA-256 must equal that of a version the registry issued. Any
 * changed byte changes the digest (the digital signature tells the same to a PDF reader).
 */
export async function verifyPdf(ctx: ReadContext, bytes: Buffer) {
  const sha256 = sha256Hex(bytes);
  const row = await repo.findByPdfSha(ctx.tx, sha256);
  const today = toShanghaiDate(ctx.clock.now());
  if (!row || row.regionCode !== ctx.regionCode) return { authentic: false, sha256, certificate: null, current: null };
  const current = await repo.findCurrentByNumber(ctx.tx, row.number);
  return { authentic: true, sha256, certificate: presentPublic(row, today, current?.version), current: current && current.id !== row.id ? presentPublic(current, today) : null };
}

export async function getCertificate(ctx: ReadContext, raw: string) {
  const row = await repo.findCurrentByNumber(ctx.tx, numberOrNotFound(raw));
  if (!row || !(await canReadCertificate(ctx, row))) throw new AppError('NOT_FOUND');
  const today = toShanghaiDate(ctx.clock.now());
  const versions = await repo.listVersions(ctx.tx, row.number);
  const full = seesHolderIdentity(ctx.actor, row);
  return { ...presentCertificate(row, today, full), versions: versions.map((v) => presentCertificate(v, today, full)) };
}

export async function getPdf(ctx: ReadContext, files: FileStore, raw: string, version?: number) {
  const number = numberOrNotFound(raw);
  const row = version ? await repo.findVersion(ctx.tx, number, version) : await repo.findCurrentByNumber(ctx.tx, number);
  if (!row || !(await canReadCertificate(ctx, row))) throw new AppError('NOT_FOUND');
  const meta = await findStoredFile(ctx.tx, row.pdfSha256);
  const bytes = meta ? await files.get(row.pdfSha256) : null;
  if (!bytes) throw new AppError('NOT_FOUND');
  return { bytes, fileName: `${row.title}-${formatCertificateNumber(row.number)}-v${row.version}.pdf` };
}

/** A certificate issued in the given case, as the signed PDF of its current version (the kiosk prints it). */
export async function pdfOfCaseCertificate(ctx: ReadContext, files: FileStore, caseId: string, raw: string) {
  const number = numberOrNotFound(raw);
  const row = await repo.findCurrentByNumber(ctx.tx, number);
  if (!row || row.caseId !== caseId || row.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  const bytes = await files.get(row.pdfSha256);
  if (!bytes) throw new AppError('NOT_FOUND');
  return { bytes, fileName: `${row.title}-${formatCertificateNumber(row.number)}-v${row.version}.pdf` };
}

export async function listCertificates(ctx: ReadContext, query: { q?: string; status?: 'valid' | 'revoked' | 'expired' | 'changed'; itemId?: string; limit: number; offset: number }) {
  const scope = certificateScope(ctx.actor);
  if (!scope) throw new AppError('FORBIDDEN');
  const today = toShanghaiDate(ctx.clock.now());
  const { rows, total } = await repo.listCertificates(ctx.tx, { ...scope, regionCode: ctx.regionCode, q: query.q, status: query.status, itemId: query.itemId, today }, query);
  return { items: rows.map((r) => presentCertificate(r, today, seesHolderIdentity(ctx.actor, r))), total, limit: query.limit, offset: query.offset };
}

/** The signed-in applicant's own certificates: by the ID number or credit code of the account. */
export async function listMine(ctx: ReadContext, idNumber: string) {
  const today = toShanghaiDate(ctx.clock.now());
  return (await repo.listByHolder(ctx.tx, ctx.regionCode, idNumber)).map((r) => presentCertificate(r, today));
}

/** 注销/吊销: the certificate stays in the registry as revoked, with the reason shown to anyone who checks it. */
export async function revoke(ctx: WriteContext, raw: string, input: z.infer<typeof RevokeBody>) {
  const row = await repo.lockCurrentByNumber(ctx.tx, numberOrNotFound(raw));
  if (!row || row.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  if (row.version !== input.version) throw new AppError('CONFLICT');
  if (row.status !== 'valid') throw new AppError('CASE_STATE', { params: { reasonZh: '该证照已注销或已有新版本。', reasonEn: 'The certificate is already revoked or superseded.' } });
  const now = ctx.clock.now();
  await repo.setStatus(ctx.tx, row.id, 'revoked', input.reason, now);
  await recordEvent(ctx.tx, ctx.audit, { action: 'certificate.revoke', subjectType: 'certificate', subjectId: row.number, before: { status: row.status }, after: { status: 'revoked', reason: input.reason } });
  return presentCertificate({ ...row, status: 'revoked', statusReason: input.reason, statusChangedAt: now }, toShanghaiDate(now), seesHolderIdentity(ctx.actor, row));
}

const LOCKED_SOURCES: ReadonlySet<string> = new Set(['holder.idNumber', 'case.number', 'validUntil']);

/**
 * 变更/换发: a new version under the same number with changed fields (and a new validity when asked); the
 * previous version turns 'changed' and stays verifiable as superseded.
 */
export async function reissue(ctx: WriteContext, deps: CertificateDeps, raw: string, input: z.infer<typeof ReissueBody>) {
  const row = await repo.lockCurrentByNumber(ctx.tx, numberOrNotFound(raw));
  if (!row || row.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  if (row.version !== input.version) throw new AppError('CONFLICT');
  if (row.status !== 'valid') throw new AppError('CASE_STATE', { params: { reasonZh: '已注销的证照不能变更。', reasonEn: 'A revoked certificate cannot be changed.' } });
  const changes = new Map(input.fields.map((f) => [f.key, f.value]));
  // The holder's ID number or credit code, the case and the validity are registry facts, not text to edit: a
  // different holder or term is a new certificate (or a case), never a changed version.
  const template = await repo.findTemplateByItem(ctx.tx, row.itemId);
  const locked = new Set((template?.fields ?? []).filter((f) => LOCKED_SOURCES.has(f.source)).map((f) => f.key));
  const problems = input.fields.flatMap((f, i) => {
    const current = row.fields.find((x) => x.key === f.key);
    if (!current) return [{ path: `body.fields.${i}.key`, zh: `证照没有字段 ${f.key}。`, en: `The certificate has no field ${f.key}.` }];
    if (locked.has(f.key) && f.value !== current.value) {
      return [{ path: `body.fields.${i}.value`, zh: `「${current.label}」不能在变更换发中修改。`, en: `"${current.labelEn}" cannot be changed by a reissue.` }];
    }
    return [];
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const fields = row.fields.map((f) => (changes.has(f.key) ? { ...f, value: changes.get(f.key)! } : f));
  const holderName = fields.find((f) => f.key === 'name' || f.key === 'holder')?.value ?? row.holderName;
  const organ = await organOf(ctx.tx, ctx.regionCode);
  const issuedOn = toShanghaiDate(ctx.clock.now());
  const version = row.version + 1;
  const sha = await produceSignedPdf(ctx, deps, { title: row.title, number: row.number, version, fields, issuer: organ.name, issuedOn, region: organ.region });
  const now = ctx.clock.now();
  await repo.setStatus(ctx.tx, row.id, 'changed', input.reason, now);
  const next = await repo.insertCertificate(ctx.tx, {
    ...row,
    id: crypto.randomUUID(),
    version,
    previousId: row.id,
    holderName,
    fields,
    issuedOn,
    status: 'valid',
    statusReason: null,
    statusChangedAt: null,
    pdfSha256: sha,
    metadata: metadataOf({ number: row.number, title: row.title, typeCode: row.typeCode, holder: { kind: row.holderKind as 'person' | 'enterprise', name: holderName, idNumber: row.holderIdNumber, accountId: row.holderAccountId }, issuer: organ.name, issuedOn, validUntil: row.validUntil, version }),
    createdById: ctx.actor.kind === 'account' ? ctx.actor.id : null,
    createdAt: now,
  });
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'certificate.reissue',
    subjectType: 'certificate',
    subjectId: row.number,
    // Only what changed; a person's ID number never enters the log in full.
    before: { version: row.version, fields: changedFields(row.fields, fields, row, 'before') },
    after: { version, fields: changedFields(row.fields, fields, row, 'after'), reason: input.reason },
  });
  return presentCertificate(next, issuedOn, seesHolderIdentity(ctx.actor, next));
}

function changedFields(before: TemplateField[] | { key: string; value: string }[], after: { key: string; value: string }[], row: repo.CertificateRow, side: 'before' | 'after') {
  const shown = (v: string) => (row.holderKind === 'person' && v === row.holderIdNumber ? (maskIdNumber(v) ?? '') : v);
  const out: Record<string, string> = {};
  for (const f of after) {
    const old = (before as { key: string; value: string }[]).find((b) => b.key === f.key)?.value ?? '';
    if (old !== f.value) out[f.key] = shown(side === 'before' ? old : f.value);
  }
  return out;
}

/** 证照复用: a valid certificate of this holder, as an application material. */
export async function findReusable(tx: DbOrTx, regionCode: string, raw: string, holderIdNumber: string, today: string) {
  const number = normalizeCertificateNumber(raw);
  if (!number) return null;
  const row = await repo.findCurrentByNumber(tx, number);
  if (!row || row.regionCode !== regionCode || row.holderIdNumber !== holderIdNumber || effectiveStatus(row, today) !== 'valid') return null;
  return { number: row.number, title: row.title };
}

export async function certificatesOfCase(tx: DbOrTx, caseId: string, today: string) {
  return (await repo.findByCase(tx, caseId)).map((r) => presentCertificate(r, today));
}

/** The case hook of 统一发证: the certificate of an approved case, held by the applicant. */
export function certificateHookFor(deps: CertificateDeps) {
  return async (
    ctx: WriteContext,
    c: { id: string; itemId: string; number: string; applicantKind: string; applicantName: string; applicantIdNumber: string; applicantAccountId: string | null; summary: string; address: string; form: Record<string, unknown> },
  ) => {
    const row = await issueCertificate(ctx, deps, {
      itemId: c.itemId,
      holder: { kind: c.applicantKind as 'person' | 'enterprise', name: c.applicantName, idNumber: c.applicantIdNumber, accountId: c.applicantAccountId },
      caseId: c.id,
      caseNumber: c.number,
      summary: c.summary,
      address: c.address,
      form: c.form,
    });
    return [{ number: row.number, displayNumber: formatCertificateNumber(row.number), title: row.title }];
  };
}
