/**
 * The working-day calendar of each region: the official holiday data (platform/calendar) plus the region's
 * local overrides and declared years. Deadlines elsewhere are computed with getWorkingCalendar().
 */
import type { FastifyInstance } from 'fastify';
import { calendarRoutes } from './calendar.routes';

export { calendarErrorToAppError, getWorkingCalendar, workingCalendarAtRevision } from './calendar.service';
export { CalendarRangeError, toShanghaiDate, type DayInfo, type WorkingCalendar } from '../../platform/calendar/calendar';
export * from './calendar.tables';

export async function registerCalendar(app: FastifyInstance): Promise<void> {
  await app.register(calendarRoutes);
}
