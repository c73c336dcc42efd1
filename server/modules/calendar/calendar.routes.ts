import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readContext, writeInTransaction } from '../../platform/http/context';
import {
  AddWorkingDaysQuery,
  AddWorkingDaysResponse,
  DateParams,
  DayInfoView,
  DaysQuery,
  DeclareYearBody,
  MAX_LISTED_DAYS,
  OverrideListQuery,
  OverrideView,
  PutOverrideBody,
  WorkingDaysQuery,
  WorkingDaysResponse,
  YearParams,
  YearView,
} from './calendar.schemas';
import * as service from './calendar.service';

const UNKNOWN_NOTE = 'A date in a year whose holiday arrangements are not entered gives 400 CALENDAR_UNKNOWN naming the year.';

export async function calendarRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['工作日历 Calendar'];

  app.get('/api/calendar/add-working-days', {
    schema: {
      tags,
      summary: '计算期限届满日 The n-th working day after a date',
      description: `行政许可法 Art. 82: the day of acceptance is not counted; official holidays are off, make-up days (调休) are worked. ${UNKNOWN_NOTE}`,
      querystring: AddWorkingDaysQuery,
      response: { 200: AddWorkingDaysResponse },
    },
    config: { access: { public: true } },
    handler: async (request) => service.addWorkingDays(readContext(request), request.query.from, request.query.days),
  });

  app.get('/api/calendar/working-days', {
    schema: {
      tags,
      summary: '统计工作日 Working days between two dates',
      description: `Working days after \`from\` up to and including \`to\` (0 when \`to\` is not after \`from\`). ${UNKNOWN_NOTE}`,
      querystring: WorkingDaysQuery,
      response: { 200: WorkingDaysResponse },
    },
    config: { access: { public: true } },
    handler: async (request) => service.countWorkingDays(readContext(request), request.query.from, request.query.to),
  });

  app.get('/api/calendar/days', {
    schema: {
      tags,
      summary: '日历 Each day of a range, for drawing a calendar',
      description: `From \`from\` to \`to\` inclusive, at most ${MAX_LISTED_DAYS} days. ${UNKNOWN_NOTE}`,
      querystring: DaysQuery,
      response: { 200: z.array(DayInfoView) },
    },
    config: { access: { public: true } },
    handler: async (request) => service.listDays(readContext(request), request.query.from, request.query.to),
  });

  app.get('/api/calendar/years', {
    schema: {
      tags,
      summary: '已录入的年份 Years whose arrangements are known',
      description: 'The bundled official years and the years an administrator declared, with their source.',
      response: { 200: z.array(YearView) },
    },
    config: { access: { public: true } },
    handler: async (request) => service.listYears(readContext(request)),
  });

  app.get('/api/calendar/overrides', {
    schema: { tags, summary: '本地调整列表 Local overrides of a year', querystring: OverrideListQuery, response: { 200: z.array(OverrideView) } },
    config: { access: { permission: 'calendar.manage' } },
    handler: async (request) => service.listOverrides(readContext(request), request.query.year),
  });

  app.put('/api/calendar/overrides/:date', {
    schema: {
      tags,
      summary: '设置本地调整 Set a date\'s override',
      description: 'Creates or changes the override of one date: a local closure (holiday) or a worked day (workday). It wins over the official data at once.',
      params: DateParams,
      body: PutOverrideBody,
      response: { 200: OverrideView },
    },
    config: { access: { permission: 'calendar.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.putOverride(ctx, request.params.date, request.body)),
  });

  app.delete('/api/calendar/overrides/:date', {
    schema: { tags, summary: '删除本地调整 Remove a date\'s override', params: DateParams, response: { 204: z.null().describe('Removed') } },
    config: { access: { permission: 'calendar.manage' } },
    handler: async (request, reply) => {
      await writeInTransaction(request, (ctx) => service.deleteOverride(ctx, request.params.date));
      return reply.code(204).send(null);
    },
  });

  app.post('/api/calendar/years/:year/declare', {
    schema: {
      tags,
      summary: '录入年度节假日安排 Declare a year from the State Council\'s notice',
      description:
        'For a year the bundled data does not have (refused for official years). Writes the holidays and make-up working days and ' +
        'makes the year known, in one transaction; declaring again replaces the previous declaration. Every date must lie in the year.',
      params: YearParams,
      body: DeclareYearBody,
      response: { 200: YearView },
    },
    config: { access: { permission: 'calendar.manage' } },
    handler: async (request) => writeInTransaction(request, (ctx) => service.declareYear(ctx, request.params.year, request.body)),
  });

  app.delete('/api/calendar/years/:year', {
    schema: {
      tags,
      summary: '撤销年度录入 Undeclare a year',
      description: 'Only declared years: the year becomes unknown again and the overrides its declaration wrote are removed.',
      params: YearParams,
      response: { 204: z.null().describe('Undeclared') },
    },
    config: { access: { permission: 'calendar.manage' } },
    handler: async (request, reply) => {
      await writeInTransaction(request, (ctx) => service.undeclareYear(ctx, request.params.year));
      return reply.code(204).send(null);
    },
  });
}
