import path from 'node:path';
import fs from 'node:fs';
import { getTableColumns, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTable, PgTransaction } from 'drizzle-orm/pg-core';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';

/** The Drizzle handle, the same type for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
/** Repositories take either: a plain handle for reads, the transaction for writes. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Runs raw SQL outside Drizzle (migrations, maintenance). */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded engine, when kind is 'pglite' (tests copy it). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

// timestamptz and date come back as strings from pg unless told otherwise; make both drivers agree.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);

export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/** The embedded database's own folder inside DATA_DIR (beside the lock file and the stored files). */
export const PGLITE_FOLDER = 'pgdata';

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir ? path.join(dataDir, PGLITE_FOLDER) : undefined);
  await client.waitReady;
  return wrapPglite(client);
}

export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'onewindow' });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    pool,
    exec: async (sqlText) => {
      await pool.query(sqlText);
    },
    close: async () => {
      await pool.end();
    },
  };
}

/** What inTransaction keeps for each open transaction. */
interface TransactionState {
  /** Work that must still happen inside the transaction, after the use case and before COMMIT. */
  beforeCommit: (() => Promise<void>)[];
  /** Read-mostly values loaded once per transaction (see memoInTransaction). */
  memo: Map<string, Promise<unknown>>;
}

const transactions = new WeakMap<object, TransactionState>();

/** Runs `fn` in one transaction; everything it writes, including the audit entry, commits or rolls back together. */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Tx;
    const state: TransactionState = { beforeCommit: [], memo: new Map() };
    transactions.set(tx, state);
    const result = await fn(tx);
    // A hook may register another (an audit entry recorded by an earlier hook, say): run until none is left.
    for (let i = 0; i < state.beforeCommit.length; i++) await state.beforeCommit[i]!();
    return result;
  });
}

/**
 * Registers work to run inside `tx` once the use case is done, just before COMMIT (the audit log appends its
 * entries there, so that the chain head stays locked only for the last moment of the transaction). Returns
 * false when `tx` was not opened by inTransaction: the caller must then do the work at once.
 */
export function beforeCommit(tx: DbOrTx, hook: () => Promise<void>): boolean {
  const state = transactions.get(tx);
  if (!state) return false;
  state.beforeCommit.push(hook);
  return true;
}

/**
 * Loads a value once per transaction (the working calendar, say, which several steps of one request need).
 * Outside a transaction of inTransaction — a plain handle shared by all requests — it loads every time.
 */
export function memoInTransaction<T>(tx: DbOrTx, key: string, load: () => Promise<T>): Promise<T> {
  const state = transactions.get(tx);
  if (!state) return load();
  let value = state.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    state.memo.set(key, value);
  }
  return value;
}

/**
 * A table row that PostgreSQL rendered as JSON (`json_agg(t)`, to fetch several tables' rows in one statement),
 * turned into the same value Drizzle gives for a select: property names, dates, numbers and jsonb as usual.
 */
export function rowFromJson<T extends PgTable>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}

/** Rows of a raw SQL query, typed by the caller (both drivers answer with `{ rows }`). */
export async function queryRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
