import { createHash, randomInt } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { beforeCommit, jsonInsert, queryPrepared, type Db, type DbOrTx, type Tx } from '../db/client';
import type { Actor } from '../auth/actor';
import { maskIdNumber, maskPhone } from '../../../common/mask';
import { auditChainHeads, auditEvents } from './audit.tables';

export const GENESIS_HASH = '0'.repeat(64);

/** Who did it and from where, as the audit log records it. */
export interface AuditContext {
  actor: Actor;
  /** The role under which the actor acted (the one that granted the permission). */
  role: string;
  ip: string | null;
  requestId: string | null;
  regionCode: string | null;
  clock: { now(): Date };
}

export interface AuditEventInput {
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping (reason, counts). */
  detail?: unknown;
}

const SECRET_KEY = /password|secret|token|hash$/i;
const ID_KEY = /idnumber|id_number|identity/i;
const PHONE_KEY = /phone|mobile/i;

/** Masks personal data and drops secrets from a summary before it is stored (个人信息保护法). */
export function sanitizeForAudit(value: unknown, key = ''): unknown {
  if (value === undefined) return null;
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => sanitizeForAudit(v, key));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(k)) continue;
      out[k] = sanitizeForAudit(v, k);
    }
    return out;
  }
  if (typeof value === 'string') {
    if (ID_KEY.test(key)) return maskIdNumber(value);
    if (PHONE_KEY.test(key)) return maskPhone(value);
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** JSON with object keys sorted, so that jsonb's own key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface HashedFields {
  chain: number;
  chainSeq: number;
  at: Date;
  regionCode: string | null;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string;
  summary: unknown;
  ip: string | null;
  requestId: string | null;
  prevHash: string;
}

