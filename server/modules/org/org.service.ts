import type { z } from 'zod';
import { maskPhone } from '../../../common/mask';
import { recordEvent } from '../../platform/audit/audit';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import { AppError, type FieldProblem } from '../../platform/http/errors';
import * as repo from './org.repository';
import { canCreateUnitOfKind, canEditTownship, canEditUnit, canEditWindows } from './org.policy';
import type {
  CreateUnitBody,
  CreateWindowBody,
  OrgOverview,
  TownshipView,
  UnitView,
  UpdateTownshipBody,
  UpdateUnitBody,
  UpdateWindowBody,
  WindowView,
  ZoneView,
} from './org.schemas';

type UnitViewT = z.infer<typeof UnitView>;

export function presentUnit(row: repo.UnitRow & { itemCount?: number }, isPublic: boolean): UnitViewT {
  return {
    id: row.id,
    regionCode: row.regionCode,
    kind: row.kind as UnitViewT['kind'],
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    parentId: row.parentId,
    category: (row.category as UnitViewT['category']) ?? null,
    zoneId: row.zoneId,
    chiefRepresentative: row.chiefRepresentative,
    chiefRepresentativePhone: isPublic ? maskPhone(row.chiefRepresentativePhone) : row.chiefRepresentativePhone,
    authorization: row.authorization,
    successorName: row.successorName,
    duties: row.duties,
    active: row.active,
    itemCount: row.itemCount ?? 0,
  };
}

function presentZone(row: repo.ZoneRow): z.infer<typeof ZoneView> {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as 'hall' | 'functional',
    parentId: row.parentId,
    queuePrefix: row.queuePrefix,
    description: row.description,
  };
}

function presentTownship(row: repo.TownshipRow): z.infer<typeof TownshipView> {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind as '镇' | '乡',
    centreName: row.centreName,
    centreAddress: row.centreAddress,
    centrePhone: row.centrePhone,
  };
}

function presentWindows(rows: repo.WindowRow[], zones: repo.ZoneRow[], units: repo.UnitRow[]): z.infer<typeof WindowView>[] {
  const zoneNames = new Map(zones.map((z) => [z.id, z.name]));
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  return rows.map((w) => ({
    id: w.id,
    code: w.code,
    name: w.name,
    zoneId: w.zoneId,
    zoneName: zoneNames.get(w.zoneId) ?? '',
    kind: w.kind as 'comprehensive' | 'dedicated',
    unitId: w.unitId,
    unitName: w.unitId ? (unitNames.get(w.unitId) ?? null) : null,
    active: w.active,
  }));
}

/** The whole organisation of the county in one answer: what the public guide and the console both start from. */
export async function getOverview(ctx: ReadContext, isPublic: boolean): Promise<z.infer<typeof OrgOverview>> {
  const region = await repo.findRegion(ctx.tx, ctx.regionCode);
  const units = await repo.listUnits(ctx.tx, ctx.regionCode);
  const zones = await repo.listZones(ctx.tx, ctx.regionCode);
  const townships = await repo.listTownships(ctx.tx, ctx.regionCode);
  const windows = await repo.listWindows(ctx.tx, ctx.regionCode);
  const visible = units.filter((u) => !isPublic || u.active);
  const of = (kind: string) => visible.filter((u) => u.kind === kind).map((u) => presentUnit(u, isPublic));
  return {
    region: { code: ctx.regionCode, name: region?.name ?? ctx.regionCode },
    bureau: of('bureau')[0] ?? null,
    sections: of('section'),
    centres: of('centre'),
    committee: of('committee')[0] ?? null,
    departments: of('department'),
    centerUnits: of('center_unit'),
    agencies: of('agency'),
    zones: zones.map(presentZone),
    townships: townships.map(presentTownship),
    windows: presentWindows(isPublic ? windows.filter((w) => w.active) : windows, zones, units),
  };
}

export async function listUnits(ctx: ReadContext, kind?: string): Promise<UnitViewT[]> {
  return (await repo.listUnits(ctx.tx, ctx.regionCode, kind)).map((u) => presentUnit(u, false));
}

async function checkZone(ctx: WriteContext, zoneId: string | null | undefined, path: string): Promise<FieldProblem[]> {
  if (!zoneId) return [];
  const zone = await repo.findZone(ctx.tx, zoneId);
  return zone && zone.regionCode === ctx.regionCode ? [] : [{ path, key: 'UNKNOWN_REFERENCE', params: { what: '区域' } }];
}

