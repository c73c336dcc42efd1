import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { accounts } from '../identity/identity.tables';

export async function findAccountSubject(tx: DbOrTx, accountId: string) {
  const [row] = await tx.select({ idNumber: accounts.idNumber, subjectKind: accounts.subjectKind }).from(accounts).where(eq(accounts.id, accountId));
  return row;
}
