import { and, count, desc, eq, gte, like, lte, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { auditEvents } from '../../platform/audit/audit.tables';

export interface AuditFilter {
  regionCode: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

export async function listAuditEvents(tx: DbOrTx, f: AuditFilter, page: { limit: number; offset: number }) {
  const c: SQL[] = [eq(auditEvents.regionCode, f.regionCode)];
  if (f.action) c.push(f.action.endsWith('.') ? like(auditEvents.action, `${f.action.replace(/[\\%_]/g, (x) => `\\${x}`)}%`) : eq(auditEvents.action, f.action));
  if (f.subjectType) c.push(eq(auditEvents.subjectType, f.subjectType));
  if (f.subjectId) c.push(eq(auditEvents.subjectId, f.subjectId));
  if (f.actorId) c.push(eq(auditEvents.actorId, f.actorId));
  if (f.from) c.push(gte(auditEvents.at, f.from));
  if (f.to) c.push(lte(auditEvents.at, f.to));
  const where = and(...c);
  const rows = await tx.select().from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(page.limit).offset(page.offset);
  const [total] = await tx.select({ n: count() }).from(auditEvents).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}
