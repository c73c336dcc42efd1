import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { DEFAULT_SEAL_PASSPHRASE, type Config } from './config';
import { systemActor, systemClock, type Clock } from './platform/auth/actor';
import { configureAuditChains, ensureAuditChains, type AuditContext } from './platform/audit/audit';
import { inTransaction, openPglite, openPostgres, type Database } from './platform/db/client';
import { acquireDataDirLock, type DataDirLock } from './platform/db/lock';
import { runMigrations } from './platform/db/migrate';
import { LocalFileStore } from './platform/files/store';
import type { AppDeps } from './platform/http/context';
import { ensureSealKey, SealKeyError, type EnsureSealKeyResult } from './platform/seal/seal-key';
import { findDemoAccountsWithDemoPassword } from './modules/identity';
import { seedDemoEnterprises } from './modules/registration';
import { ensureHallSetup } from './modules/hall';
import { orgUnits, regions } from './modules/org/org.tables';
import { seedDemoAccounts } from './db/seed/demo';
import { loadItemSeeds, loadOrgSeed, seedReferenceData } from './db/seed/reference';

export class StartupRefusedError extends Error {}

export interface Runtime {
  deps: AppDeps;
  lock: DataDirLock | null;
  shutdown(): Promise<void>;
}

/** Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else the embedded one. */
export async function openDatabase(config: Config): Promise<{ database: Database; lock: DataDirLock | null }> {
  if (config.databaseUrl) return { database: await openPostgres(config.databaseUrl, config.databasePoolSize), lock: null };
  // Two processes on one embedded database corrupt it: the lock comes before the database is opened.
  const lock = acquireDataDirLock(config.dataDir);
  try {
    return { database: await openPglite(config.dataDir), lock };
  } catch (err) {
    lock.release();
    throw err;
  }
}

function systemAudit(config: Config, clock: Clock, name: string): AuditContext {
  return { actor: systemActor(name), role: 'system', ip: null, requestId: null, regionCode: config.regionCode, clock };
}

/**
 * Fills an empty database: the county's reference data always, the demo accounts in demo mode. A database that
 * already holds the region keeps it; only what a newer version adds (the hall's opening hours) is set up, once.
 */
export async function seedIfEmpty(database: Database, config: Config, clock: Clock, log: (msg: string) => void = () => undefined): Promise<void> {
  const [existing] = await database.db.select().from(regions).where(eq(regions.code, config.regionCode));
  if (!existing) await seedReference(database, config, clock, log);
  // Installations older than the hall get its default opening hours once, like new ones.
  const rules = await ensureHallSetup(database.db, systemAudit(config, clock, 'seed'), config.regionCode);
  if (rules) log(`service hall opening hours set: ${rules} rules`);
}

async function seedReference(database: Database, config: Config, clock: Clock, log: (msg: string) => void): Promise<void> {
  const org = loadOrgSeed();
  if (org.region.code !== config.regionCode) {
    throw new StartupRefusedError(
      `REGION_CODE ${config.regionCode} has no reference data (server/db/seed/data holds ${org.region.code} ${org.region.name}).`,
    );
  }
  await inTransaction(database.db, async (tx) => {
    const counts = await seedReferenceData(tx, systemAudit(config, clock, 'seed'), org, loadItemSeeds());
    log(`reference data loaded: ${counts.units} units, ${counts.windows} windows, ${counts.items} items, ${counts.materials} materials`);
    if (config.demo) {
      const created = await seedDemoAccounts(tx, systemAudit(config, clock, 'seed'), config.regionCode, config.demoPassword);
      log(`demo accounts created: ${created.join(', ')}`);
    }
  });
}

/**
 * In production, demo passwords must be gone before the server takes a single request, and the seal's key must
 * be protected by a passphrase of the county's own.
 */
