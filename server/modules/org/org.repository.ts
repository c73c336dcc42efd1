import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { orgUnits, regions, townships, windows, zones } from './org.tables';

export type UnitRow = typeof orgUnits.$inferSelect;
export type NewUnitRow = typeof orgUnits.$inferInsert;
export type ZoneRow = typeof zones.$inferSelect;
export type TownshipRow = typeof townships.$inferSelect;
export type WindowRow = typeof windows.$inferSelect;

export async function findRegion(tx: DbOrTx, code: string) {
  const [row] = await tx.select().from(regions).where(eq(regions.code, code));
  return row;
}

/** Units with the number of items each executes (or, for departments, was the origin of). */
export async function listUnits(tx: DbOrTx, regionCode: string, kind?: string): Promise<(UnitRow & { itemCount: number })[]> {
  // Table names written out: Drizzle leaves single-table columns unqualified, which a subquery would misread.
  const itemCount = sql<number>`(
    select count(*)::int from items i where i.executing_unit_id = org_units.id or i.origin_department_id = org_units.id
  )`;
  const where = kind ? and(eq(orgUnits.regionCode, regionCode), eq(orgUnits.kind, kind)) : eq(orgUnits.regionCode, regionCode);
  return tx
    .select({ unit: orgUnits, itemCount })
    .from(orgUnits)
    .where(where)
    .orderBy(asc(orgUnits.kind), asc(orgUnits.sort), asc(orgUnits.code))
    .then((rows) => rows.map((r) => ({ ...r.unit, itemCount: Number(r.itemCount) })));
}

export async function findUnit(tx: DbOrTx, id: string): Promise<UnitRow | undefined> {
  const [row] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

export async function findUnitByCode(tx: DbOrTx, regionCode: string, code: string): Promise<UnitRow | undefined> {
  const [row] = await tx.select().from(orgUnits).where(and(eq(orgUnits.regionCode, regionCode), eq(orgUnits.code, code)));
  return row;
}

export async function insertUnit(tx: DbOrTx, values: NewUnitRow): Promise<UnitRow> {
  const [row] = await tx.insert(orgUnits).values(values).returning();
  return row!;
}

/** Whether a partial update names any column; an empty one (a PATCH with no fields) changes nothing. */
function changesSomething(values: object): boolean {
  return Object.values(values).some((v) => v !== undefined);
}

export async function updateUnit(tx: DbOrTx, id: string, values: Partial<NewUnitRow>): Promise<UnitRow | undefined> {
  if (!changesSomething(values)) return findUnit(tx, id);
  const [row] = await tx.update(orgUnits).set(values).where(eq(orgUnits.id, id)).returning();
  return row;
}

export async function listZones(tx: DbOrTx, regionCode: string): Promise<ZoneRow[]> {
  return tx.select().from(zones).where(eq(zones.regionCode, regionCode)).orderBy(asc(zones.kind), asc(zones.sort));
}

export async function findZone(tx: DbOrTx, id: string): Promise<ZoneRow | undefined> {
  const [row] = await tx.select().from(zones).where(eq(zones.id, id));
  return row;
}

export async function listTownships(tx: DbOrTx, regionCode: string): Promise<TownshipRow[]> {
  return tx.select().from(townships).where(eq(townships.regionCode, regionCode)).orderBy(asc(townships.sort), asc(townships.code));
}

export async function findTownship(tx: DbOrTx, code: string): Promise<TownshipRow | undefined> {
  const [row] = await tx.select().from(townships).where(eq(townships.code, code));
  return row;
}

export async function updateTownship(tx: DbOrTx, code: string, values: Partial<typeof townships.$inferInsert>): Promise<TownshipRow | undefined> {
  if (!changesSomething(values)) return findTownship(tx, code);
  const [row] = await tx.update(townships).set(values).where(eq(townships.code, code)).returning();
  return row;
}

export async function listWindows(tx: DbOrTx, regionCode: string): Promise<WindowRow[]> {
  return tx.select().from(windows).where(eq(windows.regionCode, regionCode)).orderBy(asc(windows.sort), asc(windows.code));
}

export async function findWindow(tx: DbOrTx, id: string): Promise<WindowRow | undefined> {
  const [row] = await tx.select().from(windows).where(eq(windows.id, id));
  return row;
}

export async function findWindowByCode(tx: DbOrTx, regionCode: string, code: string): Promise<WindowRow | undefined> {
  const [row] = await tx.select().from(windows).where(and(eq(windows.regionCode, regionCode), eq(windows.code, code)));
  return row;
}

export async function insertWindow(tx: DbOrTx, values: typeof windows.$inferInsert): Promise<WindowRow> {
  const [row] = await tx.insert(windows).values(values).returning();
  return row!;
}

export async function updateWindow(tx: DbOrTx, id: string, values: Partial<typeof windows.$inferInsert>): Promise<WindowRow | undefined> {
  if (!changesSomething(values)) return findWindow(tx, id);
  const [row] = await tx.update(windows).set(values).where(eq(windows.id, id)).returning();
  return row;
}
