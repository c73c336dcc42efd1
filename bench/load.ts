/**
 * `npm run bench -- load` (or `npm run bench:load`): the load benchmark (issue 6, item 5). On PGlite and on
 * PostgreSQL, each in a fresh migrated and seeded database served by the agent, it measures at each connection
 * count (32, 64, 128, 256 by default), scenario after scenario in this order,
 *   bare          GET /bare on a Fastify server with that one route and nothing else (bare.ts, its own process):
 *                 the HTTP ceiling of this machine with this load generator;
 *   commit        the database's raw single-row autocommit inserts (the agent's baseline command; PGlite has one
 *                 connection, PostgreSQL as many as the connection count up to BENCH_PG_BASELINE_MAX);
 *   public reads  GET /api/public/items?q=…, /api/public/items/:code, /api/public/hall/slots?zone=…,
 *                 /api/public/queue/screen in turn, anonymous;
 *   staff inbox   GET /api/tasks?view=all&limit=20 as the reviewer, whose inbox holds the BENCH_INBOX_CASES cases
 *                 accepted beforehand (it runs before any intake phase, so its size stays);
 *   intake        POST /api/cases/intake as the clerk (every required material received, accepted);
 *   queue calls   half the connections take tickets at the kiosk (POST /api/public/queue/tickets, HALL-APPROVAL),
 *                 the other half are windows calling (POST /api/queue/window/next), each its own clerk account
 *                 bound to its own window of the zone;
 * and writes one markdown table per database: requests/s, p50/p95/p99, errors, and the rate as a ratio to the
 * bare route's and to the raw commits' at the same connection count; a second table gives every figure as such
 * a ratio. Printed and written to bench/results/load.md. Never part of `npm test` or CI.
 *
 * Rate limits: the public routes keep their production limits (config.rateLimit, per client address). The agent
 * trusts X-Forwarded-For (TRUST_PROXY=1, as behind the county's reverse proxy) and every public request names a
 * different client address, as many citizens would: the limiter does its work on every request and no address
 * comes near its limit; a 429 would be counted as an error.
 *
 * Each phase opens its keep-alive connections first (one GET /api/health, or /bare, on each: a connection opened
 * while the PGlite server is saturated can wait many seconds for its first answer), then runs BENCH_LOAD_WARMUP s
 * of warm-up, longer until every connection has had its first answer, then BENCH_LOAD_DURATION s in which the
 * answers that arrive are counted. Errors are counted over the whole phase, warm-up included. CPU is read from
 * /proc (server process, PostgreSQL backends, this process), not asked of a server too busy to answer.
 *
 * Environment: BENCH_CONNECTIONS (32,64,128,256), BENCH_LOAD_DURATION (s, 5), BENCH_LOAD_WARMUP (s, 2),
 * BENCH_DBS (pglite,postgres), BENCH_PG_URL, BENCH_POOL_SIZE (server pool; the server's default otherwise),
 * BENCH_PG_BASELINE_MAX (connections of the PostgreSQL commit baseline at most, 64: the server allows 100 in all),
 * BENCH_INBOX_CASES (200), BENCH_SCENARIOS (bare,commit,public,inbox,intake,queue), BENCH_LOAD_OUT
 * (bench/results/load.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_DEMO_PASSWORD } from '../server/config';
import { Agent, countError, freshDatabase, intakeBodies, ITEM_CODES, log, postgresVersion, processCpuMs, type DbKind, type ItemInfo } from './harness';
import { Client, type Reply } from './http';
import type { BaselineResult } from './protocol';
import { summarize, type Latencies } from './stats';
import type { z } from 'zod';
import type { RuleView } from '../server/modules/hall/hall.schemas';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const CONNECTIONS = (env.BENCH_CONNECTIONS ?? '32,64,128,256').split(',').map((s) => Number(s.trim()));
const DURATION_S = Number(env.BENCH_LOAD_DURATION ?? 5);
const WARMUP_S = Number(env.BENCH_LOAD_WARMUP ?? 2);
const DBS = (env.BENCH_DBS ?? 'pglite,postgres').split(',').map((s) => s.trim()) as DbKind[];
const PG_URL = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_BASELINE_MAX = Number(env.BENCH_PG_BASELINE_MAX ?? 64);
const OUT = env.BENCH_LOAD_OUT ?? path.join(HERE, 'results', 'load.md');

/** In the order they run: the inbox before any intake, so that it holds the cases it was given. */
const SCENARIOS = ['bare', 'commit', 'public', 'inbox', 'intake', 'queue'] as const;
type Scenario = (typeof SCENARIOS)[number];
const SELECTED = (env.BENCH_SCENARIOS ?? SCENARIOS.join(',')).split(',').map((s) => s.trim()) as Scenario[];
SELECTED.sort((a, b) => SCENARIOS.indexOf(a) - SCENARIOS.indexOf(b));
const LABELS: Record<Scenario, string> = {
  bare: 'bare Fastify route',
  commit: 'raw commit',
  public: 'public reads',
  intake: 'intake',
  inbox: 'staff inbox',
  queue: 'queue calls',
};
/** The zone whose windows call in the queue scenario. */
const QUEUE_ZONE = 'HALL-APPROVAL';
/** Cases accepted before the first phase: the reviewer's inbox, the same size whatever scenarios run. */
const INBOX_CASES = Number(env.BENCH_INBOX_CASES ?? 200);
/** A first round of requests that has not ended after this long opens the timed window anyway. */
const FIRST_ROUND_LIMIT_S = 60;

