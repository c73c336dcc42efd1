/**
 * Backup and restore round trip: a database with real work in it — cases taken at a window and worked through to
 * a certificate, an online application with an uploaded material — is backed up, restored into a fresh target,
 * and every table of the target is compared row by row with the source as it was when the backup was taken. On
 * PGlite, and on PostgreSQL when the suite runs there (TEST_DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { idNumberCheckChar } from '../../../common/id-number';
import { buildApp } from '../../app';
import { DEFAULT_DEMO_PASSWORD, type Config } from '../../config';
import { TestClock } from '../../test/app';
import { adminQuery, testConfig, withDatabase } from '../../test/template';
import { systemActor } from '../auth/actor';
import { verifyAuditChain } from '../audit/audit';
import { LocalFileStore } from '../files/store';
import { BackupError, backupDatabase, detectBackupKind, restoreDatabase, type BackupOptions } from './backup';
import { openPglite, openPostgres, PGLITE_FOLDER, queryRows, type Database, type Db } from './client';
import { acquireDataDirLock } from './lock';

const template = inject('template');
const kind = template.kind;
const clock = new TestClock(new Date('2026-03-10T09:30:00+08:00'));
const audit: BackupOptions['audit'] = { actor: systemActor('test'), role: 'system', ip: null, requestId: null, regionCode: '130533', clock };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-backup-test-'));
const dropDatabases: string[] = [];

/** A place for one database: a data folder (the embedded database and the stored files), and on PostgreSQL a database. */
async function place(name: string, fromTemplate: boolean): Promise<Config> {
  const dataDir = path.join(work, name);
  fs.mkdirSync(dataDir);
  if (kind === 'pglite') {
    if (fromTemplate) {
      const client = new PGlite(path.join(dataDir, PGLITE_FOLDER), { loadDataDir: new Blob([fs.readFileSync(template.ref)]) });
      await client.close();
    }
    return testConfig({ dataDir });
  }
  const db = `ow_bk_${name}_${randomBytes(3).toString('hex')}`;
  await adminQuery(template.serverUrl!, fromTemplate ? `create database ${db} template ${template.ref}` : `create database ${db}`);
  dropDatabases.push(db);
  return testConfig({ dataDir, databaseUrl: withDatabase(template.serverUrl!, db) });
}

function open(config: Config): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, 3) : openPglite(config.dataDir);
}

interface Snapshot {
  /** schema.table → its rows as JSON, sorted (the order of all columns). */
  tables: Map<string, string[]>;
  /** schema.sequence → last value. */
  sequences: Map<string, number | null>;
}

/** Every table outside PostgreSQL's own schemas, every row, and every sequence's position. */
async function snapshot(db: Db): Promise<Snapshot> {
  const names = await queryRows<{ name: string }>(
    db,
    sql.raw(`select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%' order by 1`),
  );
  const tables = new Map<string, string[]>();
  for (const { name } of names) {
    const rows = await queryRows<{ r: string }>(db, sql.raw(`select to_jsonb(t)::text as r from ${name} t`));
    tables.set(name, rows.map((row) => row.r).sort());
  }
  const seqs = await queryRows<{ name: string; last: number | null }>(
    db,
    sql.raw(`select quote_ident(schemaname) || '.' || quote_ident(sequencename) as name, last_value::float8 as last from pg_sequences order by 1`),
  );
  return { tables, sequences: new Map(seqs.map((s) => [s.name, s.last])) };
}

async function snapshotOf(config: Config): Promise<Snapshot> {
  const database = await open(config);
  try {
    return await snapshot(database.db);
  } finally {
    await database.close();
  }
}

interface AuditRow {
  id: number;
  chain: number;
  chain_seq: number;
  action: string;
  prev_hash: string;
  hash: string;
}

/**
 * The restored database is the backed-up one plus the restore's own audit entry: that entry is taken out (and
 * checked to continue its chain where the backup left it), then everything else must be equal, row by row.
 */
