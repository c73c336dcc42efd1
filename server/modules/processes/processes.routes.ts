import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readContext, writeInTransaction } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { IdParams } from '../../platform/http/schemas';
import { findItemByCode, findItemById } from '../catalog';
import { listUnitRows } from '../org';
import { DefinitionView, ItemProcessView, KeyParams, KeyVersionParams, SaveDefinitionBody } from './processes.schemas';
import * as service from './processes.service';

export async function processRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['办理流程 Processes'];

  app.get('/api/public/items/:code/process', {
    schema: {
      tags,
      summary: '事项办理流程（公开）The process of an item, for the public guide',
      params: z.object({ code: z.string().regex(/^[A-Z]{2}-[A-Z]{2}-\d{3}$/) }),
      response: { 200: DefinitionView },
    },
    config: { access: { public: true } },
    handler: async (request) => {
      const ctx = readContext(request);
      const item = await findItemByCode(ctx.tx, ctx.regionCode, request.params.code);
      if (!item || item.status !== 'active') throw new AppError('NOT_FOUND');
      return service.presentDefinition(await service.currentDefinitionFor(ctx.tx, ctx.regionCode, item));
    },
  });

  app.get('/api/catalog/items/:id/process', {
    schema: { tags, summary: '事项的办理流程及版本 An item\'s process and its versions', params: IdParams, response: { 200: ItemProcessView } },
    config: { access: { permission: 'catalog.read' } },
    handler: async (request) => {
      const ctx = readContext(request);
      const item = await findItemById(ctx.tx, request.params.id);
      if (!item || item.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
      return service.getItemProcess(ctx, item);
    },
  });

  app.get('/api/processes/:key/versions/:version', {
    schema: { tags, summary: '流程的某个版本 One version of a process', params: KeyVersionParams, response: { 200: DefinitionView } },
    config: { access: { permission: 'catalog.read' } },
    handler: async (request) => service.getVersion(readContext(request), request.params.key, request.params.version),
  });

  app.put('/api/processes/:key', {
    schema: {
      tags,
      summary: '保存流程新版本 Save a new version of a process',
      description: 'Running cases keep the version they started with; new cases start on the new one.',
      params: KeyParams,
      body: SaveDefinitionBody,
      response: { 200: DefinitionView },
    },
    config: { access: { permission: 'catalog.manage' } },
    handler: async (request) =>
      writeInTransaction(request, async (ctx) => {
        const key = request.params.key;
        const itemCode = key.startsWith('item:') ? key.slice(5) : null;
        const item = itemCode ? await findItemByCode(ctx.tx, ctx.regionCode, itemCode) : undefined;
        const units = await listUnitRows(ctx.tx, ctx.regionCode);
        return service.saveDefinition(ctx, key, request.body, {
          promisedDays: item?.promisedLimitDays,
          knownUnitCodes: new Set(units.map((u) => u.code)),
        });
      }),
  });
}
