import type { FastifyInstance } from 'fastify';
import { contentDisposition } from '../../platform/http/content-disposition';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { deferredWriteContext, readContext, writeInTransaction } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { pageOf } from '../../platform/http/schemas';
import { recordStoredFile } from '../../platform/files/files.repository';
import { contradictsDeclaredType, sniffMime } from '../../platform/files/store';
import { receiveUpload } from '../../platform/http/upload';
import { z } from 'zod';
import {
  BundleDetail,
  BundleIntakeBody,
  CaseDetail,
  CaseIdParams,
  CaseListQuery,
  CaseMaterialParams,
  CaseNumberParams,
  CaseSummary,
  CompleteTaskBody,
  ContinueIntakeBody,
  CorrectionBody,
  DecideExtensionBody,
  EndSpecialBody,
  ExtensionBody,
  FileUploadResponse,
  InboxItem,
  InboxQuery,
  IntakeBody,
  OnlineApplicationBody,
  OverdueQuery,
  PublicProgress,
  PublicProgressBody,
  ReceiveCorrectionBody,
  SpecialBody,
  TaskActionBase,
  TaskView,
  UpdateApplicationBody,
  VerifyBody,
  WithdrawBody,
} from './cases.schemas';
import * as service from './cases.service';
import { DocumentParams, renderCaseDocument } from './cases.documents';
import { findCaseByNumber, listNotificationsOf, markNotificationRead } from './cases.repository';

const NotificationPage = z
  .object({
    items: z.array(z.object({ id: z.uuid(), caseId: z.uuid().nullable(), title: z.string(), body: z.string(), createdAt: z.string(), readAt: z.string().nullable() })),
    total: z.number().int(),
    unread: z.number().int(),
  })
  .meta({ id: 'NotificationPage' });

/** Largest file an application material may be. */
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;
const MATERIAL_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/x-ole-storage',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

const TaskIdParams = z.object({ id: z.uuid() });


