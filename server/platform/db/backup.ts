/**
 * Backup and restore of the whole database (`npm run cli -- backup <file>` / `restore <file>`).
 *
 * Embedded (PGlite): the data folder's database as a gzipped tarball (PGlite's dumpDataDir), taken and loaded
 * while this process holds the data folder's lock — never while a server has the folder open, since two
 * processes on one embedded database corrupt it. A restore loads into an empty folder; with --force the
 * database already there is moved aside (kept beside it, not deleted).
 * PostgreSQL: pg_dump's custom format, restored by pg_restore in one transaction (--clean --if-exists), so a
 * restore that fails leaves the database as it was. No server may be connected during a restore.
 *
 * Uploaded materials and generated PDFs are not in the database but in DATA_DIR/files, content-addressed and
 * never changed once written: that folder is copied alongside (any copy tool, even while the server runs), and a
 * restore names the files its database refers to that the folder lacks.
 *
 * Both record an audit entry where the database is writable: a backup in the database it copied (after the file
 * is written, so the copy does not hold it), a restore in the restored database, whose chains it then verifies.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Config } from '../../config';
import { configureAuditChains, ensureAuditChains, recordEvent, verifyAuditChain, type AuditContext, type VerifyResult } from '../audit/audit';
import { storedFiles } from '../files/files.tables';
import { LocalFileStore } from '../files/store';
import { inTransaction, openPglite, openPostgres, PGLITE_FOLDER, wrapPglite, type Database, type DatabaseKind } from './client';
import { acquireDataDirLock, DataDirLockedError, type DataDirLock } from './lock';

/** A backup or restore that cannot be done; the message says why, in Chinese and in English. */
export class BackupError extends Error {}

export interface BackupOptions {
  /** backup: overwrite an existing file. restore: replace a database that is not empty. */
  force?: boolean;
  /** Who is doing it, for the audit entry. */
  audit: AuditContext;
  log?: (msg: string) => void;
}

export interface BackupResult {
  kind: DatabaseKind;
  file: string;
  bytes: number;
  sha256: string;
  /** False when the database would not take the audit entry (a read-only replica, say). */
  audited: boolean;
}

export interface RestoreResult extends BackupResult {
  /** PGlite --force: where the database that was there before now is. */
  replacedFolder: string | null;
  /** The restored database's audit chains, verified after the restore entry was appended. */
  audit: VerifyResult;
  /** Stored files (sha256) the restored database refers to that DATA_DIR/files does not hold. */
  missingFiles: string[];
  /** PostgreSQL --force: tables of the target that the backup does not have, left as they were. */
  leftoverTables: string[];
}

/** What a backup file holds, from its first bytes. */
export function detectBackupKind(head: Uint8Array): DatabaseKind | null {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  if (b[0] === 0x1f && b[1] === 0x8b) return 'pglite';
  if (b.subarray(257, 262).toString('latin1') === 'ustar') return 'pglite';
  return null;
}

export function backupDatabase(config: Config, file: string, options: BackupOptions): Promise<BackupResult> {
  return config.databaseUrl ? backupPostgres(config, config.databaseUrl, path.resolve(file), options) : backupPglite(config, path.resolve(file), options);
}

export async function restoreDatabase(config: Config, file: string, options: BackupOptions): Promise<RestoreResult> {
  const absolute = path.resolve(file);
  const head = await readHead(absolute);
  const kind = detectBackupKind(head);
  const target: DatabaseKind = config.databaseUrl ? 'postgres' : 'pglite';
  if (kind === null) {
    throw new BackupError(`${absolute} 不是一窗通的备份文件。\n${absolute} is not a OneWindow backup (neither a PGlite data-folder dump nor a pg_dump archive).`);
  }
  if (kind !== target) {
    throw new BackupError(
      kind === 'postgres'
        ? `这是 PostgreSQL 的备份（pg_dump）：请设置 DATABASE_URL 后恢复到 PostgreSQL。\nThis is a PostgreSQL backup (pg_dump): set DATABASE_URL to restore it into PostgreSQL.`
        : `这是内嵌数据库（PGlite）的备份：请不设置 DATABASE_URL、用 DATA_DIR 指定数据目录后恢复。\nThis is an embedded-database (PGlite) backup: unset DATABASE_URL and restore it into a DATA_DIR.`,
    );
  }
  return config.databaseUrl ? restorePostgres(config, config.databaseUrl, absolute, options) : restorePglite(config, absolute, options);
}

