/**
 * `npm run bench`: the case benchmark (issue 3, item 10); `npm run bench -- load` (or `npm run bench:load`) runs
 * the load benchmark of load.ts instead. On PGlite and on PostgreSQL, each in a fresh migrated and seeded
 * database, the case benchmark measures
 *   baseline     the database's raw single-row autocommit insert rate, same driver, same run;
 *   intake       32 keep-alive HTTP clients posting POST /api/cases/intake (all required materials received),
 *                with the cost per intake under load (statements, server and PostgreSQL CPU) and the group
 *                commits the intakes were written in (ADR 0007);
 *   transitions  32 clients claiming and completing the tasks of cases made beforehand;
 *   due-soon     the supervisors' "due within 2 working days" list over 1,000,000 open cases;
 * and prints one markdown table per database (rates as ratios to the same-run baseline), also written to
 * bench/results/latest.md. Never part of `npm test` or CI.
 *
 * Environment: BENCH_DURATION (s per timed phase, 15), BENCH_WARMUP (s, 3), BENCH_CASES (open cases for the
 * due-soon query, 1000000), BENCH_CLIENTS (32), BENCH_DBS (pglite,postgres), BENCH_PG_URL, BENCH_POOL_SIZE (server
 * pool; the server's default otherwise), BENCH_BASELINE (s, 5), BENCH_CPU_PROF (folder: the server writes a
 * .cpuprofile there), BENCH_OUT (bench/results/latest.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DEMO_PASSWORD } from '../server/config';
import { Agent, countError, freshDatabase, intakeBodies, ITEM_CODES, log, postgresVersion, type Counters, type ItemInfo } from './harness';
import { Client } from './http';
import type { BaselineResult, DueSoonResult } from './protocol';
import { median, summarize, type Latencies } from './stats';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const DURATION_S = Number(env.BENCH_DURATION ?? 15);
const WARMUP_S = Number(env.BENCH_WARMUP ?? 3);
const BASELINE_S = Number(env.BENCH_BASELINE ?? 5);
const OPEN_CASES = Number(env.BENCH_CASES ?? 1_000_000);
const CLIENTS = Number(env.BENCH_CLIENTS ?? 32);
const DBS = (env.BENCH_DBS ?? 'pglite,postgres').split(',').map((s) => s.trim()) as ('pglite' | 'postgres')[];
const PG_URL = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const OUT = env.BENCH_OUT ?? path.join(HERE, 'results', 'latest.md');
/** The due-soon load stops (and is reported as cut short) when it would take longer than this. */
/** Requests of each kind sent one at a time to count statements and CPU. */
const PROBES = 40;
const BULK_BUDGET_MS = Number(env.BENCH_BULK_BUDGET_S ?? 240) * 1000;

// ── Load ─────────────────────────────────────────────────────────────────────────────────────────────────

interface PhaseResult {
  /** Operations counted in the timed window. */
  count: number;
  /** Operations completed in the whole phase, warm-up included (for the cost per request under load). */
  total: number;
  seconds: number;
  rate: number;
  latency: Latencies;
  errors: Record<string, number>;
  /** CPU ms of this process (the load generator) per operation, over the whole phase. */
  clientCpuMs: number;
}

/**
 * Runs `clients` loops of `op` for warm-up + duration; only operations that start after the warm-up and end
 * before the deadline are counted. `op` returns its latencies (one per request) or null when it has no work.
 */
async function runClients(clients: number, op: (client: number) => Promise<number[] | null>, errors: Record<string, number>): Promise<PhaseResult> {
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const from = start + WARMUP_S * 1000;
  const until = from + DURATION_S * 1000;
  const samples: number[] = [];
  let total = 0;
  let lastEnd = from;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const lat = await op(c);
        const t1 = performance.now();
        if (lat === null) return;
        total += lat.length;
        if (t0 >= from && t1 <= until) {
          samples.push(...lat);
          lastEnd = Math.max(lastEnd, t1);
        }
      }
    }),
  );
  const seconds = (Math.min(until, Math.max(lastEnd, from + 1)) - from) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const clientCpuMs = (cpu.user + cpu.system) / 1000 / Math.max(1, total);
  return { count: samples.length, total, seconds, rate: samples.length / seconds, latency: summarize(samples), errors, clientCpuMs };
}

