/** 服务大厅: appointments (预约办理, 无休日预约) and the queue (排队叫号) of the citizen service centre's zones. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/client';
import type { JobDefinition } from '../../platform/jobs/jobs';
import { hallRoutes } from './hall.routes';
import { scanNoShows, sendReminders } from './hall.service';

export * from './hall.tables';
export { ensureHallSetup, scanNoShows, sendReminders } from './hall.service';

export async function registerHall(app: FastifyInstance): Promise<void> {
  await app.register(hallRoutes);
}

export function hallJobs(deps: { db: Db; clock: { now(): Date }; regionCode: string; log: (msg: string, data?: unknown) => void }): JobDefinition[] {
  return [
    {
      name: 'appointment-no-show-scan',
      cron: '*/5 * * * *',
      handler: async () => {
        const n = await scanNoShows(deps.db, deps.clock, deps.regionCode);
        if (n) deps.log('appointments missed', { marked: n });
      },
    },
    {
      name: 'appointment-reminders',
      cron: '*/10 * * * *',
      handler: async () => {
        const n = await sendReminders(deps.db, deps.clock, deps.regionCode);
        if (n) deps.log('appointment reminders', { sent: n });
      },
    },
  ];
}
