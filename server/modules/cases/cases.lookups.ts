/** Small reads from other modules' tables that the case service needs (names, scopes, the item's materials). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { itemBundles, itemMaterials } from '../catalog/catalog.tables';
import { accounts } from '../identity/identity.tables';
import { orgUnits, townships, windows } from '../org/org.tables';
import type { TaskSpec } from './cases.engine';

export async function listItemMaterials(tx: DbOrTx, itemId: string) {
  return tx.select().from(itemMaterials).where(eq(itemMaterials.itemId, itemId)).orderBy(asc(itemMaterials.sort));
}

/** The applicant account holding this ID number or credit code, so the case shows in "my cases". */
export async function findSubjectAccount(tx: DbOrTx, subjectKind: string, idNumber: string) {
  const [row] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.kind, 'applicant'), eq(accounts.subjectKind, subjectKind), eq(accounts.idNumber, idNumber)));
  return row;
}

export async function findSubjectAccountById(tx: DbOrTx, id: string) {
  const [row] = await tx
    .select({ id: accounts.id, kind: accounts.kind, subjectKind: accounts.subjectKind, idNumber: accounts.idNumber, displayName: accounts.displayName, phone: accounts.phone })
    .from(accounts)
    .where(eq(accounts.id, id));
  return row;
}

/**
 * The unit each new task belongs to: the stage's unit code, else the case's executing unit for unit-bound
 * roles (reviewer, chief); county-wide roles (leader, issuer, clerk) get none.
 */
export async function resolveUnitIds(tx: DbOrTx, regionCode: string, specs: TaskSpec[], executingUnitId: string): Promise<(string | null)[]> {
  const codes = [...new Set(specs.map((s) => s.unitCode).filter((c): c is string => !!c))];
  const units = codes.length
    ? await tx.select({ id: orgUnits.id, code: orgUnits.code }).from(orgUnits).where(and(eq(orgUnits.regionCode, regionCode), inArray(orgUnits.code, codes)))
    : [];
  const byCode = new Map(units.map((u) => [u.code, u.id]));
  return specs.map((s) => {
    if (s.unitCode) return byCode.get(s.unitCode) ?? executingUnitId;
    return s.role === 'reviewer' || s.role === 'chief' ? executingUnitId : null;
  });
}

export async function unitNames(tx: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (!wanted.length) return new Map();
  const rows = await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function accountNames(tx: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (!wanted.length) return new Map();
  const rows = await tx.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(inArray(accounts.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function windowName(tx: DbOrTx, id: string): Promise<string> {
  const [row] = await tx.select({ name: windows.name, code: windows.code }).from(windows).where(eq(windows.id, id));
  return row ? `${row.code} ${row.name}` : '';
}

export async function townshipName(tx: DbOrTx, code: string): Promise<string> {
  const [row] = await tx.select({ name: townships.name }).from(townships).where(eq(townships.code, code));
  return row?.name ?? code;
}

export async function findBundleDefinition(tx: DbOrTx, regionCode: string, code: string) {
  const [row] = await tx.select().from(itemBundles).where(and(eq(itemBundles.regionCode, regionCode), eq(itemBundles.code, code)));
  return row;
}
