/**
 * The bench's server process: prepares a fresh database (migrate + seed, as a real start does), serves the API
 * built by buildApp on a free port, and answers the runner's commands over IPC — the raw commit baseline, query
 * counts, the bulk load of open cases and the due-soon query. Everything that touches the database runs here,
 * because PGlite allows one process per data folder.
 */
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../server/app';
import { prepareRuntime } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { systemClock } from '../server/platform/auth/actor';
import type { Db } from '../server/platform/db/client';
import { queryRows } from '../server/platform/db/client';
import { sql } from 'drizzle-orm';
import { accounts, toActor } from '../server/modules/identity';
import { intakeWriter, listOverdue } from '../server/modules/cases/cases.service';
import { processCpuMs } from './harness';
import { median, summarize } from './stats';
import type { AgentReply, AgentRequest, BaselineResult, DueSoonResult } from './protocol';

const config = loadConfig({
  NODE_ENV: 'development',
  DEMO: '1',
  LOG_LEVEL: 'silent',
  JOBS: '0',
  DATA_DIR: process.env.BENCH_DATA_DIR,
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE,
  // The load benchmark speaks for many citizens through X-Forwarded-For, as the county's reverse proxy would.
  TRUST_PROXY: process.env.BENCH_TRUST_PROXY,
});

// ── Query counting: every statement sent to the database, BEGIN and COMMIT included ────────────────────────
let queries = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  queries++;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

function countPglite(client: PGlite): void {
  const target = client as unknown as { _runExclusiveQuery: (fn: () => Promise<unknown>) => Promise<unknown> };
  const original = target._runExclusiveQuery.bind(client);
  target._runExclusiveQuery = (fn) => {
    queries++;
    return original(fn);
  };
}

const runtime = await prepareRuntime(config);
const { database } = runtime.deps;
if (database.pglite) countPglite(database.pglite);
const app = await buildApp(runtime.deps, { logger: false, serveWeb: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

/**
 * CPU time used so far by the PostgreSQL backends serving this database (same machine: /proc), in ms; null on
 * PGlite, whose work is in this process's own CPU time.
 */
async function backendCpuMs(): Promise<number | null> {
  if (!database.pool) return null;
  // Through the uncounted query function: the bench's own statement is not the server's.
  const client = await database.pool.connect();
  let rows: { pid: number }[];
  try {
    const uncounted = originalQuery as unknown as (this: pg.PoolClient, text: string) => Promise<pg.QueryResult<{ pid: number }>>;
    // Client backends only: autovacuum workers of this database do the maintenance a phase leaves, not its requests.
    rows = (await uncounted.call(client, "select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'")).rows;
  } finally {
    client.release();
  }
  return rows.reduce((sum, { pid }) => sum + processCpuMs(pid), 0);
}

// ── Commands ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Raw single-row autocommit inserts on the server's own driver, `concurrency` connections, for `seconds`. */
async function baseline(seconds: number, concurrency: number): Promise<BaselineResult> {
  await database.exec('create table if not exists bench_t (id bigint not null, at timestamptz not null, note text not null)');
  const samples: number[] = [];
  let commits = 0;
  const warmupEnd = performance.now() + 1000;
  const end = warmupEnd + seconds * 1000;
  const loop = async (insert: (i: number) => Promise<unknown>) => {
    for (let i = 0; ; i++) {
      const t0 = performance.now();
      if (t0 >= end) return;
      await insert(i);
      const t1 = performance.now();
      if (t0 >= warmupEnd) {
        samples.push(t1 - t0);
        commits++;
      }
    }
  };
  if (database.pglite) {
    const client = database.pglite;
    await loop((i) => client.query('insert into bench_t values ($1, now(), $2)', [i, 'baseline']));
    concurrency = 1;
  } else {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: concurrency, application_name: 'onewindow-bench' });
    try {
      const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
      await Promise.all(clients.map((c) => loop((i) => c.query('insert into bench_t values ($1, now(), $2)', [i, 'baseline']))));
      clients.forEach((c) => c.release());
    } finally {
      await pool.end();
    }
  }
  const elapsed = (end - warmupEnd) / 1000;
  return { concurrency, commits, seconds: elapsed, rate: commits / elapsed, latency: summarize(samples) };
}

/**
 * A million open cases in a few statements: copies of the running cases the intake phase made (their items,
 * definitions and engine state), numbered on past days, due over the next four months.
 */
