import { and, asc, count, eq, ilike, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { BatchedRead } from '../../platform/db/batched-read';
import { queryPrepared, rowFromJson, type Db, type DbOrTx } from '../../platform/db/client';
import { orgUnits, townships, windows } from '../org/org.tables';
import { accounts, sessions } from './identity.tables';

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccountRow = typeof accounts.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;

export async function findAccountByUsername(tx: DbOrTx, username: string): Promise<AccountRow | undefined> {
  const [row] = await tx
    .select()
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${username})`)
    .limit(1);
  return row;
}

export async function findAccountById(tx: DbOrTx, id: string): Promise<AccountRow | undefined> {
  const [row] = await tx.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  return row;
}

export async function findAccountBySubject(tx: DbOrTx, subjectKind: string, idNumber: string): Promise<AccountRow | undefined> {
  const [row] = await tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.kind, 'applicant'), eq(accounts.subjectKind, subjectKind), eq(accounts.idNumber, idNumber)))
    .limit(1);
  return row;
}

/** Locks the account row for the rest of the transaction (login counters, optimistic updates). */
export async function lockAccount(tx: DbOrTx, id: string): Promise<AccountRow | undefined> {
  const [row] = await tx.select().from(accounts).where(eq(accounts.id, id)).for('update');
  return row;
}

export async function insertAccount(tx: DbOrTx, values: NewAccountRow): Promise<AccountRow> {
  const [row] = await tx.insert(accounts).values(values).returning();
  return row!;
}

/**
 * Updates an account when its version still matches; returns undefined when someone else changed it first
 * (optimistic concurrency).
 */
export async function updateAccount(
  tx: DbOrTx,
  id: string,
  expectedVersion: number | null,
  values: Partial<NewAccountRow>,
): Promise<AccountRow | undefined> {
  const where = expectedVersion === null ? eq(accounts.id, id) : and(eq(accounts.id, id), eq(accounts.version, expectedVersion));
  const [row] = await tx
    .update(accounts)
    .set({ ...values, version: sql`${accounts.version} + 1`, updatedAt: sql`now()` })
    .where(where)
    .returning();
  return row;
}

export interface AccountListFilter {
  regionCode: string;
  q?: string;
  role?: string;
  kind?: 'staff' | 'applicant';
  status?: 'active' | 'disabled';
  limit: number;
  offset: number;
}

export async function listAccounts(tx: DbOrTx, filter: AccountListFilter): Promise<{ rows: AccountRow[]; total: number }> {
  const conditions: SQL[] = [eq(accounts.regionCode, filter.regionCode)];
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(accounts.username, like), ilike(accounts.displayName, like))!);
  }
  if (filter.role) conditions.push(sql`${filter.role} = any(${accounts.roles})`);
  if (filter.kind) conditions.push(eq(accounts.kind, filter.kind));
  if (filter.status) conditions.push(eq(accounts.status, filter.status));
  const where = and(...conditions);
  const rows = await tx
    .select()
    .from(accounts)
    .where(where)
    .orderBy(asc(accounts.kind), asc(accounts.username))
    .limit(filter.limit)
    .offset(filter.offset);
  const [total] = await tx.select({ n: count() }).from(accounts).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Active administrators other than `exceptId`: the last one may not be disabled or demoted. */
export async function countOtherActiveAdmins(tx: DbOrTx, regionCode: string, exceptId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(accounts)
    .where(
      and(
        eq(accounts.regionCode, regionCode),
        eq(accounts.status, 'active'),
        ne(accounts.id, exceptId),
        sql`'admin' = any(${accounts.roles})`,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function findDemoAccountsWithDemoPassword(tx: DbOrTx): Promise<{ username: string }[]> {
  return tx
    .select({ username: accounts.username })
    .from(accounts)
    .where(and(eq(accounts.isDemo, true), eq(accounts.status, 'active'), sql`${accounts.passwordChangedAt} is null`))
    .orderBy(asc(accounts.username));
}

export async function insertSession(tx: DbOrTx, values: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(values);
}

type SessionWithAccount = { session: SessionRow; account: AccountRow };

function sessionQuery(db: DbOrTx) {
  return db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1);
}

/**
 * The session lookup runs on every signed-in request: the lookups of the moment go as one prepared statement
 * (BatchedRead), each request still reading only what committed before it arrived; a lookup alone takes the
 * plain prepared select, cheaper than the batch's jsonb form.
 */
const sessionReaders = new WeakMap<Db, BatchedRead<string, SessionWithAccount | undefined>>();

export function findSessionWithAccount(db: Db, id: string): Promise<SessionWithAccount | undefined> {
  let reader = sessionReaders.get(db);
  if (!reader) {
    const single = sessionQuery(db).prepare('ow_session_with_account');
    reader = new BatchedRead(async (ids) => {
      const rows = await queryPrepared<{ id: string; session: Record<string, unknown>; account: Record<string, unknown> }>(
        db,
        sql`select s.id, to_jsonb(s) as session, to_jsonb(a) as account from ${sessions} s join ${accounts} a on a.id = s.account_id
          where s.id in (select value from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((key) => {
        const row = byId.get(key);
        return row && { session: rowFromJson(sessions, row.session), account: rowFromJson(accounts, row.account) };
      });
    }, async (id) => (await single.execute({ id }))[0]);
    sessionReaders.set(db, reader);
  }
  return reader.get(id);
}

