import type { z } from 'zod';
import { pinyin } from 'pinyin-pro';
import { LIFE_EVENT_CODES, type ItemType, type LifeEventCode, type ProcessingClass } from '../../../common/catalog';
import { standardFlow } from '../../../common/standard-flow';
import { canonicalJson, recordEvent } from '../../platform/audit/audit';
import type { FileStore } from '../../platform/files/store';
import { contradictsDeclaredType, sniffMime } from '../../platform/files/store';
import { findStoredFile, recordStoredFile } from '../../platform/files/files.repository';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import type { Upload } from '../../platform/http/upload';
import { AppError, type FieldProblem } from '../../platform/http/errors';
import { canSeeItem, staffItemScope } from './catalog.policy';
import * as repo from './catalog.repository';
import type {
  CatalogExport,
  CatalogFacets,
  ExchangeItem,
  ImportBody,
  ImportReport,
  ItemDetail,
  ItemInput,
  ItemListQuery,
  ItemSummary,
  MaterialView,
  UpdateItemBody,
} from './catalog.schemas';

type Refs = Awaited<ReturnType<typeof repo.referenceMaps>>;
type Summary = z.infer<typeof ItemSummary>;
type Detail = z.infer<typeof ItemDetail>;

/** 食品经营许可 → { initials: 'spjyxk', full: 'shipinjingyingxuke' }; other characters are dropped. */
export function pinyinKeys(name: string): { initials: string; full: string } {
  const clean = (parts: string[]) => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  return {
    initials: clean(pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })),
    full: clean(pinyin(name, { toneType: 'none', type: 'array' })),
  };
}

function ref(refs: Refs, id: string | null) {
  if (!id) return null;
  const u = refs.units.get(id) ?? refs.zones.get(id);
  return u ? { id: u.id, code: u.code, name: u.name } : null;
}

function presentSummary(row: repo.ItemRow & { materialCount?: number }, refs: Refs): Summary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type as ItemType,
    scope: row.scope as 'bureau' | 'center',
    originDepartment: ref(refs, row.originDepartmentId),
    executingUnit: ref(refs, row.executingUnitId) ?? { id: row.executingUnitId, code: '', name: '' },
    zone: ref(refs, row.zoneId),
    processingClass: row.processingClass as ProcessingClass,
    legalLimit: { value: row.legalLimitValue, unit: row.legalLimitUnit as Summary['legalLimit']['unit'], note: row.legalLimitNote },
    promisedLimitDays: row.promisedLimitDays,
    maxVisits: row.maxVisits,
    isOnline: row.isOnline,
    isFree: row.fees.length === 0,
    audience: row.audience as Summary['audience'],
    lifeEvents: row.lifeEvents.filter((e): e is LifeEventCode => (LIFE_EVENT_CODES as readonly string[]).includes(e)),
    materialCount: row.materialCount ?? 0,
    status: row.status as 'active' | 'suspended',
  };
}

function presentMaterial(m: repo.MaterialRow): z.infer<typeof MaterialView> {
  return {
    id: m.id,
    sort: m.sort,
    name: m.name,
    form: m.form as z.infer<typeof MaterialView>['form'],
    copies: m.copies,
    requirement: m.requirement as 'required' | 'conditional',
    condition: m.condition,
    sourceNote: m.sourceNote,
    templateFileSha256: m.templateFileSha256,
    templateFileName: m.templateFileName,
    reusableCertificate: m.reusableCertificate,
    notes: m.notes,
  };
}

