import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readContext, writeInTransaction } from '../../platform/http/context';
import { IdParams, pageOf } from '../../platform/http/schemas';
import {
  AccountListQuery,
  AccountView,
  ChangePasswordBody,
  CreateStaffBody,
  LoginBody,
  MeResponse,
  OkResponse,
  RegisterBody,
  ResetPasswordBody,
  UpdateAccountBody,
} from './identity.schemas';
import * as service from './identity.service';

export const SESSION_COOKIE = 'ow_sid';

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.deps.config.env === 'production' && request.protocol === 'https',
    expires: expiresAt,
  });
}

export async function identityRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['身份与权限 Identity'];

  app.post('/api/auth/login', {
    schema: {
      tags,
      summary: '登录 Sign in',
      description: 'Limited per client address (LOGIN_RATE_LIMIT a minute, 60 by default; over it 429), besides the lockout of an account after repeated failures.',
      body: LoginBody,
      response: { 200: MeResponse },
    },
    // Against password spraying across accounts from one address; the per-account lockout does the rest.
    config: { access: { public: true }, rateLimit: { max: root.deps.config.loginRateLimit, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      const { config, database, clock } = request.server.deps;
      const result = await service.login(
        database.db,
        config,
        { ip: request.ip ?? null, requestId: String(request.id), regionCode: config.regionCode, clock },
        request.body,
        { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
      );
      setSessionCookie(request, reply, result.token, result.expiresAt);
      return result.me;
    },
  });

  app.post('/api/auth/logout', {
    schema: { tags, summary: '退出登录 Sign out', response: { 200: OkResponse } },
    config: { access: { authenticated: true } },
    handler: async (request, reply) => {
      await writeInTransaction(request, (ctx) => service.logout(ctx));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.get('/api/auth/me', {
    schema: { tags, summary: '当前账号 The signed-in account', response: { 200: MeResponse } },
    config: { access: { authenticated: true } },
    handler: async (request) => service.describeMe(readContext(request), request.server.deps.config),
  });

  app.post('/api/auth/register', {
    schema: {
      tags,
      summary: '申请人实名注册 Real-name registration of an applicant',
      description: 'A person registers with an ID number (GB 11643), an enterprise with its credit code (GB 32100).',
      body: RegisterBody,
      response: { 201: AccountView },
    },
    config: { access: { public: true } },
    handler: async (request, reply) => {
      const account = await writeInTransaction(request, (ctx) => service.registerApplicant(ctx, request.body));
      return reply.code(201).send(account);
    },
  });

  app.post('/api/auth/password', {
    schema: { tags, summary: '修改密码 Change own password', body: ChangePasswordBody, response: { 200: OkResponse } },
    config: { access: { authenticated: true } },
    handler: async (request) => {
      await writeInTransaction(request, (ctx) => service.changePassword(ctx, request.body));
      return { ok: true as const };
    },
  });

  app.get('/api/accounts', {
    schema: { tags, summary: '账号列表 List accounts', querystring: AccountListQuery, response: { 200: pageOf(AccountView) } },
    config: { access: { permission: 'accounts.manage' } },
    handler: async (request) => service.listAccounts(readContext(request), request.query),
  });

  app.post('/api/accounts', {
    schema: { tags, summary: '新建工作人员账号 Create a staff account', body: CreateStaffBody, response: { 201: AccountView } },
    config: { access: { permission: 'accounts.manage' } },
    handler: async (request, reply) => {
      const account = await writeInTransaction(request, (ctx) => service.createStaffAccount(ctx, request.body));
      return reply.code(201).send(account);
    },
  });

  app.patch('/api/accounts/:id', {
    schema: {
      tags,
      summary: '修改账号、角色或状态 Change an account, its roles or status',
      params: IdParams,
      body: UpdateAccountBody,
      response: { 200: AccountView },
    },
    config: { access: { permission: 'accounts.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.updateAccount(ctx, request.params.id, request.body)),
  });

  app.post('/api/accounts/:id/reset-password', {
    schema: { tags, summary: '重置密码 Reset a password', params: IdParams, body: ResetPasswordBody, response: { 200: AccountView } },
    config: { access: { permission: 'accounts.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.resetPassword(ctx, request.params.id, request.body)),
  });
}
