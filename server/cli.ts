/**
 * onewindow commands:  npm run cli -- <command> [options]
 *
 *   migrate                    apply pending migrations
 *   seed                       migrate, then load reference (and, in demo mode, demo) data into an empty database
 *   audit:verify               verify the audit hash chains; exits 1 and names the first broken entry
 *   accounts:disable-demo      disable every demo account (before going to production)
 *   admin:create <username>    create an administrator; password from ONEWINDOW_ADMIN_PASSWORD or stdin
 *   seal:import <file.p12>     make the county's PKCS#12 the approval seal's key; its passphrase from
 *                              ONEWINDOW_P12_PASSPHRASE or stdin; --code <13 digits> sets the 印章编码
 *   seal:generate              replace the seal's key with a new self-signed one (--code as above)
 *   backup <file> [--force]    the whole database into one file (PGlite: the data folder, server stopped;
 *                              PostgreSQL: pg_dump, server may run); --force overwrites the file
 *   restore <file> [--force]   load a backup into an empty database; --force replaces what is there
 */
import { readFile } from 'node:fs/promises';
import { eq, and } from 'drizzle-orm';
import { checkSealPassphrase, findBureauName, openDatabase, seedIfEmpty, StartupRefusedError } from './bootstrap';
import { ConfigError, loadConfig, type Config } from './config';
import { systemActor, systemClock } from './platform/auth/actor';
import { hashPassword, isStrongPassword } from './platform/auth/password';
import { configureAuditChains, ensureAuditChains, recordEvent, verifyAuditChain } from './platform/audit/audit';
import { BackupError, backupDatabase, restoreDatabase } from './platform/db/backup';
import { inTransaction, type Database } from './platform/db/client';
import { DataDirLockedError } from './platform/db/lock';
import { MigrationError, runMigrations } from './platform/db/migrate';
import { findActiveSealKey } from './platform/seal/seal.repository';
import { checkSealPkcs12, generateSealKey, importSealKey, SealKeyError } from './platform/seal/seal-key';
import { accounts } from './modules/identity';

const USAGE = `用法 Usage: npm run cli -- <command>
  migrate                   apply pending migrations / 执行数据库迁移
  seed                      load reference data into an empty database / 初始化基础数据
  audit:verify              verify the audit hash chains / 校验审计日志哈希链
  accounts:disable-demo     disable all demo accounts / 停用全部演示账号
  admin:create <username>   create an administrator / 创建系统管理员
                            (password from ONEWINDOW_ADMIN_PASSWORD, else read from stdin)
  seal:import <file.p12> [--code <13 digits>]
                            make the county's PKCS#12 the approval seal's key / 导入审批专用章证书
                            (the file's passphrase from ONEWINDOW_P12_PASSPHRASE, else read from stdin)
  seal:generate [--code <13 digits>]
                            replace the seal's key with a new self-signed one / 重新生成印章密钥
  backup <file> [--force]   back up the whole database into <file> / 备份数据库
                            (embedded: stop the server first; PostgreSQL: pg_dump, the server may run;
                            --force overwrites <file>; copy DATA_DIR/files separately)
  restore <file> [--force]  restore a backup into an empty database / 从备份恢复数据库
                            (the server must be stopped; --force replaces a database that is not empty)`;

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const { database, lock } = await openDatabase(config);
  try {
    await runMigrations(database);
    configureAuditChains(config.auditChains);
    await ensureAuditChains(database.db);
    return await fn(database);
  } finally {
    await database.close();
    lock?.release();
  }
}