function presentDetail(row: repo.ItemRow, materials: repo.MaterialRow[], refs: Refs): Detail {
  const department = row.originDepartmentId ? refs.units.get(row.originDepartmentId) : undefined;
  return {
    ...presentSummary({ ...row, materialCount: materials.length }, refs),
    legalBasis: row.legalBasis,
    conditions: row.conditions,
    resultName: row.resultName,
    fees: row.fees,
    materials: materials.map(presentMaterial),
    flow: standardFlow(row.processingClass as ProcessingClass, row.promisedLimitDays, row.resultName !== ''),
    originDepartmentSuccessor: department?.successorName ?? null,
    source: row.source,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A hall zone stands for itself and the functional areas inside it. */
function zoneAndChildren(refs: Refs, zoneId: string): string[] {
  return [zoneId, ...[...refs.zones.values()].filter((z) => z.parentId === zoneId).map((z) => z.id)];
}

export async function getStats(ctx: ReadContext) {
  return repo.countCatalog(ctx.tx, ctx.regionCode);
}

export async function getFacets(ctx: ReadContext): Promise<z.infer<typeof CatalogFacets>> {
  const refs = await repo.referenceMaps(ctx.tx, ctx.regionCode);
  const f = await repo.facetCounts(ctx.tx, ctx.regionCode);
  const countOf = (rows: { id: string | null; n: number }[], id: string) => Number(rows.find((r) => r.id === id)?.n ?? 0);
  const units = [...refs.units.values()];
  const zoneList = [...refs.zones.values()];
  return {
    departments: units
      .filter((u) => u.kind === 'department')
      .map((u) => ({ id: u.id, code: u.code, name: u.name, count: countOf(f.byDepartment, u.id) }))
      .filter((d) => d.count > 0),
    units: units
      .filter((u) => u.kind === 'section' || u.kind === 'centre' || u.kind === 'center_unit')
      .map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, count: countOf(f.byUnit, u.id) }))
      .filter((d) => d.count > 0),
    zones: zoneList.map((z) => ({
      id: z.id,
      code: z.code,
      name: z.name,
      kind: z.kind,
      parentId: z.parentId,
      count: zoneAndChildren(refs, z.id).reduce((sum, id) => sum + countOf(f.byZone, id), 0),
    })),
    lifeEvents: LIFE_EVENT_CODES.map((code) => ({ code, count: Number(f.byLifeEvent.find((r) => r.code === code)?.n ?? 0) })).filter((e) => e.count > 0),
    types: f.byType.map((t) => ({ type: t.type as ItemType, count: Number(t.n) })),
  };
}

export async function listItems(ctx: ReadContext, query: z.infer<typeof ItemListQuery>, isPublic: boolean) {
  const refs = await repo.referenceMaps(ctx.tx, ctx.regionCode);
  const filter: repo.ItemFilter = {
    regionCode: ctx.regionCode,
    q: query.q || undefined,
    scope: query.scope,
    type: query.type,
    departmentId: query.departmentId,
    unitId: query.unitId,
    zoneIds: query.zoneId ? zoneAndChildren(refs, query.zoneId) : undefined,
    lifeEvent: query.lifeEvent,
    audience: query.audience,
    processingClass: query.processingClass,
    isOnline: query.isOnline,
    status: isPublic ? 'active' : query.status,
  };
  if (!isPublic) {
    const scope = staffItemScope(ctx.actor);
    if (!scope) throw new AppError('FORBIDDEN');
    filter.restrictToDepartmentId = scope.departmentId;
  }
  const { rows, total } = await repo.listItems(ctx.tx, filter, query);
  return { items: rows.map((r) => presentSummary(r, refs)), total, limit: query.limit, offset: query.offset };
}

export async function getPublicItem(ctx: ReadContext, code: string): Promise<Detail> {
  const row = await repo.findItemByCode(ctx.tx, ctx.regionCode, code);
  if (!row || row.status !== 'active') throw new AppError('NOT_FOUND');
  return presentDetail(row, await repo.listMaterials(ctx.tx, row.id), await repo.referenceMaps(ctx.tx, ctx.regionCode));
}

export async function getItem(ctx: ReadContext, id: string): Promise<Detail> {
  const row = await repo.findItemById(ctx.tx, id);
  if (!row || !canSeeItem(ctx.actor, row)) throw new AppError('NOT_FOUND');
  return presentDetail(row, await repo.listMaterials(ctx.tx, row.id), await repo.referenceMaps(ctx.tx, ctx.regionCode));
}

type ItemFields = Omit<z.infer<typeof ItemInput>, 'code' | 'materials'>;

