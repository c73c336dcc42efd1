import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Files stored content-addressed: the SHA-256 of the bytes is the key (see files.store.ts). */
export const storedFiles = pgTable('stored_files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mime: text('mime').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