function expectRestoredCopy(source: Snapshot, target: Snapshot): void {
  expect([...target.tables.keys()]).toEqual([...source.tables.keys()]);
  const entries = (s: Snapshot) => s.tables.get('public.audit_events')!.map((r) => JSON.parse(r) as AuditRow);
  const restoreEntries = entries(target).filter((e) => e.action === 'database.restore');
  expect(restoreEntries).toHaveLength(1);
  const restore = restoreEntries[0]!;
  const sourceHead = source.tables.get('public.audit_chain_heads')!.map((r) => JSON.parse(r) as { chain: number; seq: number; hash: string }).find((h) => h.chain === restore.chain)!;
  expect(restore.chain_seq).toBe(sourceHead.seq + 1);
  expect(restore.prev_hash).toBe(sourceHead.hash);
  expect(restore.id).toBe(source.sequences.get('public.audit_events_id_seq')! + 1);

  for (const [name, rows] of source.tables) {
    let restored = target.tables.get(name)!;
    if (name === 'public.audit_events') restored = restored.filter((r) => (JSON.parse(r) as AuditRow).id !== restore.id);
    if (name === 'public.audit_chain_heads') {
      // The chain the restore entry went to moved one on; the others are where the backup left them.
      const heads = (list: string[]) => list.map((r) => JSON.parse(r) as { chain: number; seq: number; hash: string }).sort((a, b) => a.chain - b.chain);
      const moved = heads(rows).map((h) => (h.chain === restore.chain ? { chain: h.chain, seq: restore.chain_seq, hash: restore.hash } : h));
      expect(heads(restored), name).toEqual(moved);
      continue;
    }
    expect(restored, name).toEqual(rows);
  }
  for (const [name, last] of source.sequences) {
    if (name === 'public.audit_events_id_seq') continue;
    expect(target.sequences.get(name), name).toBe(last);
  }
}

let source: Config;
let before: Snapshot;
let storedFileCount = 0;
let backupFile: string;

/** Requests to an app as a demo account (signed in on first use) or anonymously. */
function apiOf(app: FastifyInstance) {
  const cookies: Record<string, string> = {};
  return async (role: string | null, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown> | Buffer, headers: Record<string, string> = {}) => {
    if (role && !cookies[role]) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: role, password: DEFAULT_DEMO_PASSWORD } });
      cookies[role] = `ow_sid=${res.cookies.find((c) => c.name === 'ow_sid')!.value}`;
    }
    const res = await app.inject({ method, url, headers: { ...headers, ...(role ? { cookie: cookies[role]! } : {}) }, payload });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
}

/** Builds the app over `config`'s database and files folder, runs `fn`, closes everything. */
async function withApp(config: Config, fn: (api: ReturnType<typeof apiOf>) => Promise<void>): Promise<void> {
  const database = await open(config);
  const app = await buildApp({ config, database, clock, files: new LocalFileStore(path.join(config.dataDir, 'files')) }, { logger: false, serveWeb: false });
  try {
    await app.ready();
    await fn(apiOf(app));
  } finally {
    await app.close();
    await database.close();
  }
}

function applicant(name: string, body17: string) {
  return { kind: 'person', name, idNumber: body17 + idNumberCheckChar(body17), phone: '13903190014', address: '威县洺州镇' };
}