// ── The workload ─────────────────────────────────────────────────────────────────────────────────────────

interface TaskInfo {
  id: string;
  role: string;
  status: string;
  version: number;
}
interface CaseInfo {
  id: string;
  tasks: TaskInfo[];
}

function openTask(c: CaseInfo): TaskInfo | undefined {
  return c.tasks.find((t) => t.status === 'open');
}

/** Cost of one request: statements sent, server CPU ms, PostgreSQL backend CPU ms (null on PGlite). */
interface PerRequest {
  queries: number;
  cpuMs: number;
  sysMs: number;
  dbCpuMs: number | null;
}

function costBetween(a: Counters, b: Counters, n: number): PerRequest {
  return { queries: (b.queries - a.queries) / n, cpuMs: (b.cpuMs - a.cpuMs) / n, sysMs: (b.sysMs - a.sysMs) / n, dbCpuMs: a.dbCpuMs === null || b.dbCpuMs === null ? null : (b.dbCpuMs - a.dbCpuMs) / n };
}

function addCost(total: PerRequest, part: PerRequest): PerRequest {
  return { queries: total.queries + part.queries, cpuMs: total.cpuMs + part.cpuMs, sysMs: total.sysMs + part.sysMs, dbCpuMs: total.dbCpuMs === null || part.dbCpuMs === null ? null : total.dbCpuMs + part.dbCpuMs };
}

interface DbReport {
  kind: 'pglite' | 'postgres';
  poolSize: number;
  baselines: BaselineResult[];
  intake: PhaseResult;
  transitions: PhaseResult;
  /** Per request, one at a time: statements sent (BEGIN, COMMIT, the session lookup included) and server CPU ms. */
  perRequest: { intake: PerRequest; claim: PerRequest; complete: PerRequest };
  /** Per intake while 32 clients sent them, and the group commits they were written in. */
  intakeUnderLoad: PerRequest & { groups: number; intakes: number; groupMs: number };
  sequential: { intake: number; claim: number; complete: number };
  dueSoon: (DueSoonResult & { httpMedianMs: number; bulk: { inserted: number; ms: number; skippedReason?: string } }) | { skipped: string };
}

