import { sql } from 'drizzle-orm';
import { bigint, boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app';
import { inTransaction, insertRowsAsJson, queryPrepared, queryRows, type Tx } from './client';
import { GroupCommit } from './group-commit';

describe('group commit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.database.exec('create table gc_probe (n integer primary key, label text not null)');
  });
  afterAll(() => t.close());

  const writeProbes = async (tx: Tx, plans: { n: number; label: string | null }[]) => {
    // One statement for the whole group; a NULL label violates NOT NULL and fails the group.
    const rows = await queryRows<{ n: number }>(
      tx,
      sql`insert into gc_probe (n, label) select n, label from jsonb_to_recordset(${JSON.stringify(plans)}::jsonb) as x(n integer, label text) returning n`,
    );
    return plans.map((p) => rows.find((r) => Number(r.n) === p.n)!.n * 10);
  };

  it('writes what arrives together in one transaction and answers each with its own result', async () => {
    const writer = new GroupCommit(t.database.db, writeProbes);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => writer.submit({ n: i + 1, label: `p${i + 1}` })));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 10));
    // Sent in one turn of the event loop, they go as one group.
    expect(writer.stats).toMatchObject({ groups: 1, writes: 20 });
    const [count] = await queryRows<{ c: number }>(t.database.db, sql`select count(*)::int as c from gc_probe where n between 1 and 20`);
    expect(count!.c).toBe(20);
  });

  it('fails only the bad write of a group: the others are written alone and acknowledged', async () => {
    const writer = new GroupCommit(t.database.db, writeProbes);
    const release = writer.hold();
    const settled = Promise.allSettled([
      writer.submit({ n: 101, label: 'a' }),
      writer.submit({ n: 102, label: null }),
      writer.submit({ n: 103, label: 'c' }),
      // A duplicate of a row already committed fails on its own too.
      writer.submit({ n: 1, label: 'again' }),
    ]);
    expect(writer.waiting).toBe(4);
    release();
    const outcomes = await settled;
    // The group of four failed; each was then tried alone.
    expect(writer.stats).toMatchObject({ groups: 2, writes: 2 });
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    const rows = await queryRows<{ n: number; label: string }>(t.database.db, sql`select n, label from gc_probe where n in (1, 101, 102, 103) order by n`);
    expect(rows.map((r) => [Number(r.n), r.label])).toEqual([
      [1, 'p1'],
      [101, 'a'],
      [103, 'c'],
    ]);
  });

  it('rolls a failed group back whole before the writes are tried alone', async () => {
    let calls = 0;
    const writer = new GroupCommit(t.database.db, async (tx: Tx, plans: { n: number; label: string | null }[]) => {
      calls++;
      return writeProbes(tx, plans);
    });
    await Promise.allSettled([writer.submit({ n: 201, label: 'x' }), writer.submit({ n: 202, label: null })]);
    const rows = await queryRows<{ n: number }>(t.database.db, sql`select n from gc_probe where n in (201, 202)`);
    expect(rows.map((r) => Number(r.n))).toEqual([201]);
    // The group, then each alone: 201 is in the table once, from its own transaction.
    expect(calls).toBe(3);
  });
});

/** A table of every kind of column the case tables use. */
const probe = pgTable('gc_types', {
  id: uuid('id').primaryKey().defaultRandom(),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  on: date('on'),
  name: text('name').notNull(),
  count: integer('count').notNull().default(7),
  big: bigint('big', { mode: 'number' }),
  flag: boolean('flag').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
});

describe('insertRowsAsJson', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.database.exec(
      'create table gc_types (id uuid primary key default gen_random_uuid(), at timestamptz(3) not null, "on" date, name text not null, count integer not null default 7, big bigint, flag boolean not null, data jsonb not null)',
    );
  });
  afterAll(() => t.close());

  it('stores dates, jsonb, booleans, nulls and text as Drizzle\'s insert does, and returns the rows', async () => {
    const at = new Date('2026-03-10T01:02:03.456Z');
    const rows = [
      { at, on: '2026-03-10', name: '张三 "引号" \\ 反斜杠', big: 9_007_199_254_740_991, flag: true, data: { nested: { list: [1, 'два', null] }, text: '中文' } },
      { at, on: null, name: 'second', big: null, flag: false, data: {} },
    ];
    const viaJson = await insertRowsAsJson(t.database.db, probe, rows, true);
    const viaDrizzle = await t.database.db.insert(probe).values(rows).returning();
    const strip = (list: (typeof probe.$inferSelect)[]) => list.map(({ id: _id, ...rest }) => rest).sort((a, b) => a.name.localeCompare(b.name));
    expect(strip(viaJson)).toEqual(strip(viaDrizzle));
    expect(viaJson.find((r) => r.name === 'second')).toMatchObject({ at, on: null, count: 7, flag: false, data: {} });
  });

  it('goes through Drizzle\'s insert when a value is SQL or only some rows take a default', async () => {
    const at = new Date('2026-03-11T00:00:00.000Z');
    const rows = await insertRowsAsJson(
      t.database.db,
      probe,
      [
        { at, name: 'sql', flag: true, data: {}, count: sql`40 + 2` as unknown as number },
        { at, name: 'default', flag: true, data: {} },
      ],
      true,
    );
    expect(rows.map((r) => [r.name, r.count]).sort()).toEqual([
      ['default', 7],
      ['sql', 42],
    ]);
  });
});

describe('queryPrepared', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers as queryRows does, and on PostgreSQL plans each text once per connection under a name of its own', async () => {
    const lookup = (n: number) => sql`select ${n}::int + 1 as next, 'prepared probe' as label`;
    const variant = (n: number) => sql`select ${n}::int + 2 as next, 'prepared probe' as label`;
    await inTransaction(t.database.db, async (tx) => {
      for (let n = 1; n <= 8; n++) {
        expect(await queryPrepared<{ next: number; label: string }>(tx, lookup(n))).toEqual(await queryRows(tx, lookup(n)));
      }
      expect((await queryPrepared<{ next: number }>(tx, variant(5)))[0]!.next).toBe(7);
      if (t.database.kind !== 'postgres') return;
      // The transaction holds one connection: its prepared statements are the ones this test made.
      const prepared = await queryRows<{ name: string; statement: string; generic_plans: number; custom_plans: number }>(
        tx,
        sql`select name, statement, generic_plans::int, custom_plans::int from pg_prepared_statements where statement like '%prepared probe%' order by statement`,
      );
      expect(prepared).toHaveLength(2);
      expect(prepared.map((p) => p.name)).toEqual([expect.stringMatching(/^ow_[0-9a-f]{24}$/), expect.stringMatching(/^ow_[0-9a-f]{24}$/)]);
      expect(prepared[0]!.name).not.toBe(prepared[1]!.name);
      // Eight runs of one text: PostgreSQL plans it afresh the first five times, then keeps a generic plan.
      const first = prepared.find((p) => p.statement.includes('+ 1'))!;
      expect(first.custom_plans + first.generic_plans).toBe(8);
      expect(first.generic_plans).toBeGreaterThan(0);
    });
  });
});
