/** Health and site information. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isRole, ROLES, type Role } from '../../../common/roles';
import { listActiveDemoAccounts } from '../identity';
import { findRegion } from '../org';
import { AppError } from '../../platform/http/errors';

const HealthResponse = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }).meta({ id: 'Health' });

const SiteResponse = z
  .object({
    regionCode: z.string(),
    regionName: z.string(),
    demo: z.boolean().describe('Demo mode: demo accounts exist (see README)'),
    demoAccounts: z.array(z.object({ username: z.string(), role: z.enum(ROLES) })),
  })
  .meta({ id: 'Site' });

export async function registerSystemRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['系统 System'];

  app.get('/api/health', {
    schema: { tags, summary: '健康检查 Health', response: { 200: HealthResponse } },
    config: { access: { public: true } },
    handler: async (request) => {
      const { database } = request.server.deps;
      try {
        await database.db.execute(sql`select 1`);
      } catch (err) {
        throw new AppError('SERVICE_UNAVAILABLE', { cause: err });
      }
      return { status: 'ok' as const, database: database.kind };
    },
  });

  app.get('/api/public/site', {
    schema: { tags, summary: '站点信息 Site information', response: { 200: SiteResponse } },
    config: { access: { public: true } },
    handler: async (request) => {
      const { config, database } = request.server.deps;
      const region = await findRegion(database.db, config.regionCode);
      const demoAccounts = config.demo
        ? (await listActiveDemoAccounts(database.db, config.regionCode))
            .map((a) => ({ username: a.username, role: a.roles[0] ?? '' }))
            .filter((a): a is { username: string; role: Role } => isRole(a.role))
            .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role))
        : [];
      return { regionCode: config.regionCode, regionName: region?.name ?? config.regionCode, demo: config.demo, demoAccounts };
    },
  });
}
