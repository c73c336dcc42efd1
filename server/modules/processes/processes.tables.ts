import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ProcessBody } from '../../../common/process';
import { regions } from '../org/org.tables';

/**
 * Process definitions, versioned: a change is a new row with the next version; a running case keeps the row
 * it started with (cases.definition_id).
 */
export const processDefinitions = pgTable(
  'process_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** `item:WX-XK-099` for an item's own process, `flow:…` for the re-engineered flows (R10). */
    key: text('key').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    body: jsonb('body').$type<ProcessBody>().notNull(),
    /** Why this version was made (shown in the version history). */
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('process_definitions_key_version').on(t.regionCode, t.key, t.version), index('process_definitions_key').on(t.regionCode, t.key)],
);
