/**
 * What must hold in the database after any crash (scripts/crash/crash.ts runs these after every kill):
 *
 *   lost         every write the server acknowledged is there: the case with its number, at least as far on
 *                as acknowledged (version not lower; a task or case that was acknowledged finished stays so);
 *   violations   no case in two states (its phase column and engine state agree; its open tasks are exactly
 *                those its state implies — so never two open tasks of one stage); case numbers unique and,
 *                as ADR 0002 §8 promises, gapless per region and day (numbers taken = the day's counter); every
 *                case's newest audit entry names the version the case row has (change and entry committed
 *                together); every stored file is on disk with its hash; the audit hash chains verify.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { verifyAuditChain } from '../../server/platform/audit/audit';
import { queryRows, type DbOrTx } from '../../server/platform/db/client';
import { expectedOpenTasks, type EngineState } from '../../server/modules/cases/cases.engine';
import { TERMINAL_PHASES, type Ledger } from './ledger';

export interface Findings {
  lost: string[];
  violations: string[];
  cases: number;
  auditEntries: number;
  storedFiles: number;
  /** Harness cases in the database that were never acknowledged (cut off by a kill after their commit). */
  unacknowledgedCommitted: number;
}

type CaseRowLite = {
  id: string;
  number: string;
  region_code: string;
  phase: string;
  version: number;
  state: EngineState;
  summary: string;
};

type TaskRowLite = {
  id: string;
  case_id: string;
  key: string;
  status: string;
  version: number;
  assignee_id: string | null;
};

/** Marks the cases the harness makes (their summary), to tell them from the demo data. */
export const HARNESS_MARK = '崩溃测试';

