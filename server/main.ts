/** Starts OneWindow: prepare the database, build the app, listen; shut down cleanly on SIGINT/SIGTERM. */
import { buildApp } from './app';
import { prepareRuntime, StartupRefusedError } from './bootstrap';
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from './config';
import { DataDirLockedError } from './platform/db/lock';
import { MigrationError } from './platform/db/migrate';
import { startJobs, type JobRunner } from './platform/jobs/jobs';
import { LogTransport } from './platform/notify/transport';
import { caseJobs } from './modules/cases';
import { evaluationJobs } from './modules/evaluations';
import { hallJobs } from './modules/hall';
import { seedDemoCases } from './db/seed/demo-cases';

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await prepareRuntime(config, { log: (msg) => console.log(`[onewindow] ${msg}`) });
  const app = await buildApp(runtime.deps);
  // First start in demo mode: cases in the inboxes and certificates in the registry, made through the services.
  if (config.demo) await seedDemoCases(runtime.deps, (msg) => console.log(`[onewindow] ${msg}`));
  let jobs: JobRunner | null = null;
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await app.close();
      await jobs?.stop();
      await runtime.shutdown();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  if (config.runJobs) {
    const { database, clock } = runtime.deps;
    const transport = new LogTransport((entry, msg) => app.log.info(entry, msg));
    jobs = await startJobs(
      database,
      [
        ...caseJobs({ db: database.db, clock, warningDays: config.deadlineWarningDays, transport, log: (msg, data) => app.log.info({ data }, msg) }),
        ...evaluationJobs({ db: database.db, clock, log: (msg, data) => app.log.info({ data }, msg) }),
        ...hallJobs({ db: database.db, clock, regionCode: config.regionCode, log: (msg, data) => app.log.info({ data }, msg) }),
      ],
      (msg, err) => app.log.error({ err }, msg),
    );
  }
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  console.log(`[onewindow] 一窗通 OneWindow listening on http://localhost:${config.port} — database: ${where}`);
  if (config.demo) {
    const pw = config.demoPasswordFromEnv ? '(DEMO_PASSWORD)' : DEFAULT_DEMO_PASSWORD;
    console.log(`[onewindow] demo mode: accounts admin, clerk, reviewer, … applicant; password ${pw}`);
  }
}

main().catch((err: unknown) => {
  if (err instanceof DataDirLockedError || err instanceof StartupRefusedError || err instanceof ConfigError || err instanceof MigrationError) {
    console.error(`[onewindow] ${err.message}`);
  } else {
    console.error('[onewindow] failed to start:', err);
  }
  process.exit(1);
});