/** Checks references and the rules that tie fields together; returns the problems, with body paths. */
function checkItemFields(input: ItemFields, refs: Refs): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const unit = refs.units.get(input.executingUnitId);
  const executingKinds = input.scope === 'bureau' ? ['section', 'centre', 'bureau'] : ['center_unit'];
  if (!unit || !executingKinds.includes(unit.kind)) {
    problems.push({
      path: 'body.executingUnitId',
      zh: input.scope === 'bureau' ? '审批局事项须由局内科室或中心承办。' : '服务中心事项须由进驻单位承办。',
      en: input.scope === 'bureau' ? 'A bureau item is handled by a section or centre of the bureau.' : 'A centre item is handled by a stationed unit.',
    });
  }
  if (input.originDepartmentId) {
    const dept = refs.units.get(input.originDepartmentId);
    if (!dept || dept.kind !== 'department') problems.push({ path: 'body.originDepartmentId', key: 'UNKNOWN_REFERENCE', params: { what: '划转来源部门' } });
  } else if (input.scope === 'bureau') {
    problems.push({ path: 'body.originDepartmentId', zh: '审批局事项须注明划转来源部门。', en: 'A bureau item names the department it came from.' });
  }
  if (input.zoneId && !refs.zones.has(input.zoneId)) problems.push({ path: 'body.zoneId', key: 'UNKNOWN_REFERENCE', params: { what: '区域' } });
  if ((input.legalLimitValue === null) !== (input.legalLimitUnit === null)) {
    problems.push({ path: 'body.legalLimitUnit', zh: '法定时限的数值和单位须同时填写或同时留空。', en: 'Give the legal limit with its unit, or neither.' });
  }
  if (input.processingClass === '即办件' && input.promisedLimitDays !== 0) {
    problems.push({ path: 'body.promisedLimitDays', zh: '即办件的承诺时限为0个工作日（当场办结）。', en: 'An on-the-spot item promises 0 working days.' });
  }
  if (input.processingClass !== '即办件' && (input.promisedLimitDays === null || input.promisedLimitDays < 1)) {
    problems.push({ path: 'body.promisedLimitDays', zh: '承诺件和联办件须有不少于1个工作日的承诺时限。', en: 'Promised and joint items need a promised limit of at least 1 working day.' });
  }
  if (input.legalLimitUnit === 'workday' && input.legalLimitValue !== null && input.promisedLimitDays !== null && input.promisedLimitDays > input.legalLimitValue) {
    problems.push({ path: 'body.promisedLimitDays', zh: '承诺时限不能超过法定时限。', en: 'The promised limit cannot exceed the legal limit.' });
  }
  return problems;
}

function itemValues(input: ItemFields & { name: string }) {
  const keys = pinyinKeys(input.name);
  return {
    name: input.name,
    type: input.type,
    scope: input.scope,
    originDepartmentId: input.originDepartmentId,
    executingUnitId: input.executingUnitId,
    zoneId: input.zoneId,
    legalBasis: input.legalBasis,
    legalLimitValue: input.legalLimitValue,
    legalLimitUnit: input.legalLimitUnit,
    legalLimitNote: input.legalLimitNote,
    promisedLimitDays: input.promisedLimitDays,
    processingClass: input.processingClass,
    conditions: input.conditions,
    resultName: input.resultName,
    fees: input.fees,
    maxVisits: input.maxVisits,
    isOnline: input.isOnline,
    audience: input.audience,
    lifeEvents: [...new Set(input.lifeEvents)],
    status: input.status,
    pinyinInitials: keys.initials,
    pinyin: keys.full,
  };
}

function materialValues(materials: z.infer<typeof ItemInput>['materials']) {
  return materials.map((m, index) => ({
    id: m.id,
    sort: index + 1,
    name: m.name,
    form: m.form,
    copies: m.copies,
    requirement: m.requirement,
    condition: m.condition,
    sourceNote: m.sourceNote,
    reusableCertificate: m.reusableCertificate,
    notes: m.notes,
  }));
}

export async function createItem(ctx: WriteContext, input: z.infer<typeof ItemInput>): Promise<Detail> {
  const refs = await repo.referenceMaps(ctx.tx, ctx.regionCode);
  const problems = checkItemFields(input, refs);
  if (await repo.findItemByCode(ctx.tx, ctx.regionCode, input.code)) problems.push({ path: 'body.code', key: 'CODE_TAKEN' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const row = await repo.insertItem(ctx.tx, { ...itemValues(input), code: input.code, regionCode: ctx.regionCode, source: 'manual' });
  const materials = await repo.replaceMaterials(ctx.tx, row.id, materialValues(input.materials.map((m) => ({ ...m, id: undefined }))));
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'catalog.item.create',
    subjectType: 'item',
    subjectId: row.id,
    after: { code: row.code, name: row.name, materials: materials.map((m) => m.name) },
  });
  return presentDetail(row, materials, refs);
}