// ── PGlite ──────────────────────────────────────────────────────────────────────────────────────────────

function lockForBackup(dataDir: string, what: 'backup' | 'restore'): DataDirLock {
  try {
    return acquireDataDirLock(dataDir);
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    throw new BackupError(
      `${what === 'backup' ? '备份' : '恢复'}内嵌数据库前须先停止服务器。\n` +
        `Stop the server before ${what === 'backup' ? 'backing up' : 'restoring'} the embedded database.\n${err.message}`,
    );
  }
}

async function backupPglite(config: Config, file: string, options: BackupOptions): Promise<BackupResult> {
  const folder = path.join(config.dataDir, PGLITE_FOLDER);
  if (!fs.existsSync(path.join(folder, 'PG_VERSION'))) {
    throw new BackupError(`数据目录 ${config.dataDir} 中没有数据库。\nThere is no database in ${config.dataDir} (DATA_DIR).`);
  }
  refuseExisting(file, options.force);
  const lock = lockForBackup(config.dataDir, 'backup');
  try {
    const database = await openPglite(config.dataDir);
    try {
      // A checkpoint first: the files then hold every commit, and a restore has no log to replay.
      await database.exec('checkpoint');
      const dump = await database.pglite!.dumpDataDir('gzip');
      const bytes = Buffer.from(await dump.arrayBuffer());
      writeFileDurably(file, bytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      options.log?.(`PGlite data folder ${folder} → ${file}`);
      const audited = await recordBackupEvent(database, config, options, 'database.backup', 'pglite', { file, bytes: bytes.length, sha256 });
      return { kind: 'pglite', file, bytes: bytes.length, sha256, audited };
    } finally {
      await database.close();
    }
  } finally {
    lock.release();
  }
}

async function restorePglite(config: Config, file: string, options: BackupOptions): Promise<RestoreResult> {
  const bytes = await readBackup(file);
  // The whole archive is read before the data folder is touched: a truncated or foreign file changes nothing.
  const version = pgVersionInTarball(file, bytes);
  const lock = lockForBackup(config.dataDir, 'restore');
  try {
    const folder = path.join(config.dataDir, PGLITE_FOLDER);
    let replacedFolder: string | null = null;
    if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
      if (!options.force) {
        throw new BackupError(
          `数据目录 ${config.dataDir} 中已有数据库；确要替换，请加 --force（原数据库将移到一旁保留）。\n` +
            `${config.dataDir} already holds a database; add --force to replace it (the current one is moved aside and kept).`,
        );
      }
      replacedFolder = `${folder}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(folder, replacedFolder);
      options.log?.(`current database moved aside / 原数据库已移至: ${replacedFolder}`);
    }
    let database: Database;
    try {
      const client = new PGlite(folder, { loadDataDir: new Blob([new Uint8Array(bytes)]) });
      await client.waitReady;
      database = wrapPglite(client);
    } catch (err) {
      fs.rmSync(folder, { recursive: true, force: true });
      if (replacedFolder) fs.renameSync(replacedFolder, folder);
      throw new BackupError(
        `无法载入备份（其中数据库为 PostgreSQL ${version}）：${(err as Error).message}\n` +
          `Could not load the backup (a PostgreSQL ${version} data folder): ${(err as Error).message}` +
          (replacedFolder ? '\n原数据库已放回 / the previous database is back in place.' : ''),
      );
    }
    try {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const audited = await recordBackupEvent(database, config, options, 'database.restore', 'pglite', { file, bytes: bytes.length, sha256, replacedFolder });
      return {
        kind: 'pglite',
        file,
        bytes: bytes.length,
        sha256,
        audited,
        replacedFolder,
        audit: await verifyAuditChain(database.db),
        missingFiles: await missingStoredFiles(database, config.dataDir),
        leftoverTables: [],
      };
    } finally {
      await database.close();
    }
  } finally {
    lock.release();
  }
}

/** Reads the tar (gzipped or not) end to end and returns the PG_VERSION of the data folder it holds. */
function pgVersionInTarball(file: string, bytes: Buffer): string {
  const foreign = () => new BackupError(`${file} 不是完整的内嵌数据库备份。\n${file} is not a complete embedded-database backup.`);
  let tar: Buffer;
  try {
    tar = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  } catch (err) {
    throw new BackupError(`${foreign().message}\n(${(err as Error).message})`);
  }
  let version: string | null = null;
  let ended = false;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) {
      ended = true;
      break;
    }
    const field = (from: number, length: number) => header.subarray(from, from + length).toString('utf8').replace(/\0.*$/s, '');
    const name = (header.subarray(257, 262).toString('latin1') === 'ustar' && field(345, 155) ? `${field(345, 155)}/` : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (!Number.isFinite(size) || at + 512 + size > tar.length) throw foreign();
    if (/^(?:\/|\.\/|[^/]+\/)?PG_VERSION$/.test(name)) version = tar.subarray(at + 512, at + 512 + size).toString('utf8').trim();
    at += 512 + Math.ceil(size / 512) * 512;
  }
  if (!ended || !version) throw foreign();
  return version;
}

// ── PostgreSQL ──────────────────────────────────────────────────────────────────────────────────────────

/** libpq takes the URL; the password goes by environment, not on a command line that `ps` shows. */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv; database: string } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }, database: decodeURIComponent(u.pathname.slice(1)) };
}

interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new BackupError(
              `找不到 ${tool}：请安装 PostgreSQL 客户端工具（主版本不低于数据库服务器）并加入 PATH。\n` +
                `${tool} not found: install the PostgreSQL client tools (the database server's major version or newer) and put them on PATH.`,
            )
          : err,
      );
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function toolFailed(tool: string, run: ToolRun): BackupError {
  return new BackupError(`${tool} 失败（退出码 ${run.code}）/ ${tool} failed (exit code ${run.code}):\n${run.stderr.trim()}`);
}

async function backupPostgres(config: Config, url: string, file: string, options: BackupOptions): Promise<BackupResult> {
  refuseExisting(file, options.force);
  const conn = toolConnection(url);
  const temp = `${file}.${process.pid}.partial`;
  try {
    // A consistent snapshot of a database in use: the server may keep running.
    const run = await runTool('pg_dump', ['--format=custom', '--no-password', `--file=${temp}`, `--dbname=${conn.dbname}`], conn.env);
    if (run.code !== 0) throw toolFailed('pg_dump', run);
    syncFile(temp);
    fs.renameSync(temp, file);
    syncFolder(path.dirname(file));
  } finally {
    fs.rmSync(temp, { force: true });
  }
  const { bytes, sha256 } = await hashFile(file);
  options.log?.(`PostgreSQL database ${conn.database} → ${file}`);
  const database = await openPostgres(url, 1);
  try {
    const audited = await recordBackupEvent(database, config, options, 'database.backup', conn.database, { file, bytes, sha256 });
    return { kind: 'postgres', file, bytes, sha256, audited };
  } finally {
    await database.close();
  }
}

/** Tables outside PostgreSQL's own schemas, as schema.name. */
async function userTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
      order by 1`,
  );
  return rows.map((r) => r.name);
}

async function restorePostgres(config: Config, url: string, file: string, options: BackupOptions): Promise<RestoreResult> {
  const conn = toolConnection(url);
  // The archive's table of contents: pg_restore reads it end to end, so a damaged file stops here.
  const list = await runTool('pg_restore', ['--list', file], conn.env);
  if (list.code !== 0) throw toolFailed('pg_restore', list);
  const inBackup = new Set([...list.stdout.matchAll(/^\d+; \d+ \d+ TABLE (\S+) (\S+) /gm)].map((m) => `${m[1]}.${m[2]}`));

  const client = new pg.Client({ connectionString: url, application_name: 'onewindow-restore' });
  await client.connect();
  let before: string[];
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'onewindow' and pid <> pg_backend_pid()`,
    );
    if (rows[0]!.n > 0) {
      throw new BackupError(
        `数据库 ${conn.database} 正被 ${rows[0]!.n} 个一窗通连接使用：请先停止服务器。\n` +
          `${rows[0]!.n} OneWindow connection(s) are using database ${conn.database}: stop the server(s) first.`,
      );
    }
    before = await userTables(client);
  } finally {
    await client.end();
  }
  if (before.length > 0 && !options.force) {
    throw new BackupError(
      `数据库 ${conn.database} 不是空的（${before.length} 张表）；确要用备份替换，请加 --force。\n` +
        `Database ${conn.database} is not empty (${before.length} tables); add --force to replace its contents with the backup.`,
    );
  }
  // One transaction: a restore that fails part-way leaves the database as it was.
  const run = await runTool(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '--no-password', `--dbname=${conn.dbname}`, file],
    conn.env,
  );
  if (run.code !== 0) throw toolFailed('pg_restore', run);
  options.log?.(`${file} → PostgreSQL database ${conn.database}`);

  const { bytes, sha256 } = await hashFile(file);
  const database = await openPostgres(url, 1);
  try {
    const leftoverTables = before.filter((t) => !inBackup.has(t));
    const audited = await recordBackupEvent(database, config, options, 'database.restore', conn.database, { file, bytes, sha256, leftoverTables });
    return {
      kind: 'postgres',
      file,
      bytes,
      sha256,
      audited,
      replacedFolder: null,
      audit: await verifyAuditChain(database.db),
      missingFiles: await missingStoredFiles(database, config.dataDir),
      leftoverTables,
    };
  } finally {
    await database.close();
  }
}