async function benchDatabase(kind: 'pglite' | 'postgres'): Promise<DbReport> {
  const { childEnv, cleanup } = await freshDatabase(kind, PG_URL);
  if (env.BENCH_POOL_SIZE) childEnv.BENCH_POOL_SIZE = env.BENCH_POOL_SIZE;
  log(`${kind}: preparing a fresh database`);
  const { agent, port } = await Agent.start(childEnv);
  const http = new Client(port, CLIENTS * 2);
  try {
    const info = await agent.call<{ poolSize: number }>({ cmd: 'info' });

    // Baseline: raw commits on the same driver, same database, same run.
    const baselines: BaselineResult[] = [];
    log(`${kind}: baseline, 1 connection`);
    baselines.push(await agent.call<BaselineResult>({ cmd: 'baseline', seconds: BASELINE_S, concurrency: 1 }));
    if (kind === 'postgres') {
      log(`${kind}: baseline, ${CLIENTS} connections`);
      baselines.push(await agent.call<BaselineResult>({ cmd: 'baseline', seconds: BASELINE_S, concurrency: CLIENTS }));
    }

    const cookies: Record<string, string> = {};
    for (const role of ['clerk', 'reviewer', 'chief', 'leader', 'issuer', 'supervisor']) cookies[role] = await http.login(role, DEFAULT_DEMO_PASSWORD);
    const items: ItemInfo[] = [];
    for (const code of ITEM_CODES) {
      const r = await http.request('GET', `/api/public/items/${code}`);
      if (r.status !== 200) throw new Error(`item ${code}: ${r.status}`);
      items.push({ ...(JSON.parse(r.body) as ItemInfo), code });
    }
    const bodies = intakeBodies(items);
    const made: string[] = [];
    const intakeOnce = async (i: number, keep: boolean): Promise<{ ms: number; ok: boolean; status: number; body: string }> => {
      const r = await http.request('POST', '/api/cases/intake', bodies[i % bodies.length], cookies.clerk);
      if (r.status === 201 && keep) made.push(r.body);
      return { ms: r.ms, ok: r.status === 201, status: r.status, body: r.body };
    };

    // Queries per intake, one at a time (BEGIN, COMMIT and the session lookup included).
    const seq: number[] = [];
    for (let i = 0; i < 5; i++) await intakeOnce(i, true);
    const c0 = await agent.counters();
    for (let i = 0; i < PROBES; i++) seq.push((await intakeOnce(i, true)).ms);
    const intakeCost = costBetween(c0, await agent.counters(), PROBES);

    log(`${kind}: intake, ${CLIENTS} clients, ${WARMUP_S}+${DURATION_S} s`);
    const intakeErrors: Record<string, number> = {};
    const beforeLoad = await agent.counters();
    let counter = 0;
    const intake = await runClients(
      CLIENTS,
      async () => {
        const r = await intakeOnce(counter++, true);
        if (!r.ok) countError(intakeErrors, r.status, r.body);
        return r.ok ? [r.ms] : [];
      },
      intakeErrors,
    );
    const afterLoad = await agent.counters();
    const intakeUnderLoad = {
      ...costBetween(beforeLoad, afterLoad, intake.total),
      groups: afterLoad.intakeGroups - beforeLoad.intakeGroups,
      intakes: afterLoad.groupedIntakes - beforeLoad.groupedIntakes,
      groupMs: afterLoad.intakeGroupMs - beforeLoad.intakeGroupMs,
    };
    log(`${kind}: intake ${intake.rate.toFixed(0)}/s p95 ${intake.latency.p95.toFixed(1)} ms`);

    // The intake burst leaves thousands of new rows that autovacuum would now analyse and vacuum in the background,
    // competing with the next phase: done here, between the phases, so that each phase measures its own work.
    await agent.call({ cmd: 'vacuum' });

    // Transitions on the cases made so far: each client drives its case through the stages (claim, complete).
    const queue: CaseInfo[] = made.map((b) => JSON.parse(b) as CaseInfo).filter((c) => openTask(c));
    made.length = 0;
    const transitionErrors: Record<string, number> = {};
    const step = async (c: CaseInfo): Promise<{ latencies: number[]; next: CaseInfo | null }> => {
      const task = openTask(c);
      const cookie = task ? cookies[task.role] : undefined;
      if (!task || !cookie) return { latencies: [], next: null };
      const claim = await http.request('POST', `/api/tasks/${task.id}/claim`, { version: task.version }, cookie);
      if (claim.status !== 200) {
        countError(transitionErrors, claim.status, claim.body);
        return { latencies: [], next: null };
      }
      const claimed = JSON.parse(claim.body) as TaskInfo;
      const done = await http.request('POST', `/api/tasks/${task.id}/complete`, { version: claimed.version, outcome: 'approve', opinion: '符合规定，同意。' }, cookie);
      if (done.status !== 200) {
        countError(transitionErrors, done.status, done.body);
        return { latencies: [claim.ms], next: null };
      }
      return { latencies: [claim.ms, done.ms], next: JSON.parse(done.body) as CaseInfo };
    };

    // Queries per transition, one at a time.
    const probe = queue.splice(0, PROBES);
    let claimCost: PerRequest = { queries: 0, cpuMs: 0, sysMs: 0, dbCpuMs: 0 };
    let completeCost: PerRequest = { queries: 0, cpuMs: 0, sysMs: 0, dbCpuMs: 0 };
    const seqClaim: number[] = [];
    const seqComplete: number[] = [];
    for (const c of probe) {
      const task = openTask(c)!;
      const cookie = cookies[task.role]!;
      const a = await agent.counters();
      const claim = await http.request('POST', `/api/tasks/${task.id}/claim`, { version: task.version }, cookie);
      const b = await agent.counters();
      const done = await http.request('POST', `/api/tasks/${task.id}/complete`, { version: (JSON.parse(claim.body) as TaskInfo).version, outcome: 'approve', opinion: '同意。' }, cookie);
      const d = await agent.counters();
      if (claim.status !== 200 || done.status !== 200) throw new Error(`probe transition: ${claim.status} ${done.status} ${done.body.slice(0, 300)}`);
      claimCost = addCost(claimCost, costBetween(a, b, probe.length));
      completeCost = addCost(completeCost, costBetween(b, d, probe.length));
      seqClaim.push(claim.ms);
      seqComplete.push(done.ms);
    }

    log(`${kind}: transitions, ${CLIENTS} clients over ${queue.length} cases, ${WARMUP_S}+${DURATION_S} s`);
    const current: (CaseInfo | null)[] = Array.from({ length: CLIENTS }, () => null);
    const transitions = await runClients(
      CLIENTS,
      async (client) => {
        current[client] ??= queue.pop() ?? null;
        const c = current[client];
        if (!c) return null;
        const r = await step(c);
        current[client] = r.next && openTask(r.next) ? r.next : null;
        return r.latencies;
      },
      transitionErrors,
    );
    log(`${kind}: transitions ${transitions.rate.toFixed(0)}/s p95 ${transitions.latency.p95.toFixed(1)} ms (${queue.length} cases left)`);

    // Due soon over a million open cases.
    log(`${kind}: loading ${OPEN_CASES} open cases`);
    const bulk = await agent.call<{ inserted: number; ms: number; skippedReason?: string }>({ cmd: 'bulkCases', total: OPEN_CASES, chunk: 100_000, deadlineMs: BULK_BUDGET_MS });
    log(`${kind}: ${bulk.inserted} cases in ${(bulk.ms / 1000).toFixed(1)} s${bulk.skippedReason ? ` (${bulk.skippedReason})` : ''}`);
    const r = await agent.call<DueSoonResult>({ cmd: 'dueSoon', runs: 7 });
    const httpTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await http.request('GET', '/api/cases/overdue?within=2', undefined, cookies.supervisor);
      if (res.status !== 200) throw new Error(`overdue: ${res.status} ${res.body.slice(0, 200)}`);
      httpTimes.push(res.ms);
    }
    const dueSoon: DbReport['dueSoon'] = { ...r, httpMedianMs: median(httpTimes), bulk };
    log(`${kind}: due-soon median ${r.medianMs.toFixed(1)} ms over ${r.openCases} open cases (count ${r.total})`);

    return {
      kind,
      poolSize: info.poolSize,
      baselines,
      intake,
      transitions,
      perRequest: { intake: intakeCost, claim: claimCost, complete: completeCost },
      intakeUnderLoad,
      sequential: { intake: median(seq), claim: median(seqClaim), complete: median(seqComplete) },
      dueSoon,
    };
  } finally {
    http.close();
    await agent.stop().catch((err: unknown) => log(`agent stop: ${String(err)}`));
    await cleanup();
  }
}