for (const n of CONNECTIONS) if (!Number.isInteger(n) || n < 2) throw new Error(`BENCH_CONNECTIONS: ${n} is not a whole number of at least 2`);
for (const s of SELECTED) if (!SCENARIOS.includes(s)) throw new Error(`BENCH_SCENARIOS: unknown scenario ${s} (${SCENARIOS.join(', ')})`);

// ── One timed phase ──────────────────────────────────────────────────────────────────────────────────────

interface Outcome {
  ok: boolean;
  /** Request kind, for the per-kind latencies of a mix. */
  kind: string;
  reply: Reply;
}

interface PhaseResult {
  scenario: Scenario;
  connections: number;
  /** Connections the database baseline really used (PGlite has one; PostgreSQL's are capped). */
  effectiveConnections: number;
  /** Successful answers in the timed window. */
  count: number;
  rate: number;
  latency: Latencies;
  errors: Record<string, number>;
  byKind: Record<string, Latencies>;
  /** CPU of the server process, and of PostgreSQL's backends, and of this load generator, in % of one core. */
  cpu: { server: number; db: number | null; client: number } | null;
  notes: string[];
}

const cpuPct = (ms: number) => (ms / (DURATION_S * 1000)) * 100;

/** CPU time so far, in ms: the server process, PostgreSQL's backends for its database (null on PGlite), this process. */
interface CpuSnapshot {
  server: number;
  db: number | null;
  client: number;
}

/**
 * Runs `connections` closed loops of `op` over connections opened beforehand. The timed window opens when the
 * warm-up is over and every loop has had its first answer, and lasts DURATION_S; answers arriving in it count.
 */
