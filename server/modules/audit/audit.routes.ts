import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { verifyAuditChain } from '../../platform/audit/audit';
import { readContext } from '../../platform/http/context';
import { pageOf } from '../../platform/http/schemas';
import { AuditEventView, AuditListQuery, VerifyResponse } from './audit.schemas';
import { listAuditEvents } from './audit.repository';

export async function auditRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['审计日志 Audit log'];

  app.get('/api/audit/events', {
    schema: {
      tags,
      summary: '审计日志查询 Read the audit log',
      description: 'Newest first. The log is append-only: no route changes or deletes an entry.',
      querystring: AuditListQuery,
      response: { 200: pageOf(AuditEventView) },
    },
    config: { access: { permission: 'audit.read' } },
    handler: async (request) => {
      const ctx = readContext(request);
      const q = request.query;
      const { rows, total } = await listAuditEvents(
        ctx.tx,
        {
          regionCode: ctx.regionCode,
          action: q.action,
          subjectType: q.subjectType,
          subjectId: q.subjectId,
          actorId: q.actorId,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        },
        q,
      );
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString(), summary: r.summary ?? {} })),
        total,
        limit: q.limit,
        offset: q.offset,
      };
    },
  });

  app.get('/api/audit/verify', {
    schema: { tags, summary: '校验审计哈希链 Verify the audit hash chains', response: { 200: VerifyResponse } },
    config: { access: { permission: 'audit.verify' } },
    handler: async (request) => verifyAuditChain(readContext(request).tx),
  });
}
