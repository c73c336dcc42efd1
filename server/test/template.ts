/**
 * The migrated, seeded database every test file starts from. Built once per test run (global setup), then
 * copied for each file: a PGlite data-folder dump, or a PostgreSQL template database.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig, type Config } from '../config';
import { ensureSeal, seedIfEmpty } from '../bootstrap';
import { systemClock } from '../platform/auth/actor';
import { configureAuditChains, ensureAuditChains } from '../platform/audit/audit';
import { openPostgres, wrapPglite, type Database } from '../platform/db/client';
import { runMigrations } from '../platform/db/migrate';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', DATA_DIR: path.join(os.tmpdir(), 'onewindow-test'), LOG_LEVEL: 'silent' }),
    ...overrides,
  };
}

/** A database URL on the same server with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

async function prepare(database: Database, config: Config): Promise<void> {
  await runMigrations(database);
  configureAuditChains(config.auditChains);
  await ensureAuditChains(database.db);
  await seedIfEmpty(database, config, systemClock);
  // As at a server's first start: every copy shares one seal key (generating one takes about a second). Tests
  // run on fixed dates from 2026 on, so the key is made as if the server had first started on 2026-01-01: its
  // certificate is in force on every date a test sets (not before the day the suite happens to run).
  await ensureSeal(database, config, { now: () => new Date('2026-01-01T00:00:00+08:00') });
}

export interface TemplateInfo {
  kind: 'pglite' | 'postgres';
  /** PGlite: path of the dump file. PostgreSQL: name of the template database. */
  ref: string;
  serverUrl?: string;
}

export async function buildTemplate(): Promise<TemplateInfo> {
  const config = testConfig();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `ow_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const database = await openPostgres(withDatabase(serverUrl, name), 2);
    try {
      await prepare(database, config);
    } finally {
      await database.close();
    }
    return { kind: 'postgres', ref: name, serverUrl };
  }
  const client = new PGlite();
  const database = wrapPglite(client);
  try {
    await prepare(database, config);
    const dump = await client.dumpDataDir('none');
    const file = path.join(os.tmpdir(), `onewindow-template-${process.pid}-${randomBytes(3).toString('hex')}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return { kind: 'pglite', ref: file };
  } finally {
    await database.close();
  }
}

export async function dropTemplate(info: TemplateInfo): Promise<void> {
  if (info.kind === 'pglite') fs.rmSync(info.ref, { force: true });
  else await adminQuery(info.serverUrl!, `drop database if exists ${info.ref} with (force)`);
}

/** A fresh copy of the template for one test file. */
export async function copyTemplate(info: TemplateInfo): Promise<{ database: Database; drop(): Promise<void> }> {
  if (info.kind === 'pglite') {
    const client = new PGlite({ loadDataDir: new Blob([fs.readFileSync(info.ref)]) });
    await client.waitReady;
    const database = wrapPglite(client);
    return { database, drop: () => database.close() };
  }
  const name = `ow_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(info.serverUrl!, `create database ${name} template ${info.ref}`);
  const database = await openPostgres(withDatabase(info.serverUrl!, name), 5);
  return {
    database,
    drop: async () => {
      await database.close();
      await adminQuery(info.serverUrl!, `drop database if exists ${name} with (force)`);
    },
  };
}
