import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readContext, writeInTransaction } from '../../platform/http/context';
import { IdParams } from '../../platform/http/schemas';
import {
  CodeParams,
  CreateUnitBody,
  CreateWindowBody,
  OrgOverview,
  TownshipView,
  UnitListQuery,
  UnitView,
  UpdateTownshipBody,
  UpdateUnitBody,
  UpdateWindowBody,
  WindowView,
} from './org.schemas';
import * as service from './org.service';

export async function orgRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['组织机构 Organisation'];

  app.get('/api/public/org', {
    schema: {
      tags,
      summary: '公开的组织机构 The organisation as the public sees it',
      description: 'Bureau, sections, centres, origin departments, the centre\'s units, zones, windows and townships. Phones masked.',
      response: { 200: OrgOverview },
    },
    config: { access: { public: true } },
    handler: async (request) => service.getOverview(readContext(request), true),
  });

  app.get('/api/org', {
    schema: { tags, summary: '组织机构（工作人员）The organisation for staff', response: { 200: OrgOverview } },
    config: { access: { permission: 'org.read' } },
    handler: async (request) => service.getOverview(readContext(request), false),
  });

  app.get('/api/org/units', {
    schema: { tags, summary: '单位列表 List units', querystring: UnitListQuery, response: { 200: z.array(UnitView) } },
    config: { access: { permission: 'org.read' } },
    handler: async (request) => service.listUnits(readContext(request), request.query.kind),
  });

  app.post('/api/org/units', {
    schema: { tags, summary: '新增单位 Create a unit', body: CreateUnitBody, response: { 201: UnitView } },
    config: { access: { permission: 'org.manage' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.createUnit(ctx, request.body))),
  });

  app.patch('/api/org/units/:id', {
    schema: { tags, summary: '修改单位、首席代表、授权 Change a unit', params: IdParams, body: UpdateUnitBody, response: { 200: UnitView } },
    config: { access: { permission: 'org.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.updateUnit(ctx, request.params.id, request.body)),
  });

  app.post('/api/org/windows', {
    schema: { tags, summary: '新增窗口 Create a window', body: CreateWindowBody, response: { 201: WindowView } },
    config: { access: { permission: 'org.manage' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.createWindow(ctx, request.body))),
  });

  app.patch('/api/org/windows/:id', {
    schema: { tags, summary: '修改窗口 Change a window', params: IdParams, body: UpdateWindowBody, response: { 200: WindowView } },
    config: { access: { permission: 'org.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.updateWindow(ctx, request.params.id, request.body)),
  });

  app.patch('/api/org/townships/:code', {
    schema: {
      tags,
      summary: '修改乡镇便民服务中心信息 Change a township centre',
      params: CodeParams,
      body: UpdateTownshipBody,
      response: { 200: TownshipView },
    },
    config: { access: { permission: 'org.township.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.updateTownship(ctx, request.params.code, request.body)),
  });
}
