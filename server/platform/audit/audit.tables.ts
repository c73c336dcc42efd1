import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit log. Entries form independent hash chains (`chain`); within a chain `chainSeq` counts
 * 1, 2, 3… without gaps and each `hash` covers the previous one, so an edit, insertion or deletion breaks it.
 * A database trigger (migration 0001) rejects UPDATE, DELETE and TRUNCATE.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chain: integer('chain').notNull(),
    chainSeq: bigint('chain_seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    regionCode: text('region_code'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** Before/after summary of the change; personal data masked. */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_chain_seq').on(t.chain, t.chainSeq),
    index('audit_events_subject').on(t.subjectType, t.subjectId),
    index('audit_events_actor').on(t.actorId),
    index('audit_events_at').on(t.at),
  ],
);

/** The newest entry of each chain. The row lock on it serialises appends within a chain. */
export const auditChainHeads = pgTable('audit_chain_heads', {
  chain: integer('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});
