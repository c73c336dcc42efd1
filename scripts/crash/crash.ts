/**
 * `npm run crash`: crash consistency. On each database (a fresh PGlite data folder; a throwaway PostgreSQL
 * database, created and dropped) it starts a real server (`node --import tsx server/main.ts`, demo mode), drives
 * concurrent intakes and task transitions against it (scripts/crash/workload.ts), keeps every answer 2xx in a
 * ledger, kills the server with SIGKILL at a random moment, restarts it, and repeats. After every kill it checks
 * the database (scripts/crash/checks.ts): no acknowledged write lost, no case in two states, case numbers unique
 * and gapless, every change committed with its audit entry, stored files whole, audit chains intact — and that
 * the sessions signed in before the kills still work. At the end the server stops gracefully, the database is
 * checked once more and `npm run cli -- audit:verify` must pass.
 *
 * PGlite: one process per data folder, so the check opens the folder between the kill and the restart (taking
 * over the dead server's lock, replaying its log); every fourth kill the server itself restarts on the crashed
 * folder instead, and the next check covers both. PostgreSQL: the server restarts first and the check reads
 * a repeatable-read snapshot beside it.
 *
 * A script of its own (scripts/crash/, not bench/: it proves, it does not measure); CI runs it as a step.
 * Options: --kills N (20)  --db pglite,postgres  --pg <server URL> (postgres://postgres@127.0.0.1:5432/postgres)
 *          --clients N (8)  --run-ms MIN-MAX (from the first answer after a start to the kill, 300-2000)
 *          --seed N  --serial (one database after the other; by default both run side by side)
 * Prints a table per database; exits 1 on any lost write or violation.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Client } from '../../bench/http';
import { DEFAULT_DEMO_PASSWORD } from '../../server/config';
import { openPglite, openPostgres, type Database } from '../../server/platform/db/client';
import { acquireDataDirLock } from '../../server/platform/db/lock';
import { checkDatabase, type Findings } from './checks';
import { Ledger } from './ledger';
import { freePort, ServerProcess } from './server';
import { CasePool, ITEM_CODES, random, runWorkload, WORKERS, type Item, type WorkloadDeps, type WorkloadStats } from './workload';

const root = path.resolve(import.meta.dirname, '../..');

export interface CrashOptions {
  kills: number;
  dbs: ('pglite' | 'postgres')[];
  pgUrl: string;
  clients: number;
  runMs: [number, number];
  seed: number;
  /** One database after the other instead of side by side. */
  serial: boolean;
  log: (msg: string) => void;
}

export interface CrashReport {
  kind: 'pglite' | 'postgres';
  kills: number;
  starts: number;
  intakes: number;
  claims: number;
  completions: number;
  cutOff: number;
  committedUnanswered: number;
  cases: number;
  auditEntries: number;
  lost: string[];
  violations: string[];
  refused: Record<string, number>;
  seconds: number;
}