export async function updateItem(ctx: WriteContext, id: string, input: z.infer<typeof UpdateItemBody>): Promise<Detail> {
  const before = await repo.lockItem(ctx.tx, id);
  if (!before || before.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  if (before.version !== input.version) throw new AppError('CONFLICT');
  const refs = await repo.referenceMaps(ctx.tx, ctx.regionCode);
  const problems = checkItemFields(input, refs);
  const beforeMaterials = await repo.listMaterials(ctx.tx, id);
  input.materials.forEach((m, i) => {
    if (m.id && !beforeMaterials.some((b) => b.id === m.id)) problems.push({ path: `body.materials.${i}.id`, key: 'UNKNOWN_REFERENCE', params: { what: '材料' } });
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const after = await repo.updateItem(ctx.tx, id, input.version, itemValues({ ...input }));
  if (!after) throw new AppError('CONFLICT');
  const materials = await repo.replaceMaterials(ctx.tx, id, materialValues(input.materials));
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'catalog.item.update',
    subjectType: 'item',
    subjectId: id,
    before: { ...summarizeForAudit(before), materials: beforeMaterials.map((m) => m.name) },
    after: { ...summarizeForAudit(after), materials: materials.map((m) => m.name) },
  });
  return presentDetail(after, materials, refs);
}

function summarizeForAudit(row: repo.ItemRow) {
  const { pinyin: _p, pinyinInitials: _i, createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

function toExchange(row: repo.ItemRow, materials: repo.MaterialRow[], refs: Refs): z.infer<typeof ExchangeItem> {
  const codeOf = (id: string | null) => (id ? (refs.units.get(id)?.code ?? refs.zones.get(id)?.code ?? null) : null);
  return {
    code: row.code,
    name: row.name,
    type: row.type as ItemType,
    scope: row.scope as 'bureau' | 'center',
    originDepartmentCode: codeOf(row.originDepartmentId),
    executingUnitCode: codeOf(row.executingUnitId) ?? '',
    zoneCode: codeOf(row.zoneId),
    legalBasis: row.legalBasis,
    legalLimitValue: row.legalLimitValue,
    legalLimitUnit: row.legalLimitUnit as z.infer<typeof ExchangeItem>['legalLimitUnit'],
    legalLimitNote: row.legalLimitNote,
    promisedLimitDays: row.promisedLimitDays,
    processingClass: row.processingClass as ProcessingClass,
    conditions: row.conditions,
    resultName: row.resultName,
    fees: row.fees,
    maxVisits: row.maxVisits,
    isOnline: row.isOnline,
    audience: row.audience as z.infer<typeof ExchangeItem>['audience'],
    lifeEvents: row.lifeEvents as LifeEventCode[],
    status: row.status as 'active' | 'suspended',
    source: row.source,
    materials: materials.map((m) => ({
      name: m.name,
      form: m.form as z.infer<typeof MaterialView>['form'],
      copies: m.copies,
      requirement: m.requirement as 'required' | 'conditional',
      condition: m.condition,
      sourceNote: m.sourceNote,
      reusableCertificate: m.reusableCertificate,
      notes: m.notes,
      templateFileSha256: m.templateFileSha256,
      templateFileName: m.templateFileName,
    })),
  };
}

export async function exportCatalog(ctx: ReadContext): Promise<z.infer<typeof CatalogExport>> {
  const refs = await repo.referenceMaps(ctx.tx, ctx.regionCode);
  const rows = await repo.listAllItems(ctx.tx, ctx.regionCode);
  const materials = await repo.listMaterialsOfItems(ctx.tx, rows.map((r) => r.id));
  const byItem = new Map<string, repo.MaterialRow[]>();
  for (const m of materials) byItem.set(m.itemId, [...(byItem.get(m.itemId) ?? []), m]);
  return {
    format: 'onewindow.catalog',
    formatVersion: 1,
    regionCode: ctx.regionCode,
    exportedAt: ctx.clock.now().toISOString(),
    items: rows.map((r) => toExchange(r, byItem.get(r.id) ?? [], refs)),
  };
}

/**
 * Imports a catalogue exported by this or another installation: items are matched by code, references by
 * unit and zone codes. All or nothing: one bad row and nothing is saved; the report names every problem.
 */
export async function importCatalog(ctx: WriteContext, body: z.infer<typeof ImportBody>): Promise<z.infer<typeof ImportReport>> {
  const refs = await repo.referenceMaps(ctx.tx, ctx.regionCode);
  const unitByCode = new Map([...refs.units.values()].map((u) => [u.code, u]));
  const zoneByCode = new Map([...refs.zones.values()].map((z) => [z.code, z]));
  const report: z.infer<typeof ImportReport> = { dryRun: body.dryRun, created: [], updated: [], unchanged: [], warnings: [] };
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const resolved: { exchange: z.infer<typeof ExchangeItem>; fields: ItemFields }[] = [];
  body.items.forEach((item, i) => {
    const at = (field: string) => `body.items.${i}.${field}`;
    if (seen.has(item.code)) problems.push({ path: at('code'), zh: `事项编码 ${item.code} 重复。`, en: `Item code ${item.code} appears twice.` });
    seen.add(item.code);
    const unit = unitByCode.get(item.executingUnitCode);
    const dept = item.originDepartmentCode ? unitByCode.get(item.originDepartmentCode) : null;
    const zone = item.zoneCode ? zoneByCode.get(item.zoneCode) : null;
    if (!unit) problems.push({ path: at('executingUnitCode'), zh: `承办单位编码 ${item.executingUnitCode} 不存在。`, en: `No unit with code ${item.executingUnitCode}.` });
    if (item.originDepartmentCode && !dept) problems.push({ path: at('originDepartmentCode'), zh: `部门编码 ${item.originDepartmentCode} 不存在。`, en: `No department with code ${item.originDepartmentCode}.` });
    if (item.zoneCode && !zone) problems.push({ path: at('zoneCode'), zh: `区域编码 ${item.zoneCode} 不存在。`, en: `No zone with code ${item.zoneCode}.` });
    if (!unit || (item.originDepartmentCode && !dept) || (item.zoneCode && !zone)) return;
    const fields: ItemFields = {
      ...item,
      originDepartmentId: dept?.id ?? null,
      executingUnitId: unit.id,
      zoneId: zone?.id ?? null,
    };
    for (const p of checkItemFields(fields, refs)) problems.push({ ...p, path: p.path.replace(/^body\./, `body.items.${i}.`) });
    resolved.push({ exchange: item, fields });
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems.slice(0, 200) });

  for (const { exchange, fields } of resolved) {
    const materials = [];
    for (const m of exchange.materials) {
      let templateFileSha256 = m.templateFileSha256;
      if (templateFileSha256 && !(await findStoredFile(ctx.tx, templateFileSha256))) {
        report.warnings.push({ code: exchange.code, message: `模板文件 ${m.templateFileName ?? templateFileSha256} 不在本系统中，已忽略。` });
        templateFileSha256 = null;
      }
      materials.push({ ...m, templateFileSha256, templateFileName: templateFileSha256 ? m.templateFileName : null });
    }
    const existing = await repo.findItemByCode(ctx.tx, ctx.regionCode, exchange.code);
    const values = { ...itemValues({ ...fields, name: exchange.name }), source: exchange.source };
    const materialRows = materials.map((m, index) => ({ ...m, sort: index + 1 }));
    if (!existing) {
      report.created.push(exchange.code);
      if (body.dryRun) continue;
      const row = await repo.insertItem(ctx.tx, { ...values, code: exchange.code, regionCode: ctx.regionCode });
      await repo.replaceMaterials(ctx.tx, row.id, materialRows);
      await recordEvent(ctx.tx, ctx.audit, { action: 'catalog.item.import', subjectType: 'item', subjectId: row.id, after: { code: row.code, name: row.name } });
      continue;
    }
    const currentMaterials = await repo.listMaterials(ctx.tx, existing.id);
    const same = canonicalJson(toExchange(existing, currentMaterials, refs)) === canonicalJson({ ...exchange, materials });
    if (same) {
      report.unchanged.push(exchange.code);
      continue;
    }
    report.updated.push(exchange.code);
    if (body.dryRun) continue;
    const after = await repo.updateItem(ctx.tx, existing.id, existing.version, values);
    if (!after) throw new AppError('CONFLICT');
    await repo.replaceMaterials(ctx.tx, existing.id, materialRows);
    await recordEvent(ctx.tx, ctx.audit, {
      action: 'catalog.item.import',
      subjectType: 'item',
      subjectId: existing.id,
      before: summarizeForAudit(existing),
      after: summarizeForAudit(after),
    });
  }
  return report;
}

const TEMPLATE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/x-ole-storage',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

/** Attaches a blank form or sample to a material; the bytes decide the type, not the file name. */
export async function attachTemplate(
  ctx: WriteContext,
  files: FileStore,
  itemId: string,
  materialId: string,
  upload: Upload,
): Promise<Detail> {
  const item = await repo.lockItem(ctx.tx, itemId);
  if (!item || item.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  const material = await repo.findMaterial(ctx.tx, itemId, materialId);
  if (!material) throw new AppError('NOT_FOUND');
  const mime = sniffMime(upload.bytes);
  if (!mime || !TEMPLATE_TYPES.has(mime)) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'file', zh: '模板须为 PDF、Word、Excel 或图片文件。', en: 'A template must be a PDF, Word, Excel or image file.' }],
    });
  }
  if (contradictsDeclaredType(mime, upload.declaredType)) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', key: 'UPLOAD_TYPE_MISMATCH', params: { declared: upload.declaredType } }] });
  }
  const fileName = upload.fileName;
  const stored = await files.put(upload.bytes);
  await recordStoredFile(ctx.tx, { ...stored, mime });
  await repo.setMaterialTemplate(ctx.tx, materialId, stored.sha256, fileName);
  await repo.bumpItemVersion(ctx.tx, itemId);
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'catalog.material.template',
    subjectType: 'item',
    subjectId: itemId,
    before: { material: material.name, template: material.templateFileSha256 },
    after: { material: material.name, template: stored.sha256, fileName, size: stored.size },
  });
  const refs = await repo.referenceMaps(ctx.tx, ctx.regionCode);
  return presentDetail((await repo.findItemById(ctx.tx, itemId))!, await repo.listMaterials(ctx.tx, itemId), refs);
}

