import { createHash } from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import { getTableColumns, SQL, sql, type ExtractTablesWithRelations } from 'drizzle-orm';
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
  /** A read scope (see readScope): nothing to commit, beforeCommit does not apply. */
  readOnly?: boolean;
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
  if (!state || state.readOnly) return false;
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
 * The shared handle as seen by one request that reads outside a transaction: memoInTransaction then loads a
 * value once for the request (the working calendar that both the checks and the answer need), as it does once
 * per transaction. The scope is the same handle otherwise: every statement autocommits on the pool.
 */
export function readScope(db: Db): Db {
  const scoped = Object.create(db) as Db;
  transactions.set(scoped, { beforeCommit: [], memo: new Map(), readOnly: true });
  return scoped;
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

/** A table's columns by property name, with what insertRowsAsJson needs of each; worked out once per table. */
const columnsOfTable = new WeakMap<PgTable, Map<string, { name: string; type: string; json: boolean; column: ReturnType<typeof getTableColumns>[string] }>>();

function columnsOf(table: PgTable) {
  let columns = columnsOfTable.get(table);
  if (!columns) {
    columns = new Map();
    for (const [key, column] of Object.entries(getTableColumns(table))) {
      const type = column.getSQLType();
      columns.set(key, { name: column.name, type, json: type === 'jsonb' || type === 'json', column });
    }
    columnsOfTable.set(table, columns);
  }
  return columns;
}

/**
 * Inserts rows as Drizzle's insert would, in one statement whose text does not grow with the rows: they travel
 * as one jsonb parameter that PostgreSQL unpacks with jsonb_to_recordset. Building that is a JSON.stringify,
 * where a VALUES list of many rows costs a parameter and a type check per cell; it is how a group commit writes
 * dozens of rows per table. Rows may set different columns only where the others' value is a plain NULL (a
 * column left out of every row keeps its default); a value that is SQL, or a default that only some rows take,
 * goes through Drizzle's insert instead. Returns the inserted rows when asked, in no particular order.
 */
export async function insertRowsAsJson<T extends PgTable>(tx: DbOrTx, table: T, rows: T['$inferInsert'][], returning = false): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  const statement = jsonInsert(table, rows);
  if (!statement) {
    const insert = tx.insert(table).values(rows);
    return returning ? ((await insert.returning()) as T['$inferSelect'][]) : (await insert, []);
  }
  const raw = await queryPrepared<Record<string, unknown>>(tx, returning ? sql`${statement} returning *` : statement);
  return returning ? raw.map((r) => rowFromJson(table, r)) : [];
}

/**
 * insertRowsAsJson for several tables in one statement (data-modifying CTEs, all run whatever the final
 * select reads); a table whose rows cannot travel as JSON is inserted by Drizzle first, on its own.
 */
export async function insertTablesAsJson(tx: DbOrTx, parts: ({ table: PgTable; rows: Record<string, unknown>[] } | SQL | null)[]): Promise<void> {
  const statements: SQL[] = [];
  for (const part of parts) {
    if (part === null) continue;
    if (part instanceof SQL) {
      statements.push(part);
      continue;
    }
    if (part.rows.length === 0) continue;
    const statement = jsonInsert(part.table, part.rows);
    if (statement) statements.push(statement);
    else await tx.insert(part.table).values(part.rows);
  }
  if (statements.length === 0) return;
  if (statements.length === 1) {
    await queryPrepared(tx, statements[0]!);
    return;
  }
  const ctes = statements.map((s, i) => sql`${sql.raw(`w${i}`)} as (${s})`);
  await queryPrepared(tx, sql`with ${sql.join(ctes, sql`, `)} select 1`);
}

/** The insert statement of insertRowsAsJson, or null when the rows must go through Drizzle's insert. */
export function jsonInsert(table: PgTable, rows: Record<string, unknown>[]): SQL | null {
  const parts = jsonRows(table, rows);
  return parts && sql`insert into ${table} (${parts.columns}) select ${parts.columns} from ${parts.source}`;
}

/**
 * Rows as one jsonb document for a statement of the caller's: `columns` lists the columns the rows set,
 * `source` is the jsonb_to_recordset(…) as x(…) to select them from. Null when the rows cannot travel as JSON
 * (a value that is SQL, or a default that only some rows take).
 */
export function jsonRows(
  table: PgTable,
  rows: Record<string, unknown>[],
  extra: { name: string; type: string; values: unknown[] }[] = [],
): { columns: SQL; names: string[]; source: SQL } | null {
  const columns = columnsOf(table);
  const keys = new Set<string>();
  for (const row of rows) for (const [key, value] of Object.entries(row)) if (value !== undefined) keys.add(key);
  const docs: Record<string, unknown>[] = [];
  for (const [i, row] of rows.entries()) {
    const doc: Record<string, unknown> = {};
    for (const key of keys) {
      const c = columns.get(key)!;
      const value = row[key];
      if (value === undefined) {
        if (c.column.hasDefault) return null;
        continue;
      }
      if (value !== null && typeof value === 'object' && !(value instanceof Date) && !c.json) return null;
      doc[c.name] = value === null || c.json ? value : c.column.mapToDriverValue(value);
    }
    for (const e of extra) doc[e.name] = e.values[i];
    docs.push(doc);
  }
  const names = [...keys].map((k) => columns.get(k)!);
  const shape = [...names.map((c) => `"${c.name}" ${c.type}`), ...extra.map((e) => `"${e.name}" ${e.type}`)].join(', ');
  return {
    columns: sql.raw(names.map((c) => `"${c.name}"`).join(', ')),
    names: names.map((c) => c.name),
    source: sql`jsonb_to_recordset(${JSON.stringify(docs)}::jsonb) as x(${sql.raw(shape)})`,
  };
}

/** Rows of a raw SQL query, typed by the caller (both drivers answer with `{ rows }`). */
export async function queryRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Names of prepared statements by their text; a text past the cap runs unprepared (see queryPrepared). */
const preparedNames = new Map<string, string>();
const MAX_PREPARED_TEXTS = 256;

/** What Drizzle keeps inside every handle and transaction: the dialect that renders SQL, the session that runs it. */
interface DrizzleInternals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): { execute(): Promise<unknown> };
  };
}

/**
 * queryRows for the statements of the hot paths (intake's lookups, the group commit's inserts, the audit append),
 * as a named prepared statement on PostgreSQL: each pooled connection parses and plans it once, and later runs
 * reuse the plan. Planning was most of these statements' cost (the intake lookups: 0.87 of 1.0 ms). The name
 * comes from the text, so each variant of a statement is its own; at most MAX_PREPARED_TEXTS texts are prepared
 * (a connection keeps every statement it prepared), any further text runs as queryRows would. Only for
 * statements whose text is one of a few per call site: values must travel as parameters, lists as one array
 * or jsonb parameter. PGlite runs the same statement unnamed (its driver has no named statements).
 */
export async function queryPrepared<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as DrizzleInternals;
  const rendered = dialect.sqlToQuery(query);
  let name = preparedNames.get(rendered.sql);
  if (name === undefined && preparedNames.size < MAX_PREPARED_TEXTS) {
    name = `ow_${createHash('sha1').update(rendered.sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(rendered.sql, name);
  }
  const result = (await session.prepareQuery(rendered, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}
