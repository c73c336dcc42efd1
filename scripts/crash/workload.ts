/**
 * The crash harness's load: concurrent clients taking applications at a window (as the demo clerk) and working
 * the cases' tasks (claim, then approve, as the demo reviewer, chief, leader and issuer), each answer 2xx written
 * into the ledger. A client stops at its first failed connection: the server has been killed.
 */
import { idNumberCheckChar } from '../../common/id-number';
import type { Client } from '../../bench/http';
import { HARNESS_MARK } from './checks';
import type { CaseAnswer, Ledger, TaskAnswer } from './ledger';

/** Items of the market-access section (市场准入科), every stage of which the demo staff can work. */
export const ITEM_CODES = ['WX-XK-099', 'WX-XK-100', 'WX-XK-102', 'WX-XK-103', 'WX-XK-008'];
/** Who works which tasks; the clerk takes the applications. */
export const WORKERS = ['reviewer', 'chief', 'leader', 'issuer'];

export interface Item {
  id: string;
  code: string;
  materials: { id: string; requirement: 'required' | 'conditional' }[];
}

/** A small seeded generator, so that a run's choices can be repeated (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPLICANTS = [
  ['张明', '13053319880315123'],
  ['李秀英', '13053319750402231'],
  ['王建国', '13053319920911104'],
  ['赵雪', '13053320010127352'],
  ['刘长河', '13053319660830018'],
].map(([name, body], i) => ({ kind: 'person', name: name!, idNumber: body! + idNumberCheckChar(body!), phone: `1390319${String(1000 + i * 7)}`, address: '威县洺州镇' }));

/** The harness's own view of the cases it drives: what the server last said, acknowledged or only read. */
export class CasePool {
  private readonly cases = new Map<string, CaseAnswer>();
  private readonly busy = new Set<string>();
  /** Cases whose last request got no answer: read again before the next step. */
  readonly stale = new Set<string>();

  put(c: CaseAnswer): void {
    if (c.tasks.some((t) => t.status === 'open' && WORKERS.includes(t.role))) this.cases.set(c.id, c);
    else this.cases.delete(c.id);
  }

  /** A case with a task the demo staff can work, not being worked by another client. */
  take(rand: () => number): CaseAnswer | null {
    const free = [...this.cases.keys()].filter((id) => !this.busy.has(id));
    if (!free.length) return null;
    const id = free[Math.floor(rand() * free.length)]!;
    this.busy.add(id);
    return this.cases.get(id)!;
  }

  release(id: string): void {
    this.busy.delete(id);
  }

  get size(): number {
    return this.cases.size;
  }
}

export interface WorkloadStats {
  /** Requests cut off without an answer (by the kill). */
  cutOff: number;
  /** Answers other than 2xx, by status and error code. */
  refused: Record<string, number>;
}

class Cutoff extends Error {}

export interface WorkloadDeps {
  http: Client;
  cookies: Record<string, string>;
  items: Item[];
  ledger: Ledger;
  pool: CasePool;
  rand: () => number;
  stats: WorkloadStats;
  /** Numbers the harness's cases by a running serial in their summary. */
  serial: { next: number };
}

async function call(d: WorkloadDeps, method: 'GET' | 'POST', url: string, role: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  let reply;
  try {
    reply = await d.http.request(method, url, body, d.cookies[role]);
  } catch {
    d.stats.cutOff++;
    throw new Cutoff();
  }
  let json: unknown = null;
  try {
    json = reply.body ? JSON.parse(reply.body) : null;
  } catch {
    // an answer cut in the middle
  }
  if (reply.status < 200 || reply.status > 299) {
    const code = (json as { error?: { code?: string } } | null)?.error?.code ?? '';
    const key = `${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')} → ${reply.status} ${code}`.trim();
    d.stats.refused[key] = (d.stats.refused[key] ?? 0) + 1;
  }
  return { status: reply.status, json };
}

async function intake(d: WorkloadDeps): Promise<void> {
  const item = d.items[Math.floor(d.rand() * d.items.length)]!;
  const applicant = APPLICANTS[Math.floor(d.rand() * APPLICANTS.length)]!;
  // Now and then a one-time notice (一次性告知) instead of acceptance: a case with no task.
  const notice = d.rand() < 0.15;
  const materials = item.materials.map((m, i) => ({
    itemMaterialId: m.id,
    status: m.requirement === 'required' ? (notice && i === 0 ? 'missing' : 'received') : 'not_applicable',
    ...(notice && i === 0 ? { note: '缺原件' } : {}),
  }));
  const res = await call(d, 'POST', '/api/cases/intake', 'clerk', {
    itemId: item.id,
    applicant,
    summary: `${HARNESS_MARK} #${d.serial.next++} ${applicant.name}申请${item.code}`,
    materials,
    outcome: notice && item.materials[0]?.requirement === 'required' ? 'request_materials' : 'accept',
  });
  if (res.status === 201) {
    const c = res.json as CaseAnswer;
    d.ledger.ackCase(c, 'intake');
    d.pool.put(c);
  }
}

/** Reads a case again after a request that got no answer or a conflict (the clerk sees every case). */
async function resync(d: WorkloadDeps, id: string): Promise<void> {
  const res = await call(d, 'GET', `/api/cases/${id}`, 'clerk');
  if (res.status === 200) {
    d.pool.put(res.json as CaseAnswer);
    d.pool.stale.delete(id);
  }
}

/** One step on a case: claim its open task, or approve the task already claimed. */
async function step(d: WorkloadDeps, c: CaseAnswer): Promise<void> {
  if (d.pool.stale.has(c.id)) return resync(d, c.id);
  const task = c.tasks.find((t) => t.status === 'open' && WORKERS.includes(t.role));
  if (!task) return;
  if (!task.assignee) {
    const res = await call(d, 'POST', `/api/tasks/${task.id}/claim`, task.role, { version: task.version });
    if (res.status !== 200) return resync(d, c.id);
    const claimed = res.json as TaskAnswer;
    d.ledger.ackClaim(claimed);
    d.pool.put({ ...c, tasks: c.tasks.map((t) => (t.id === claimed.id ? claimed : t)) });
    return;
  }
  const res = await call(d, 'POST', `/api/tasks/${task.id}/complete`, task.role, { version: task.version, outcome: 'approve', opinion: '符合规定，同意。' });
  if (res.status !== 200) return resync(d, c.id);
  const after = res.json as CaseAnswer;
  d.ledger.ackCase(after, 'complete');
  d.pool.put(after);
}

/**
 * Runs `clients` clients until `shouldStop()` or until the server stops answering; resolves when every client
 * has ended. Cases whose request was cut off are marked stale.
 */
export async function runWorkload(d: WorkloadDeps, clients: number, shouldStop: () => boolean): Promise<void> {
  const client = async () => {
    while (!shouldStop()) {
      const c = d.rand() < 0.55 ? d.pool.take(d.rand) : null;
      try {
        if (c) await step(d, c);
        else await intake(d);
      } catch (err) {
        if (c) d.pool.stale.add(c.id);
        if (err instanceof Cutoff) return;
        throw err;
      } finally {
        if (c) d.pool.release(c.id);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
}