/** A template file as the public downloads it: only files attached to an active item are served. */
export async function getPublicTemplate(ctx: ReadContext, files: FileStore, sha256: string) {
  const attached = await repo.isTemplateFilePublic(ctx.tx, sha256);
  const meta = attached ? await findStoredFile(ctx.tx, sha256) : undefined;
  const bytes = meta ? await files.get(sha256) : null;
  if (!attached || !meta || !bytes) throw new AppError('NOT_FOUND');
  return { bytes, mime: meta.mime, fileName: attached.fileName };
}

/** 联办事项 (一件事一次办) with their items, for the public guide and the intake screen. */
export async function listBundles(ctx: ReadContext) {
  const bundles = await repo.listBundles(ctx.tx, ctx.regionCode);
  const rows = await repo.findItemsByCodes(ctx.tx, ctx.regionCode, [...new Set(bundles.flatMap((b) => b.itemCodes))]);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return bundles.map((b) => {
    const list = b.itemCodes.map((code) => byCode.get(code)).filter((r): r is repo.ItemRow => !!r && r.status === 'active');
    return {
      code: b.code,
      name: b.name,
      description: b.description,
      audience: b.audience as 'person' | 'enterprise' | 'both',
      lifeEvents: b.lifeEvents as LifeEventCode[],
      items: list.map((r) => ({ id: r.id, code: r.code, name: r.name, promisedLimitDays: r.promisedLimitDays, processingClass: r.processingClass as ProcessingClass })),
      promisedLimitDays: Math.max(0, ...list.map((r) => r.promisedLimitDays ?? 0)),
    };
  });
}