// ── Shared ──────────────────────────────────────────────────────────────────────────────────────────────

function unreadable(file: string, err: unknown): BackupError {
  return new BackupError(`无法读取备份文件 ${file}：${(err as Error).message}\nCannot read the backup file ${file}: ${(err as Error).message}`);
}

async function readHead(file: string): Promise<Buffer> {
  try {
    const handle = await fs.promises.open(file, 'r');
    try {
      const buffer = Buffer.alloc(512);
      const { bytesRead } = await handle.read(buffer, 0, 512, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw unreadable(file, err);
  }
}

async function readBackup(file: string): Promise<Buffer> {
  try {
    return await fs.promises.readFile(file);
  } catch (err) {
    throw unreadable(file, err);
  }
}

function refuseExisting(file: string, force: boolean | undefined): void {
  if (!force && fs.existsSync(file)) {
    throw new BackupError(`${file} 已存在；确要覆盖，请加 --force。\n${file} already exists; add --force to overwrite it.`);
  }
  if (!fs.existsSync(path.dirname(file))) {
    throw new BackupError(`目录 ${path.dirname(file)} 不存在。\nThe folder ${path.dirname(file)} does not exist.`);
  }
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable; some file systems cannot sync a folder, and then the rename is as safe as it gets. */
function syncFolder(folder: string): void {
  try {
    const fd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // EISDIR/EINVAL on file systems without directory fsync.
  }
}

/** Written under a temporary name, synced, then renamed: a crash never leaves half a backup under the name. */
function writeFileDurably(file: string, bytes: Buffer): void {
  const temp = `${file}.${process.pid}.partial`;
  try {
    fs.writeFileSync(temp, bytes);
    syncFile(temp);
    fs.renameSync(temp, file);
    syncFolder(path.dirname(file));
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

async function hashFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** The SQLSTATE of a database error, through Drizzle's wrapping. */
function sqlState(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** Records the backup or restore in the audit log; false when the database is read-only for this user. */
async function recordBackupEvent(
  database: Database,
  config: Config,
  options: BackupOptions,
  action: 'database.backup' | 'database.restore',
  subjectId: string,
  detail: Record<string, unknown>,
): Promise<boolean> {
  try {
    configureAuditChains(config.auditChains);
    await ensureAuditChains(database.db);
    await inTransaction(database.db, (tx) => recordEvent(tx, options.audit, { action, subjectType: 'database', subjectId, detail }));
    return true;
  } catch (err) {
    // 25006: a read-only transaction (a standby); 42501: a user without the right to write.
    const state = sqlState(err);
    if (state === '25006' || state === '42501') {
      options.log?.(`audit entry not recorded: the database is read-only for this user / 数据库只读，未记录审计日志 (${state})`);
      return false;
    }
    throw err;
  }
}

/** Files the database refers to that DATA_DIR/files lacks (restored separately, or not at all). */
async function missingStoredFiles(database: Database, dataDir: string): Promise<string[]> {
  const store = new LocalFileStore(path.join(dataDir, 'files'));
  const rows = await database.db.select({ sha256: storedFiles.sha256 }).from(storedFiles);
  const missing: string[] = [];
  for (const { sha256 } of rows) if (!(await store.has(sha256))) missing.push(sha256);
  return missing;
}