function parseArgs(argv: string[]): CrashOptions {
  const value = (name: string, fallback: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
  };
  const [min, max] = value('run-ms', '300-2000').split('-').map(Number);
  const options: CrashOptions = {
    kills: Number(value('kills', '20')),
    dbs: value('db', 'pglite,postgres').split(',').map((s) => s.trim()) as CrashOptions['dbs'],
    pgUrl: value('pg', 'postgres://postgres@127.0.0.1:5432/postgres'),
    clients: Number(value('clients', '8')),
    runMs: [min!, max ?? min!],
    seed: Number(value('seed', String(randomBytes(4).readUInt32LE()))),
    serial: argv.includes('--serial'),
    log: (msg) => process.stderr.write(`[crash ${new Date().toISOString().slice(11, 19)}] ${msg}\n`),
  };
  if (!Number.isInteger(options.kills) || options.kills < 1) throw new Error('--kills needs a positive number');
  if (!options.runMs.every((n) => Number.isFinite(n) && n >= 0) || options.runMs[0] > options.runMs[1]) throw new Error('--run-ms needs MIN-MAX in milliseconds');
  if (options.dbs.some((d) => d !== 'pglite' && d !== 'postgres')) throw new Error('--db takes pglite, postgres or both');
  return options;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function crashDatabase(kind: 'pglite' | 'postgres', options: CrashOptions): Promise<CrashReport> {
  const began = Date.now();
  const rand = random(options.seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `onewindow-crash-${kind}-`));
  const dbName = `crash_${process.pid}_${randomBytes(3).toString('hex')}`;
  let databaseUrl = '';
  if (kind === 'postgres') {
    await adminQuery(options.pgUrl, `create database ${dbName}`);
    const u = new URL(options.pgUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const server = new ServerProcess(await freePort(), { DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  const ledger = new Ledger();
  const pool = new CasePool();
  const stats: WorkloadStats = { cutOff: 0, refused: {} };
  const lost: string[] = [];
  const violations: string[] = [];
  let last: Findings | null = null;
  let kills = 0;

  /** Opens the database beside (PostgreSQL) or instead of (PGlite) the server, for one check. */
  const check = async (when: string) => {
    let database: Database;
    let release = () => undefined as void;
    if (kind === 'pglite') {
      const lock = acquireDataDirLock(dataDir);
      release = () => lock.release();
      database = await openPglite(dataDir);
    } else {
      database = await openPostgres(databaseUrl, 1);
    }
    try {
      const findings =
        kind === 'postgres'
          ? await database.db.transaction((tx) => checkDatabase(tx, ledger, path.join(dataDir, 'files')), { isolationLevel: 'repeatable read' })
          : await checkDatabase(database.db, ledger, path.join(dataDir, 'files'));
      for (const l of findings.lost) lost.push(`${when}: ${l}`);
      for (const v of findings.violations) violations.push(`${when}: ${v}`);
      last = findings;
      options.log(`${kind} ${when}: ${findings.cases} cases, ${ledger.acknowledged} acknowledged writes, lost ${findings.lost.length}, violations ${findings.violations.length}`);
    } finally {
      await database.close();
      release();
    }
  };

  let http = new Client(server.port, options.clients * 2);
  const cookies: Record<string, string> = {};
  /** Sessions are rows too: a sign-in answered 200 must survive every kill. */
  const checkSessions = async (when: string) => {
    for (const [role, cookie] of Object.entries(cookies)) {
      const res = await http.request('GET', '/api/auth/me', undefined, cookie);
      if (res.status !== 200) lost.push(`${when}: the session of ${role} (signed in before) answers ${res.status}`);
    }
  };

  try {
    options.log(`${kind}: first start (migrations, reference and demo data) in ${dataDir}${databaseUrl ? ` and ${dbName}` : ''}`);
    await server.start();
    for (const role of ['clerk', ...WORKERS]) cookies[role] = await http.login(role, DEFAULT_DEMO_PASSWORD);
    const items: Item[] = [];
    for (const code of ITEM_CODES) {
      const r = await http.request('GET', `/api/public/items/${code}`);
      if (r.status !== 200) throw new Error(`item ${code}: ${r.status} ${r.body.slice(0, 200)}`);
      items.push({ ...(JSON.parse(r.body) as Item), code });
    }
    const serial = { next: 1 };
    const deps = (): WorkloadDeps => ({ http, cookies, items, ledger, pool, rand, stats, serial });

    for (let k = 1; k <= options.kills; k++) {
      const runFor = options.runMs[0] + rand() * (options.runMs[1] - options.runMs[0]);
      const acked = ledger.acknowledged;
      let ended = false;
      const load = runWorkload(deps(), options.clients, () => false).finally(() => (ended = true));
      // Held until awaited below, so that a failure of the workload is reported, not left unhandled meanwhile.
      load.catch(() => undefined);
      // The clock starts at the first answer after the restart: a kill while the server warms up would find nothing in flight.
      const waitUntil = Date.now() + 60_000;
      while (ledger.acknowledged === acked && !ended && Date.now() < waitUntil) await sleep(5);
      if (ledger.acknowledged === acked) {
        await server.kill();
        await load;
        throw new Error(`no write acknowledged within 60 s after start ${server.starts}: ${JSON.stringify(stats.refused)}`);
      }
      await sleep(runFor);
      await server.kill();
      kills++;
      await load;
      http.close();
      http = new Client(server.port, options.clients * 2);
      const when = `kill ${k}`;
      const t0 = Date.now();
      if (kind === 'pglite' && k % 4 === 0 && k < options.kills) {
        // The server recovers the crashed folder itself this time; the next check covers these writes too.
        await server.start();
      } else if (kind === 'pglite') {
        await check(when);
        await server.start();
      } else {
        await server.start();
        await check(when);
      }
      await checkSessions(when);
      options.log(`${kind} ${when}: check and restart took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }

    // A last stretch of work, a graceful stop, the final check and the CLI's own audit verification.
    let stop = false;
    const load = runWorkload(deps(), options.clients, () => stop);
    await sleep(options.runMs[1]);
    stop = true;
    await load;
    await server.stop();
    await check('end');
    const cli = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'cli.ts'), 'audit:verify'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    if (cli.status !== 0) violations.push(`end: npm run cli -- audit:verify exited ${cli.status}: ${cli.stderr.trim() || cli.stdout.trim()}`);
    else options.log(`${kind}: ${cli.stdout.trim()}`);
  } catch (err) {
    violations.push(`harness stopped: ${(err as Error).message}`);
    await server.kill();
  } finally {
    http.close();
    if (kind === 'postgres') await adminQuery(options.pgUrl, `drop database if exists ${dbName} with (force)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const findings = last as Findings | null;
  return {
    kind,
    kills,
    starts: server.starts,
    intakes: ledger.intakes,
    claims: ledger.claims,
    completions: ledger.completions,
    cutOff: stats.cutOff,
    committedUnanswered: findings?.unacknowledgedCommitted ?? 0,
    cases: findings?.cases ?? 0,
    auditEntries: findings?.auditEntries ?? 0,
    lost,
    violations,
    refused: stats.refused,
    seconds: (Date.now() - began) / 1000,
  };
}

export function renderReports(reports: CrashReport[], options: Pick<CrashOptions, 'seed' | 'clients' | 'runMs'>): string {
  const lines = [
    `Crash consistency — seed ${options.seed}, ${options.clients} clients, kill ${options.runMs[0]}–${options.runMs[1]} ms after each start`,
    '',
    '| database | kills | starts | acknowledged writes (intake / claim / approve) | cut off by a kill | committed, unanswered | cases checked | audit entries | lost writes | violations | time |',
    '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of reports) {
    lines.push(
      `| ${r.kind} | ${r.kills} | ${r.starts} | ${r.intakes + r.claims + r.completions} (${r.intakes} / ${r.claims} / ${r.completions}) | ${r.cutOff} | ${r.committedUnanswered} | ${r.cases} | ${r.auditEntries} | **${r.lost.length}** | **${r.violations.length}** | ${r.seconds.toFixed(0)} s |`,
    );
  }
  for (const r of reports) {
    const refused = Object.entries(r.refused);
    if (refused.length) lines.push('', `${r.kind}: answers other than 2xx (after a kill the harness's view can be stale; it reads the case again)`, ...refused.map(([k, n]) => `  ${n} × ${k}`));
    if (r.lost.length) lines.push('', `${r.kind}: LOST`, ...r.lost.slice(0, 50).map((l) => `  ${l}`));
    if (r.violations.length) lines.push('', `${r.kind}: VIOLATIONS`, ...r.violations.slice(0, 50).map((v) => `  ${v}`));
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // The databases side by side: most of a cycle is a server starting, which leaves the other core idle.
  const reports = options.serial
    ? await options.dbs.reduce<Promise<CrashReport[]>>(async (done, kind) => [...(await done), await crashDatabase(kind, options)], Promise.resolve([]))
    : await Promise.all(options.dbs.map((kind) => crashDatabase(kind, options)));
  console.log(renderReports(reports, options));
  process.exit(reports.some((r) => r.lost.length || r.violations.length) ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
