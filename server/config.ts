import path from 'node:path';
import { z } from 'zod';

/** The password every demo account shares unless DEMO_PASSWORD says otherwise. */
export const DEFAULT_DEMO_PASSWORD = 'OneWindow@2026';

/**
 * Passphrase of the seal's signing key outside production, when SEAL_PASSPHRASE is not set (documented in the
 * README). Production refuses to start without a passphrase of its own.
 */
export const DEFAULT_SEAL_PASSPHRASE = 'OneWindow-demo-seal-2026';

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Folder of the embedded database, the lock file, uploaded files and keys. */
  DATA_DIR: z.string().default('./data'),
  /** When set, PostgreSQL is used instead of the embedded database. */
  DATABASE_URL: z.string().url().optional(),
  /** Connections in the pool for PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** Demo mode creates demo accounts and sample data on an empty database. Off in production unless asked. */
  DEMO: booleanish.optional(),
  DEMO_PASSWORD: z.string().min(8).optional(),
  /** Division code of the county this installation serves (GB/T 2260); 130533 is 威县. */
  REGION_CODE: z.string().regex(/^\d{6}$/).default('130533'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Sign-in attempts per minute from one client address, whatever the account (password spraying). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Number of independent audit hash chains; more chains let concurrent transactions append in parallel. */
  AUDIT_CHAINS: z.coerce.number().int().min(1).max(64).default(8),
  /** Address where the public reaches this installation; printed on notices (progress links, QR codes). */
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  /** The bureau's enquiry phone printed on notices (demo value by default; set the county's own). */
  ORGAN_PHONE: z.string().regex(/^[\d-]{7,20}$/).default('0319-6123000'),
  /** 监督电话 printed on the time-limit card (demo value by default; set the county's own). */
  SUPERVISION_PHONE: z.string().regex(/^[\d-]{7,20}$/).default('0319-6123100'),
  /** Working days before the due date when the yellow warning is raised (限时办结预警). */
  DEADLINE_WARNING_DAYS: z.coerce.number().int().min(0).max(20).default(2),
  /** Run background jobs (deadline warnings, notifications) in this process. */
  JOBS: booleanish.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Trust X-Forwarded-For from a reverse proxy in front of the server. */
  TRUST_PROXY: booleanish.default(false),
  /** Encrypts the approval seal's signing key (PKCS#12 in the database). Required in production. */
  SEAL_PASSPHRASE: z.string().min(12, 'at least 12 characters').optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  demo: boolean;
  demoPassword: string;
  /** True when DEMO_PASSWORD was given explicitly. */
  demoPasswordFromEnv: boolean;
  regionCode: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRateLimit: number;
  auditChains: number;
  deadlineWarningDays: number;
  runJobs: boolean;
  publicBaseUrl: string;
  organPhone: string;
  supervisionPhone: string;
  logLevel: string;
  trustProxy: boolean;
  /** Opens the seal's signing key: SEAL_PASSPHRASE, or DEFAULT_SEAL_PASSPHRASE outside production. */
  sealPassphrase: string;
  /** True when SEAL_PASSPHRASE was given explicitly. */
  sealPassphraseFromEnv: boolean;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; nothing else in the server reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set" (DATABASE_URL= in a shell, an empty line in a .env file).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    demo: e.DEMO ?? !isProduction,
    demoPassword: e.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    demoPasswordFromEnv: e.DEMO_PASSWORD !== undefined,
    regionCode: e.REGION_CODE,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    auditChains: e.AUDIT_CHAINS,
    deadlineWarningDays: e.DEADLINE_WARNING_DAYS,
    runJobs: e.JOBS,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    organPhone: e.ORGAN_PHONE,
    supervisionPhone: e.SUPERVISION_PHONE,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    sealPassphrase: e.SEAL_PASSPHRASE ?? DEFAULT_SEAL_PASSPHRASE,
    sealPassphraseFromEnv: e.SEAL_PASSPHRASE !== undefined,
  };
}
