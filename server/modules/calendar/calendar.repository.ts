import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client';
import { calendarOverrides, calendarRevisions, calendarYears } from './calendar.tables';

export type OverrideRow = typeof calendarOverrides.$inferSelect;
export type NewOverrideRow = typeof calendarOverrides.$inferInsert;
export type YearRow = typeof calendarYears.$inferSelect;

/** The region's calendar revision, or null when its calendar has never been changed. */
export async function findRevision(tx: DbOrTx, regionCode: string): Promise<string | null> {
  const [row] = await tx.select({ revision: calendarRevisions.revision }).from(calendarRevisions).where(eq(calendarRevisions.regionCode, regionCode));
  return row?.revision ?? null;
}

/**
 * Gives the region's calendar a new revision. Called first in every calendar change: the row stays locked
 * until the transaction ends, so changes to one region's calendar take turns.
 */
export async function bumpRevision(tx: Tx, regionCode: string, at: Date): Promise<void> {
  await tx
    .insert(calendarRevisions)
    .values({ regionCode, revision: randomUUID(), changedAt: at })
    .onConflictDoUpdate({ target: calendarRevisions.regionCode, set: { revision: sql`excluded.revision`, changedAt: sql`excluded.changed_at` } });
}

function yearBounds(year: number) {
  return { from: `${String(year).padStart(4, '0')}-01-01`, to: `${String(year).padStart(4, '0')}-12-31` };
}

export async function listOverrides(tx: DbOrTx, regionCode: string, year?: number): Promise<OverrideRow[]> {
  const where = [eq(calendarOverrides.regionCode, regionCode)];
  if (year !== undefined) {
    const { from, to } = yearBounds(year);
    where.push(gte(calendarOverrides.date, from), lte(calendarOverrides.date, to));
  }
  return tx
    .select()
    .from(calendarOverrides)
    .where(and(...where))
    .orderBy(asc(calendarOverrides.date));
}

/** What building the calendar needs of the overrides. */
export async function listOverrideEntries(tx: DbOrTx, regionCode: string): Promise<{ date: string; kind: 'workday' | 'holiday'; name: string }[]> {
  const rows = await tx
    .select({ date: calendarOverrides.date, kind: calendarOverrides.kind, name: calendarOverrides.name })
    .from(calendarOverrides)
    .where(eq(calendarOverrides.regionCode, regionCode));
  return rows.map((r) => ({ date: r.date, kind: r.kind as 'workday' | 'holiday', name: r.name }));
}

export async function findOverride(tx: DbOrTx, regionCode: string, date: string): Promise<OverrideRow | undefined> {
  const [row] = await tx
    .select()
    .from(calendarOverrides)
    .where(and(eq(calendarOverrides.regionCode, regionCode), eq(calendarOverrides.date, date)));
  return row;
}

/** Inserts the overrides, or changes those dates in place (keeping who created them and, by default, their origin). */
export async function upsertOverrides(tx: Tx, values: NewOverrideRow[], options: { replaceOrigin: boolean }): Promise<OverrideRow[]> {
  if (values.length === 0) return [];
  return tx
    .insert(calendarOverrides)
    .values(values)
    .onConflictDoUpdate({
      target: [calendarOverrides.regionCode, calendarOverrides.date],
      set: {
        kind: sql`excluded.kind`,
        name: sql`excluded.name`,
        note: sql`excluded.note`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`excluded.updated_at`,
        ...(options.replaceOrigin ? { origin: sql`excluded.origin` } : {}),
      },
    })
    .returning();
}

export async function deleteOverride(tx: Tx, regionCode: string, date: string): Promise<OverrideRow | undefined> {
  const [row] = await tx
    .delete(calendarOverrides)
    .where(and(eq(calendarOverrides.regionCode, regionCode), eq(calendarOverrides.date, date)))
    .returning();
  return row;
}

/** Removes what a year's declaration wrote; overrides entered one by one stay. */
export async function deleteDeclaredOverrides(tx: Tx, regionCode: string, year: number): Promise<OverrideRow[]> {
  const { from, to } = yearBounds(year);
  return tx
    .delete(calendarOverrides)
    .where(
      and(
        eq(calendarOverrides.regionCode, regionCode),
        eq(calendarOverrides.origin, 'declared'),
        gte(calendarOverrides.date, from),
        lte(calendarOverrides.date, to),
      ),
    )
    .returning();
}

export async function listYears(tx: DbOrTx, regionCode: string): Promise<YearRow[]> {
  return tx.select().from(calendarYears).where(eq(calendarYears.regionCode, regionCode)).orderBy(asc(calendarYears.year));
}

export async function findYear(tx: DbOrTx, regionCode: string, year: number): Promise<YearRow | undefined> {
  const [row] = await tx
    .select()
    .from(calendarYears)
    .where(and(eq(calendarYears.regionCode, regionCode), eq(calendarYears.year, year)));
  return row;
}

export async function upsertYear(tx: Tx, values: YearRow): Promise<YearRow> {
  const [row] = await tx
    .insert(calendarYears)
    .values(values)
    .onConflictDoUpdate({
      target: [calendarYears.regionCode, calendarYears.year],
      set: { sourceNote: values.sourceNote, declaredBy: values.declaredBy, declaredAt: values.declaredAt },
    })
    .returning();
  return row!;
}

export async function deleteYear(tx: Tx, regionCode: string, year: number): Promise<YearRow | undefined> {
  const [row] = await tx
    .delete(calendarYears)
    .where(and(eq(calendarYears.regionCode, regionCode), eq(calendarYears.year, year)))
    .returning();
  return row;
}
