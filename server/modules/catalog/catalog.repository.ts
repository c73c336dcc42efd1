import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { orgUnits, townships, zones } from '../org/org.tables';
import { itemBundles, itemMaterials, items } from './catalog.tables';

export type ItemRow = typeof items.$inferSelect;
export type NewItemRow = typeof items.$inferInsert;
export type MaterialRow = typeof itemMaterials.$inferSelect;
export type NewMaterialRow = typeof itemMaterials.$inferInsert;

export interface ItemFilter {
  regionCode: string;
  q?: string;
  scope?: string;
  type?: string;
  departmentId?: string;
  unitId?: string;
  zoneIds?: string[];
  lifeEvent?: string;
  audience?: 'person' | 'enterprise';
  processingClass?: string;
  isOnline?: boolean;
  status?: string;
  /** Regulators see only the items of their own department. */
  restrictToDepartmentId?: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereOf(f: ItemFilter): SQL {
  const c: SQL[] = [eq(items.regionCode, f.regionCode)];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    const lower = f.q.toLowerCase().replace(/\s+/g, '');
    c.push(
      or(
        ilike(items.name, like),
        ilike(items.code, like),
        sql`${items.pinyinInitials} like ${`${escapeLike(lower)}%`}`,
        sql`${items.pinyinInitials} like ${`%${escapeLike(lower)}%`}`,
        sql`${items.pinyin} like ${`%${escapeLike(lower)}%`}`,
      )!,
    );
  }
  if (f.scope) c.push(eq(items.scope, f.scope));
  if (f.type) c.push(eq(items.type, f.type));
  if (f.departmentId) c.push(eq(items.originDepartmentId, f.departmentId));
  if (f.restrictToDepartmentId) c.push(eq(items.originDepartmentId, f.restrictToDepartmentId));
  if (f.unitId) c.push(eq(items.executingUnitId, f.unitId));
  if (f.zoneIds) c.push(f.zoneIds.length ? inArray(items.zoneId, f.zoneIds) : sql`false`);
  if (f.lifeEvent) c.push(sql`${f.lifeEvent} = any(${items.lifeEvents})`);
  if (f.audience) c.push(inArray(items.audience, [f.audience, 'both']));
  if (f.processingClass) c.push(eq(items.processingClass, f.processingClass));
  if (f.isOnline !== undefined) c.push(eq(items.isOnline, f.isOnline));
  if (f.status) c.push(eq(items.status, f.status));
  return and(...c)!;
}

export interface ItemListRow extends ItemRow {
  materialCount: number;
}

export async function listItems(tx: DbOrTx, f: ItemFilter, page: { limit: number; offset: number }): Promise<{ rows: ItemListRow[]; total: number }> {
  const where = whereOf(f);
  // Written out with table names: Drizzle leaves single-table columns unqualified, which a subquery would misread.
  const materialCount = sql<number>`(select count(*)::int from item_materials m where m.item_id = items.id)`;
  // Exact name or initials matches first, then by code.
  const order = [asc(items.scope), asc(items.code)];
  if (f.q) {
    const initials = `${escapeLike(f.q.toLowerCase())}%`;
    const prefix = `${escapeLike(f.q)}%`;
    order.unshift(
      sql`case when ${items.name} = ${f.q} then 0 when ${items.pinyinInitials} like ${initials} then 1 when ${items.name} like ${prefix} then 2 else 3 end`,
    );
  }
  const rows = await tx
    .select({ item: items, materialCount })
    .from(items)
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await tx.select({ n: count() }).from(items).where(where);
  return { rows: rows.map((r) => ({ ...r.item, materialCount: Number(r.materialCount) })), total: Number(total?.n ?? 0) };
}

export async function findItemById(tx: DbOrTx, id: string): Promise<ItemRow | undefined> {
  const [row] = await tx.select().from(items).where(eq(items.id, id));
  return row;
}

export async function findItemByCode(tx: DbOrTx, regionCode: string, code: string): Promise<ItemRow | undefined> {
  const [row] = await tx.select().from(items).where(and(eq(items.regionCode, regionCode), eq(items.code, code)));
  return row;
}

export async function lockItem(tx: DbOrTx, id: string): Promise<ItemRow | undefined> {
  const [row] = await tx.select().from(items).where(eq(items.id, id)).for('update');
  return row;
}

