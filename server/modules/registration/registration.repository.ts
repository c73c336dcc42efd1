/** Queries of business registration; the only code that touches its tables. Every query takes tx first. */
import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { cases } from '../cases';
import { certificates } from '../certificates';
import { orgUnits, townships } from '../org';
import { creditCodeCounters, enterpriseEvents, enterprises } from './registration.tables';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type NewEnterpriseRow = typeof enterprises.$inferInsert;
export type EnterpriseEventRow = typeof enterpriseEvents.$inferSelect;
export type TownshipRow = typeof townships.$inferSelect;

/** The next credit-code serial of a region; the counter row stays locked until the registration commits. */
export async function nextCreditCodeSerial(tx: DbOrTx, regionCode: string): Promise<number> {
  const [row] = await tx
    .insert(creditCodeCounters)
    .values({ regionCode, last: 1 })
    .onConflictDoUpdate({ target: creditCodeCounters.regionCode, set: { last: sql`${creditCodeCounters.last} + 1` } })
    .returning({ last: creditCodeCounters.last });
  return row!.last;
}

/**
 * Serialises the registrations of one name until the transaction ends, so that two windows cannot both find a
 * name free and both take it.
 */
export async function lockName(tx: DbOrTx, regionCode: string, normalizedName: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`enterprise-name:${regionCode}:${normalizedName}`}))`);
}

export async function insertEnterprise(tx: DbOrTx, values: NewEnterpriseRow): Promise<EnterpriseRow> {
  const [row] = await tx.insert(enterprises).values(values).returning();
  return row!;
}

/** Writes a change and bumps the version (optimistic concurrency: a stale version writes nothing). */
export async function updateEnterprise(tx: DbOrTx, id: string, version: number, values: Partial<NewEnterpriseRow>): Promise<EnterpriseRow | undefined> {
  const [row] = await tx
    .update(enterprises)
    .set({ ...values, version: sql`${enterprises.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(enterprises.id, id), eq(enterprises.version, version)))
    .returning();
  return row;
}

export async function findEnterpriseByUscc(tx: DbOrTx, regionCode: string, uscc: string): Promise<EnterpriseRow | undefined> {
  const [row] = await tx.select().from(enterprises).where(and(eq(enterprises.regionCode, regionCode), eq(enterprises.uscc, uscc)));
  return row;
}

export async function lockEnterpriseByUscc(tx: DbOrTx, regionCode: string, uscc: string): Promise<EnterpriseRow | undefined> {
  const [row] = await tx.select().from(enterprises).where(and(eq(enterprises.regionCode, regionCode), eq(enterprises.uscc, uscc))).for('update');
  return row;
}

export async function findEnterpriseByCase(tx: DbOrTx, caseId: string): Promise<EnterpriseRow | undefined> {
  const [row] = await tx.select().from(enterprises).where(eq(enterprises.caseId, caseId)).for('update');
  return row;
}

export async function findActiveByName(tx: DbOrTx, regionCode: string, normalizedName: string): Promise<EnterpriseRow | undefined> {
  const [row] = await tx
    .select()
    .from(enterprises)
    .where(and(eq(enterprises.regionCode, regionCode), eq(enterprises.nameNormalized, normalizedName), eq(enterprises.status, 'active')));
  return row;
}

