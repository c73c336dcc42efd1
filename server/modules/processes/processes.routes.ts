import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readContext, writeInTransaction, type WriteContext } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { IdParams } from '../../platform/http/schemas';
import { findItemByCode, findItemById } from '../catalog';
import { listUnitRows } from '../org';
import {
  BpmnDocument,
  BpmnImportQuery,
  DefinitionView,
  ItemCodeParams,
  ItemProcessView,
  KeyParams,
  KeyVersionParams,
  SaveDefinitionBody,
} from './processes.schemas';
import * as service from './processes.service';

/** Largest BPMN document accepted for import (the generated ones are 10–30 KB). */
const BPMN_MAX_BYTES = 1024 * 1024;

const XML_TYPES = ['application/xml', 'text/xml'];

/** An XML response in the OpenAPI document. */
const xmlResponse = (description: string) => ({ description, content: { 'application/xml': { schema: BpmnDocument } } });

function attachmentName(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`;
}

/** What saving a definition is checked against: the item's promised limit (item keys) and the known units. */
async function saveOptions(ctx: WriteContext, key: string) {
  const itemCode = key.startsWith('item:') ? key.slice(5) : null;
  const item = itemCode ? await findItemByCode(ctx.tx, ctx.regionCode, itemCode) : undefined;
  const units = await listUnitRows(ctx.tx, ctx.regionCode);
  return { promisedDays: item?.promisedLimitDays, knownUnitCodes: new Set(units.map((u) => u.code)) };
}

export async function processRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['办理流程 Processes'];

  // BPMN documents arrive as XML; only this plugin's routes accept it.
  app.addContentTypeParser(XML_TYPES, { parseAs: 'string', bodyLimit: BPMN_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.get('/api/public/items/:code/process', {
    schema: {
      tags,
      summary: '事项办理流程（公开）The process of an item, for the public guide',
      params: ItemCodeParams,
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
      writeInTransaction(request, async (ctx) => service.saveDefinition(ctx, request.params.key, request.body, await saveOptions(ctx, request.params.key))),
  });

  app.get('/api/public/items/:code/process.bpmn', {
    schema: {
      tags,
      summary: '事项办理流程图 BPMN（公开）The current process of an item as BPMN 2.0, for the public guide',
      params: ItemCodeParams,
      produces: ['application/xml'],
      response: { 200: xmlResponse('BPMN 2.0 XML with its diagram') },
    },
    config: { access: { public: true } },
    handler: async (request, reply) => {
      const ctx = readContext(request);
      const item = await findItemByCode(ctx.tx, ctx.regionCode, request.params.code);
      if (!item || item.status !== 'active') throw new AppError('NOT_FOUND');
      const { xml } = service.presentBpmn(await service.currentDefinitionFor(ctx.tx, ctx.regionCode, item));
      return reply.type('application/xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);
    },
  });

  app.get('/api/processes/:key/versions/:version/bpmn', {
    schema: {
      tags,
      summary: '导出流程版本为 BPMN 2.0 Export one version of a process as BPMN 2.0',
      params: KeyVersionParams,
      produces: ['application/xml'],
      response: { 200: xmlResponse('BPMN 2.0 XML with its diagram, offered as a .bpmn file') },
    },
    config: { access: { permission: 'catalog.read' } },
    handler: async (request, reply) => {
      const { xml, fileName } = await service.getVersionBpmn(readContext(request), request.params.key, request.params.version);
      return reply.type('application/xml; charset=utf-8').header('content-disposition', attachmentName(fileName)).header('cache-control', 'private, no-cache').send(xml);
    },
  });

  app.post('/api/processes/:key/bpmn', {
    schema: {
      tags,
      summary: '从 BPMN 2.0 导入流程新版本 Save a new version of a process from a BPMN 2.0 document',
      description:
        'Send the XML as application/xml or text/xml (at most 1 MB). The document may hold only what a definition can express: ' +
        'one start event, one end event, user tasks with the ow: stage attributes, and parallel gateway blocks. Every problem is ' +
        'listed in error.fields with paths like bpmn.task.<stage id>; the same rules as PUT /api/processes/{key} then apply.',
      params: KeyParams,
      querystring: BpmnImportQuery,
      consumes: XML_TYPES,
      body: BpmnDocument,
      response: { 200: DefinitionView },
    },
    config: { access: { permission: 'catalog.manage' } },
    handler: async (request) =>
      writeInTransaction(request, async (ctx) =>
        service.importBpmn(ctx, request.params.key, request.body, { baseVersion: request.query.baseVersion, note: request.query.note ?? '' }, await saveOptions(ctx, request.params.key)),
      ),
  });
}