async function runPhase(scenario: Scenario, connections: number, op: (conn: number, seq: number) => Promise<Outcome>, cpu: () => Promise<CpuSnapshot>): Promise<PhaseResult> {
  const ends: number[] = [];
  const latencies: number[] = [];
  const kinds: string[] = [];
  const errors: Record<string, number> = {};
  const began = performance.now();
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let firstAnswers = 0;
  let seq = 0;
  let startSnapshot: Promise<CpuSnapshot> | undefined;
  let endSnapshot: Promise<CpuSnapshot> | undefined;
  const slowest = { ms: 0 };
  let endTimer: NodeJS.Timeout | undefined;
  const open = () => {
    if (windowStart !== Number.POSITIVE_INFINITY) return;
    windowStart = performance.now();
    windowEnd = windowStart + DURATION_S * 1000;
    startSnapshot = cpu();
    endTimer = setTimeout(() => {
      endSnapshot = cpu();
    }, DURATION_S * 1000);
  };
  let warm = false;
  const openWhenWarm = () => {
    if (warm && firstAnswers >= connections) open();
  };
  const warmTimer = setTimeout(() => {
    warm = true;
    openWhenWarm();
  }, WARMUP_S * 1000);
  const stuckTimer = setTimeout(open, (WARMUP_S + FIRST_ROUND_LIMIT_S) * 1000);
  await Promise.all(
    Array.from({ length: connections }, async (_, conn) => {
      let first = true;
      while (performance.now() < windowEnd) {
        try {
          const r = await op(conn, seq++);
          slowest.ms = Math.max(slowest.ms, r.reply.ms);
          if (r.ok) {
            ends.push(performance.now());
            latencies.push(r.reply.ms);
            kinds.push(r.kind);
          } else countError(errors, r.reply.status, r.reply.body);
        } catch (err) {
          const code = `network ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
          errors[code] = (errors[code] ?? 0) + 1;
        }
        if (first) {
          first = false;
          firstAnswers++;
        }
        openWhenWarm();
      }
    }),
  );
  clearTimeout(warmTimer);
  clearTimeout(stuckTimer);
  clearTimeout(endTimer);
  const [c0, c1] = await Promise.all([startSnapshot!, endSnapshot ?? cpu()]);

  const inWindow: number[] = [];
  const perKind = new Map<string, number[]>();
  for (let i = 0; i < ends.length; i++) {
    if (ends[i]! < windowStart || ends[i]! > windowEnd) continue;
    inWindow.push(latencies[i]!);
    const list = perKind.get(kinds[i]!) ?? [];
    list.push(latencies[i]!);
    perKind.set(kinds[i]!, list);
  }
  const notes: string[] = [];
  if (windowStart - began > WARMUP_S * 1000 + 500) notes.push(`warm-up ${((windowStart - began) / 1000).toFixed(1)} s (until every connection had its first answer)`);
  const latency = summarize(inWindow);
  // A request starved far beyond the rest (the percentiles would hide it).
  if (slowest.ms > 2 * latency.p99 && slowest.ms >= 500) notes.push(`slowest answer of the phase ${f0(slowest.ms)} ms`);
  return {
    scenario,
    connections,
    effectiveConnections: connections,
    count: inWindow.length,
    rate: inWindow.length / DURATION_S,
    latency,
    errors,
    byKind: Object.fromEntries([...perKind].map(([k, v]) => [k, summarize(v)])),
    cpu: { server: cpuPct(c1.server - c0.server), db: c0.db === null || c1.db === null ? null : cpuPct(c1.db - c0.db), client: cpuPct(c1.client - c0.client) },
    notes,
  };
}

// ── The database's side ──────────────────────────────────────────────────────────────────────────────────

/** An opening rule as the hall API answers it (the server's schema is the contract). */
type Rule = z.infer<typeof RuleView>;
interface Zone {
  id: string;
  code: string;
  kind: 'hall' | 'functional';
  parentId: string | null;
}
interface Window {
  id: string;
  code: string;
  zoneId: string;
  active: boolean;
}

function json<T>(r: Reply, expected: number, what: string): T {
  if (r.status !== expected) throw new Error(`${what}: ${r.status} ${r.body.slice(0, 300)}`);
  return JSON.parse(r.body) as T;
}

/** Runs `fn` over `inputs`, `width` at a time. */
async function inBatches<T, R>(inputs: T[], width: number, fn: (input: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < inputs.length; i += width) out.push(...(await Promise.all(inputs.slice(i, i + width).map(fn))));
  return out;
}

/**
 * What the queue needs whatever the date of the run, done through the API as the staff would: a year the working
 * calendar knows (the administrator declares a later one) and the zone open to walk-ins all day on working days
 * and on rest days (the centre's manager stops the other hours), as e2e/hall-setup.ts does for the browser tests.
 */
async function openZoneAllDay(http: Client, cookies: Record<string, string>): Promise<void> {
  const days = json<{ days: { date: string; dayKind: string | null }[] }>(await http.request('GET', `/api/public/hall/slots?zone=${QUEUE_ZONE}&days=15`), 200, 'slots').days;
  for (const year of new Set(days.filter((d) => d.dayKind === null).map((d) => d.date.slice(0, 4)))) {
    const r = await http.request('POST', `/api/calendar/years/${year}/declare`, { sourceNote: '压力测试：元旦', holidays: [{ date: `${year}-01-01`, name: '元旦' }] }, cookies.admin);
    if (r.status >= 300) throw new Error(`declare ${year}: ${r.status} ${r.body.slice(0, 300)}`);
  }
  const rules = json<Rule[]>(await http.request('GET', '/api/hall/rules', undefined, cookies.manager), 200, 'rules');
  for (const dayKind of ['working', 'rest'] as const) {
    const active = rules.filter((r) => r.zoneCode === QUEUE_ZONE && r.dayKind === dayKind && r.active);
    if (active.some((r) => r.startTime === '00:00' && r.endTime === '23:59' && r.walkIn)) continue;
    for (const r of active) json(await http.request('PATCH', `/api/hall/rules/${r.id}`, { active: false }, cookies.manager), 200, 'stop rule');
    const rule = { zoneCode: QUEUE_ZONE, dayKind, startTime: '00:00', endTime: '23:59', slotMinutes: 30, capacity: 20, walkIn: true };
    json(await http.request('POST', '/api/hall/rules', rule, cookies.manager), 201, 'add rule');
  }
}

/**
 * `count` windows of the queue zone, each with a clerk of its own signed in: the zone's windows first, then new
 * ones (codes of letters the county does not use), as the administrator would set them up.
 */
async function windowClerks(http: Client, cookies: Record<string, string>, count: number): Promise<{ cookies: string[]; created: number }> {
  const org = json<{ zones: Zone[]; windows: Window[] }>(await http.request('GET', '/api/org', undefined, cookies.admin), 200, 'org');
  const hall = org.zones.find((z) => z.code === QUEUE_ZONE);
  if (!hall) throw new Error(`no zone ${QUEUE_ZONE}`);
  const inZone = new Set(org.zones.filter((z) => z.id === hall.id || z.parentId === hall.id).map((z) => z.id));
  const windows = org.windows.filter((w) => w.active && inZone.has(w.zoneId));
  const used = new Set(org.windows.map((w) => w.code));
  const freeCodes: string[] = [];
  for (const letter of 'ZYXWVUTSRQ') for (let n = 1; n <= 99; n++) if (!used.has(`${letter}${String(n).padStart(2, '0')}`)) freeCodes.push(`${letter}${String(n).padStart(2, '0')}`);
  const toCreate = freeCodes.slice(0, Math.max(0, count - windows.length));
  windows.push(
    ...(await inBatches(toCreate, 8, async (code) =>
      json<Window>(await http.request('POST', '/api/org/windows', { code, name: `综合受理窗口${code}`, zoneId: hall.id, kind: 'comprehensive' }, cookies.admin), 201, `window ${code}`),
    )),
  );
  const password = 'Bench-2026-window';
  const accounts = windows.slice(0, count).map((w, i) => ({ username: `bench.window.${String(i + 1).padStart(3, '0')}`, window: w }));
  await inBatches(accounts, 8, async (a) =>
    json(await http.request('POST', '/api/accounts', { username: a.username, displayName: `窗口${a.window.code}`, roles: ['clerk'], password, windowId: a.window.id }, cookies.admin), 201, `account ${a.username}`),
  );
  // Each window signs in from its own workstation: one address each, so the sign-in rate limit (per address)
  // treats them as the hall's separate PCs, not as one machine trying 128 accounts.
  return {
    cookies: await inBatches(
      accounts.map((a, i) => ({ ...a, address: `172.16.${((i + 1) >> 8) & 255}.${(i + 1) & 255}` })),
      8,
      (a) => http.login(a.username, password, { 'x-forwarded-for': a.address }),
    ),
    created: toCreate.length,
  };
}

/** A client address per public request, as many citizens would have (10.0.0.1, 10.0.0.2, …). */
let citizens = 0;
function citizenAddress(): { 'x-forwarded-for': string } {
  const n = ++citizens;
  return { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
}

interface DbReport {
  kind: DbKind;
  poolSize: number;
  phases: PhaseResult[];
  setup: string[];
  loadBefore: string;
}

/** CPU so far of the server process and, on PostgreSQL, of the backends serving its database, read from /proc. */
function cpuReader(serverPid: number, monitor: pg.Client | null): () => Promise<CpuSnapshot> {
  return async () => {
    const own = process.cpuUsage();
    const server = processCpuMs(serverPid);
    let db: number | null = null;
    if (monitor) {
      const { rows } = await monitor.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      db = rows.reduce((sum, { pid }) => sum + processCpuMs(pid), 0);
    }
    return { server, db, client: (own.user + own.system) / 1000 };
  };
}

/** A keep-alive client with `connections` connections open, each having answered `path` once. */
async function openConnections(port: number, connections: number, path: string): Promise<Client> {
  const http = new Client(port, connections);
  await Promise.all(Array.from({ length: connections }, () => http.request('GET', path)));
  return http;
}

async function benchDatabase(kind: DbKind, bare: { agent: Agent; port: number }): Promise<DbReport> {
  const loadBefore = loadAverage();
  const { childEnv, cleanup } = await freshDatabase(kind, PG_URL);
  childEnv.BENCH_TRUST_PROXY = '1';
  if (env.BENCH_POOL_SIZE) childEnv.BENCH_POOL_SIZE = env.BENCH_POOL_SIZE;
  log(`${kind}: preparing a fresh database`);
  const { agent, port } = await Agent.start(childEnv);
  const setupHttp = new Client(port, 16);
  const monitor = childEnv.BENCH_DATABASE_URL ? new pg.Client({ connectionString: childEnv.BENCH_DATABASE_URL, application_name: 'onewindow-bench-monitor' }) : null;
  const setup: string[] = [];
  try {
    await monitor?.connect();
    const info = await agent.call<{ poolSize: number }>({ cmd: 'info' });
    const cookies: Record<string, string> = {};
    for (const role of ['admin', 'manager', 'clerk', 'reviewer']) cookies[role] = await setupHttp.login(role, DEFAULT_DEMO_PASSWORD);

    // What the scenarios read and write.
    const items: ItemInfo[] = [];
    for (const code of ITEM_CODES) items.push({ ...json<ItemInfo>(await setupHttp.request('GET', `/api/public/items/${code}`), 200, `item ${code}`), code });
    const bodies = intakeBodies(items);
    const publicCodes = json<{ items: { code: string }[] }>(await setupHttp.request('GET', '/api/public/items?limit=200'), 200, 'items').items.map((i) => i.code);
    const zoneCodes = json<{ code: string }[]>(await setupHttp.request('GET', '/api/public/hall/zones'), 200, 'zones').map((z) => z.code);
    const queries = ['食品', 'spjy', '营业执照', '许可', '建设工程', '社会保险', 'WX-XK', '不存在的事项'].map(encodeURIComponent);
    setup.push(`public reads over ${publicCodes.length} items and ${zoneCodes.length} hall zones; searches: ${queries.map(decodeURIComponent).join(', ')}`);

    // The reviewer's inbox: cases accepted at the window, each waiting for its review.
    await inBatches(Array.from({ length: INBOX_CASES }, (_, i) => i), 8, async (i) => json(await setupHttp.request('POST', '/api/cases/intake', bodies[i % bodies.length], cookies.clerk), 201, 'intake'));
    const inboxTotal = async () => json<{ total: number }>(await setupHttp.request('GET', '/api/tasks?view=all&limit=1', undefined, cookies.reviewer), 200, 'inbox').total;
    setup.push(`staff inbox: ${INBOX_CASES} cases accepted beforehand, ${f0(await inboxTotal())} tasks in the reviewer's inbox`);

    let clerks: string[] = [];
    if (SELECTED.includes('queue')) {
      await openZoneAllDay(setupHttp, cookies);
      const made = await windowClerks(setupHttp, cookies, Math.floor(Math.max(...CONNECTIONS) / 2));
      clerks = made.cookies;
      setup.push(`queue: ${QUEUE_ZONE} open to walk-ins 00:00–23:59 on working and rest days; ${clerks.length} clerk accounts, each at its own window (${made.created} window${made.created === 1 ? '' : 's'} added to the zone's own)`);
    }
    const waiting = async () =>
      json<{ zones: { waiting: number }[] }>(await setupHttp.request('GET', `/api/public/queue/screen?zone=${QUEUE_ZONE}`, undefined, undefined, citizenAddress()), 200, 'screen').zones[0]!.waiting;

    const serverCpu = cpuReader(agent.pid, monitor);
    const phases: PhaseResult[] = [];
    for (const scenario of SELECTED) {
      for (const connections of CONNECTIONS) {
        log(`${kind}: ${LABELS[scenario]}, ${connections} connections`);
        phases.push(await phase(scenario, connections));
        const r = phases[phases.length - 1]!;
        log(`${kind}: ${LABELS[scenario]} ${connections}: ${r.rate.toFixed(0)}/s p50 ${r.latency.p50.toFixed(1)} p99 ${r.latency.p99.toFixed(1)} ms${errorText(r.errors) ? `; ${errorText(r.errors)}` : ''}`);
      }
    }
    return { kind, poolSize: info.poolSize, phases, setup, loadBefore };

    async function phase(scenario: Scenario, connections: number): Promise<PhaseResult> {
      if (scenario === 'commit') {
        const effective = kind === 'pglite' ? 1 : Math.min(connections, PG_BASELINE_MAX);
        const b = await agent.call<BaselineResult>({ cmd: 'baseline', seconds: DURATION_S, concurrency: effective });
        const notes = b.concurrency === connections ? [] : [`${b.concurrency} database connection${b.concurrency > 1 ? 's' : ''}`];
        return { scenario, connections, effectiveConnections: b.concurrency, count: b.commits, rate: b.rate, latency: b.latency, errors: {}, byKind: {}, cpu: null, notes };
      }
      if (scenario === 'bare') {
        const http = await openConnections(bare.port, connections, '/bare');
        try {
          return await runPhase(scenario, connections, async () => {
            const reply = await http.request('GET', '/bare');
            return { ok: reply.status === 200, kind: 'bare', reply };
          }, cpuReader(bare.agent.pid, null));
        } finally {
          http.close();
        }
      }
      const http = await openConnections(port, connections, '/api/health');
      try {
        switch (scenario) {
          case 'public':
            return await runPhase(scenario, connections, async (_, seq) => {
              const n = Math.floor(seq / 4);
              const [what, url] = [
                ['search', `/api/public/items?q=${queries[n % queries.length]}&limit=20`],
                ['guide', `/api/public/items/${publicCodes[n % publicCodes.length]}`],
                ['slots', `/api/public/hall/slots?zone=${zoneCodes[n % zoneCodes.length]}&days=14`],
                ['screen', n % 2 ? '/api/public/queue/screen' : `/api/public/queue/screen?zone=${zoneCodes[n % zoneCodes.length]}`],
              ][seq % 4] as [string, string];
              const reply = await http.request('GET', url, undefined, undefined, citizenAddress());
              return { ok: reply.status === 200, kind: what, reply };
            }, serverCpu);
          case 'intake':
            return await runPhase(scenario, connections, async (_, seq) => {
              const reply = await http.request('POST', '/api/cases/intake', bodies[seq % bodies.length], cookies.clerk);
              return { ok: reply.status === 201, kind: 'intake', reply };
            }, serverCpu);
          case 'inbox': {
            const before = await inboxTotal();
            const result = await runPhase(scenario, connections, async () => {
              const reply = await http.request('GET', '/api/tasks?view=all&limit=20', undefined, cookies.reviewer);
              return { ok: reply.status === 200, kind: 'inbox', reply };
            }, serverCpu);
            result.notes.push(`${f0(before)} tasks in the reviewer's inbox`);
            return result;
          }
          case 'queue': {
            const windows = Math.floor(connections / 2);
            let calls = 0;
            let emptyCalls = 0;
            const waitingBefore = await waiting();
            const result = await runPhase(scenario, connections, async (conn) => {
              if (conn < windows) {
                const reply = await http.request('POST', '/api/queue/window/next', undefined, clerks[conn]);
                const ok = reply.status === 200;
                if (ok) {
                  calls++;
                  if (reply.body.includes('"current":null')) emptyCalls++;
                }
                return { ok, kind: 'window next', reply };
              }
              const reply = await http.request('POST', '/api/public/queue/tickets', { zoneCode: QUEUE_ZONE }, undefined, citizenAddress());
              return { ok: reply.status === 201, kind: 'kiosk ticket', reply };
            }, serverCpu);
            result.notes.push(`${windows} windows, ${connections - windows} kiosk connections; ${waitingBefore} waiting before, ${await waiting()} after; ${emptyCalls} of ${calls} calls found nobody waiting`);
            return result;
          }
        }
      } finally {
        http.close();
      }
    }
  } finally {
    setupHttp.close();
    await monitor?.end();
    await agent.stop().catch((err: unknown) => log(`agent stop: ${String(err)}`));
    await cleanup();
  }
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────────────────

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const ratio = (a: number, b: number | undefined) => (b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b < 0.01 ? (a / b).toPrecision(2) : (a / b).toFixed(a / b < 10 ? 3 : 1)) : '—');

function errorText(errors: Record<string, number>): string {
  return Object.entries(errors)
    .map(([k, v]) => `${k} ×${v}`)
    .join(', ');
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

function baselineOf(r: DbReport, scenario: 'bare' | 'commit', connections: number): PhaseResult | undefined {
  return r.phases.find((p) => p.scenario === scenario && p.connections === connections);
}

function connectionsCell(p: PhaseResult): string {
  return p.effectiveConnections === p.connections ? String(p.connections) : `${p.connections} (db ${p.effectiveConnections})`;
}

function mainTable(r: DbReport): string {
  const lines = [
    `| ${r.kind} | connections | requests/s | p50 ms | p95 ms | p99 ms | errors | ratio to bare route | ratio to raw commit | CPU % (server${r.kind === 'postgres' ? ' + PostgreSQL' : ''} / load generator) |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const scenario of SELECTED) {
    for (const p of r.phases.filter((x) => x.scenario === scenario)) {
      const bare = baselineOf(r, 'bare', p.connections);
      const commit = baselineOf(r, 'commit', p.connections);
      const errors = Object.values(p.errors).reduce((a, b) => a + b, 0);
      const cpu = p.cpu ? `${f0(p.cpu.server)}${p.cpu.db === null ? '' : ` + ${f0(p.cpu.db)}`} / ${f0(p.cpu.client)}` : '—';
      const unit = scenario === 'commit' ? ' commits/s' : '';
      lines.push(
        `| ${LABELS[scenario]} | ${connectionsCell(p)} | ${f0(p.rate)}${unit} | ${f1(p.latency.p50)} | ${f1(p.latency.p95)} | ${f1(p.latency.p99)} | ${errors} | ${ratio(p.rate, bare?.rate)} | ${ratio(p.rate, commit?.rate)} | ${cpu} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Every figure as a multiple of the same figure of each baseline at the same connection count. */
function ratioTable(r: DbReport): string {
  const lines = [
    `| ${r.kind}: ratios | connections | req/s ÷ bare | p50 ÷ bare | p95 ÷ bare | p99 ÷ bare | req/s ÷ commit | p50 ÷ commit | p95 ÷ commit | p99 ÷ commit |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const scenario of SELECTED.filter((s) => s !== 'bare' && s !== 'commit')) {
    for (const p of r.phases.filter((x) => x.scenario === scenario)) {
      const b = baselineOf(r, 'bare', p.connections);
      const c = baselineOf(r, 'commit', p.connections);
      lines.push(
        `| ${LABELS[scenario]} | ${p.connections} | ${ratio(p.rate, b?.rate)} | ${ratio(p.latency.p50, b?.latency.p50)} | ${ratio(p.latency.p95, b?.latency.p95)} | ${ratio(p.latency.p99, b?.latency.p99)} | ` +
          `${ratio(p.rate, c?.rate)} | ${ratio(p.latency.p50, c?.latency.p50)} | ${ratio(p.latency.p95, c?.latency.p95)} | ${ratio(p.latency.p99, c?.latency.p99)} |`,
      );
    }
  }
  return lines.join('\n');
}

function details(r: DbReport): string {
  const out = [`Server pool size: ${r.poolSize}. Load average before this database: ${r.loadBefore}.`, '', 'Setup:', ...r.setup.map((s) => `- ${s}.`), '', 'Phases:'];
  for (const p of r.phases) {
    const parts = [...p.notes];
    const kinds = Object.entries(p.byKind);
    if (kinds.length > 1) parts.push(kinds.map(([k, l]) => `${k} ${f0(l.count)} answers, p50 ${f1(l.p50)} / p99 ${f1(l.p99)} ms`).join('; '));
    if (Object.keys(p.errors).length) parts.push(`errors: ${errorText(p.errors)}`);
    if (parts.length) out.push(`- ${LABELS[p.scenario]}, ${p.connections}: ${parts.join('; ')}.`);
  }
  return out.join('\n');
}

export async function runLoad(): Promise<void> {
  const started = new Date();
  const loadAtStart = loadAverage();
  log(`load: ${SELECTED.join(', ')} at ${CONNECTIONS.join(', ')} connections on ${DBS.join(', ')}; ${WARMUP_S}+${DURATION_S} s per phase`);
  const bare = await Agent.start({}, 'bare.ts');
  const reports: DbReport[] = [];
  try {
    for (const kind of DBS) reports.push(await benchDatabase(kind, bare));
  } finally {
    await bare.agent.stop().catch((err: unknown) => log(`bare server stop: ${String(err)}`));
  }
  const pgVersion = DBS.includes('postgres') ? await postgresVersion(PG_URL) : '';
  const md = [
    `# Load benchmark — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${os.cpus().length} cores, Node ${process.version}${pgVersion ? `, ${pgVersion}` : ''}; ${WARMUP_S} s warm-up (longer until every connection has had its first answer) + ${DURATION_S} s timed per phase. ` +
      'The server (buildApp, logger off) runs in its own process, the bare Fastify route in another, the load generator (keep-alive connections, bench/http.ts) in this one, all on the same machine; ' +
      `load average at start ${loadAtStart}, at the end ${loadAverage()}.`,
    '',
    'Rates count the successful answers of the timed window; errors are counted over the whole phase. The ratios divide by the same figure of the bare Fastify route and of the raw database commits ' +
      'measured at the same connection count in the same run. The public routes keep their production rate limits: the server trusts X-Forwarded-For (TRUST_PROXY=1, as behind a reverse proxy) and ' +
      'each public request names a different client address, as many citizens would, so the limiter runs on every request and no address reaches its limit.',
    '',
    ...reports.flatMap((r) => [`## ${r.kind}`, '', mainTable(r), '', ratioTable(r), '', details(r), '']),
  ].join('\n');
  process.stdout.write(`${md}\n`);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, md);
  log(`written to ${path.relative(process.cwd(), OUT)} in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`);
}
