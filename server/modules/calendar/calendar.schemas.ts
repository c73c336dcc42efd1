import { z } from 'zod';
import { IsoDateTime, nonBlank } from '../../platform/http/schemas';

/** The most days GET /api/calendar/days answers at once (a year and a bit, for drawing a year view). */
export const MAX_LISTED_DAYS = 400;

/** A local date in Asia/Shanghai, YYYY-MM-DD. */
export const CalendarDate = z.iso.date().describe('Local date in Asia/Shanghai, YYYY-MM-DD');

const Year = z.coerce.number().int().min(2000).max(2100).describe('Calendar year, e.g. 2027');

export const AddWorkingDaysQuery = z.object({
  from: CalendarDate.describe('The day of acceptance (not counted, 行政许可法 Art. 82)'),
  days: z.coerce.number().int().min(0).max(1000).describe('Working days to add; 0 gives `from` itself'),
});

export const AddWorkingDaysResponse = z.object({ date: CalendarDate.describe('The n-th working day after `from`') });

const DayRange = z.object({
  from: CalendarDate,
  to: CalendarDate,
});

export const WorkingDaysQuery = DayRange;

export const WorkingDaysResponse = z.object({
  count: z.number().int().describe('Working days after `from` up to and including `to`; 0 when `to` is not after `from`'),
});

export const DaysQuery = DayRange.superRefine((q, ctx) => {
  const span = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
  if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to < from', params: { key: 'CALENDAR_RANGE_REVERSED' } });
  else if (span + 1 > MAX_LISTED_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'range too long', params: { key: 'CALENDAR_RANGE_TOO_LONG', values: { max: MAX_LISTED_DAYS } } });
  }
});

export const DayInfoView = z
  .object({
    date: CalendarDate,
    isWorkingDay: z.boolean(),
    kind: z.enum(['workday', 'weekend', 'holiday', 'makeup_workday']).describe('makeup_workday = 调休上班: a weekend or holiday that is worked'),
    name: z.string().optional().describe('The holiday or override name (春节, 国庆节, a local closure…)'),
    source: z.enum(['official', 'local']).describe('official = State Council data or the ordinary week; local = entered by an administrator'),
  })
  .meta({ id: 'CalendarDay' });

export const YearView = z
  .object({
    year: z.number().int(),
    source: z.enum(['official', 'declared']).describe('official = bundled State Council data; declared = entered by an administrator'),
    sourceNote: z.string().describe('Where the arrangement comes from (library version, or the notice number)'),
    declaredBy: z.string().nullable(),
    declaredAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'CalendarYear' });

export const OverrideView = z
  .object({
    date: CalendarDate,
    kind: z.enum(['workday', 'holiday']),
    name: z.string(),
    note: z.string(),
    origin: z.enum(['local', 'declared']).describe('declared = written by a year declaration (undeclaring removes it)'),
    createdBy: z.string(),
    createdAt: IsoDateTime,
    updatedBy: z.string(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'CalendarOverride' });

export const OverrideListQuery = z.object({ year: Year });

export const DateParams = z.object({ date: CalendarDate });

export const YearParams = z.object({ year: Year });

export const PutOverrideBody = z.object({
  kind: z.enum(['workday', 'holiday']).describe('holiday = the hall is closed that day; workday = the hall works (调休上班)'),
  name: nonBlank(40).describe('Shown on the calendar, e.g. 县城集中停电闭厅'),
  note: z.string().trim().max(500).default('').describe('Why, e.g. the notice that ordered it'),
});

const NamedDate = z.object({ date: CalendarDate, name: nonBlank(40) });

export const DeclareYearBody = z.object({
  sourceNote: nonBlank(200).describe('The notice the arrangement comes from, e.g. 国办发明电〔2026〕x号'),
  holidays: z.array(NamedDate).min(1).max(366).describe('Every day off of the arrangement, weekends inside a holiday included or not'),
  workdays: z.array(NamedDate).max(366).default([]).describe('Make-up working days (调休上班), usually weekends'),
});
