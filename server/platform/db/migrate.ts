import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client';

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

/** Any advisory-lock key works as long as every OneWindow process uses the same one. */
const MIGRATION_LOCK_KEY = 720_533_001;

export class MigrationError extends Error {}

/** Walks an error's causes and renders what PostgreSQL said, so a failed migration explains itself. */
function describeDbError(err: unknown): string {
  const lines: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { message?: string; code?: string; detail?: string; hint?: string; query?: string; position?: string; cause?: unknown };
    if (e.message) lines.push(e.message);
    if (e.code) lines.push(`  SQLSTATE ${e.code}`);
    if (e.detail) lines.push(`  detail: ${e.detail}`);
    if (e.hint) lines.push(`  hint: ${e.hint}`);
    if (e.position) lines.push(`  position: ${e.position}`);
    current = e.cause;
  }
  return lines.join('\n');
}

/**
 * Applies pending migrations. On PostgreSQL a session advisory lock makes concurrent starts of several
 * processes take turns. A failure throws MigrationError carrying the database's own message.
 */
export async function runMigrations(database: Database, folder = MIGRATIONS_FOLDER): Promise<void> {
  try {
    if (database.kind === 'pglite') {
      await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
      return;
    }
    const client = await database.pool!.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg(client), { migrationsFolder: folder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  } catch (err) {
    throw new MigrationError(`Database migration failed / 数据库迁移失败:\n${describeDbError(err)}`);
  }
}