export async function caseRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['办件 Cases'];
  const taskTags = ['待办 Tasks'];

  app.post('/api/files', {
    schema: {
      tags,
      summary: '上传申请材料文件 Upload a material file',
      description: 'multipart/form-data with one part `file`: PDF, image, Word or Excel, at most 20 MB. The bytes decide the type; a declared type of another kind (a "PDF" that is an image) is refused. The file name is kept as a label only.',
      consumes: ['multipart/form-data'],
      response: { 201: FileUploadResponse },
    },
    config: { access: { authenticated: true } },
    handler: async (request, reply) => {
      const upload = await receiveUpload(request, { maxBytes: MATERIAL_MAX_BYTES, fileNameMax: 200, fallbackName: 'file' });
      const mime = sniffMime(upload.bytes);
      if (!mime || !MATERIAL_TYPES.has(mime)) {
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', zh: '只能上传 PDF、图片、Word 或 Excel 文件。', en: 'Only PDF, image, Word or Excel files.' }] });
      }
      if (contradictsDeclaredType(mime, upload.declaredType)) {
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', key: 'UPLOAD_TYPE_MISMATCH', params: { declared: upload.declaredType } }] });
      }
      const stored = await request.server.deps.files.put(upload.bytes);
      await writeInTransaction(request, async (ctx) => recordStoredFile(ctx.tx, { ...stored, mime }));
      return reply.code(201).send({ sha256: stored.sha256, size: stored.size, mime, fileName: upload.fileName });
    },
  });

  app.post('/api/cases/intake', {
    schema: {
      tags,
      summary: '窗口受理 Intake at a window',
      description: 'outcome accept (受理, the clock starts), request_materials (一次性告知, not accepted), refuse (不予受理), forward (a township centre: 转报 for the bureau’s pre-review). decideNow closes 即办件 on the spot.',
      body: IntakeBody,
      response: { 201: CaseDetail },
    },
    config: { access: { permission: 'cases.intake' } },
    handler: async (request, reply) => reply.code(201).send(await service.intake(deferredWriteContext(request), request.body)),
  });

  app.post('/api/cases/bundle-intake', {
    schema: {
      tags,
      summary: '联办受理（一件事一次办）Intake of a bundle',
      description: 'One application for all items of a 联办 package; each item becomes a linked sub-case in its section.',
      body: BundleIntakeBody,
      response: { 201: BundleDetail },
    },
    config: { access: { permission: 'cases.intake' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.intakeBundle(ctx, request.body))),
  });

  app.get('/api/case-bundles/:id', {
    schema: { tags, summary: '联办件及其子办件 A bundle and its sub-cases', params: CaseIdParams, response: { 200: BundleDetail } },
    config: { access: { authenticated: true } },
    handler: async (request) => service.getBundleDetail(readContext(request), request.params.id),
  });

  app.post('/api/cases/:id/intake', {
    schema: { tags, summary: '继续受理（补齐材料后）Continue an application', params: CaseIdParams, body: ContinueIntakeBody, response: { 200: CaseDetail } },
    config: { access: { permission: 'cases.intake' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.continueIntake(ctx, request.params.id, request.body)),
  });

  app.get('/api/cases', {
    schema: { tags, summary: '办件查询 Search cases (within your scope)', querystring: CaseListQuery, response: { 200: pageOf(CaseSummary) } },
    config: { access: { authenticated: true } },
    handler: async (request) => service.listCases(readContext(request), request.query),
  });

  app.get('/api/cases/overdue', {
    schema: { tags, summary: '超期与临期办件 Overdue and due-soon cases', querystring: OverdueQuery, response: { 200: pageOf(CaseSummary) } },
    config: { access: { permission: 'cases.supervise' } },
    handler: async (request) => service.listOverdue(readContext(request), request.query),
  });

  app.get('/api/cases/by-number/:number', {
    schema: { tags, summary: '按办件编号查询 A case by its number', params: CaseNumberParams, response: { 200: CaseDetail } },
    config: { access: { authenticated: true } },
    handler: async (request) => {
      const ctx = readContext(request);
      const c = await findCaseByNumber(ctx.tx, ctx.regionCode, request.params.number);
      if (!c) throw new AppError('NOT_FOUND');
      return service.getCaseDetail(ctx, c.id, request.locale);
    },
  });

  app.get('/api/cases/:id', {
    schema: { tags, summary: '办件详情 A case', params: CaseIdParams, response: { 200: CaseDetail } },
    config: { access: { authenticated: true } },
    handler: async (request) => service.getCaseDetail(readContext(request), request.params.id, request.locale),
  });

  app.get('/api/cases/:id/materials/:materialId/file', {
    schema: { tags, summary: '下载申请材料 Download a material', params: CaseMaterialParams, response: { 200: z.any() } },
    config: { access: { authenticated: true } },
    handler: async (request, reply) => {
      const file = await service.getCaseMaterialFile(readContext(request), request.params.id, request.params.materialId);
      const bytes = await request.server.deps.files.get(file.sha256);
      if (!bytes) throw new AppError('NOT_FOUND');
      return reply.type(file.mime).header('content-disposition', contentDisposition(file.fileName)).header('cache-control', 'private, no-store').send(bytes);
    },
  });

  app.get('/api/cases/:id/documents/:kind', {
    schema: {
      tags,
      summary: '打印文书 A notice of the case as PDF',
      description: 'acceptance-notice (受理通知书), time-limit-card (限时办结卡), correction-notice (一次性告知单), refusal-notice (不予受理通知书); Chinese, or English with Accept-Language: en.',
      params: DocumentParams,
      response: { 200: z.any() },
    },
    config: { access: { authenticated: true } },
    handler: async (request, reply) => {
      const doc = await renderCaseDocument(readContext(request), request.server.deps.config, request.params.id, request.params.kind, request.locale);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(doc.fileName, true))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(doc.bytes));
    },
  });

  app.post('/api/cases/:id/correction', {
    schema: { tags, summary: '收到补正材料 Corrected materials received', params: CaseIdParams, body: ReceiveCorrectionBody, response: { 200: CaseDetail } },
    config: { access: { authenticated: true } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.receiveCorrection(ctx, request.params.id, request.body)),
  });

  app.post('/api/cases/:id/special/end', {
    schema: { tags, summary: '结束特别程序 End a special procedure', params: CaseIdParams, body: EndSpecialBody, response: { 200: CaseDetail } },
    config: { access: { permission: 'tasks.work' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.endSpecial(ctx, request.params.id, request.body)),
  });

  app.post('/api/cases/:id/withdraw', {
    schema: { tags, summary: '撤回申请 Withdraw', params: CaseIdParams, body: WithdrawBody, response: { 200: CaseDetail } },
    config: { access: { authenticated: true } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.withdrawCase(ctx, request.params.id, request.body)),
  });

  app.post('/api/my/applications', {
    schema: { tags, summary: '网上申请 Apply online', body: OnlineApplicationBody, response: { 201: CaseDetail } },
    config: { access: { permission: 'applications.own' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.applyOnline(ctx, request.body))),
  });

  app.put('/api/my/applications/:id', {
    schema: { tags, summary: '修改、补齐并提交申请 Complete and submit an application', params: CaseIdParams, body: UpdateApplicationBody, response: { 200: CaseDetail } },
    config: { access: { permission: 'applications.own' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.updateApplication(ctx, request.params.id, request.body)),
  });

  app.get('/api/my/notifications', {
    schema: {
      tags,
      summary: '我的消息 My notifications',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).max(100000).default(0) }),
      response: { 200: NotificationPage },
    },
    config: { access: { authenticated: true } },
    handler: async (request) => {
      const ctx = readContext(request);
      if (ctx.actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
      const { rows, total, unread } = await listNotificationsOf(ctx.tx, ctx.actor.id, request.query);
      return {
        items: rows.map((n) => ({ id: n.id, caseId: n.caseId, title: n.title, body: n.body, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
        total,
        unread,
      };
    },
  });

  app.post('/api/my/notifications/:id/read', {
    schema: { tags, summary: '标记已读 Mark as read', params: z.object({ id: z.uuid() }), response: { 200: z.object({ ok: z.literal(true) }) } },
    config: { access: { authenticated: true } },
    handler: async (request) =>
      writeInTransaction(request, async (ctx) => {
        if (ctx.actor.kind !== 'account') throw new AppError('UNAUTHENTICATED');
        if (!(await markNotificationRead(ctx.tx, ctx.actor.id, request.params.id, ctx.clock.now()))) throw new AppError('NOT_FOUND');
        return { ok: true as const };
      }),
  });

  app.get('/api/tasks', {
    schema: { tags: taskTags, summary: '我的待办 Inbox', querystring: InboxQuery, response: { 200: pageOf(InboxItem) } },
    config: { access: { permission: 'tasks.work' } },
    handler: async (request) => service.listInbox(readContext(request), request.query),
  });

  app.post('/api/tasks/:id/claim', {
    schema: { tags: taskTags, summary: '签收 Claim', params: TaskIdParams, body: TaskActionBase, response: { 200: TaskView } },
    config: { access: { permission: 'tasks.work' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.claimTask(ctx, request.params.id, request.body.version)),
  });

  app.post('/api/tasks/:id/release', {
    schema: { tags: taskTags, summary: '退签 Release', params: TaskIdParams, body: TaskActionBase, response: { 200: TaskView } },
    config: { access: { permission: 'tasks.work' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.releaseTask(ctx, request.params.id, request.body.version)),
  });

  app.post('/api/tasks/:id/complete', {
    schema: { tags: taskTags, summary: '办理：同意、退回或不同意 Complete with an opinion', params: TaskIdParams, body: CompleteTaskBody, response: { 200: CaseDetail } },
    config: { access: { permission: 'tasks.work' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.completeTask(ctx, request.params.id, request.body)),
  });

  app.post('/api/tasks/:id/correction', {
    schema: { tags: taskTags, summary: '要求申请人补正（暂停计时）Ask for a correction', params: TaskIdParams, body: CorrectionBody, response: { 200: CaseDetail } },
    config: { access: { permission: 'tasks.work' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.requestCorrection(ctx, request.params.id, request.body)),
  });

  app.post('/api/tasks/:id/special', {
    schema: { tags: taskTags, summary: '启动特别程序（暂停计时）Start a special procedure', params: TaskIdParams, body: SpecialBody, response: { 200: CaseDetail } },
    config: { access: { permission: 'tasks.work' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.startSpecial(ctx, request.params.id, request.body)),
  });

  app.post('/api/tasks/:id/extension', {
    schema: { tags: taskTags, summary: '申请延期 Request the extension', params: TaskIdParams, body: ExtensionBody, response: { 200: CaseDetail } },
    config: { access: { permission: 'tasks.work' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.requestExtension(ctx, request.params.id, request.body)),
  });

  app.post('/api/tasks/:id/extension-decision', {
    schema: { tags: taskTags, summary: '审批延期 Decide an extension', params: TaskIdParams, body: DecideExtensionBody, response: { 200: CaseDetail } },
    config: { access: { permission: 'tasks.work' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.decideExtension(ctx, request.params.id, request.body)),
  });

  app.post('/api/tasks/:id/verification', {
    schema: { tags: taskTags, summary: '承诺事项核查 Verify a commitment', params: TaskIdParams, body: VerifyBody, response: { 200: CaseDetail } },
    config: { access: { permission: 'tasks.work' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.verifyCommitment(ctx, request.params.id, request.body)),
  });
}

/** 办件进度查询 for anyone holding the case number and the applicant's phone or ID number; rate-limited per address. */
export async function publicProgressRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post('/api/public/case-progress', {
    schema: {
      tags: ['办件 Cases'],
      summary: '办件进度查询（免登录） Case progress without signing in',
      description:
        'The case number with the mobile number or the ID number / credit code given when applying (sent in the body, so that neither lands in an address or a log). A wrong pair answers 404 like an unknown number. At most 10 queries a minute per address.',
      body: PublicProgressBody,
      response: { 200: PublicProgress },
    },
    config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
    handler: async (request) => service.getPublicProgress(readContext(request), request.body, request.locale),
  });
}

