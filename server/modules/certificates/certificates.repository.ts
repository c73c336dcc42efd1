import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { certificateCounters, certificates, certificateTemplates } from './certificates.tables';

export type TemplateRow = typeof certificateTemplates.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;

export async function findTemplateByItem(tx: DbOrTx, itemId: string): Promise<TemplateRow | undefined> {
  const [row] = await tx.select().from(certificateTemplates).where(eq(certificateTemplates.itemId, itemId));
  return row;
}

export async function insertTemplate(tx: DbOrTx, values: typeof certificateTemplates.$inferInsert): Promise<TemplateRow> {
  const [row] = await tx.insert(certificateTemplates).values(values).returning();
  return row!;
}

export async function updateTemplate(tx: DbOrTx, id: string, version: number, values: Partial<typeof certificateTemplates.$inferInsert>): Promise<TemplateRow | undefined> {
  const [row] = await tx
    .update(certificateTemplates)
    .set({ ...values, version: sql`${certificateTemplates.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(certificateTemplates.id, id), eq(certificateTemplates.version, version)))
    .returning();
  return row;
}

/** The next serial of a certificate type in a year; the counter row stays locked until the issue commits. */
export async function nextSerial(tx: DbOrTx, regionCode: string, year: number, typeCode: string): Promise<number> {
  const [row] = await tx
    .insert(certificateCounters)
    .values({ regionCode, year, typeCode, last: 1 })
    .onConflictDoUpdate({
      target: [certificateCounters.regionCode, certificateCounters.year, certificateCounters.typeCode],
      set: { last: sql`${certificateCounters.last} + 1` },
    })
    .returning({ last: certificateCounters.last });
  return row!.last;
}

export async function insertCertificate(tx: DbOrTx, values: typeof certificates.$inferInsert): Promise<CertificateRow> {
  const [row] = await tx.insert(certificates).values(values).returning();
  return row!;
}

/** The newest version of a certificate by number. */
export async function findCurrentByNumber(tx: DbOrTx, number: string): Promise<CertificateRow | undefined> {
  const [row] = await tx.select().from(certificates).where(eq(certificates.number, number)).orderBy(desc(certificates.version)).limit(1);
  return row;
}

export async function lockCurrentByNumber(tx: DbOrTx, number: string): Promise<CertificateRow | undefined> {
  const [row] = await tx.select().from(certificates).where(eq(certificates.number, number)).orderBy(desc(certificates.version)).limit(1).for('update');
  return row;
}

export async function findVersion(tx: DbOrTx, number: string, version: number): Promise<CertificateRow | undefined> {
  const [row] = await tx.select().from(certificates).where(and(eq(certificates.number, number), eq(certificates.version, version)));
  return row;
}

export async function listVersions(tx: DbOrTx, number: string): Promise<CertificateRow[]> {
  return tx.select().from(certificates).where(eq(certificates.number, number)).orderBy(asc(certificates.version));
}

export async function findByPdfSha(tx: DbOrTx, sha256: string): Promise<CertificateRow | undefined> {
  const [row] = await tx.select().from(certificates).where(eq(certificates.pdfSha256, sha256)).limit(1);
  return row;
}

export async function findByCase(tx: DbOrTx, caseId: string): Promise<CertificateRow[]> {
  return tx.select().from(certificates).where(eq(certificates.caseId, caseId)).orderBy(asc(certificates.createdAt));
}

export async function setStatus(tx: DbOrTx, id: string, status: string, reason: string | null, at: Date): Promise<void> {
  await tx.update(certificates).set({ status, statusReason: reason, statusChangedAt: at }).where(eq(certificates.id, id));
}

export interface CertificateFilter {
  regionCode: string;
  q?: string;
  status?: 'valid' | 'revoked' | 'expired' | 'changed';
  itemId?: string;
  holderIdNumber?: string;
  /** Regulators: items from these departments only. */
  originDepartmentId?: string;
  today: string;
}

/** The current version of every certificate matching the filter (older versions appear in the history only). */
export async function listCertificates(tx: DbOrTx, f: CertificateFilter, page: { limit: number; offset: number }) {
  const c: SQL[] = [
    eq(certificates.regionCode, f.regionCode),
    sql`${certificates.version} = (select max(v.version) from certificates v where v.number = ${certificates.number})`,
  ];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    const compact = f.q.toUpperCase().replace(/[-\s]/g, '');
    c.push(or(ilike(certificates.holderName, like), ilike(certificates.title, like), ilike(certificates.number, `%${compact}%`), eq(certificates.holderIdNumber, compact))!);
  }
  if (f.status === 'valid') c.push(eq(certificates.status, 'valid'), sql`(${certificates.validUntil} is null or ${certificates.validUntil} >= ${f.today})`);
  if (f.status === 'expired') c.push(eq(certificates.status, 'valid'), sql`${certificates.validUntil} < ${f.today}`);
  if (f.status === 'revoked' || f.status === 'changed') c.push(eq(certificates.status, f.status));
  if (f.itemId) c.push(eq(certificates.itemId, f.itemId));
  if (f.holderIdNumber) c.push(eq(certificates.holderIdNumber, f.holderIdNumber));
  if (f.originDepartmentId) c.push(sql`${certificates.itemId} in (select i.id from items i where i.origin_department_id = ${f.originDepartmentId})`);
  const where = and(...c);
  const rows = await tx.select().from(certificates).where(where).orderBy(desc(certificates.createdAt)).limit(page.limit).offset(page.offset);
  const [total] = await tx.select({ n: count() }).from(certificates).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function listByHolder(tx: DbOrTx, regionCode: string, holderIdNumber: string): Promise<CertificateRow[]> {
  return tx
    .select()
    .from(certificates)
    .where(
      and(
        eq(certificates.regionCode, regionCode),
        eq(certificates.holderIdNumber, holderIdNumber),
        sql`${certificates.version} = (select max(v.version) from certificates v where v.number = ${certificates.number})`,
      ),
    )
    .orderBy(desc(certificates.createdAt));
}
