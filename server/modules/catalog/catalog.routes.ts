import type { FastifyInstance } from 'fastify';
import { contentDisposition } from '../../platform/http/content-disposition';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readContext, writeInTransaction } from '../../platform/http/context';
import { IdParams, pageOf } from '../../platform/http/schemas';
import { receiveUpload } from '../../platform/http/upload';
import {
  BundleView,
  CatalogExport,
  CatalogFacets,
  CatalogStats,
  FileParams,
  ImportBody,
  ImportReport,
  ItemCodeParams,
  ItemDetail,
  ItemInput,
  ItemListQuery,
  ItemSummary,
  MaterialParams,
  UpdateItemBody,
} from './catalog.schemas';
import * as service from './catalog.service';

/** Largest blank form or sample a material may carry. */
export const TEMPLATE_MAX_BYTES = 10 * 1024 * 1024;


export async function catalogRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['事项目录 Catalogue'];

  app.get('/api/public/catalog/stats', {
    schema: { tags, summary: '首页统计 Figures of the public home page', response: { 200: CatalogStats } },
    config: { access: { public: true } },
    handler: async (request) => service.getStats(readContext(request)),
  });

  app.get('/api/public/catalog/facets', {
    schema: { tags, summary: '分类统计 Counts by department, unit, zone, life event, type', response: { 200: CatalogFacets } },
    config: { access: { public: true } },
    handler: async (request) => service.getFacets(readContext(request)),
  });

  app.get('/api/public/items', {
    schema: {
      tags,
      summary: '办事指南检索 Search the public guide',
      description: 'Active items only. `q` matches the name, the code, or pinyin initials (spjy → 食品经营许可).',
      querystring: ItemListQuery.omit({ status: true }),
      response: { 200: pageOf(ItemSummary) },
    },
    config: { access: { public: true } },
    handler: async (request) => service.listItems(readContext(request), { ...request.query, status: undefined }, true),
  });

  app.get('/api/public/items/:code', {
    schema: { tags, summary: '办事指南 The guide of one item', params: ItemCodeParams, response: { 200: ItemDetail } },
    config: { access: { public: true } },
    handler: async (request) => service.getPublicItem(readContext(request), request.params.code),
  });

  app.get('/api/public/bundles', {
    schema: { tags, summary: '联办事项（一件事一次办）Bundles of items applied for together', response: { 200: z.array(BundleView) } },
    config: { access: { public: true } },
    handler: async (request) => service.listBundles(readContext(request)),
  });

  app.get('/api/public/templates/:sha256', {
    schema: {
      tags,
      summary: '下载空白表格或示范文本 Download a blank form or sample',
      params: FileParams,
      response: { 200: z.any().describe('The file') },
    },
    config: { access: { public: true } },
    handler: async (request, reply) => {
      const file = await service.getPublicTemplate(readContext(request), request.server.deps.files, request.params.sha256);
      return reply
        .type(file.mime)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(file.bytes);
    },
  });

  app.get('/api/catalog/items', {
    schema: {
      tags,
      summary: '事项列表（工作人员）List items for staff',
      description: 'Includes suspended items. Regulators see only their own department\'s items.',
      querystring: ItemListQuery,
      response: { 200: pageOf(ItemSummary) },
    },
    config: { access: { permission: 'catalog.read' } },
    handler: async (request) => service.listItems(readContext(request), request.query, false),
  });

  app.get('/api/catalog/items/:id', {
    schema: { tags, summary: '事项详情 One item', params: IdParams, response: { 200: ItemDetail } },
    config: { access: { permission: 'catalog.read' } },
    handler: async (request) => service.getItem(readContext(request), request.params.id),
  });

  app.post('/api/catalog/items', {
    schema: { tags, summary: '新增事项 Create an item', body: ItemInput, response: { 201: ItemDetail } },
    config: { access: { permission: 'catalog.manage' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.createItem(ctx, request.body))),
  });

  app.put('/api/catalog/items/:id', {
    schema: {
      tags,
      summary: '修改事项及材料 Change an item and its materials',
      description: 'Replaces the item\'s fields and its list of materials. Send `version` as read; a stale one gets 409.',
      params: IdParams,
      body: UpdateItemBody,
      response: { 200: ItemDetail },
    },
    config: { access: { permission: 'catalog.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.updateItem(ctx, request.params.id, request.body)),
  });

  app.post('/api/catalog/items/:id/materials/:materialId/template', {
    schema: {
      tags,
      summary: '上传材料模板 Upload a blank form or sample for a material',
      description: 'multipart/form-data with one part named `file` (PDF, Word, Excel or image; at most 10 MB).',
      consumes: ['multipart/form-data'],
      params: MaterialParams,
      response: { 200: ItemDetail },
    },
    config: { access: { permission: 'catalog.manage' } },
    handler: async (request) => {
      const upload = await receiveUpload(request, { maxBytes: TEMPLATE_MAX_BYTES, fileNameMax: 120, fallbackName: 'template' });
      const { files } = request.server.deps;
      return writeInTransaction(request, (ctx) => service.attachTemplate(ctx, files, request.params.id, request.params.materialId, upload));
    },
  });

  app.get('/api/catalog/export', {
    schema: { tags, summary: '导出事项目录 Export the catalogue as JSON', response: { 200: CatalogExport } },
    config: { access: { permission: 'catalog.manage' } },
    handler: async (request, reply) => {
      const exported = await service.exportCatalog(readContext(request));
      reply.header('content-disposition', contentDisposition(`catalog-${exported.regionCode}-${exported.exportedAt.slice(0, 10)}.json`));
      return exported;
    },
  });

  app.post('/api/catalog/import', {
    schema: {
      tags,
      summary: '导入事项目录 Import a catalogue (JSON)',
      description: 'Matches items by code; all or nothing. With dryRun=true nothing is saved and the report says what would change.',
      body: ImportBody,
      response: { 200: ImportReport },
    },
    config: { access: { permission: 'catalog.manage' } },
    bodyLimit: 20 * 1024 * 1024,
    handler: async (request) => writeInTransaction(request, (ctx) => service.importCatalog(ctx, request.body)),
  });
}
