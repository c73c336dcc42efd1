import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readContext, writeInTransaction } from '../../platform/http/context';
import { IdParams, Pagination, pageOf } from '../../platform/http/schemas';
import {
  AssignBody,
  CallbackBody,
  CloseBody,
  CloseComplaintBody,
  ComplaintListQuery,
  ComplaintView,
  EvaluationListQuery,
  EvaluationView,
  MyComplaintBody,
  MyEvaluationBody,
  MyEvaluationsQuery,
  PublicVisitView,
  RectificationListQuery,
  RectificationView,
  ReplyBody,
  ReviewDecisionBody,
  ReviewRequestBody,
  SettingsBody,
  SettingsView,
  StartBody,
  StatsQuery,
  StatsView,
  VerifyBody,
  VisitEvaluationBody,
  VisitTokenBody,
  VisitTokenParams,
  VisitTokenView,
} from './evaluations.schemas';
import * as service from './evaluations.service';

export async function evaluationRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['好差评 Evaluations'];
  const complaintTags = ['投诉建议 Complaints'];
  const publicLimit = { max: 20, timeWindow: '1 minute' };

  // ─── applicant ───
  app.post('/api/my/evaluations', {
    schema: {
      tags,
      summary: '评价办件或窗口服务 Rate a closed case of mine, or the window visit that took it',
      description: 'Once per case and subject (一事一评). 不满意/非常不满意 need a comment and open a rectification (整改).',
      body: MyEvaluationBody,
      response: { 201: EvaluationView },
    },
    config: { access: { permission: 'evaluations.own' } },
    handler: async (request, reply) => {
      const view = await writeInTransaction(request, (ctx) => service.rateMyCase(ctx, request.body, request.locale));
      return reply.code(201).send(view);
    },
  });

  app.get('/api/my/evaluations', {
    schema: { tags, summary: '我的评价 My evaluations', querystring: MyEvaluationsQuery, response: { 200: pageOf(EvaluationView) } },
    config: { access: { permission: 'evaluations.own' } },
    handler: async (request) => service.listMyEvaluations(readContext(request), request.query, request.locale),
  });

  // ─── window visits: a one-time code from the clerk's screen ───
  app.post('/api/evaluations/visit-tokens', {
    schema: {
      tags,
      summary: '出示窗口评价码 Show a one-time evaluation code for the visit being served',
      description: "The clerk's screen shows the code as a QR code and link (/rate/{token}); valid for minutes, used once.",
      body: VisitTokenBody,
      response: { 201: VisitTokenView },
    },
    config: { access: { permission: 'evaluations.window' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.issueVisitToken(ctx, request.body))),
  });

  app.get('/api/public/evaluations/visits/:token', {
    schema: { tags, summary: '评价码对应的窗口服务 The window visit a code rates', params: VisitTokenParams, response: { 200: PublicVisitView } },
    config: { access: { public: true }, rateLimit: publicLimit },
    handler: async (request) => service.getVisit(readContext(request), request.params.token),
  });

  app.post('/api/public/evaluations/visits/:token', {
    schema: {
      tags,
      summary: '凭评价码评价窗口服务 Rate a window visit with its one-time code (no sign-in)',
      params: VisitTokenParams,
      body: VisitEvaluationBody,
      response: { 201: EvaluationView },
    },
    config: { access: { public: true }, rateLimit: publicLimit },
    handler: async (request, reply) =>
      reply.code(201).send(await writeInTransaction(request, (ctx) => service.rateVisit(ctx, request.params.token, request.body, request.locale))),
  });

  // ─── staff ───
  app.get('/api/evaluations', {
    schema: { tags, summary: '评价列表 Evaluations in my scope', querystring: EvaluationListQuery, response: { 200: pageOf(EvaluationView) } },
    config: { access: { permission: 'evaluations.read' } },
    handler: async (request) => service.listEvaluations(readContext(request), request.query, request.locale),
  });

  app.get('/api/evaluations/stats', {
    schema: {
      tags,
      summary: '好差评统计 Counts per level, 好评率, per unit, rectification on-time rate',
      querystring: StatsQuery,
      response: { 200: StatsView },
    },
    config: { access: { permission: 'evaluations.read' } },
    handler: async (request) => service.getStats(readContext(request), request.query, request.locale),
  });

  app.get('/api/evaluations/settings', {
    schema: { tags, summary: '好差评设置 Rectification time limit and window code validity', response: { 200: SettingsView } },
    config: { access: { permission: 'evaluations.read' } },
    handler: async (request) => service.getSettings(readContext(request)),
  });

  app.put('/api/evaluations/settings', {
    schema: { tags, summary: '修改好差评设置 Change the settings', body: SettingsBody, response: { 200: SettingsView } },
    config: { access: { permission: 'evaluations.configure' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.putSettings(ctx, request.body)),
  });

  app.get('/api/rectifications', {
    schema: { tags, summary: '差评整改列表 Rectifications in my scope', querystring: RectificationListQuery, response: { 200: pageOf(RectificationView) } },
    config: { access: { permission: 'evaluations.read' } },
    handler: async (request) => service.listRectifications(readContext(request), request.query, request.locale),
  });

  app.get('/api/rectifications/:id', {
    schema: { tags, summary: '整改详情 A rectification with its evaluation', params: IdParams, response: { 200: RectificationView } },
    config: { access: { permission: 'evaluations.read' } },
    handler: async (request) => service.getRectification(readContext(request), request.params.id, request.locale),
  });

  const rectify = { tags, params: IdParams, response: { 200: RectificationView } };
  const manage = { access: { permission: 'evaluations.manage' as const } };

  app.post('/api/rectifications/:id/verify', {
    schema: { ...rectify, summary: '开始核实 Verify the rating', body: VerifyBody },
    config: manage,
    handler: async (request) => writeInTransaction(request, (ctx) => service.verifyRectification(ctx, request.params.id, request.body, request.locale)),
  });

  app.post('/api/rectifications/:id/start', {
    schema: { ...rectify, summary: '开始整改 Start rectifying', body: StartBody },
    config: manage,
    handler: async (request) => writeInTransaction(request, (ctx) => service.startRectification(ctx, request.params.id, request.body, request.locale)),
  });

  app.post('/api/rectifications/:id/callback', {
    schema: { ...rectify, summary: '登记回访 Record the call-back', body: CallbackBody },
    config: manage,
    handler: async (request) => writeInTransaction(request, (ctx) => service.recordCallback(ctx, request.params.id, request.body, request.locale)),
  });

  app.post('/api/rectifications/:id/close', {
    schema: { ...rectify, summary: '办结整改 Close as rectified or unable to rectify (after the call-back)', body: CloseBody },
    config: manage,
    handler: async (request) => writeInTransaction(request, (ctx) => service.closeRectification(ctx, request.params.id, request.body, request.locale)),
  });

  app.post('/api/rectifications/:id/review-request', {
    schema: { ...rectify, summary: '申请无效差评审核 Appeal the rating as invalid', body: ReviewRequestBody },
    config: manage,
    handler: async (request) => writeInTransaction(request, (ctx) => service.requestInvalidReview(ctx, request.params.id, request.body, request.locale)),
  });

  app.post('/api/rectifications/:id/review-decision', {
    schema: { ...rectify, summary: '无效差评审核 Decide the appeal (a supervisor other than the appellant)', body: ReviewDecisionBody },
    config: { access: { permission: 'evaluations.review' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.decideInvalidReview(ctx, request.params.id, request.body, request.locale)),
  });

  // ─── complaints and suggestions ───
  app.post('/api/my/complaints', {
    schema: { tags: complaintTags, summary: '提交投诉建议 Submit a complaint or suggestion', body: MyComplaintBody, response: { 201: ComplaintView } },
    config: { access: { permission: 'evaluations.own' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.submitComplaint(ctx, request.body))),
  });

  app.get('/api/my/complaints', {
    schema: { tags: complaintTags, summary: '我的投诉建议 My complaints and suggestions', querystring: Pagination, response: { 200: pageOf(ComplaintView) } },
    config: { access: { permission: 'evaluations.own' } },
    handler: async (request) => service.listMyComplaints(readContext(request), request.query),
  });

  app.get('/api/my/complaints/:id', {
    schema: { tags: complaintTags, summary: '投诉建议办理情况 Tracking and reply', params: IdParams, response: { 200: ComplaintView } },
    config: { access: { permission: 'evaluations.own' } },
    handler: async (request) => service.getMyComplaint(readContext(request), request.params.id),
  });

  app.get('/api/complaints', {
    schema: { tags: complaintTags, summary: '投诉建议列表 Complaints and suggestions', querystring: ComplaintListQuery, response: { 200: pageOf(ComplaintView) } },
    config: { access: { permission: 'complaints.read' } },
    handler: async (request) => service.listComplaints(readContext(request), request.query),
  });

  app.get('/api/complaints/:id', {
    schema: { tags: complaintTags, summary: '投诉建议详情 One complaint', params: IdParams, response: { 200: ComplaintView } },
    config: { access: { permission: 'complaints.read' } },
    handler: async (request) => service.getComplaint(readContext(request), request.params.id),
  });

  app.post('/api/complaints/:id/assign', {
    schema: { tags: complaintTags, summary: '交办 Assign to a unit', params: IdParams, body: AssignBody, response: { 200: ComplaintView } },
    config: { access: { permission: 'complaints.handle' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.assignComplaint(ctx, request.params.id, request.body)),
  });

  app.post('/api/complaints/:id/reply', {
    schema: { tags: complaintTags, summary: '答复 Reply to the applicant', params: IdParams, body: ReplyBody, response: { 200: ComplaintView } },
    config: { access: { permission: 'complaints.handle' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.replyComplaint(ctx, request.params.id, request.body)),
  });

  app.post('/api/complaints/:id/close', {
    schema: { tags: complaintTags, summary: '办结 Close after the reply', params: IdParams, body: CloseComplaintBody, response: { 200: ComplaintView } },
    config: { access: { permission: 'complaints.handle' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.closeComplaint(ctx, request.params.id, request.body)),
  });
}
