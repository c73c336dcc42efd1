/**
 * What the case benchmark (run.ts) and the load benchmark (load.ts) share: a fresh database per run, the server
 * process (agent.ts, or bare.ts for the bare Fastify baseline) driven over IPC, error counting and the intake
 * workload.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { idNumberCheckChar } from '../common/id-number';
import type { AgentCommand, AgentReply } from './protocol';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export type DbKind = 'pglite' | 'postgres';

export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

// ── The agent: the server process that owns the database ─────────────────────────────────────────────────

export interface Counters {
  queries: number;
  cpuMs: number;
  /** The part of cpuMs spent in the kernel (system time: sockets, loopback TCP, which is dear in a VM). */
  sysMs: number;
  /** PostgreSQL backends' CPU (null on PGlite). */
  dbCpuMs: number | null;
  /** Group commits of window intakes so far, and the intakes they wrote. */
  intakeGroups: number;
  groupedIntakes: number;
  /** Time spent in those groups' transactions. */
  intakeGroupMs: number;
}

export class Agent {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (msg: AgentReply) => {
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.ok) w.resolve(msg.result);
      else w.reject(new Error(msg.error));
    });
  }

  /** Forks `script` (a file of bench/: agent.ts by default) and waits for the port it listens on. */
  static async start(childEnv: Record<string, string>, script = 'agent.ts'): Promise<{ agent: Agent; port: number }> {
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
    const child = fork(path.join(HERE, script), [], {
      execArgv: ['--import', 'tsx', ...profile],
      env: { ...process.env, ...childEnv },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: AgentReply) => (m.ok ? resolve((m.result as { port: number }).port) : reject(new Error(m.error))));
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    });
    return { agent: new Agent(child), port };
  }

  /** The server process's id, to read its CPU time from /proc without asking it (it may be too busy to answer). */
  get pid(): number {
    return this.child.pid!;
  }

  call<T>(req: AgentCommand): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...req, id });
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    await this.call({ cmd: 'stop' });
    await exited;
  }

  /** Statements sent to the database and CPU time of the server process so far. */
  counters(): Promise<Counters> {
    return this.call<Counters>({ cmd: 'counters' });
  }
}

const CLOCK_TICKS_PER_S = 100;

/** CPU time (user + system) a process of this machine has used so far, in ms; 0 when it has exited. */
export function processCpuMs(pid: number): number {
  try {
    // Fields 14 and 15 (utime, stime) after the command name in parentheses.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS_PER_S);
  } catch {
    return 0;
  }
}

/**
 * A fresh database for one run: a new PostgreSQL database (dropped afterwards) or a new PGlite data folder; the
 * environment tells the agent which.
 */
export async function freshDatabase(kind: DbKind, pgUrl: string): Promise<{ childEnv: Record<string, string>; cleanup: () => Promise<void> }> {
  const tag = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const childEnv: Record<string, string> = {};
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${tag}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${tag}`;
    childEnv.BENCH_DATABASE_URL = u.toString();
    childEnv.BENCH_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'onewindow-bench-files-'));
    return {
      childEnv,
      cleanup: async () => {
        const c = new pg.Client({ connectionString: pgUrl });
        await c.connect();
        await c.query(`drop database if exists ${tag} with (force)`);
        await c.end();
        fs.rmSync(childEnv.BENCH_DATA_DIR!, { recursive: true, force: true });
      },
    };
  }
  childEnv.BENCH_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'onewindow-bench-'));
  return { childEnv, cleanup: async () => fs.rmSync(childEnv.BENCH_DATA_DIR!, { recursive: true, force: true }) };
}

/** The PostgreSQL server's version line, for the report's header. */
export async function postgresVersion(pgUrl: string): Promise<string> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    return (await c.query<{ v: string }>('select version() as v')).rows[0]!.v.split(' on ')[0]!;
  } finally {
    await c.end();
  }
}

/** Counts an error answer by status and error code ("409 CONFLICT"). */
export function countError(errors: Record<string, number>, status: number, body: string): void {
  let code = String(status);
  try {
    code += ` ${(JSON.parse(body) as { error?: { code?: string } }).error?.code ?? ''}`;
  } catch {
    // not JSON
  }
  errors[code] = (errors[code] ?? 0) + 1;
}

// ── The intake workload ─────────────────────────────────────────────────────────────────────────────────

/** Items of the market-access section (市场准入科): the demo reviewer and chief can work every stage of them. */
export const ITEM_CODES = ['WX-XK-099', 'WX-XK-100', 'WX-XK-102', 'WX-XK-103', 'WX-XK-008'];

export interface ItemInfo {
  id: string;
  code: string;
  materials: { id: string; requirement: 'required' | 'conditional' }[];
}

/** Applicants with valid ID numbers (GB 11643); the first is the demo applicant, who has an account. */
function applicants(): { kind: 'person'; name: string; idNumber: string; phone: string; address: string }[] {
  const bodies = ['13053319880315123', '13053319750402231', '13053319920911104', '13053320010127352', '13053319660830018'];
  const names = ['张明', '李秀英', '王建国', '赵雪', '刘长河'];
  return bodies.map((b, i) => ({ kind: 'person', name: names[i]!, idNumber: b + idNumberCheckChar(b), phone: `1390319${String(1000 + i * 7).padStart(4, '0')}`, address: '威县洺州镇' }));
}

/** Window intakes of the items (every required material received, accepted), one per item and applicant. */
export function intakeBodies(items: ItemInfo[]): unknown[] {
  const people = applicants();
  const bodies: unknown[] = [];
  for (const item of items) {
    for (const applicant of people) {
      bodies.push({
        itemId: item.id,
        applicant,
        summary: `威县${applicant.name}申请${item.code}`,
        materials: item.materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
        outcome: 'accept',
      });
    }
  }
  return bodies;
}