function auditAs(config: Config, name: string) {
  return { actor: systemActor(name), role: 'system', ip: null, requestId: null, regionCode: config.regionCode, clock: systemClock };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const config = loadConfig();
  switch (command ?? '') {
    case 'migrate':
      await withDatabase(config, async () => undefined);
      console.log('migrations applied / 迁移完成');
      return 0;
    case 'seed':
      await withDatabase(config, (database) => seedIfEmpty(database, config, systemClock, (m) => console.log(m)));
      console.log('seed done / 初始化完成');
      return 0;
    case 'audit:verify': {
      const result = await withDatabase(config, (database) => verifyAuditChain(database.db));
      if (result.ok) {
        console.log(`audit log intact / 审计日志完整: ${result.entries} entries in ${result.chains} chains`);
        return 0;
      }
      const b = result.firstBreak!;
      console.error(
        `audit log BROKEN / 审计日志已被篡改: first broken entry id=${b.id} (chain ${b.chain}, position ${b.chainSeq}): ${b.reason}`,
      );
      return 1;
    }
    case 'accounts:disable-demo': {
      const names = await withDatabase(config, (database) =>
        inTransaction(database.db, async (tx) => {
          const rows = await tx
            .update(accounts)
            .set({ status: 'disabled' })
            .where(and(eq(accounts.isDemo, true), eq(accounts.status, 'active')))
            .returning({ id: accounts.id, username: accounts.username });
          for (const r of rows) {
            await recordEvent(tx, auditAs(config, 'cli'), { action: 'account.disable_demo', subjectType: 'account', subjectId: r.id, after: { status: 'disabled' } });
          }
          return rows.map((r) => r.username);
        }),
      );
      console.log(names.length ? `disabled / 已停用: ${names.join(', ')}` : 'no active demo accounts / 没有启用的演示账号');
      return 0;
    }
    case 'admin:create': {
      const username = args[0];
      if (!username || !/^[A-Za-z0-9_.-]{3,32}$/.test(username)) {
        console.error('admin:create needs a user name of 3–32 letters, digits, _ . -');
        return 2;
      }
      const password = process.env.ONEWINDOW_ADMIN_PASSWORD ?? (await readStdin());
      if (!isStrongPassword(password)) {
        console.error('password needs at least 8 characters with letters and digits / 密码至少8位且包含字母和数字');
        return 2;
      }
      const passwordHash = await hashPassword(password);
      await withDatabase(config, (database) =>
        inTransaction(database.db, async (tx) => {
          const [row] = await tx
            .insert(accounts)
            .values({ regionCode: config.regionCode, username, displayName: username, kind: 'staff', roles: ['admin'], passwordHash, passwordChangedAt: new Date() })
            .returning({ id: accounts.id });
          await recordEvent(tx, auditAs(config, 'cli'), { action: 'account.create', subjectType: 'account', subjectId: row!.id, after: { username, roles: ['admin'] } });
        }),
      );
      console.log(`administrator ${username} created / 管理员已创建`);
      return 0;
    }
    case 'seal:import':
    case 'seal:generate': {
      const file = command === 'seal:import' ? args[0] : undefined;
      const codeAt = args.indexOf('--code');
      const sealCode = codeAt >= 0 ? (args[codeAt + 1] ?? '') : undefined;
      if (command === 'seal:import' && (!file || file.startsWith('--'))) {
        console.error('seal:import needs the PKCS#12 file / 请指定 PKCS#12 文件: npm run cli -- seal:import <file.p12>');
        return 2;
      }
      // The key is stored under SEAL_PASSPHRASE: production must have its own before a key is stored.
      checkSealPassphrase(config);
      const bytes = file
        ? new Uint8Array(
            await readFile(file).catch((error: unknown) => {
              throw new SealKeyError('not_pkcs12', `无法读取 ${file} / Cannot read ${file}: ${(error as Error).message}`);
            }),
          )
        : null;
      const filePassphrase = bytes ? (process.env.ONEWINDOW_P12_PASSPHRASE ?? (await readStdin())) : '';
      // A file that will not do is refused before the database is opened.
      if (bytes) checkSealPkcs12(bytes, filePassphrase, systemClock.now());
      const key = await withDatabase(config, async (database) => {
        const common = { regionCode: config.regionCode, passphrase: config.sealPassphrase, sealCode, audit: auditAs(config, 'cli') };
        if (bytes) return inTransaction(database.db, (tx) => importSealKey(tx, { ...common, file: bytes, filePassphrase }));
        // A new key of the same seal: the organ named by the current key, else the region's bureau.
        const organName = (await findActiveSealKey(database.db, config.regionCode))?.organName ?? (await findBureauName(database, config.regionCode));
        return inTransaction(database.db, (tx) => generateSealKey(tx, { ...common, organName }));
      });
      console.log(
        `seal key ${bytes ? 'imported / 印章证书已导入' : 'generated / 印章密钥已生成'}: ${key.subject}\n` +
          `  serial ${key.serialNumber}, valid ${key.notBefore.toISOString().slice(0, 10)} – ${key.notAfter.toISOString().slice(0, 10)}, SHA-256 ${key.fingerprint}`,
      );
      return 0;
    }
    case 'backup':
    case 'restore': {
      const file = args.find((a) => !a.startsWith('--'));
      const unknown = args.filter((a) => a.startsWith('--') && a !== '--force');
      if (!file || unknown.length) {
        console.error(`${command} needs a file / 请指定文件: npm run cli -- ${command} <file> [--force]${unknown.length ? ` (unknown option ${unknown.join(' ')})` : ''}`);
        return 2;
      }
      const options = { force: args.includes('--force'), audit: auditAs(config, 'cli'), log: (m: string) => console.log(m) };
      if (command === 'backup') {
        const r = await backupDatabase(config, file, options);
        console.log(`backup written / 备份完成: ${r.file} (${r.bytes} bytes, SHA-256 ${r.sha256})`);
        return 0;
      }
      const r = await restoreDatabase(config, file, options);
      console.log(`restored / 恢复完成: ${r.file} (SHA-256 ${r.sha256})`);
      if (r.leftoverTables.length) console.log(`tables not in the backup, left as they were / 备份中没有、未改动的表: ${r.leftoverTables.join(', ')}`);
      if (r.missingFiles.length) {
        console.log(
          `${r.missingFiles.length} stored files are missing from ${config.dataDir}/files: restore that folder too / ` +
            `数据库引用的 ${r.missingFiles.length} 个文件不在 files 目录中，请一并恢复该目录`,
        );
      }
      if (!r.audit.ok) {
        const b = r.audit.firstBreak!;
        console.error(`audit log BROKEN / 审计日志已被篡改: first broken entry id=${b.id} (chain ${b.chain}, position ${b.chainSeq}): ${b.reason}`);
        return 1;
      }
      console.log(`audit log intact / 审计日志完整: ${r.audit.entries} entries in ${r.audit.chains} chains`);
      return 0;
    }
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (
      err instanceof DataDirLockedError ||
      err instanceof StartupRefusedError ||
      err instanceof ConfigError ||
      err instanceof MigrationError ||
      err instanceof SealKeyError ||
      err instanceof BackupError
    ) {
      console.error(err.message);
    } else {
      console.error(err);
    }
    process.exit(1);
  },
);