export async function listMaterials(tx: DbOrTx, itemId: string): Promise<MaterialRow[]> {
  return tx.select().from(itemMaterials).where(eq(itemMaterials.itemId, itemId)).orderBy(asc(itemMaterials.sort));
}

export async function listMaterialsOfItems(tx: DbOrTx, itemIds: string[]): Promise<MaterialRow[]> {
  if (itemIds.length === 0) return [];
  return tx.select().from(itemMaterials).where(inArray(itemMaterials.itemId, itemIds)).orderBy(asc(itemMaterials.itemId), asc(itemMaterials.sort));
}

export async function findMaterial(tx: DbOrTx, itemId: string, materialId: string): Promise<MaterialRow | undefined> {
  const [row] = await tx.select().from(itemMaterials).where(and(eq(itemMaterials.itemId, itemId), eq(itemMaterials.id, materialId)));
  return row;
}

export async function insertItem(tx: DbOrTx, values: NewItemRow): Promise<ItemRow> {
  const [row] = await tx.insert(items).values(values).returning();
  return row!;
}

export async function updateItem(tx: DbOrTx, id: string, expectedVersion: number, values: Partial<NewItemRow>): Promise<ItemRow | undefined> {
  const [row] = await tx
    .update(items)
    .set({ ...values, version: sql`${items.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(items.id, id), eq(items.version, expectedVersion)))
    .returning();
  return row;
}

/** Replaces the materials of an item, keeping the ids (and template files) of those that stay. */
export async function replaceMaterials(tx: DbOrTx, itemId: string, materials: (Omit<NewMaterialRow, 'itemId'> & { id?: string })[]): Promise<MaterialRow[]> {
  const keep = materials.map((m) => m.id).filter((id): id is string => !!id);
  const existing = await listMaterials(tx, itemId);
  const toDelete = existing.filter((m) => !keep.includes(m.id)).map((m) => m.id);
  if (toDelete.length) await tx.delete(itemMaterials).where(inArray(itemMaterials.id, toDelete));
  for (const m of materials) {
    if (m.id && existing.some((e) => e.id === m.id)) {
      const { id, ...rest } = m;
      await tx.update(itemMaterials).set(rest).where(eq(itemMaterials.id, id));
    } else {
      const { id: _ignored, ...rest } = m;
      await tx.insert(itemMaterials).values({ ...rest, itemId });
    }
  }
  return listMaterials(tx, itemId);
}

export async function setMaterialTemplate(tx: DbOrTx, materialId: string, sha256: string, fileName: string): Promise<MaterialRow | undefined> {
  const [row] = await tx
    .update(itemMaterials)
    .set({ templateFileSha256: sha256, templateFileName: fileName })
    .where(eq(itemMaterials.id, materialId))
    .returning();
  return row;
}

export async function bumpItemVersion(tx: DbOrTx, id: string): Promise<void> {
  await tx.update(items).set({ version: sql`${items.version} + 1`, updatedAt: sql`now()` }).where(eq(items.id, id));
}

export async function isTemplateFilePublic(tx: DbOrTx, sha256: string): Promise<{ fileName: string } | undefined> {
  const [row] = await tx
    .select({ fileName: itemMaterials.templateFileName })
    .from(itemMaterials)
    .innerJoin(items, eq(items.id, itemMaterials.itemId))
    .where(and(eq(itemMaterials.templateFileSha256, sha256), eq(items.status, 'active')))
    .limit(1);
  return row ? { fileName: row.fileName ?? 'template' } : undefined;
}

/** Units and zones by id, for presenting items. */
export async function referenceMaps(tx: DbOrTx, regionCode: string) {
  const units = await tx
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, kind: orgUnits.kind, successorName: orgUnits.successorName })
    .from(orgUnits)
    .where(eq(orgUnits.regionCode, regionCode));
  const zoneRows = await tx
    .select({ id: zones.id, code: zones.code, name: zones.name, kind: zones.kind, parentId: zones.parentId })
    .from(zones)
    .where(eq(zones.regionCode, regionCode));
  return { units: new Map(units.map((u) => [u.id, u])), zones: new Map(zoneRows.map((z) => [z.id, z])) };
}

export interface CatalogCounts {
  departments: number;
  licensingItems: number;
  confirmationItems: number;
  sections: number;
  centerUnits: number;
  serviceItems: number;
  zones: number;
  townships: number;
}

/** The figures of the public home page, counted from the data (never stored). */
export async function countCatalog(tx: DbOrTx, regionCode: string): Promise<CatalogCounts> {
  const active = and(eq(items.regionCode, regionCode), eq(items.status, 'active'));
  const [itemCounts] = await tx
    .select({
      departments: sql<number>`count(distinct ${items.originDepartmentId}) filter (where ${items.scope} = 'bureau')::int`,
      licensingItems: sql<number>`count(*) filter (where ${items.scope} = 'bureau' and ${items.type} = '行政许可')::int`,
      confirmationItems: sql<number>`count(*) filter (where ${items.scope} = 'bureau' and ${items.type} = '行政确认')::int`,
      serviceItems: sql<number>`count(*) filter (where ${items.scope} = 'center')::int`,
    })
    .from(items)
    .where(active);
  const [unitCounts] = await tx
    .select({
      sections: sql<number>`count(*) filter (where ${orgUnits.kind} = 'section')::int`,
      centerUnits: sql<number>`count(*) filter (where ${orgUnits.kind} = 'center_unit')::int`,
    })
    .from(orgUnits)
    .where(and(eq(orgUnits.regionCode, regionCode), eq(orgUnits.active, true)));
  const [zoneCount] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(zones)
    .where(and(eq(zones.regionCode, regionCode), eq(zones.kind, 'hall'), isNull(zones.parentId)));
  const [townshipCount] = await tx.select({ n: sql<number>`count(*)::int` }).from(townships).where(eq(townships.regionCode, regionCode));
  return {
    departments: Number(itemCounts?.departments ?? 0),
    licensingItems: Number(itemCounts?.licensingItems ?? 0),
    confirmationItems: Number(itemCounts?.confirmationItems ?? 0),
    sections: Number(unitCounts?.sections ?? 0),
    centerUnits: Number(unitCounts?.centerUnits ?? 0),
    serviceItems: Number(itemCounts?.serviceItems ?? 0),
    zones: Number(zoneCount?.n ?? 0),
    townships: Number(townshipCount?.n ?? 0),
  };
}

/** Item counts per department, unit, zone, life event and type, for the guide's filters. */
export async function facetCounts(tx: DbOrTx, regionCode: string) {
  const active = and(eq(items.regionCode, regionCode), eq(items.status, 'active'));
  const byDepartment = await tx
    .select({ id: items.originDepartmentId, n: sql<number>`count(*)::int` })
    .from(items)
    .where(active)
    .groupBy(items.originDepartmentId);
  const byUnit = await tx.select({ id: items.executingUnitId, n: sql<number>`count(*)::int` }).from(items).where(active).groupBy(items.executingUnitId);
  const byZone = await tx.select({ id: items.zoneId, n: sql<number>`count(*)::int` }).from(items).where(active).groupBy(items.zoneId);
  const byType = await tx.select({ type: items.type, n: sql<number>`count(*)::int` }).from(items).where(active).groupBy(items.type);
  const byLifeEvent = await tx
    .select({ code: sql<string>`unnest(${items.lifeEvents})`.as('code'), n: sql<number>`count(*)::int` })
    .from(items)
    .where(active)
    .groupBy(sql`1`);
  return { byDepartment, byUnit, byZone, byType, byLifeEvent };
}

export async function listAllItems(tx: DbOrTx, regionCode: string): Promise<ItemRow[]> {
  return tx.select().from(items).where(eq(items.regionCode, regionCode)).orderBy(asc(items.code));
}

export async function listBundles(tx: DbOrTx, regionCode: string) {
  return tx.select().from(itemBundles).where(and(eq(itemBundles.regionCode, regionCode), eq(itemBundles.active, true))).orderBy(asc(itemBundles.sort));
}

export async function findItemsByCodes(tx: DbOrTx, regionCode: string, codes: string[]): Promise<ItemRow[]> {
  if (codes.length === 0) return [];
  return tx.select().from(items).where(and(eq(items.regionCode, regionCode), inArray(items.code, codes)));
}
