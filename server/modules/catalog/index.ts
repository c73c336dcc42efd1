/** Item catalogue: the bureau's licensing and confirmation items and the centre's service items. */
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { catalogRoutes } from './catalog.routes';

export { pinyinKeys } from './catalog.service';
export { findItemByCode, findItemById } from './catalog.repository';
export type { ItemRow } from './catalog.repository';
export * from './catalog.tables';

export async function registerCatalog(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
    await scope.register(catalogRoutes);
  });
}