beforeAll(async () => {
  source = await place('source', true);
  await withApp(source, async (api) => {
    const item = (await api(null, 'GET', '/api/public/items/WX-XK-099')).body as { id: string; materials: { id: string; requirement: string }[] };
    const allReceived = item.materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' }));
    const intake = (who: ReturnType<typeof applicant>, extra: Record<string, unknown> = {}) =>
      api('clerk', 'POST', '/api/cases/intake', { itemId: item.id, applicant: who, summary: `${who.name}的食品经营许可`, materials: allReceived, outcome: 'accept', ...extra });

    // One case all the way to the certificate (a signed PDF in the file store), one half-way, one notice.
    const full = await intake(applicant('张明', '13053319880315123'));
    expect(full.status, JSON.stringify(full.body)).toBe(201);
    for (const role of ['reviewer', 'reviewer', 'chief', 'leader', 'issuer', 'issuer']) {
      const inbox = await api(role, 'GET', '/api/tasks?limit=200');
      const entry = inbox.body.items.find((i: { case: { id: string } }) => i.case.id === full.body.id);
      const claimed = await api(role, 'POST', `/api/tasks/${entry.task.id}/claim`, { version: entry.task.version });
      const done = await api(role, 'POST', `/api/tasks/${entry.task.id}/complete`, { version: claimed.body.version, outcome: 'approve', opinion: '符合规定，同意。' });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
    const half = await intake(applicant('李秀英', '13053319750402231'));
    const task = half.body.tasks[0];
    expect((await api('reviewer', 'POST', `/api/tasks/${task.id}/claim`, { version: task.version })).status).toBe(200);
    const notice = await intake(applicant('王建国', '13053319920911104'), {
      materials: allReceived.map((m, i) => (i === 0 ? { ...m, status: 'missing', note: '未带原件' } : m)),
      outcome: 'request_materials',
    });
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);

    // The applicant uploads a material and applies online.
    const boundary = '----owbackup';
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const upload = await api(
      'applicant',
      'POST',
      '/api/files',
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="申请书.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    expect(upload.status).toBe(201);
    const materials = item.materials.filter((m) => m.requirement === 'required').map((m) => ({ itemMaterialId: m.id, fileSha256: upload.body.sha256, fileName: '申请书.pdf' }));
    const online = await api('applicant', 'POST', '/api/my/applications', { itemId: item.id, summary: '网上申请食品经营许可', materials, submit: true });
    expect(online.status, JSON.stringify(online.body)).toBe(201);
  });
  before = await snapshotOf(source);
  storedFileCount = before.tables.get('public.stored_files')!.length;
  backupFile = path.join(work, 'onewindow.backup');
  const made = await backupDatabase(source, backupFile, { audit });
  expect(made).toMatchObject({ kind, audited: true, bytes: fs.statSync(backupFile).size });
});

afterAll(async () => {
  for (const db of dropDatabases) await adminQuery(template.serverUrl!, `drop database if exists ${db} with (force)`);
  fs.rmSync(work, { recursive: true, force: true });
});

describe(`backup and restore (${kind})`, () => {
  it('holds real work: cases in every state, tasks, certificates, stored files, audit entries', () => {
    const count = (t: string) => before.tables.get(`public.${t}`)!.length;
    expect(count('cases')).toBeGreaterThanOrEqual(4);
    expect(count('case_tasks')).toBeGreaterThanOrEqual(8);
    expect(count('certificates')).toBeGreaterThanOrEqual(1);
    expect(storedFileCount).toBeGreaterThanOrEqual(2);
    expect(count('audit_events')).toBeGreaterThan(20);
  });

  it('restores into an empty target every table row by row, the audit chains intact, and the copy works on', async () => {
    const target = await place('target', false);
    const result = await restoreDatabase(target, backupFile, { audit });
    expect(result).toMatchObject({ kind, audited: true, replacedFolder: null, leftoverTables: [] });
    expect(result.audit).toMatchObject({ ok: true });
    // The stored files are not in the database: the restore names those the target's files folder lacks.
    expect(result.missingFiles).toHaveLength(storedFileCount);
    expectRestoredCopy(before, await snapshotOf(target));

    // The restored database takes new work where the backup left off: the day's next number, no collision.
    await withApp(target, async (api) => {
      const item = (await api(null, 'GET', '/api/public/items/WX-XK-100')).body as { id: string; materials: { id: string; requirement: string }[] };
      const res = await api('clerk', 'POST', '/api/cases/intake', {
        itemId: item.id,
        applicant: applicant('赵雪', '13053320010127352'),
        summary: '恢复后受理',
        materials: item.materials.map((m) => ({ itemMaterialId: m.id, status: m.requirement === 'required' ? 'received' : 'not_applicable' })),
        outcome: 'accept',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.number).toBe('130533-20260310-0005');
    });
    const database = await open(target);
    try {
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('refuses a target that is not empty unless forced, then replaces it with the backup (files folder restored too)', async () => {
    const target = await place('forced', false);
    await restoreDatabase(target, backupFile, { audit });
    await expect(restoreDatabase(target, backupFile, { audit })).rejects.toThrow(/not empty|already holds a database/);
    fs.cpSync(path.join(source.dataDir, 'files'), path.join(target.dataDir, 'files'), { recursive: true });
    const result = await restoreDatabase(target, backupFile, { audit, force: true });
    expect(result.missingFiles).toEqual([]);
    expect(result.audit.ok).toBe(true);
    // What was there is replaced, not merged: one restore entry, not two.
    expectRestoredCopy(before, await snapshotOf(target));
    if (kind === 'pglite') {
      expect(result.replacedFolder).toMatch(/pgdata\.replaced-/);
      expect(fs.existsSync(path.join(result.replacedFolder!, 'PG_VERSION'))).toBe(true);
    }
  });

  it('leaves the target as it was when the backup file is cut short', async () => {
    const target = await place('truncated', false);
    await restoreDatabase(target, backupFile, { audit });
    const restored = await snapshotOf(target);
    const bytes = fs.readFileSync(backupFile);
    const cut = path.join(work, 'cut.backup');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    await expect(restoreDatabase(target, cut, { audit, force: true })).rejects.toThrow(BackupError);
    expect(await snapshotOf(target)).toEqual(restored);
  });

  it('refuses while a server has the database', async () => {
    const target = await place('busy', false);
    if (kind === 'pglite') {
      const lock = acquireDataDirLock(source.dataDir);
      try {
        await expect(backupDatabase(source, path.join(work, 'busy.backup'), { audit })).rejects.toThrow(/Stop the server before backing up/);
      } finally {
        lock.release();
      }
      const targetLock = acquireDataDirLock(target.dataDir);
      try {
        await expect(restoreDatabase(target, backupFile, { audit })).rejects.toThrow(/Stop the server before restoring/);
      } finally {
        targetLock.release();
      }
    } else {
      // The server's pool names itself 'onewindow'; a restore under it would pull the tables from under it.
      const server = await openPostgres(target.databaseUrl!, 1);
      try {
        await expect(restoreDatabase(target, backupFile, { audit })).rejects.toThrow(/stop the server/);
      } finally {
        await server.close();
      }
    }
    expect(fs.existsSync(path.join(work, 'busy.backup'))).toBe(false);
  });

  it('explains a file it cannot use, an existing backup it would overwrite, and a missing pg_dump', async () => {
    const target = await place('errors', false);
    await expect(restoreDatabase(target, path.join(work, 'nothing-here'), { audit })).rejects.toThrow(/Cannot read the backup file/);
    const junk = path.join(work, 'junk.bin');
    fs.writeFileSync(junk, 'not a backup at all');
    await expect(restoreDatabase(target, junk, { audit })).rejects.toThrow(/is not a OneWindow backup/);
    // A backup of the other kind of database.
    const foreign = path.join(work, 'foreign.bin');
    fs.writeFileSync(foreign, kind === 'pglite' ? Buffer.from('PGDMP\x01\x0f\x00') : gzipSync(Buffer.from('pgdata')));
    await expect(restoreDatabase(target, foreign, { audit })).rejects.toThrow(kind === 'pglite' ? /This is a PostgreSQL backup/ : /This is an embedded-database \(PGlite\) backup/);
    await expect(backupDatabase(source, backupFile, { audit })).rejects.toThrow(/already exists; add --force/);
    if (kind === 'postgres') {
      const saved = process.env.PATH;
      process.env.PATH = path.join(work, 'empty-bin');
      try {
        await expect(backupDatabase(source, path.join(work, 'no-tool.backup'), { audit })).rejects.toThrow(/pg_dump not found/);
      } finally {
        process.env.PATH = saved;
      }
    }
  });

  it('tells the two kinds of backup apart by their first bytes', () => {
    expect(detectBackupKind(Buffer.from('PGDMP\x01\x0f'))).toBe('postgres');
    expect(detectBackupKind(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toBe('pglite');
    expect(detectBackupKind(Buffer.from('hello'))).toBeNull();
  });
});
