import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { storedFiles } from './files.tables';

export async function recordStoredFile(tx: DbOrTx, file: { sha256: string; size: number; mime: string }): Promise<void> {
  await tx.insert(storedFiles).values(file).onConflictDoNothing();
}

export async function findStoredFile(tx: DbOrTx, sha256: string) {
  const [row] = await tx.select().from(storedFiles).where(eq(storedFiles.sha256, sha256));
  return row;
}
