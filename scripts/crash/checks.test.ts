/**
 * The crash harness's checks (npm run crash) on a database of the suite: silent on the work of the real API, and
 * each finding it exists for when the database is made to show that damage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../common/id-number';
import { inTransaction } from '../../server/platform/db/client';
import { buildTestApp, TestClock, type TestApp } from '../../server/test/app';
import { checkDatabase, HARNESS_MARK } from './checks';
import { Ledger, type AckCase, type CaseAnswer, type TaskAnswer } from './ledger';

let t: TestApp;
const ledger = new Ledger();
const noFiles = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-crash-checks-'));
let first: AckCase;

async function api(role: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  const res = await t.app.inject({ method, url, headers: { cookie: await t.login(role) }, payload });
  return { status: res.statusCode, body: res.json() };
}

class Rollback extends Error {}
let seen: Awaited<ReturnType<typeof checkDatabase>>;

/** Runs the `damage` statements in a transaction that is rolled back after `look` has seen it. */
async function withDamage(damage: string | string[], look: () => Promise<void>): Promise<void> {
  await inTransaction(t.database.db, async (tx) => {
    for (const statement of [damage].flat()) await tx.execute(sql.raw(statement));
    seen = await checkDatabase(tx, ledger, noFiles);
    await look();
    throw new Rollback();
  }).catch((err: unknown) => {
    if (!(err instanceof Rollback)) throw err;
  });
}
beforeAll(async () => {
  t = await buildTestApp({ clock: new TestClock(new Date('2026-03-10T09:30:00+08:00')) });
  const item = (await t.app.inject({ method: 'GET', url: '/api/public/items/WX-XK-099' })).json() as { id: string; materials: { id: string; requirement: string }[] };
  for (const [name, body] of [
    ['张明', '13053319880315123'],
    ['李秀英', '13053319750402231'],
  ] as const) {
    const res = await api('clerk', 'POST', '/api/cases/intake', {
      itemId: item.id,
      applicant: { kind: 'person', name, idNumber: body + idNumberCheckChar(body), phone: '13903190014', address: '威县' },
      summary: `${HARNESS_MARK} ${name}`,
      materials: item.materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
      outcome: 'accept',
    });
    expect(res.status).toBe(201);
    ledger.ackCase(res.body as CaseAnswer, 'intake');
  }
  first = [...ledger.cases.values()][0]!;
  const task = first.tasks.values().next().value!;
  const claimed = await api('reviewer', 'POST', `/api/tasks/${task.id}/claim`, { version: task.version });
  expect(claimed.status).toBe(200);
  ledger.ackClaim(claimed.body as TaskAnswer);
});

afterAll(async () => {
  await t.close();
  fs.rmSync(noFiles, { recursive: true, force: true });
});

describe('crash checks', () => {
  it('find nothing wrong with what the API wrote', async () => {
    const findings = await checkDatabase(t.database.db, ledger, noFiles);
    expect(findings).toMatchObject({ lost: [], violations: [], unacknowledgedCommitted: 0 });
    expect(findings.cases).toBeGreaterThanOrEqual(2);
  });

  it('count an acknowledged case that is gone, or went back, as lost', async () => {
    await withDamage(`delete from cases where id = '${first.id}'`, async () => {
      expect(seen.lost).toEqual([expect.stringContaining('acknowledged, not in the database')]);
    });
    await withDamage(`update case_tasks set assignee_id = null, version = version - 1 where case_id = '${first.id}'`, async () => {
      expect(seen.lost.join('\n')).toMatch(/task review version \d+ < acknowledged/);
    });
  });

  it('find a case in two states, a second open task of a stage, a gap in the numbers, a change without its audit entry', async () => {
    await withDamage(`update cases set phase = 'closed' where id = '${first.id}'`, async () => {
      expect(seen.violations).toEqual([expect.stringMatching(/phase column closed, engine state in_progress/)]);
    });
    await withDamage([`drop index case_tasks_one_open`, `insert into case_tasks (case_id, region_code, key, kind, name, name_en, role, status) select case_id, region_code, key, kind, name, name_en, role, 'open' from case_tasks where case_id = '${first.id}'`], async () => {
      expect(seen.violations).toEqual([expect.stringMatching(/open tasks \[review, review\], its state implies \[review\]/)]);
    });
    await withDamage(`update case_counters set last = last + 1`, async () => {
      expect(seen.violations.join('\n')).toMatch(/numbers missing/);
    });
    await withDamage(`update cases set version = version + 1 where id = '${first.id}'`, async () => {
      expect(seen.violations).toEqual([expect.stringMatching(/its newest audit entry says/)]);
    });
  });

  it('find a stored file that is not on disk and an audit chain that does not verify', async () => {
    await withDamage(`insert into stored_files (sha256, size, mime) values ('${'ab'.repeat(32)}', 3, 'application/pdf')`, async () => {
      expect(seen.violations).toEqual([expect.stringMatching(/is not on disk/)]);
    });
    await withDamage([`alter table audit_events disable trigger audit_events_no_update_delete`, `update audit_events set action = 'forged' where id = (select max(id) from audit_events)`], async () => {
      expect(seen.violations).toEqual([expect.stringMatching(/audit chain broken/)]);
    });
  });
});
