import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, queryRows } from '../db/client';
import { systemActor } from '../auth/actor';
import { buildTestApp, type TestApp } from '../../test/app';
import { canonicalJson, GENESIS_HASH, hashEntry, recordEvent, sanitizeForAudit, verifyAuditChain, type AuditContext } from './audit';

describe('audit log pure parts', () => {
  it('hashes canonically, whatever the key order of the summary', () => {
    const base = {
      chain: 0,
      chainSeq: 1,
      at: new Date('2026-01-02T03:04:05.678Z'),
      regionCode: '130533',
      actorId: null,
      actorName: 'system:test',
      actorRole: 'system',
      action: 'x',
      subjectType: 't',
      subjectId: '1',
      ip: null,
      requestId: null,
      prevHash: GENESIS_HASH,
    };
    expect(hashEntry({ ...base, summary: { a: 1, b: { c: 2, d: 3 } } })).toBe(hashEntry({ ...base, summary: { b: { d: 3, c: 2 }, a: 1 } }));
    expect(hashEntry({ ...base, summary: { a: 1 } })).not.toBe(hashEntry({ ...base, summary: { a: 2 } }));
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 0 }] })).toBe('{"a":[2,{"c":0,"d":1}],"b":1}');
  });

  it('masks ID numbers and phones and drops secrets (个人信息保护法)', () => {
    const out = sanitizeForAudit({ idNumber: '130533198803151235', phone: '13903190014', passwordHash: 'scrypt$…', nested: { mobile: '13800000000' } });
    expect(out).toEqual({ idNumber: '1305**********1235', phone: '139****0014', nested: { mobile: '138****0000' } });
  });
});

describe('audit log in the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    // A few changes through the API, so that several entries exist.
    const admin = await t.login('admin');
    for (const name of ['甲', '乙', '丙']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: { cookie: admin },
        payload: { username: `audit-${name.charCodeAt(0)}`, displayName: `审计${name}`, roles: ['supervisor'], password: 'Initial123' },
      });
      expect(res.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('writes an entry with actor, role, action, subject, ip and before/after', async () => {
    const rows = await queryRows<{ action: string; actor_name: string; actor_role: string; ip: string | null; summary: { after: { username: string } } }>(
      t.database.db,
      sql`select action, actor_name, actor_role, ip, summary from audit_events where action = 'account.create' order by id`,
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ actor_name: 'admin', actor_role: 'admin', ip: '127.0.0.1' });
    expect(rows[0]!.summary.after.username).toMatch(/^audit-/);
  });

  it('verifies the untouched chain', async () => {
    const result = await verifyAuditChain(t.database.db);
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThan(4);
  });

  it('appends a transaction\'s entries together at its end, in order, in one chain; a rollback leaves none', async () => {
    const ctx: AuditContext = { actor: systemActor('test'), role: 'system', ip: null, requestId: null, regionCode: '130533', clock: { now: () => new Date() } };
    await inTransaction(t.database.db, async (tx) => {
      await recordEvent(tx, ctx, { action: 'test.first', subjectType: 't', subjectId: '1' });
      // Not in the log yet: the chain head is locked only at the end of the transaction.
      expect(await queryRows(tx, sql`select 1 from audit_events where action = 'test.first'`)).toHaveLength(0);
      await recordEvent(tx, ctx, { action: 'test.second', subjectType: 't', subjectId: '1' });
    });
    const rows = await queryRows<{ action: string; chain: number; chain_seq: number }>(
      t.database.db,
      sql`select action, chain, chain_seq from audit_events where action like 'test.%' order by id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['test.first', 'test.second']);
    expect(rows[1]!.chain).toBe(rows[0]!.chain);
    expect(Number(rows[1]!.chain_seq)).toBe(Number(rows[0]!.chain_seq) + 1);
    await expect(
      inTransaction(t.database.db, async (tx) => {
        await recordEvent(tx, ctx, { action: 'test.rolled_back', subjectType: 't', subjectId: '1' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await queryRows(t.database.db, sql`select 1 from audit_events where action = 'test.rolled_back'`)).toHaveLength(0);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    await expect(t.database.db.execute(sql`update audit_events set action = 'x' where id = (select min(id) from audit_events)`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_events where id = (select max(id) from audit_events)`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('offers no API route that changes or deletes entries', () => {
    const auditRoutes = t.app.routeAccess.filter((r) => r.url.startsWith('/api/audit'));
    expect(auditRoutes.length).toBeGreaterThan(0);
    expect(auditRoutes.every((r) => r.method === 'GET' || r.method === 'HEAD')).toBe(true);
  });

  it('names the first edited entry when someone with superuser rights edits one', async () => {
    const target = await queryRows<{ id: number }>(t.database.db, sql`select id from audit_events where action = 'account.create' order by id limit 1 offset 1`);
    const id = Number(target[0]!.id);
    await t.database.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await t.database.db.execute(sql`update audit_events set summary = jsonb_set(summary, '{after,username}', '"forged"') where id = ${id}`);
    await t.database.db.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    const result = await verifyAuditChain(t.database.db);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ id, reason: 'hash_mismatch' });
  });

  it('detects a deleted entry in the middle and at the end of a chain', async () => {
    // Work on a fresh copy so the previous tampering does not mask this one; one chain, so that it is long.
    const fresh = await buildTestApp({ config: { auditChains: 1 } });
    try {
      const admin = await fresh.login('admin');
      for (let i = 0; i < 6; i++) {
        await fresh.app.inject({ method: 'PATCH', url: '/api/org/townships/130533100', headers: { cookie: admin }, payload: { centrePhone: `0319-62${String(i).padStart(5, '0')}` } });
      }
      const chains = await queryRows<{ chain: number; n: number }>(
        fresh.database.db,
        sql`select chain, count(*)::int as n from audit_events group by chain having count(*) >= 3 order by chain limit 1`,
      );
      const chain = Number(chains[0]!.chain);
      const middle = await queryRows<{ id: number }>(fresh.database.db, sql`select id from audit_events where chain = ${chain} and chain_seq = 2`);
      await fresh.database.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
      await fresh.database.db.execute(sql`delete from audit_events where chain = ${chain} and chain_seq = 2`);
      let result = await verifyAuditChain(fresh.database.db);
      expect(result.ok).toBe(false);
      expect(result.firstBreak).toMatchObject({ chain, reason: 'sequence_gap' });
      expect(result.firstBreak!.id).toBeGreaterThan(Number(middle[0]!.id));

      const fresh2 = await buildTestApp();
      try {
        const admin2 = await fresh2.login('admin');
        await fresh2.app.inject({ method: 'PATCH', url: '/api/org/townships/130533100', headers: { cookie: admin2 }, payload: { centrePhone: '0319-6200001' } });
        await fresh2.database.db.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
        await fresh2.database.db.execute(sql`delete from audit_events where id = (select max(id) from audit_events)`);
        result = await verifyAuditChain(fresh2.database.db);
        expect(result.ok).toBe(false);
        expect(result.firstBreak!.reason).toBe('head_mismatch');
      } finally {
        await fresh2.close();
      }
    } finally {
      await fresh.close();
    }
  });
});