// ── Report ───────────────────────────────────────────────────────────────────────────────────────────────

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');

function table(r: DbReport): string {
  const base = r.baselines[r.baselines.length - 1]!;
  const ratio = (rate: number) => (rate / base.rate).toFixed(3);
  const lines = [
    `| ${r.kind} | rate | p50 ms | p95 ms | p99 ms | ratio to baseline |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const b of r.baselines) {
    lines.push(`| baseline (${b.concurrency} conn${b.concurrency > 1 ? 's' : ''}, autocommit insert) | ${f0(b.rate)} commits/s | ${f1(b.latency.p50)} | ${f1(b.latency.p95)} | ${f1(b.latency.p99)} | ${ratio(b.rate)} |`);
  }
  lines.push(`| intake (${CLIENTS} clients) | ${f0(r.intake.rate)} req/s | ${f1(r.intake.latency.p50)} | ${f1(r.intake.latency.p95)} | ${f1(r.intake.latency.p99)} | ${ratio(r.intake.rate)} |`);
  lines.push(`| transitions (${CLIENTS} clients, claim or complete) | ${f0(r.transitions.rate)} req/s | ${f1(r.transitions.latency.p50)} | ${f1(r.transitions.latency.p95)} | ${f1(r.transitions.latency.p99)} | ${ratio(r.transitions.rate)} |`);
  if ('skipped' in r.dueSoon) lines.push(`| due-soon | skipped: ${r.dueSoon.skipped} | | | | |`);
  else {
    const d = r.dueSoon;
    lines.push(`| due-soon (${f0(d.openCases)} open cases; count ${f0(d.total)} + first page of ${d.firstPage}) | median of ${d.runs} | ${f1(d.medianMs)} | — | max ${f1(Math.max(...d.allMs))} | — |`);
  }
  return lines.join('\n');
}

function details(r: DbReport): string {
  const out: string[] = [];
  const base = r.baselines[r.baselines.length - 1]!;
  out.push(`Ratios are to the last baseline row (${base.concurrency} connection${base.concurrency > 1 ? 's' : ''}). Server pool size: ${r.poolSize}.`);
  const pr = r.perRequest;
  const cost = (c: PerRequest) => `${f1(c.queries)} statements, server ${f1(c.cpuMs)} ms (kernel ${f1(c.sysMs)})${c.dbCpuMs === null ? '' : ` + PostgreSQL ${f1(c.dbCpuMs)} ms`} CPU`;
  out.push(
    `Per request, one at a time (${PROBES} of each; statements include BEGIN, COMMIT and the session lookup): ` +
      `intake ${cost(pr.intake)}; claim ${cost(pr.claim)}; complete ${cost(pr.complete)}.`,
  );
  const u = r.intakeUnderLoad;
  out.push(
    `Per intake under load (${CLIENTS} clients, warm-up included): ${cost(u)}; written in ${f0(u.groups)} group commits of ${f1(u.intakes / Math.max(1, u.groups))} intakes ` +
      `and ${f1(u.groupMs / Math.max(1, u.groups))} ms on average (each group: BEGIN, the day's counter and the cases, their checklists, tasks, timelines and notices, ` +
      'the staff views read back, the audit append, COMMIT).',
  );
  out.push(`Unloaded latency (one client, median): intake ${f1(r.sequential.intake)} ms, claim ${f1(r.sequential.claim)} ms, complete ${f1(r.sequential.complete)} ms.`);
  for (const [name, p] of [['intake', r.intake], ['transitions', r.transitions]] as const) {
    const errs = Object.entries(p.errors);
    out.push(
      `${name}: ${f0(p.count)} requests in ${f1(p.seconds)} s${errs.length ? `; errors: ${errs.map(([k, v]) => `${k} ×${v}`).join(', ')}` : ', no errors'}; ` +
        `the load generator used ${f1(p.clientCpuMs)} ms CPU per request.`,
    );
  }
  if (!('skipped' in r.dueSoon)) {
    const d = r.dueSoon;
    out.push(`due-soon: ${f0(d.bulk.inserted)} cases loaded in ${f1(d.bulk.ms / 1000)} s${d.bulk.skippedReason ? ` (${d.bulk.skippedReason})` : ''}; runs ${d.allMs.map(f1).join(', ')} ms; through HTTP (GET /api/cases/overdue?within=2) median ${f1(d.httpMedianMs)} ms.`);
    return `${out.join('\n\n')}\n\nEXPLAIN (ANALYZE, BUFFERS) of the statements the service sent:\n\n\`\`\`\n${d.plans.join('\n\n')}\n\`\`\``;
  }
  return out.join('\n\n');
}

async function main(): Promise<void> {
  const started = new Date();
  // Other work on the machine moves every absolute figure; the ratios to the same-run baseline move less.
  const loadAtStart = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const reports: DbReport[] = [];
  for (const kind of DBS) reports.push(await benchDatabase(kind));
  const pgVersion = DBS.includes('postgres') ? await postgresVersion(PG_URL) : '';
  const md = [
    `# Case benchmark — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${os.cpus().length} cores, Node ${process.version}${pgVersion ? `, ${pgVersion}` : ''}; ${CLIENTS} clients, ${WARMUP_S} s warm-up + ${DURATION_S} s per timed phase; ` +
      'the server (buildApp, logger off) runs in its own process, the load generator in this one, on the same machine; ' +
      `load average at start ${loadAtStart}.`,
    '',
    ...reports.flatMap((r) => [`## ${r.kind}`, '', table(r), '', details(r), '']),
  ].join('\n');
  process.stdout.write(`${md}\n`);
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, md);
  log(`written to ${path.relative(process.cwd(), OUT)} in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`);
}

// `npm run bench -- load`: the load benchmark (load.ts) instead.
const mode = process.argv[2] ?? 'cases';
const run = mode === 'load' ? import('./load').then((m) => m.runLoad()) : mode === 'cases' ? main() : Promise.reject(new Error(`unknown benchmark ${mode}: cases (the default) or load`));
run.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
