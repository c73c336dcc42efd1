/**
 * Background jobs on pg-boss: they live in PostgreSQL like everything else, so several processes share them
 * (one worker takes each job) and a restart loses nothing. On PGlite the same queue runs in the embedded database.
 */
import PgBoss from 'pg-boss';
import type { Database } from '../db/client';

export interface JobDefinition {
  name: string;
  /** Cron in the server's time zone (Asia/Shanghai); pg-boss resolves it to the minute. */
  cron?: string;
  handler: (data: Record<string, unknown>) => Promise<void>;
}

export interface JobRunner {
  boss: PgBoss;
  send(name: string, data?: Record<string, unknown>): Promise<string | null>;
  stop(): Promise<void>;
}

function bossDatabase(database: Database): PgBoss.Db {
  if (database.kind === 'pglite') {
    const client = database.pglite!;
    return {
      // pg-boss sends several statements at once when it has no parameters; PGlite runs those with exec.
      executeSql: async (text: string, values?: unknown[]) => {
        if (values && values.length) return client.query(text, values as never[]) as Promise<{ rows: never[] }>;
        const results = await client.exec(text);
        return (results[results.length - 1] ?? { rows: [] }) as { rows: never[] };
      },
    };
  }
  const pool = database.pool!;
  return { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as never[]) as Promise<{ rows: never[] }> };
}

export async function startJobs(database: Database, jobs: JobDefinition[], log: (msg: string, err?: unknown) => void): Promise<JobRunner> {
  const boss = new PgBoss({ db: bossDatabase(database), schedule: true, supervise: true, migrate: true });
  boss.on('error', (err) => log('job queue error', err));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.work(job.name, { pollingIntervalSeconds: 2 }, async (batch) => {
      for (const item of batch) await job.handler((item.data ?? {}) as Record<string, unknown>);
    });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Shanghai' });
  }
  return {
    boss,
    send: (name, data = {}) => boss.send(name, data),
    stop: () => boss.stop({ graceful: true, timeout: 5000, wait: true }),
  };
}
