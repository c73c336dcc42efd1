import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProductionSafety, ensureSeal, seedIfEmpty, StartupRefusedError } from './bootstrap';
import { DEFAULT_SEAL_PASSPHRASE, loadConfig, type Config } from './config';
import { systemClock } from './platform/auth/actor';
import { configureAuditChains, ensureAuditChains, verifyAuditChain } from './platform/audit/audit';
import { openPostgres, queryRows, wrapPglite, type Database } from './platform/db/client';
import { MigrationError, runMigrations } from './platform/db/migrate';
import { adminQuery, testConfig, withDatabase } from './test/template';

/** An empty database of the kind this run tests (PGlite, or PostgreSQL when TEST_DATABASE_URL is set). */
async function emptyDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = wrapPglite(new PGlite());
    return { database, drop: () => database.close() };
  }
  const name = `ow_boot_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `create database ${name}`);
  const database = await openPostgres(withDatabase(url, name), 3);
  return {
    database,
    drop: async () => {
      await database.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}

/** The parts of a configuration that concern the environment and the seal. */
const pick = (c: Config) => ({ env: c.env, sealPassphrase: c.sealPassphrase, sealPassphraseFromEnv: c.sealPassphraseFromEnv });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('migrations and first start', () => {
  it('migrates an empty database, twice without harm, and seeds it once', async () => {
    const { database, drop } = await emptyDatabase();
    cleanups.push(drop);
    const config = testConfig();
    await runMigrations(database);
    await runMigrations(database);
    configureAuditChains(config.auditChains);
    await ensureAuditChains(database.db);
    await seedIfEmpty(database, config, systemClock);
    await seedIfEmpty(database, config, systemClock);
    // One demo account per role, and two more reviewers for the 一照一码 flow's parallel steps.
    const counts = await queryRows<{ items: number; accounts: number }>(
      database.db,
      sql`select (select count(*)::int from items) as items, (select count(*)::int from accounts where is_demo) as accounts`,
    );
    expect(counts[0]).toEqual({ items: 324, accounts: 16 });
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('fails loudly with the database\'s own message when a migration is broken', async () => {
    const { database, drop } = await emptyDatabase();
    cleanups.push(drop);
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-mig-'));
    fs.mkdirSync(path.join(folder, 'meta'));
    fs.writeFileSync(path.join(folder, '0000_broken.sql'), 'CREATE TABLE ok_table (id int);\n--> statement-breakpoint\nCREATE TABLE broken (id int references no_such_table(id));\n');
    fs.writeFileSync(
      path.join(folder, 'meta', '_journal.json'),
      JSON.stringify({ version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: 1, tag: '0000_broken', breakpoints: true }] }),
    );
    const error = await runMigrations(database, folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain('no_such_table');
    // The failed migration left nothing half-done.
    const tables = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from information_schema.tables where table_name = 'ok_table'`);
    expect(Number(tables[0]!.n)).toBe(0);
  });
});

describe('production safety', () => {
  it('refuses to start in production while demo accounts keep the demo password, or DEMO_PASSWORD is set', async () => {
    const { database, drop } = await emptyDatabase();
    cleanups.push(drop);
    const config = testConfig();
    // With a seal passphrase of its own, so that only the demo accounts are in question here.
    const production = { ...config, env: 'production' as const, sealPassphrase: 'county-own-seal-passphrase', sealPassphraseFromEnv: true };
    await runMigrations(database);
    await ensureAuditChains(database.db);
    await seedIfEmpty(database, config, systemClock);
    await expect(checkProductionSafety(database, production)).rejects.toThrow(StartupRefusedError);
    await expect(checkProductionSafety(database, production)).rejects.toThrow(/admin, agent/);
    await database.db.execute(sql`update accounts set status = 'disabled' where is_demo`);
    await expect(checkProductionSafety(database, production)).resolves.toBeUndefined();
    await expect(checkProductionSafety(database, { ...production, demoPasswordFromEnv: true })).rejects.toThrow(/DEMO_PASSWORD/);
    await expect(checkProductionSafety(database, config)).resolves.toBeUndefined();
  });

  it('refuses to start in production without a SEAL_PASSPHRASE of its own, and with one that does not open the seal key', async () => {
    const { database, drop } = await emptyDatabase();
    cleanups.push(drop);
    await runMigrations(database);
    await ensureAuditChains(database.db);
    const config = { ...testConfig(), demo: false };
    await seedIfEmpty(database, config, systemClock);
    // Without SEAL_PASSPHRASE the demo default applies, which production refuses, as it refuses the default given explicitly.
    const unset = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    expect(unset.sealPassphraseFromEnv).toBe(false);
    await expect(checkProductionSafety(database, { ...config, ...pick(unset) })).rejects.toThrow(/SEAL_PASSPHRASE/);
    const demoDefault = loadConfig({ NODE_ENV: 'production', SEAL_PASSPHRASE: DEFAULT_SEAL_PASSPHRASE, LOG_LEVEL: 'silent' });
    await expect(checkProductionSafety(database, { ...config, ...pick(demoDefault) })).rejects.toThrow(/SEAL_PASSPHRASE/);
    expect(() => loadConfig({ NODE_ENV: 'production', SEAL_PASSPHRASE: 'short' })).toThrow(/SEAL_PASSPHRASE/);
    const own = loadConfig({ NODE_ENV: 'production', SEAL_PASSPHRASE: 'county-own-seal-passphrase', LOG_LEVEL: 'silent' });
    await expect(checkProductionSafety(database, { ...config, ...pick(own) })).resolves.toBeUndefined();

    // The first start makes the key under that passphrase; a start with another passphrase is refused.
    const first = await ensureSeal(database, { ...config, ...pick(own) }, systemClock);
    expect(first.outcome).toBe('generated');
    expect(first.key.subject).toBe('CN=威县行政审批局审批专用章,O=威县行政审批局,C=CN');
    expect((await ensureSeal(database, { ...config, ...pick(own) }, systemClock)).outcome).toBe('existing');
    await expect(ensureSeal(database, config, systemClock)).rejects.toThrow(StartupRefusedError);
    await expect(ensureSeal(database, config, systemClock)).rejects.toThrow(/SEAL_PASSPHRASE does not open the seal key/);
  });

  it('creates no demo accounts when demo mode is off', async () => {
    const { database, drop } = await emptyDatabase();
    cleanups.push(drop);
    await runMigrations(database);
    await ensureAuditChains(database.db);
    await seedIfEmpty(database, { ...testConfig(), demo: false }, systemClock);
    const rows = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from accounts`);
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