export async function checkDatabase(db: DbOrTx, ledger: Ledger, filesDir: string): Promise<Findings> {
  const lost: string[] = [];
  const violations: string[] = [];
  const cases = await queryRows<CaseRowLite>(db, sql`select id, number, region_code, phase, version, state, summary from cases`);
  const tasks = await queryRows<TaskRowLite>(db, sql`select id, case_id, key, status, version, assignee_id from case_tasks`);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const taskById = new Map(tasks.map((t) => [t.id, t]));

  // Acknowledged writes.
  for (const ack of ledger.cases.values()) {
    const c = byId.get(ack.id);
    if (!c) {
      lost.push(`case ${ack.number} (${ack.id}) acknowledged, not in the database`);
      continue;
    }
    if (c.number !== ack.number) lost.push(`case ${ack.id}: number ${c.number}, acknowledged as ${ack.number}`);
    if (c.version < ack.version) lost.push(`case ${ack.number}: version ${c.version} < acknowledged ${ack.version} (phase ${c.phase}, acknowledged ${ack.phase})`);
    if (TERMINAL_PHASES.has(ack.phase) && c.phase !== ack.phase) lost.push(`case ${ack.number}: phase ${c.phase}, acknowledged ${ack.phase}`);
    for (const t of ack.tasks.values()) {
      const row = taskById.get(t.id);
      if (!row) {
        lost.push(`case ${ack.number}: task ${t.key} (${t.id}) acknowledged, not in the database`);
        continue;
      }
      if (row.version < t.version) lost.push(`case ${ack.number}: task ${t.key} version ${row.version} < acknowledged ${t.version}`);
      if (t.status !== 'open' && row.status !== t.status) lost.push(`case ${ack.number}: task ${t.key} is ${row.status}, acknowledged ${t.status}`);
      if (t.status === 'open' && t.assigneeId && row.status === 'open' && row.assignee_id !== t.assigneeId) {
        lost.push(`case ${ack.number}: task ${t.key} claimed by ${t.assigneeId} (acknowledged), now assigned to ${row.assignee_id}`);
      }
    }
  }

  // One state per case: the phase column, the engine state and the open tasks agree.
  const openByCase = new Map<string, string[]>();
  for (const t of tasks) if (t.status === 'open') openByCase.set(t.case_id, [...(openByCase.get(t.case_id) ?? []), t.key]);
  for (const c of cases) {
    if (c.state.phase !== c.phase) violations.push(`case ${c.number}: phase column ${c.phase}, engine state ${c.state.phase}`);
    const open = (openByCase.get(c.id) ?? []).sort();
    const expected = expectedOpenTasks(c.state);
    if (open.join(',') !== expected.join(',')) violations.push(`case ${c.number} (${c.phase}): open tasks [${open.join(', ')}], its state implies [${expected.join(', ')}]`);
  }
  for (const t of tasks) if (!byId.has(t.case_id)) violations.push(`task ${t.id} of a case that does not exist`);

  // Numbers: unique, and per region and day exactly 1..counter (cases and 联办 bundles share the sequence).
  const numbers = await queryRows<{ region_code: string; number: string }>(db, sql`select region_code, number from cases union all select region_code, number from case_bundles`);
  const counters = await queryRows<{ region_code: string; day: string; last: number }>(db, sql`select region_code, day::text as day, last from case_counters`);
  const seen = new Set<string>();
  const serialsOfDay = new Map<string, number[]>();
  for (const n of numbers) {
    const key = `${n.region_code} ${n.number}`;
    if (seen.has(key)) violations.push(`number ${n.number} given twice`);
    seen.add(key);
    const m = /^(\d{6})-(\d{4})(\d{2})(\d{2})-(\d+)$/.exec(n.number);
    if (!m) {
      violations.push(`number ${n.number} is not <region>-<YYYYMMDD>-<serial>`);
      continue;
    }
    const day = `${n.region_code} ${m[2]}-${m[3]}-${m[4]}`;
    serialsOfDay.set(day, [...(serialsOfDay.get(day) ?? []), Number(m[5])]);
  }
  const counterOf = new Map(counters.map((c) => [`${c.region_code} ${c.day}`, c.last]));
  for (const [day, serials] of serialsOfDay) {
    const last = counterOf.get(day);
    if (last === undefined) {
      violations.push(`numbers of ${day} without a counter`);
      continue;
    }
    const sorted = [...new Set(serials)].sort((a, b) => a - b);
    const gaps: number[] = [];
    for (let i = 1, j = 0; i <= last; i++) {
      if (sorted[j] === i) j++;
      else if (gaps.length < 5) gaps.push(i);
    }
    if (gaps.length) violations.push(`${day}: counter at ${last}, numbers missing ${gaps.join(', ')}${gaps.length === 5 ? '…' : ''}`);
    if (sorted.at(-1)! > last) violations.push(`${day}: number ${sorted.at(-1)} beyond the counter ${last}`);
  }
  for (const [day, last] of counterOf) if (last > 0 && !serialsOfDay.has(day)) violations.push(`${day}: counter at ${last}, no number of that day`);

  // Each change committed with its audit entry: the newest entry of a case names the case's version.
  const audited = await queryRows<{ subject_id: string; version: number | null }>(
    db,
    sql`select subject_id, max((summary->'after'->>'version')::int) as version from audit_events where subject_type = 'case' group by subject_id`,
  );
  const auditedVersion = new Map(audited.map((a) => [a.subject_id, a.version]));
  for (const c of cases) {
    const v = auditedVersion.get(c.id);
    if (v === undefined) violations.push(`case ${c.number}: no audit entry`);
    else if (v !== null && v !== c.version) violations.push(`case ${c.number}: version ${c.version}, its newest audit entry says ${v}`);
  }

  // Stored files: a row only for bytes that are on disk.
  const files = await queryRows<{ sha256: string; size: number }>(db, sql`select sha256, size from stored_files`);
  for (const f of files) {
    const file = path.join(filesDir, f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      violations.push(`stored file ${f.sha256} is not on disk`);
      continue;
    }
    if (bytes.length !== f.size || createHash('sha256').update(bytes).digest('hex') !== f.sha256) violations.push(`stored file ${f.sha256} does not match its hash or size`);
  }

  const chain = await verifyAuditChain(db);
  if (!chain.ok) violations.push(`audit chain broken at entry ${chain.firstBreak!.id} (chain ${chain.firstBreak!.chain}, position ${chain.firstBreak!.chainSeq}): ${chain.firstBreak!.reason}`);

  const unacknowledgedCommitted = cases.filter((c) => c.summary.startsWith(HARNESS_MARK) && !ledger.cases.has(c.id)).length;
  return { lost, violations, cases: cases.length, auditEntries: chain.entries, storedFiles: files.length, unacknowledgedCommitted };
}
