import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client';
import { sealKeys, sealUses } from './seal.tables';

/** The only code touching the seal tables. */

export type SealKeyRow = typeof sealKeys.$inferSelect;
export type SealUseRow = typeof sealUses.$inferSelect;

export async function findActiveSealKey(db: DbOrTx, regionCode: string, options: { forUpdate?: boolean } = {}): Promise<SealKeyRow | undefined> {
  const query = db
    .select()
    .from(sealKeys)
    .where(and(eq(sealKeys.regionCode, regionCode), eq(sealKeys.status, 'active')));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findSealKeyById(db: DbOrTx, id: string): Promise<SealKeyRow | undefined> {
  const [row] = await db.select().from(sealKeys).where(eq(sealKeys.id, id));
  return row;
}

/** Every key the region has had, newest first (the history the verification page may show). */
export function listSealKeys(db: DbOrTx, regionCode: string): Promise<SealKeyRow[]> {
  return db.select().from(sealKeys).where(eq(sealKeys.regionCode, regionCode)).orderBy(desc(sealKeys.createdAt));
}

export async function retireSealKey(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.update(sealKeys).set({ status: 'retired', retiredAt: at }).where(and(eq(sealKeys.id, id), eq(sealKeys.status, 'active')));
}

/** Inserts a key; undefined when the region already has an active one (the partial unique index). */
export async function insertSealKey(tx: Tx, values: typeof sealKeys.$inferInsert): Promise<SealKeyRow | undefined> {
  const [row] = await tx.insert(sealKeys).values(values).returning();
  return row;
}

export async function insertSealUse(tx: Tx, values: typeof sealUses.$inferInsert): Promise<SealUseRow> {
  const [row] = await tx.insert(sealUses).values(values).returning();
  return row!;
}

/** Uses of the seal on a document, oldest first. */
export function findSealUsesOfDocument(db: DbOrTx, regionCode: string, documentKind: string, documentReference: string): Promise<SealUseRow[]> {
  return db
    .select()
    .from(sealUses)
    .where(and(eq(sealUses.regionCode, regionCode), eq(sealUses.documentKind, documentKind), eq(sealUses.documentReference, documentReference)))
    .orderBy(asc(sealUses.at));
}

/** The use that produced a signed PDF, found by the file's SHA-256 (verification of a presented file). */
export async function findSealUseByPdf(db: DbOrTx, pdfSha256: string): Promise<SealUseRow | undefined> {
  const [row] = await db.select().from(sealUses).where(eq(sealUses.pdfSha256, pdfSha256)).orderBy(asc(sealUses.at)).limit(1);
  return row;
}