async function bulkCases(total: number, chunk: number, deadlineMs: number): Promise<{ inserted: number; ms: number; skippedReason?: string }> {
  const t0 = performance.now();
  const [{ n: existing } = { n: 0 }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cases where number like '130533-2019%'`);
  let inserted = existing;
  while (inserted < total) {
    const size = Math.min(chunk, total - inserted);
    const from = inserted + 1;
    // Bulk-load practice: the copies reference rows that exist by construction, so the per-row foreign-key
    // triggers are skipped for this statement (indexes are maintained as usual).
    await database.exec(`
      begin;
      set local session_replication_role = replica;
      with t as (
        select row_number() over (order by item_code) - 1 as k, x.*
        from (select distinct on (item_id) * from cases where phase = 'in_progress' and number not like '130533-2019%' order by item_id, created_at) x
      ), n as (select count(*) as n from t)
      insert into cases (region_code, number, item_id, item_code, item_name, executing_unit_id, origin_department_id, definition_id,
        channel, applicant_account_id, applicant_kind, applicant_name, applicant_id_number, applicant_phone, address, summary, form,
        phase, state, first_responder_id, accepted_by_id, window_id, accepted_at, accepted_on, promised_days, due_date, warning, created_at, updated_at)
      select t.region_code,
        '130533-' || to_char(date '2019-01-01' + (g / 9000), 'YYYYMMDD') || '-' || lpad((g % 9000 + 1)::text, 4, '0'),
        t.item_id, t.item_code, t.item_name, t.executing_unit_id, t.origin_department_id, t.definition_id,
        t.channel, null, t.applicant_kind, t.applicant_name, t.applicant_id_number, t.applicant_phone, t.address, t.summary, t.form,
        'in_progress', jsonb_set(t.state, '{dueDate}', to_jsonb((current_date + (g % 120))::text)),
        t.first_responder_id, t.accepted_by_id, t.window_id, now() - interval '10 days', current_date - 10, t.promised_days,
        current_date + (g % 120), 'none', now(), now()
      from generate_series(${from}, ${from + size - 1}) g
      join t on t.k = g % (select n from n);
      commit;`);
    inserted += size;
    const elapsed = performance.now() - t0;
    if (inserted < total && elapsed / inserted * total > deadlineMs) {
      return { inserted, ms: elapsed, skippedReason: `stopped at ${inserted} rows: ${Math.round(elapsed / 1000)} s so far, ${Math.round((elapsed / inserted) * total / 1000)} s projected for ${total}` };
    }
  }
  // What autovacuum does on a live table: statistics for the planner and a visibility map for index-only scans.
  await database.exec('vacuum analyze cases');
  return { inserted, ms: performance.now() - t0 };
}

async function supervisorContext(db: Db) {
  const [row] = await db.select().from(accounts).where(eq(accounts.username, 'supervisor'));
  if (!row) throw new Error('no supervisor account');
  return { tx: db, actor: toActor(row, null), clock: systemClock, regionCode: config.regionCode };
}

/** The supervisors' "due within 2 working days" list as the service runs it: count and first page. */
async function dueSoon(runs: number): Promise<DueSoonResult> {
  const ctx = await supervisorContext(database.db);
  const query = { within: 2, limit: 20, offset: 0 };
  await listOverdue(ctx, query); // warm the calendar cache and the buffers
  const times: number[] = [];
  let total = 0;
  let firstPage = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await listOverdue(ctx, query);
    times.push(performance.now() - t0);
    total = r.total;
    firstPage = r.items.length;
  }
  // The same call once more through a logging handle, to EXPLAIN exactly the statements it sends.
  const captured: { text: string; params: unknown[] }[] = [];
  const logger = { logQuery: (text: string, params: unknown[]) => captured.push({ text, params }) };
  const logged = (database.pglite ? drizzlePglite(database.pglite, { logger }) : drizzlePg(database.pool!, { logger })) as unknown as Db;
  await listOverdue(await supervisorContext(logged), query);
  const plans: string[] = [];
  for (const q of captured.filter((c) => /from "cases"/.test(c.text))) {
    const explain = `explain (analyze, buffers, costs off, timing off, summary on) ${q.text}`;
    const rows = database.pglite
      ? (await database.pglite.query<Record<string, string>>(explain, q.params)).rows
      : (await database.pool!.query<Record<string, string>>(explain, q.params)).rows;
    plans.push(`-- ${q.text}\n-- params: ${JSON.stringify(q.params)}\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
  }
  const [{ n: open } = { n: 0 }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cases where phase = 'in_progress'`);
  return { runs, medianMs: median(times), allMs: times, total, firstPage, openCases: open, plans };
}

async function handle(req: AgentRequest): Promise<unknown> {
  switch (req.cmd) {
    case 'info':
      return { port, kind: database.kind, poolSize: database.kind === 'postgres' ? config.databasePoolSize : 1 };
    case 'baseline':
      return baseline(req.seconds, req.concurrency);
    case 'counters': {
      const counted = queries;
      const cpu = process.cpuUsage();
      const groups = intakeWriter(database.db).stats;
      return { queries: counted, cpuMs: (cpu.user + cpu.system) / 1000, sysMs: cpu.system / 1000, dbCpuMs: await backendCpuMs(), intakeGroups: groups.groups, groupedIntakes: groups.writes, intakeGroupMs: groups.ms };
    }
    case 'bulkCases':
      return bulkCases(req.total, req.chunk, req.deadlineMs);
    case 'dueSoon':
      return dueSoon(req.runs);
    case 'vacuum':
      // What autovacuum would do in the background after a burst of inserts, done now and not counted.
      await database.exec('vacuum (analyze) cases, case_tasks, case_events, case_materials, notifications, audit_events');
      return { done: true };
    case 'stop':
      await app.close();
      await runtime.shutdown();
      setImmediate(() => process.exit(0));
      return { stopped: true };
  }
}

process.on('message', (msg: AgentRequest) => {
  handle(msg).then(
    (result) => process.send!({ id: msg.id, ok: true, result } satisfies AgentReply),
    (err: unknown) => process.send!({ id: msg.id, ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) } satisfies AgentReply),
  );
});
process.send!({ id: 0, ok: true, result: { ready: true, port } } satisfies AgentReply);

