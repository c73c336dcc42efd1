/**
 * Small reads from other modules' tables that the case service needs (names, scopes, the item's materials,
 * process definitions, the calendar), with the caches that keep them off the hot path of intake and transitions.
 * Every cache here stays right when several processes share one database: it holds rows that never change
 * (definition versions), or is keyed by a version the caller has just read, or lives for one transaction.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { BatchedRead } from '../../platform/db/batched-read';
import { memoInTransaction, queryPrepared, queryRows, rowFromJson, type Db, type DbOrTx } from '../../platform/db/client';
import { getWorkingCalendar, workingCalendarAtRevision, type WorkingCalendar } from '../calendar';
import { items, type ItemRow } from '../catalog';
import { itemBundles, itemMaterials } from '../catalog/catalog.tables';
import { accounts } from '../identity/identity.tables';
import { orgUnits, townships, windows } from '../org/org.tables';
import { findDefinitionById, processKeyOf, type DefinitionRow } from '../processes';
import { processDefinitions } from '../processes/processes.tables';
import type { TaskSpec } from './cases.engine';

export async function listItemMaterials(tx: DbOrTx, itemId: string) {
  return tx.select().from(itemMaterials).where(eq(itemMaterials.itemId, itemId)).orderBy(asc(itemMaterials.sort));
}

type ItemMaterialRow = Awaited<ReturnType<typeof listItemMaterials>>[number];

/** An item's materials by item id, labelled with the item version (and its time) they were read at. */
const materialsCache = new Map<string, { label: string; rows: ItemMaterialRow[] }>();

/**
 * The materials of an item at the version the caller just read. The catalogue bumps the item's version (and
 * updated_at) in the transaction of every change to its materials, so a cached list labelled with that version is
 * that version's list; any other version is read again, together with the version it belongs to, in one statement.
 */
export async function itemMaterialsAt(tx: DbOrTx, item: { id: string; version: number; updatedAt: Date }): Promise<ItemMaterialRow[]> {
  const wanted = `${item.version}@${item.updatedAt.getTime()}`;
  const cached = materialsCache.get(item.id);
  if (cached?.label === wanted) return cached.rows;
  const rows = await tx
    .select({ material: itemMaterials, label: sql<string>`(select i.version || '@' || floor(extract(epoch from i.updated_at) * 1000)::bigint from items i where i.id = item_materials.item_id)` })
    .from(itemMaterials)
    .where(eq(itemMaterials.itemId, item.id))
    .orderBy(asc(itemMaterials.sort));
  const list = rows.map((r) => r.material);
  // Labelled with the version this statement saw, which a concurrent change may have made newer than the caller's.
  if (materialsCache.size > 5000) materialsCache.clear();
  materialsCache.set(item.id, { label: rows[0]?.label ?? wanted, rows: list });
  return list;
}

/** Definition versions by id. A version is never changed once saved (an edit is a new row), so this never goes stale. */
const definitionCache = new Map<string, DefinitionRow>();

export async function definitionById(tx: DbOrTx, id: string): Promise<DefinitionRow | undefined> {
  const cached = definitionCache.get(id);
  if (cached) return cached;
  const row = await findDefinitionById(tx, id);
  if (row) {
    if (definitionCache.size > 5000) definitionCache.clear();
    definitionCache.set(id, row);
  }
  return row;
}

/** The newest version of the item's definition: its id is read every time, its body comes from the cache. */
export async function currentDefinitionOf(tx: DbOrTx, regionCode: string, item: { code: string; processKey: string | null }): Promise<DefinitionRow | undefined> {
  const [current] = await tx
    .select({ id: processDefinitions.id })
    .from(processDefinitions)
    .where(and(eq(processDefinitions.regionCode, regionCode), eq(processDefinitions.key, processKeyOf(item))))
    .orderBy(desc(processDefinitions.version))
    .limit(1);
  return current ? definitionById(tx, current.id) : undefined;
}

/** The region's working calendar, checked against its revision once per transaction rather than at every step. */
export function workingCalendar(tx: DbOrTx, regionCode: string): Promise<WorkingCalendar> {
  return memoInTransaction(tx, `calendar:${regionCode}`, () => getWorkingCalendar(tx, regionCode));
}

interface IntakeLookupKey {
  regionCode: string;
  itemId: string;
  subjectKind: string;
  idNumber: string;
}

type IntakeLookupRow = {
  item: Record<string, unknown> | null;
  definition_id: string | null;
  account_id: string | null;
  calendar_revision: string | null;
};

/** The four things an intake reads, for the key given as SQL (parameters for one key, a row of the batch's list). */
function lookupColumns(k: { itemId: SQL; regionCode: SQL; subjectKind: SQL; idNumber: SQL }): SQL {
  return sql`(select to_jsonb(i) from items i where i.id = ${k.itemId}) as item,
    (select d.id from process_definitions d join items i on i.id = ${k.itemId}
      where d.region_code = ${k.regionCode} and d.key = coalesce(i.process_key, 'item:' || i.code)
      order by d.version desc limit 1) as definition_id,
    (select a.id from accounts a where a.kind = 'applicant' and a.subject_kind = ${k.subjectKind} and a.id_number = ${k.idNumber}) as account_id,
    (select r.revision from calendar_revisions r where r.region_code = ${k.regionCode}) as calendar_revision`;
}

/** The window intakes of the moment read together (BatchedRead), one reader per database. */
const intakeReaders = new WeakMap<Db, BatchedRead<IntakeLookupKey, IntakeLookupRow>>();