export async function createUnit(ctx: WriteContext, input: z.infer<typeof CreateUnitBody>): Promise<UnitViewT> {
  if (!canCreateUnitOfKind(ctx.actor, input.kind)) throw new AppError('FORBIDDEN');
  const problems = await checkZone(ctx, input.zoneId, 'body.zoneId');
  if (await repo.findUnitByCode(ctx.tx, ctx.regionCode, input.code)) problems.push({ path: 'body.code', key: 'CODE_TAKEN' });
  if (input.kind === 'center_unit' && !input.category) problems.push({ path: 'body.category', key: 'REQUIRED' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const parentKind = input.kind === 'section' ? 'bureau' : input.kind === 'center_unit' ? 'committee' : null;
  const parent = parentKind ? (await repo.listUnits(ctx.tx, ctx.regionCode, parentKind))[0] : undefined;
  const row = await repo.insertUnit(ctx.tx, {
    regionCode: ctx.regionCode,
    kind: input.kind,
    code: input.code,
    name: input.name,
    shortName: input.shortName,
    duties: input.duties,
    parentId: parent?.id ?? null,
    category: input.kind === 'center_unit' ? (input.category ?? null) : null,
    zoneId: input.zoneId ?? null,
    chiefRepresentative: input.chiefRepresentative ?? null,
    chiefRepresentativePhone: input.chiefRepresentativePhone ?? null,
    authorization: input.authorization ?? null,
    sort: 1000,
  });
  await recordEvent(ctx.tx, ctx.audit, { action: 'org.unit.create', subjectType: 'org_unit', subjectId: row.id, after: row });
  return presentUnit(row, false);
}

export async function updateUnit(ctx: WriteContext, id: string, input: z.infer<typeof UpdateUnitBody>): Promise<UnitViewT> {
  const before = await repo.findUnit(ctx.tx, id);
  if (!before || before.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  if (!canEditUnit(ctx.actor, before)) throw new AppError('FORBIDDEN');
  const problems = await checkZone(ctx, input.zoneId, 'body.zoneId');
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const after = await repo.updateUnit(ctx.tx, id, input);
  await recordEvent(ctx.tx, ctx.audit, { action: 'org.unit.update', subjectType: 'org_unit', subjectId: id, before, after });
  return presentUnit(after!, false);
}

async function checkWindowRefs(ctx: WriteContext, zoneId: string | undefined, kind: string, unitId: string | null | undefined): Promise<FieldProblem[]> {
  const problems = await checkZone(ctx, zoneId, 'body.zoneId');
  if (unitId) {
    const unit = await repo.findUnit(ctx.tx, unitId);
    if (!unit || unit.regionCode !== ctx.regionCode) problems.push({ path: 'body.unitId', key: 'UNKNOWN_REFERENCE', params: { what: '单位' } });
  }
  if (kind === 'dedicated' && !unitId) problems.push({ path: 'body.unitId', key: 'ROLE_SCOPE_REQUIRED', params: { what: '专窗所属单位' } });
  return problems;
}

export async function createWindow(ctx: WriteContext, input: z.infer<typeof CreateWindowBody>): Promise<z.infer<typeof WindowView>> {
  if (!canEditWindows(ctx.actor)) throw new AppError('FORBIDDEN');
  const problems = await checkWindowRefs(ctx, input.zoneId, input.kind, input.unitId);
  if (await repo.findWindowByCode(ctx.tx, ctx.regionCode, input.code)) problems.push({ path: 'body.code', key: 'CODE_TAKEN' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const row = await repo.insertWindow(ctx.tx, {
    regionCode: ctx.regionCode,
    code: input.code,
    name: input.name,
    zoneId: input.zoneId,
    kind: input.kind,
    unitId: input.kind === 'dedicated' ? (input.unitId ?? null) : (input.unitId ?? null),
    sort: 1000,
  });
  await recordEvent(ctx.tx, ctx.audit, { action: 'org.window.create', subjectType: 'window', subjectId: row.id, after: row });
  return presentOneWindow(ctx, row);
}

async function presentOneWindow(ctx: WriteContext, row: repo.WindowRow): Promise<z.infer<typeof WindowView>> {
  const zones = await repo.listZones(ctx.tx, ctx.regionCode);
  const units = row.unitId ? [await repo.findUnit(ctx.tx, row.unitId)].filter((u): u is repo.UnitRow => !!u) : [];
  return presentWindows([row], zones, units)[0]!;
}

export async function updateWindow(ctx: WriteContext, id: string, input: z.infer<typeof UpdateWindowBody>): Promise<z.infer<typeof WindowView>> {
  if (!canEditWindows(ctx.actor)) throw new AppError('FORBIDDEN');
  const before = await repo.findWindow(ctx.tx, id);
  if (!before || before.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  const kind = input.kind ?? before.kind;
  const unitId = input.unitId !== undefined ? input.unitId : before.unitId;
  const problems = await checkWindowRefs(ctx, input.zoneId, kind, unitId);
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const after = await repo.updateWindow(ctx.tx, id, { ...input, unitId });
  await recordEvent(ctx.tx, ctx.audit, { action: 'org.window.update', subjectType: 'window', subjectId: id, before, after });
  return presentOneWindow(ctx, after!);
}

export async function updateTownship(ctx: WriteContext, code: string, input: z.infer<typeof UpdateTownshipBody>): Promise<z.infer<typeof TownshipView>> {
  const before = await repo.findTownship(ctx.tx, code);
  if (!before || before.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  if (!canEditTownship(ctx.actor, code)) throw new AppError('FORBIDDEN');
  const after = await repo.updateTownship(ctx.tx, code, input);
  await recordEvent(ctx.tx, ctx.audit, { action: 'org.township.update', subjectType: 'township', subjectId: code, before, after });
  return presentTownship(after!);
}