export function hashEntry(e: HashedFields): string {
  const material = canonicalJson([
    e.chain,
    e.chainSeq,
    e.at.toISOString(),
    e.regionCode,
    e.actorId,
    e.actorName,
    e.actorRole,
    e.action,
    e.subjectType,
    e.subjectId,
    e.summary,
    e.ip,
    e.requestId,
    e.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

function actorIdentity(actor: Actor): { id: string | null; name: string } {
  switch (actor.kind) {
    case 'account':
      return { id: actor.id, name: actor.username };
    case 'system':
      return { id: null, name: `system:${actor.name}` };
    case 'anonymous':
      return { id: null, name: 'anonymous' };
  }
}

/** The chain each open transaction appends to: one per transaction, so a transaction locks one head only. */
const chainOfTx = new WeakMap<object, number>();
let chainCount = 8;

export function configureAuditChains(count: number): void {
  chainCount = count;
}

/** Makes sure every chain has its head row; run once at start. */
export async function ensureAuditChains(db: Db): Promise<void> {
  for (let chain = 0; chain < chainCount; chain++) {
    await db.insert(auditChainHeads).values({ chain, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
  }
}

/** An entry as recorded, waiting for its place in a chain. */
type PendingEntry = Omit<HashedFields, 'chain' | 'chainSeq' | 'prevHash'>;

/** Entries recorded in a transaction and not yet appended. */
const pendingOfTx = new WeakMap<object, PendingEntry[]>();

/**
 * Records an audit entry in the caller's transaction. In a transaction of inTransaction the entries are appended
 * together at its end, just before COMMIT: the chain head is then locked for the last moment of the transaction
 * only, instead of from the first change to the commit. Anywhere else the entry is appended at once. Either
 * way it commits or rolls back with the change it describes.
 */
export async function recordEvent(tx: Tx, ctx: AuditContext, input: AuditEventInput): Promise<void> {
  const { id: actorId, name: actorName } = actorIdentity(ctx.actor);
  const entry: PendingEntry = {
    // Millisecond precision: what JavaScript dates and the timestamptz(3) column both hold exactly.
    at: new Date(ctx.clock.now().getTime()),
    regionCode: ctx.regionCode,
    actorId,
    actorName,
    actorRole: ctx.role,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    // Sanitized now: later changes to the objects passed in do not reach the log.
    summary: sanitizeForAudit({ before: input.before ?? null, after: input.after ?? null, detail: input.detail ?? null }),
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
  const pending = pendingOfTx.get(tx);
  if (pending) {
    pending.push(entry);
    return;
  }
  const deferred = beforeCommit(tx, async () => {
    const entries = pendingOfTx.get(tx) ?? [];
    pendingOfTx.delete(tx);
    await appendEntries(tx, entries);
  });
  if (deferred) pendingOfTx.set(tx, [entry]);
  else await appendEntries(tx, [entry]);
}

/**
 * Appends entries to the transaction's chain, in the order recorded. The head row of the chain is locked until
 * the transaction ends, so entries of one chain are appended strictly one after the other.
 */
async function appendEntries(tx: Tx, entries: PendingEntry[]): Promise<void> {
  if (entries.length === 0) return;
  let chain = chainOfTx.get(tx);
  if (chain === undefined) {
    chain = randomInt(chainCount);
    chainOfTx.set(tx, chain);
  }
  const lockHead = async () => (await queryPrepared<{ seq: number; hash: string }>(tx, sql`select seq, hash from ${auditChainHeads} where chain = ${chain} for update`))[0];
  let head = await lockHead();
  if (!head) {
    await tx.insert(auditChainHeads).values({ chain, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
    head = await lockHead();
  }
  let seq = Number(head!.seq);
  let prevHash = head!.hash;
  const rows = entries.map((entry) => {
    const fields: HashedFields = { ...entry, chain: chain!, chainSeq: ++seq, prevHash };
    const hash = hashEntry(fields);
    prevHash = hash;
    return { ...fields, summary: fields.summary as Record<string, unknown>, hash };
  });
  // The entries and the new head in one statement, the entries as one jsonb document (a group commit appends
  // dozens at once, a seed thousands).
  const json = jsonInsert(auditEvents, rows);
  const append = sql`with appended as (${json ?? tx.insert(auditEvents).values(rows).getSQL()}) update ${auditChainHeads} set seq = ${seq}, hash = ${prevHash} where chain = ${chain}`;
  // Prepared when the entries travel as one document: the text is then the same for every append.
  if (json) await queryPrepared(tx, append);
  else await tx.execute(append);
}

export interface ChainBreak {
  id: number;
  chain: number;
  chainSeq: number;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch';
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  chains: number;
  /** The earliest broken entry (by id), when any. */
  firstBreak: ChainBreak | null;
}

/** Walks every chain in order and reports the earliest entry whose hash, link or sequence is wrong. */
export async function verifyAuditChain(db: DbOrTx, batchSize = 2000): Promise<VerifyResult> {
  const heads = await db.select().from(auditChainHeads).orderBy(asc(auditChainHeads.chain));
  const chainsInLog = await db
    .select({ chain: auditEvents.chain })
    .from(auditEvents)
    .groupBy(auditEvents.chain);
  const chainIds = [...new Set([...heads.map((h) => h.chain), ...chainsInLog.map((c) => c.chain)])].sort((a, b) => a - b);
  const breaks: ChainBreak[] = [];
  let entries = 0;
  for (const chain of chainIds) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    let cursor = 0;
    let broken = false;
    for (;;) {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.chain, chain), gt(auditEvents.chainSeq, cursor)))
        .orderBy(asc(auditEvents.chainSeq))
        .limit(batchSize);
      for (const row of rows) {
        entries++;
        if (broken) continue;
        const fail = (reason: ChainBreak['reason']) => {
          breaks.push({ id: row.id, chain, chainSeq: row.chainSeq, reason });
          broken = true;
        };
        if (row.chainSeq !== expectedSeq) fail('sequence_gap');
        else if (row.prevHash !== prevHash) fail('prev_hash_mismatch');
        else if (hashEntry({ ...row, at: new Date(row.at) }) !== row.hash) fail('hash_mismatch');
        prevHash = row.hash;
        expectedSeq = row.chainSeq + 1;
        lastSeq = row.chainSeq;
      }
      if (rows.length < batchSize) break;
      cursor = rows[rows.length - 1]!.chainSeq;
    }
    const head = heads.find((h) => h.chain === chain);
    if (!broken && head && (head.seq !== lastSeq || head.hash !== (lastSeq === 0 ? GENESIS_HASH : prevHash))) {
      // The newest entries of the chain were removed (or the head was edited).
      const [last] = await db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(eq(auditEvents.chain, chain))
        .orderBy(sql`${auditEvents.chainSeq} desc`)
        .limit(1);
      breaks.push({ id: last?.id ?? 0, chain, chainSeq: lastSeq + 1, reason: 'head_mismatch' });
    }
  }
  breaks.sort((a, b) => a.id - b.id);
  return { ok: breaks.length === 0, entries, chains: chainIds.length, firstBreak: breaks[0] ?? null };
}
