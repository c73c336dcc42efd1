import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readContext } from '../../platform/http/context';
import { pageOf } from '../../platform/http/schemas';
import {
  EnterpriseDetail,
  EnterpriseListQuery,
  EnterpriseParams,
  EnterpriseView,
  FormCheckBody,
  NameCheckQuery,
  NameCheckResult,
  UsccCheck,
  UsccParams,
} from './registration.schemas';
import * as service from './registration.service';

export async function registrationRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['市场主体登记 Business registration'];

  app.get('/api/uscc/:code', {
    schema: {
      tags,
      summary: '统一社会信用代码校验 Check a Unified Social Credit Code',
      description: 'GB 32100-2015 with the GB 11714 organisation-code check inside it. Answers 200 whether valid or not; rate-limited.',
      params: UsccParams,
      response: { 200: UsccCheck },
    },
    config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
    handler: async (request) => service.checkUscc(request.params.code, request.locale),
  });

  app.get('/api/registration/name-check', {
    schema: {
      tags,
      summary: '企业名称查重 Whether a business name is free',
      description: 'Taken when an active entity or a registration in progress has the same name (compared half-width, without spaces); lists similar names.',
      querystring: NameCheckQuery,
      response: { 200: NameCheckResult },
    },
    config: { access: { authenticated: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
    handler: async (request) => service.checkName(readContext(request), request.query.name),
  });

  app.post('/api/registration/form-check', {
    schema: {
      tags,
      summary: '登记信息预检 Check a registration form before applying',
      description: 'The checks a registration case gets when it is taken (form of item WX-XK-096), without taking it: 400 with the fields, or {"ok":true}.',
      body: FormCheckBody,
      response: { 200: z.object({ ok: z.literal(true) }) },
    },
    config: { access: { authenticated: true } },
    handler: async (request) => service.checkFormForApi(readContext(request), request.body.form, request.body.applicant),
  });

  app.get('/api/registrations', {
    schema: {
      tags,
      summary: '市场主体名录 The register of market entities',
      description: 'The bureau\'s staff, and the regulators of the departments the registration is shared with (tax, statistics, market regulation).',
      querystring: EnterpriseListQuery,
      response: { 200: pageOf(EnterpriseView) },
    },
    config: { access: { permission: 'registrations.read' } },
    handler: async (request) => service.listRegistrations(readContext(request), request.query),
  });

  app.get('/api/registrations/:uscc', {
    schema: { tags, summary: '市场主体登记档案 One entity with its registration history', params: EnterpriseParams, response: { 200: EnterpriseDetail } },
    config: { access: { permission: 'registrations.read' } },
    handler: async (request) => service.getRegistration(readContext(request), request.params.uscc),
  });
}