export async function touchSession(tx: DbOrTx, id: string, at: Date): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfAccount(tx: DbOrTx, accountId: string, exceptSessionId?: string | null): Promise<void> {
  const where = exceptSessionId
    ? and(eq(sessions.accountId, accountId), ne(sessions.id, exceptSessionId))
    : eq(sessions.accountId, accountId);
  await tx.delete(sessions).where(where);
}

/** Removes sessions past their absolute end or idle for longer than the idle limit. */
export async function deleteExpiredSessions(tx: DbOrTx, now: Date, idleSince: Date): Promise<number> {
  const removed = await tx
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleSince)))
    .returning({ id: sessions.id });
  return removed.length;
}

/** Checks the org references an account may carry; returns the kinds found so the service can check roles. */
export async function findScopeTargets(
  tx: DbOrTx,
  refs: { orgUnitId?: string | null; townshipCode?: string | null; windowId?: string | null },
): Promise<{ orgUnit?: { id: string; kind: string; regionCode: string; name: string }; township?: { code: string; regionCode: string; name: string }; window?: { id: string; regionCode: string; name: string } }> {
  const out: Awaited<ReturnType<typeof findScopeTargets>> = {};
  if (refs.orgUnitId) {
    const [u] = await tx
      .select({ id: orgUnits.id, kind: orgUnits.kind, regionCode: orgUnits.regionCode, name: orgUnits.name })
      .from(orgUnits)
      .where(eq(orgUnits.id, refs.orgUnitId));
    if (u) out.orgUnit = u;
  }
  if (refs.townshipCode) {
    const [t] = await tx
      .select({ code: townships.code, regionCode: townships.regionCode, name: townships.name })
      .from(townships)
      .where(eq(townships.code, refs.townshipCode));
    if (t) out.township = t;
  }
  if (refs.windowId) {
    const [w] = await tx
      .select({ id: windows.id, regionCode: windows.regionCode, name: windows.name })
      .from(windows)
      .where(eq(windows.id, refs.windowId));
    if (w) out.window = w;
  }
  return out;
}

/** Names of the org units, townships and windows that a page of accounts points at. */
export async function scopeNames(
  tx: DbOrTx,
  rows: AccountRow[],
): Promise<{ units: Map<string, string>; townships: Map<string, string>; windows: Map<string, string> }> {
  const unitIds = [...new Set(rows.map((r) => r.orgUnitId).filter((v): v is string => !!v))];
  const townshipCodes = [...new Set(rows.map((r) => r.townshipCode).filter((v): v is string => !!v))];
  const windowIds = [...new Set(rows.map((r) => r.windowId).filter((v): v is string => !!v))];
  const units = unitIds.length
    ? await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, unitIds))
    : [];
  const ts = townshipCodes.length
    ? await tx.select({ code: townships.code, name: townships.name }).from(townships).where(inArray(townships.code, townshipCodes))
    : [];
  const ws = windowIds.length
    ? await tx.select({ id: windows.id, name: windows.name }).from(windows).where(inArray(windows.id, windowIds))
    : [];
  return {
    units: new Map(units.map((u) => [u.id, u.name])),
    townships: new Map(ts.map((t) => [t.code, t.name])),
    windows: new Map(ws.map((w) => [w.id, w.name])),
  };
}

/** Active demo accounts of a region with their first role, for the demo sign-in page. */
export async function listActiveDemoAccounts(tx: DbOrTx, regionCode: string): Promise<{ username: string; roles: string[] }[]> {
  return tx
    .select({ username: accounts.username, roles: accounts.roles })
    .from(accounts)
    .where(and(eq(accounts.regionCode, regionCode), eq(accounts.isDemo, true), eq(accounts.status, 'active')))
    .orderBy(asc(accounts.createdAt), asc(accounts.username));
}