export async function checkProductionSafety(database: Database, config: Config): Promise<void> {
  if (config.env !== 'production') return;
  checkSealPassphrase(config);
  if (config.demoPasswordFromEnv) {
    throw new StartupRefusedError('生产环境不得设置 DEMO_PASSWORD。 / DEMO_PASSWORD must not be set in production.');
  }
  const demo = await findDemoAccountsWithDemoPassword(database.db);
  if (demo.length > 0) {
    throw new StartupRefusedError(
      `生产环境拒绝启动：演示账号仍在使用演示密码（${demo.map((d) => d.username).join(', ')}）。\n` +
        `Refusing to start in production: demo accounts still have the demo password (${demo.map((d) => d.username).join(', ')}).\n` +
        'Disable them with `npm run cli -- accounts:disable-demo`, or change their passwords.',
    );
  }
}

/** In production the seal's key must be protected by a passphrase of the county's own (SEAL_PASSPHRASE). */
export function checkSealPassphrase(config: Config): void {
  if (config.env !== 'production') return;
  if (!config.sealPassphraseFromEnv || config.sealPassphrase === DEFAULT_SEAL_PASSPHRASE) {
    throw new StartupRefusedError(
      '生产环境拒绝启动：必须设置 SEAL_PASSPHRASE（电子印章密钥口令，至少 12 个字符，不得使用演示默认值）。\n' +
        "Refusing to start in production: set SEAL_PASSPHRASE (the passphrase protecting the approval seal's signing key; at least 12 characters, not the demo default).",
    );
  }
}

/** The name of the region's approval bureau (the organ on the seal). */
export async function findBureauName(database: Database, regionCode: string): Promise<string> {
  const [bureau] = await database.db
    .select({ name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.regionCode, regionCode), eq(orgUnits.kind, 'bureau'), eq(orgUnits.active, true)))
    .orderBy(asc(orgUnits.sort))
    .limit(1);
  if (!bureau) throw new StartupRefusedError(`REGION_CODE ${regionCode} has no approval bureau (org_units kind 'bureau'): the seal cannot be made.`);
  return bureau.name;
}

/**
 * Makes sure the bureau's approval seal has a signing key (R2): generated at the first start, reused after, and
 * opened with SEAL_PASSPHRASE — a passphrase that does not open it stops the start here, not at the first
 * certificate.
 */
export async function ensureSeal(database: Database, config: Config, clock: Clock, log: (msg: string) => void = () => undefined): Promise<EnsureSealKeyResult> {
  const organName = await findBureauName(database, config.regionCode);
  try {
    const result = await ensureSealKey(database.db, {
      regionCode: config.regionCode,
      organName,
      passphrase: config.sealPassphrase,
      audit: systemAudit(config, clock, 'seal'),
    });
    if (result.outcome !== 'existing') log(`approval seal key ${result.outcome}: ${result.key.subject}, serial ${result.key.serialNumber}`);
    if (result.warning) log(result.warning);
    return result;
  } catch (err) {
    if (err instanceof SealKeyError) throw new StartupRefusedError(err.message);
    throw err;
  }
}

/** Everything before listening: database, lock, migrations, audit chains, seed, safety checks, the seal's key. */
export async function prepareRuntime(config: Config, options: { clock?: Clock; log?: (msg: string) => void } = {}): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const { database, lock } = await openDatabase(config);
  try {
    await runMigrations(database);
    configureAuditChains(config.auditChains);
    await ensureAuditChains(database.db);
    await seedIfEmpty(database, config, clock, log);
    await checkProductionSafety(database, config);
    await ensureSeal(database, config, clock, log);
    // Demo register: business licences need the seal's key and the file store, so they come last.
    if (config.demo) {
      const made = await seedDemoEnterprises(database, { config, files: new LocalFileStore(path.join(config.dataDir, 'files')), clock, regionCode: config.regionCode });
      if (made) log(`demo register: ${made} market entities with business licences`);
    }
  } catch (err) {
    await database.close().catch(() => undefined);
    lock?.release();
    throw err;
  }
  const deps: AppDeps = { config, database, clock, files: new LocalFileStore(path.join(config.dataDir, 'files')) };
  return {
    deps,
    lock,
    shutdown: async () => {
      await database.close();
      lock?.release();
    },
  };
}