/** Active entities whose name contains `fragment` (already normalised), for the similar-name list. */
export async function listSimilarNames(tx: DbOrTx, regionCode: string, fragment: string, limit: number): Promise<{ name: string; uscc: string }[]> {
  const pattern = `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return tx
    .select({ name: enterprises.name, uscc: enterprises.uscc })
    .from(enterprises)
    .where(and(eq(enterprises.regionCode, regionCode), eq(enterprises.status, 'active'), ilike(enterprises.nameNormalized, pattern)))
    .orderBy(asc(enterprises.name))
    .limit(limit);
}

/** Phases in which a registration case holds its name (drafts do not: nobody may squat a name with a draft). */
const HOLDING_PHASES = ['submitted', 'awaiting_materials', 'in_progress', 'suspended'];

/**
 * The names that registration cases still in progress apply for (establishment, or a change of name), with the
 * case number. Few at any time, so they are normalised by the caller.
 */
export async function listNamesInProgress(tx: DbOrTx, regionCode: string, itemCode: string, excludeCaseId?: string): Promise<{ caseId: string; number: string; name: string }[]> {
  const conditions: SQL[] = [
    eq(cases.regionCode, regionCode),
    eq(cases.itemCode, itemCode),
    inArray(cases.phase, HOLDING_PHASES),
    sql`${cases.form}->>'kind' in ('establish', 'change')`,
    sql`coalesce(${cases.form}->>'enterpriseName', '') <> ''`,
  ];
  if (excludeCaseId) conditions.push(ne(cases.id, excludeCaseId));
  return tx
    .select({ caseId: cases.id, number: cases.number, name: sql<string>`${cases.form}->>'enterpriseName'` })
    .from(cases)
    .where(and(...conditions));
}

export async function insertEvent(tx: DbOrTx, values: typeof enterpriseEvents.$inferInsert): Promise<EnterpriseEventRow> {
  const [row] = await tx.insert(enterpriseEvents).values(values).returning();
  return row!;
}

export async function listEvents(tx: DbOrTx, enterpriseId: string): Promise<EnterpriseEventRow[]> {
  return tx.select().from(enterpriseEvents).where(eq(enterpriseEvents.enterpriseId, enterpriseId)).orderBy(asc(enterpriseEvents.createdAt), asc(enterpriseEvents.id));
}

export interface EnterpriseFilter {
  regionCode: string;
  q?: string;
  status?: 'active' | 'cancelled';
  townshipCode?: string;
}

export async function listEnterprises(tx: DbOrTx, filter: EnterpriseFilter, page: { limit: number; offset: number }): Promise<{ rows: EnterpriseRow[]; total: number }> {
  const conditions: SQL[] = [eq(enterprises.regionCode, filter.regionCode)];
  if (filter.status) conditions.push(eq(enterprises.status, filter.status));
  if (filter.townshipCode) conditions.push(eq(enterprises.townshipCode, filter.townshipCode));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(enterprises.name, pattern), ilike(enterprises.uscc, pattern), ilike(enterprises.legalRepName, pattern))!);
  }
  const where = and(...conditions);
  const rows = await tx.select().from(enterprises).where(where).orderBy(desc(enterprises.establishedOn), desc(enterprises.createdAt)).limit(page.limit).offset(page.offset);
  const [total] = await tx.select({ n: count() }).from(enterprises).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function countEnterprises(tx: DbOrTx, regionCode: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(enterprises).where(eq(enterprises.regionCode, regionCode));
  return Number(row?.n ?? 0);
}

export async function listTownships(tx: DbOrTx, regionCode: string): Promise<TownshipRow[]> {
  return tx.select().from(townships).where(eq(townships.regionCode, regionCode)).orderBy(asc(townships.sort), asc(townships.code));
}

/** The newest version of a certificate, read from the registry (it may have been reissued by hand since). */
export async function currentCertificateVersion(tx: DbOrTx, number: string): Promise<{ version: number; status: string } | undefined> {
  const [row] = await tx
    .select({ version: certificates.version, status: certificates.status })
    .from(certificates)
    .where(eq(certificates.number, number))
    .orderBy(desc(certificates.version))
    .limit(1);
  return row;
}

/** Units of the region with these codes (the departments a registration is shared with). */
export async function listUnitsByCodes(tx: DbOrTx, regionCode: string, codes: readonly string[]): Promise<{ id: string; code: string; name: string }[]> {
  if (codes.length === 0) return [];
  return tx
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.regionCode, regionCode), inArray(orgUnits.code, [...codes]), eq(orgUnits.active, true)));
}

/** Records on the history entry of a case which licence version it led to. */
export async function setEventLicenceVersion(tx: DbOrTx, enterpriseId: string, caseId: string, licenceVersion: number): Promise<void> {
  await tx.update(enterpriseEvents).set({ licenceVersion }).where(and(eq(enterpriseEvents.enterpriseId, enterpriseId), eq(enterpriseEvents.caseId, caseId)));
}
