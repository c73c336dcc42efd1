import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { processDefinitions } from './processes.tables';

export type DefinitionRow = typeof processDefinitions.$inferSelect;

/** The newest version of a definition. */
export async function findCurrentDefinition(tx: DbOrTx, regionCode: string, key: string): Promise<DefinitionRow | undefined> {
  const [row] = await tx
    .select()
    .from(processDefinitions)
    .where(and(eq(processDefinitions.regionCode, regionCode), eq(processDefinitions.key, key)))
    .orderBy(desc(processDefinitions.version))
    .limit(1);
  return row;
}

export async function findDefinitionById(tx: DbOrTx, id: string): Promise<DefinitionRow | undefined> {
  const [row] = await tx.select().from(processDefinitions).where(eq(processDefinitions.id, id));
  return row;
}

export async function findDefinitionVersion(tx: DbOrTx, regionCode: string, key: string, version: number): Promise<DefinitionRow | undefined> {
  const [row] = await tx
    .select()
    .from(processDefinitions)
    .where(and(eq(processDefinitions.regionCode, regionCode), eq(processDefinitions.key, key), eq(processDefinitions.version, version)));
  return row;
}

export async function listVersions(tx: DbOrTx, regionCode: string, key: string) {
  return tx
    .select({
      id: processDefinitions.id,
      version: processDefinitions.version,
      name: processDefinitions.name,
      note: processDefinitions.note,
      createdBy: processDefinitions.createdBy,
      createdAt: processDefinitions.createdAt,
    })
    .from(processDefinitions)
    .where(and(eq(processDefinitions.regionCode, regionCode), eq(processDefinitions.key, key)))
    .orderBy(desc(processDefinitions.version));
}

/** Adds the next version; the unique (key, version) index turns a concurrent save into a conflict. */
export async function insertNextVersion(
  tx: DbOrTx,
  values: Omit<typeof processDefinitions.$inferInsert, 'version' | 'id'>,
): Promise<DefinitionRow> {
  const [row] = await tx
    .insert(processDefinitions)
    .values({
      ...values,
      version: sql`coalesce((select max(version) from process_definitions where region_code = ${values.regionCode} and key = ${values.key}), 0) + 1`,
    })
    .returning();
  return row!;
}

export async function listCurrentKeys(tx: DbOrTx, regionCode: string): Promise<{ key: string; version: number; name: string }[]> {
  return tx
    .select({ key: processDefinitions.key, version: sql<number>`max(${processDefinitions.version})::int`, name: sql<string>`max(${processDefinitions.name})` })
    .from(processDefinitions)
    .where(eq(processDefinitions.regionCode, regionCode))
    .groupBy(processDefinitions.key)
    .orderBy(processDefinitions.key);
}