function intakeReader(db: Db): BatchedRead<IntakeLookupKey, IntakeLookupRow> {
  let reader = intakeReaders.get(db);
  if (!reader) {
    // A lookup alone takes plain parameters, cheaper than the batch's jsonb list.
    const one = async (k: IntakeLookupKey) => {
      const param = (v: string) => sql`${v}`;
      const [row] = await queryPrepared<IntakeLookupRow>(
        db,
        sql`select ${lookupColumns({ itemId: param(k.itemId), regionCode: param(k.regionCode), subjectKind: param(k.subjectKind), idNumber: param(k.idNumber) })}`,
      );
      return row!;
    };
    reader = new BatchedRead<IntakeLookupKey, IntakeLookupRow>(async (keys) => {
      const list = keys.map((k, ord) => ({ ord, item_id: k.itemId, region_code: k.regionCode, subject_kind: k.subjectKind, id_number: k.idNumber }));
      const rows = await queryPrepared<IntakeLookupRow & { ord: number }>(
        db,
        sql`select k.ord, ${lookupColumns({ itemId: sql`k.item_id`, regionCode: sql`k.region_code`, subjectKind: sql`k.subject_kind`, idNumber: sql`k.id_number` })}
        from jsonb_to_recordset(${JSON.stringify(list)}::jsonb) as k(ord integer, item_id uuid, region_code text, subject_kind text, id_number text)`,
      );
      const byOrd = new Map(rows.map((r) => [Number(r.ord), r]));
      return keys.map((_, ord) => byOrd.get(ord)!);
    }, one);
    intakeReaders.set(db, reader);
  }
  return reader;
}

/** Statements the intake lookups of this database went in, and lookups in them (tests, the benchmark). */
export function intakeLookupStats(db: Db): { batches: number; keys: number } {
  return intakeReader(db).stats;
}

/**
 * What a window intake reads before it can check and plan the case, in one statement instead of four, shared with
 * the other intakes of the moment: the item, the id of the newest version of its process definition (the key as
 * processKeyOf gives it), the applicant's account and the region's calendar revision. The calendar at that
 * revision becomes the one workingCalendar gives for the rest of the request (`scope`).
 */
export async function intakeLookups(
  db: Db,
  scope: DbOrTx,
  regionCode: string,
  input: { itemId: string; subjectKind: string; idNumber: string },
): Promise<{ item: ItemRow | undefined; definition: DefinitionRow | undefined; accountId: string | null }> {
  const row = await intakeReader(db).get({ regionCode, ...input });
  await memoInTransaction(scope, `calendar:${regionCode}`, () => workingCalendarAtRevision(scope, regionCode, row.calendar_revision));
  return {
    item: row.item ? rowFromJson(items, row.item) : undefined,
    definition: row.definition_id ? await definitionById(scope, row.definition_id) : undefined,
    accountId: row.account_id,
  };
}

/** Display names of accounts, units, a window and a township, in one statement. */
export interface Names {
  accounts: Map<string, string>;
  units: Map<string, string>;
  window: string | null;
  township: string | null;
}

export async function lookupNames(
  tx: DbOrTx,
  wanted: { accountIds?: (string | null)[]; unitIds?: (string | null)[]; windowId?: string | null; townshipCode?: string | null },
): Promise<Names> {
  const ids = (list: (string | null)[] | undefined) => [...new Set((list ?? []).filter((i): i is string => !!i))];
  const accountIds = ids(wanted.accountIds);
  const unitIds = ids(wanted.unitIds);
  const parts: SQL[] = [];
  if (accountIds.length) parts.push(sql`select 'a' as kind, id::text as id, display_name as name from accounts where ${inArray(accounts.id, accountIds)}`);
  if (unitIds.length) parts.push(sql`select 'u', id::text, name from org_units where ${inArray(orgUnits.id, unitIds)}`);
  if (wanted.windowId) parts.push(sql`select 'w', id::text, code || ' ' || name from windows where ${eq(windows.id, wanted.windowId)}`);
  if (wanted.townshipCode) parts.push(sql`select 't', code, name from townships where ${eq(townships.code, wanted.townshipCode)}`);
  const names: Names = { accounts: new Map(), units: new Map(), window: null, township: null };
  if (!parts.length) return names;
  const rows = await queryRows<{ kind: string; id: string; name: string }>(tx, sql.join(parts, sql` union all `));
  for (const r of rows) {
    if (r.kind === 'a') names.accounts.set(r.id, r.name);
    else if (r.kind === 'u') names.units.set(r.id, r.name);
    else if (r.kind === 'w') names.window = r.name;
    else names.township = r.name;
  }
  return names;
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
 * roles (reviewer, chief); county-wide roles (leader, issuer, clerk) get none. A unit code is resolved by the
 * task insert itself (repo.taskInsert), falling back to the executing unit, which saves a round trip.
 */
export function unitsOf(specs: TaskSpec[], executingUnitId: string): { unitId: string | null; unitCode: string | null }[] {
  return specs.map((s) => {
    if (s.unitCode) return { unitId: executingUnitId, unitCode: s.unitCode };
    return { unitId: s.role === 'reviewer' || s.role === 'chief' ? executingUnitId : null, unitCode: null };
  });
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

export async function findBundleDefinition(tx: DbOrTx, regionCode: string, code: string) {
  const [row] = await tx.select().from(itemBundles).where(and(eq(itemBundles.regionCode, regionCode), eq(itemBundles.code, code)));
  return row;
}
