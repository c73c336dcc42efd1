import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/http/content-disposition';
import { readContext, writeInTransaction } from '../../platform/http/context';
import { IdParams, Pagination, pageOf } from '../../platform/http/schemas';
import {
  AppointmentView,
  BookBody,
  CancelBody,
  CheckInBody,
  ClosureBody,
  ClosureParams,
  ClosureView,
  DayQuery,
  HallDayView,
  KioskDocumentsView,
  KioskIdentityBody,
  KioskPrintBody,
  KioskTicketBody,
  PerformanceQuery,
  PerformanceView,
  PhoneTicketBody,
  PublicCheckInBody,
  RescheduleBody,
  RuleBody,
  RulePatchBody,
  RuleView,
  ScreenQuery,
  ScreenView,
  SettingsBody,
  SettingsView,
  SlotsQuery,
  SlotsView,
  TicketActionBody,
  TicketView,
  TransferBody,
  WindowStateView,
  ZoneView,
} from './hall.schemas';
import * as kiosk from './hall.kiosk';
import * as queue from './hall.queue';
import * as service from './hall.service';
import * as repo from './hall.repository';

const CheckInResult = z.object({ appointment: AppointmentView, ticket: TicketView });

export async function hallRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['服务大厅 Hall: appointments and queue'];

  // ─── public: zones, slots, kiosk, call screen ───
  app.get('/api/public/hall/zones', {
    schema: { tags, summary: '服务大厅四大区域 The hall zones that queue and take appointments', response: { 200: z.array(ZoneView) } },
    config: { access: { public: true } },
    handler: async (request) => (await repo.listHallZones(readContext(request).tx, readContext(request).regionCode)).filter((z) => z.queuePrefix).map(queue.zoneView),
  });

  app.get('/api/public/hall/slots', {
    schema: {
      tags,
      summary: '可预约时段 Bookable slots of a zone (or an item’s zone), working days and 无休日 alike',
      querystring: SlotsQuery,
      response: { 200: SlotsView },
    },
    config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
    handler: async (request) => service.listSlots(readContext(request), request.query),
  });

  app.post('/api/public/queue/tickets', {
    schema: {
      tags,
      summary: '自助终端取号 Take a ticket at the kiosk',
      description: 'Walk-ins only while the zone is open to them; on 无休日 the zones serve appointments only.',
      body: KioskTicketBody,
      response: { 201: TicketView },
    },
    config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => queue.takeKioskTicket(ctx, request.body))),
  });

  app.get('/api/public/queue/tickets/:id', {
    schema: { tags, summary: '排队进度 A ticket’s place in the queue (the QR code on the slip)', params: IdParams, response: { 200: TicketView } },
    config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
    handler: async (request) => queue.getPublicTicket(readContext(request), request.params.id),
  });

  app.post('/api/public/appointments/check-in', {
    schema: {
      tags,
      summary: '预约签到 Check in an appointment at the kiosk (booking code + last four phone digits)',
      body: PublicCheckInBody,
      response: { 201: CheckInResult },
    },
    config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.checkInAtKiosk(ctx, request.body))),
  });

  app.get('/api/public/queue/screen', {
    schema: { tags, summary: '叫号屏 The call screen: latest calls (names masked) and waiting counts', querystring: ScreenQuery, response: { 200: ScreenView } },
    config: { access: { public: true }, rateLimit: { max: 120, timeWindow: '1 minute' } },
    handler: async (request) => queue.screen(readContext(request), request.query.zone, request.locale),
  });

  // ─── 自助打印: the kiosk prints a case's notices and certificates after the identity check ───
  const printLimit = { max: 10, timeWindow: '1 minute' };
  app.post('/api/public/kiosk/documents', {
    schema: {
      tags,
      summary: '自助打印：可打印的文书 What the kiosk may print for a case (case number + full ID number + phone)',
      body: KioskIdentityBody,
      response: { 200: KioskDocumentsView },
    },
    config: { access: { public: true }, rateLimit: printLimit },
    handler: async (request) => kiosk.listDocuments(readContext(request), request.body, request.locale),
  });

  app.post('/api/public/kiosk/documents/pdf', {
    schema: {
      tags,
      summary: '自助打印：文书或证照 PDF One notice or certificate as PDF, after the same identity check (audited)',
      body: KioskPrintBody,
      response: { 200: z.any() },
    },
    config: { access: { public: true }, rateLimit: printLimit },
    handler: async (request, reply) => {
      const { config, files } = request.server.deps;
      const doc = await writeInTransaction(request, (ctx) => kiosk.printDocument(ctx, { config, files }, request.body, request.locale));
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(doc.fileName, true))
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(doc.bytes));
    },
  });

  // ─── the applicant ───
  app.get('/api/my/appointments', {
    schema: { tags, summary: '我的预约 My appointments', querystring: Pagination, response: { 200: pageOf(AppointmentView) } },
    config: { access: { permission: 'hall.own' } },
    handler: async (request) => service.listMine(readContext(request), request.query),
  });

  app.post('/api/my/appointments', {
    schema: { tags, summary: '预约 Book a slot', body: BookBody, response: { 201: AppointmentView } },
    config: { access: { permission: 'hall.own' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.book(ctx, request.body))),
  });

  app.post('/api/my/appointments/:id/reschedule', {
    schema: { tags, summary: '改约 Move my appointment to another slot', params: IdParams, body: RescheduleBody, response: { 200: AppointmentView } },
    config: { access: { permission: 'hall.own' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.reschedule(ctx, request.params.id, request.body)),
  });

  app.post('/api/my/appointments/:id/cancel', {
    schema: { tags, summary: '取消预约 Cancel my appointment', params: IdParams, body: CancelBody, response: { 200: AppointmentView } },
    config: { access: { permission: 'hall.own' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.cancel(ctx, request.params.id, request.body)),
  });

  app.post('/api/my/appointments/:id/check-in', {
    schema: { tags, summary: '手机签到 Check in on the phone: a ticket called before walk-ins', params: IdParams, body: CheckInBody, response: { 201: CheckInResult } },
    config: { access: { permission: 'hall.own' } },
    handler: async (request, reply) =>
      reply.code(201).send(await writeInTransaction(request, (ctx) => service.checkInMine(ctx, request.params.id, request.body.version))),
  });

  app.get('/api/my/queue/tickets', {
    schema: { tags, summary: '我今天的排队号 My tickets today', response: { 200: z.array(TicketView) } },
    config: { access: { permission: 'hall.own' } },
    handler: async (request) => queue.listMyTickets(readContext(request)),
  });

  app.post('/api/my/queue/tickets', {
    schema: { tags, summary: '手机取号 Take a ticket on the phone', body: PhoneTicketBody, response: { 201: TicketView } },
    config: { access: { permission: 'hall.own' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => queue.takePhoneTicket(ctx, request.body))),
  });

  // ─── the window ───
  app.get('/api/queue/window', {
    schema: { tags, summary: '本窗口叫号状态 My window: the ticket served, the queue, today’s count', response: { 200: WindowStateView } },
    config: { access: { permission: 'queue.window' } },
    handler: async (request) => queue.windowState(readContext(request)),
  });

  app.post('/api/queue/window/next', {
    schema: { tags, summary: '下一位 Finish the ticket served and call the next', response: { 200: WindowStateView } },
    config: { access: { permission: 'queue.window' } },
    handler: async (request) => writeInTransaction(request, (ctx) => queue.callNext(ctx)),
  });

  app.post('/api/queue/tickets/:id/recall', {
    schema: { tags, summary: '重呼 Call the number again', params: IdParams, body: TicketActionBody, response: { 200: WindowStateView } },
    config: { access: { permission: 'queue.window' } },
    handler: async (request) => writeInTransaction(request, (ctx) => queue.recall(ctx, request.params.id, request.body.version)),
  });

  app.post('/api/queue/tickets/:id/skip', {
    schema: { tags, summary: '过号 The applicant did not come', params: IdParams, body: TicketActionBody, response: { 200: WindowStateView } },
    config: { access: { permission: 'queue.window' } },
    handler: async (request) => writeInTransaction(request, (ctx) => queue.skip(ctx, request.params.id, request.body.version)),
  });

  app.post('/api/queue/tickets/:id/complete', {
    schema: { tags, summary: '办结 Served', params: IdParams, body: TicketActionBody, response: { 200: WindowStateView } },
    config: { access: { permission: 'queue.window' } },
    handler: async (request) => writeInTransaction(request, (ctx) => queue.complete(ctx, request.params.id, request.body.version)),
  });

  app.post('/api/queue/tickets/:id/transfer', {
    schema: { tags, summary: '转移 Send to another zone or window, ahead of the walk-ins there', params: IdParams, body: TransferBody, response: { 200: WindowStateView } },
    config: { access: { permission: 'queue.window' } },
    handler: async (request) => writeInTransaction(request, (ctx) => queue.transfer(ctx, request.params.id, request.body)),
  });

  // ─── the centre's management ───
  app.get('/api/hall/day', {
    schema: { tags, summary: '大厅当日情况 Queues and appointments of a day', querystring: DayQuery, response: { 200: HallDayView } },
    config: { access: { permission: 'hall.read' } },
    handler: async (request) => service.hallDay(readContext(request), request.query),
  });

  app.get('/api/hall/performance', {
    schema: { tags, summary: '窗口服务记录 Each window’s service figures', querystring: PerformanceQuery, response: { 200: PerformanceView } },
    config: { access: { permission: 'hall.read' } },
    handler: async (request) => service.performance(readContext(request), request.query),
  });

  app.get('/api/hall/settings', {
    schema: { tags, summary: '预约规则 The no-show rule, reminder and booking horizon', response: { 200: SettingsView } },
    config: { access: { permission: 'hall.read' } },
    handler: async (request) => service.getSettings(readContext(request)),
  });

  app.put('/api/hall/settings', {
    schema: { tags, summary: '修改预约规则 Change the hall settings', body: SettingsBody, response: { 200: SettingsView } },
    config: { access: { permission: 'hall.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.putSettings(ctx, request.body)),
  });

  app.get('/api/hall/rules', {
    schema: { tags, summary: '办公时段 Opening hours and slot capacities', response: { 200: z.array(RuleView) } },
    config: { access: { permission: 'hall.read' } },
    handler: async (request) => service.listRules(readContext(request)),
  });

  app.post('/api/hall/rules', {
    schema: { tags, summary: '新增办公时段 Add opening hours (working days, or 无休日)', body: RuleBody, response: { 201: RuleView } },
    config: { access: { permission: 'hall.manage' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.addRule(ctx, request.body))),
  });

  app.patch('/api/hall/rules/:id', {
    schema: { tags, summary: '调整办公时段 Change capacity, walk-ins, or stop the hours', params: IdParams, body: RulePatchBody, response: { 200: RuleView } },
    config: { access: { permission: 'hall.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.patchRule(ctx, request.params.id, request.body)),
  });

  app.get('/api/hall/closures', {
    schema: { tags, summary: '闭厅安排 Closures from today on', response: { 200: z.array(ClosureView) } },
    config: { access: { permission: 'hall.read' } },
    handler: async (request) => service.listClosures(readContext(request)),
  });

  app.post('/api/hall/closures', {
    schema: { tags, summary: '闭厅 Close a zone on a day (booked applicants are told)', body: ClosureBody, response: { 201: ClosureView } },
    config: { access: { permission: 'hall.manage' } },
    handler: async (request, reply) => reply.code(201).send(await writeInTransaction(request, (ctx) => service.addClosure(ctx, request.body))),
  });

  app.delete('/api/hall/closures/:zoneCode/:date', {
    schema: { tags, summary: '取消闭厅 Remove a closure', params: ClosureParams, response: { 204: z.null() } },
    config: { access: { permission: 'hall.manage' } },
    handler: async (request, reply) => {
      await writeInTransaction(request, (ctx) => service.removeClosure(ctx, request.params.zoneCode, request.params.date));
      return reply.code(204).send(null);
    },
  });
}
