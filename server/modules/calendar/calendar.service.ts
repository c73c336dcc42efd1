import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor';
import { recordEvent } from '../../platform/audit/audit';
import { CalendarRangeError, getOfficialCalendar, WorkingCalendar, type DayInfo } from '../../platform/calendar/calendar';
import type { DbOrTx } from '../../platform/db/client';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import { AppError, type FieldProblem } from '../../platform/http/errors';
import { canManageCalendar } from './calendar.policy';
import * as repo from './calendar.repository';
import type { DeclareYearBody, OverrideView, PutOverrideBody, YearView } from './calendar.schemas';

type YearViewT = z.infer<typeof YearView>;
type OverrideViewT = z.infer<typeof OverrideView>;

// ── The calendar each region computes with ─────────────────────────────────────────────────────────────

const cache = new Map<string, { revision: string | null; calendar: WorkingCalendar }>();

/**
 * The region's working calendar: the official data plus the region's overrides and declared years. Built once
 * per process and reused while the region's revision row is unchanged (one primary-key read per call), so
 * a change committed by any process sharing the database is seen by the next call everywhere.
 */
export async function getWorkingCalendar(tx: DbOrTx, regionCode: string): Promise<WorkingCalendar> {
  return workingCalendarAtRevision(tx, regionCode, await repo.findRevision(tx, regionCode));
}

/**
 * The calendar at the revision the caller has just read (in a statement of its own that reads more). The
 * revision is read before the data: what is built is at least as new as its label, so a change racing with
 * this read costs one extra build later and never leaves a stale calendar in the cache.
 */
export async function workingCalendarAtRevision(tx: DbOrTx, regionCode: string, revision: string | null): Promise<WorkingCalendar> {
  const cached = cache.get(regionCode);
  if (cached && cached.revision === revision) return cached.calendar;
  const overrides = await repo.listOverrideEntries(tx, regionCode);
  const years = await repo.listYears(tx, regionCode);
  const calendar = new WorkingCalendar({ overrides, declaredYears: years.map((y) => y.year) });
  cache.set(regionCode, { revision, calendar });
  return calendar;
}

/**
 * Turns a CalendarRangeError into the HTTP error that names the missing year (and the request field that led
 * to it); any other error passes through. For other modules whose routes compute deadlines.
 */
export function calendarErrorToAppError(err: unknown, fieldPath: string): unknown {
  if (!(err instanceof CalendarRangeError)) return err;
  const params = { year: err.year };
  return new AppError('CALENDAR_UNKNOWN', { params, fields: [{ path: fieldPath, key: 'CALENDAR_YEAR_UNKNOWN', params }], cause: err });
}

async function compute<T>(ctx: ReadContext, fieldOf: (calendar: WorkingCalendar) => string, fn: (calendar: WorkingCalendar) => T): Promise<T> {
  const calendar = await getWorkingCalendar(ctx.tx, ctx.regionCode);
  try {
    return fn(calendar);
  } catch (err) {
    throw calendarErrorToAppError(err, fieldOf(calendar));
  }
}

/** 行政许可法 Art. 82: the day of acceptance is not counted. */
export function addWorkingDays(ctx: ReadContext, from: string, days: number): Promise<{ date: string }> {
  return compute(
    ctx,
    (c) => (c.isKnown(from) ? 'querystring.days' : 'querystring.from'),
    (c) => ({ date: c.addWorkingDays(from, days) }),
  );
}

export function countWorkingDays(ctx: ReadContext, from: string, to: string): Promise<{ count: number }> {
  return compute(
    ctx,
    (c) => (c.isKnown(from) ? 'querystring.to' : 'querystring.from'),
    (c) => ({ count: c.countWorkingDays(from, to) }),
  );
}

export function listDays(ctx: ReadContext, from: string, to: string): Promise<DayInfo[]> {
  return compute(
    ctx,
    (c) => (c.isKnown(from) ? 'querystring.to' : 'querystring.from'),
    (c) => c.listDays(from, to),
  );
}

// ── Years and overrides ───────────────────────────────────────────────────────────────────────────────

function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'account':
      return actor.username;
    case 'system':
      return `system:${actor.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}

function presentYear(row: repo.YearRow): YearViewT {
  return { year: row.year, source: 'declared', sourceNote: row.sourceNote, declaredBy: row.declaredBy, declaredAt: row.declaredAt.toISOString() };
}

function presentOverride(row: repo.OverrideRow): OverrideViewT {
  return {
    date: row.date,
    kind: row.kind as OverrideViewT['kind'],
    name: row.name,
    note: row.note,
    origin: row.origin as OverrideViewT['origin'],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Known years: the library's, then those the region declared, ascending. */
export async function listYears(ctx: ReadContext): Promise<YearViewT[]> {
  const official = getOfficialCalendar();
  const officialYears = new Set(official.years);
  const views: YearViewT[] = official.years.map((year) => ({ year, source: 'official', sourceNote: official.sourceNote, declaredBy: null, declaredAt: null }));
  for (const row of await repo.listYears(ctx.tx, ctx.regionCode)) if (!officialYears.has(row.year)) views.push(presentYear(row));
  return views.sort((a, b) => a.year - b.year);
}

export async function listOverrides(ctx: ReadContext, year: number): Promise<OverrideViewT[]> {
  if (!canManageCalendar(ctx.actor, ctx.regionCode)) throw new AppError('FORBIDDEN');
  return (await repo.listOverrides(ctx.tx, ctx.regionCode, year)).map(presentOverride);
}

/** Every change starts here: authorise, then take the region's revision (a per-region lock until commit). */
async function beginChange(ctx: WriteContext): Promise<void> {
  if (!canManageCalendar(ctx.actor, ctx.regionCode)) throw new AppError('FORBIDDEN');
  await repo.bumpRevision(ctx.tx, ctx.regionCode, ctx.clock.now());
}

/** Creates or changes the override of one date (a local closure, a local working day, a correction). */
export async function putOverride(ctx: WriteContext, date: string, input: z.infer<typeof PutOverrideBody>): Promise<OverrideViewT> {
  await beginChange(ctx);
  const before = await repo.findOverride(ctx.tx, ctx.regionCode, date);
  const by = actorLabel(ctx.actor);
  const now = ctx.clock.now();
  // An override a declaration wrote keeps its origin when corrected, so undeclaring still removes it.
  const [after] = await repo.upsertOverrides(
    ctx.tx,
    [{ regionCode: ctx.regionCode, date, kind: input.kind, name: input.name, note: input.note, origin: 'local', createdBy: by, createdAt: now, updatedBy: by, updatedAt: now }],
    { replaceOrigin: false },
  );
  await recordEvent(ctx.tx, ctx.audit, { action: before ? 'calendar.override.update' : 'calendar.override.create', subjectType: 'calendar_override', subjectId: date, before, after });
  return presentOverride(after!);
}

export async function deleteOverride(ctx: WriteContext, date: string): Promise<void> {
  await beginChange(ctx);
  const before = await repo.deleteOverride(ctx.tx, ctx.regionCode, date);
  if (!before) throw new AppError('NOT_FOUND');
  await recordEvent(ctx.tx, ctx.audit, { action: 'calendar.override.delete', subjectType: 'calendar_override', subjectId: date, before });
}

function refuseOfficialYear(year: number): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ path: 'params.year', key: 'CALENDAR_OFFICIAL_YEAR', params: { year } }] });
}

/**
 * Declares a year the library does not have, from the State Council's notice: writes its holidays and
 * make-up working days and marks the year known, in one transaction. Declaring a year again replaces what its
 * previous declaration wrote; overrides entered one by one stay unless the new list names their date.
 */
export async function declareYear(ctx: WriteContext, year: number, input: z.infer<typeof DeclareYearBody>): Promise<YearViewT> {
  await beginChange(ctx);
  if (getOfficialCalendar().years.includes(year)) throw refuseOfficialYear(year);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const entries = [
    ...input.holidays.map((d, i) => ({ ...d, kind: 'holiday' as const, path: `body.holidays.${i}.date` })),
    ...input.workdays.map((d, i) => ({ ...d, kind: 'workday' as const, path: `body.workdays.${i}.date` })),
  ];
  for (const e of entries) {
    if (Number(e.date.slice(0, 4)) !== year) problems.push({ path: e.path, key: 'CALENDAR_OUTSIDE_YEAR', params: { year } });
    else if (seen.has(e.date)) problems.push({ path: e.path, key: 'CALENDAR_DATE_REPEATED' });
    seen.add(e.date);
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });

  const beforeYear = await repo.findYear(ctx.tx, ctx.regionCode, year);
  const replaced = await repo.deleteDeclaredOverrides(ctx.tx, ctx.regionCode, year);
  const by = actorLabel(ctx.actor);
  const now = ctx.clock.now();
  const written = await repo.upsertOverrides(
    ctx.tx,
    entries.map((e) => ({ regionCode: ctx.regionCode, date: e.date, kind: e.kind, name: e.name, note: input.sourceNote, origin: 'declared', createdBy: by, createdAt: now, updatedBy: by, updatedAt: now })),
    { replaceOrigin: true },
  );
  const row = await repo.upsertYear(ctx.tx, { regionCode: ctx.regionCode, year, sourceNote: input.sourceNote, declaredBy: by, declaredAt: now });
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'calendar.year.declare',
    subjectType: 'calendar_year',
    subjectId: String(year),
    before: beforeYear ? { year: beforeYear, overrides: replaced.map(presentOverride) } : null,
    after: { year: row, overrides: written.map(presentOverride) },
  });
  return presentYear(row);
}

/** Takes a declared year back: it becomes unknown again and what its declaration wrote is removed. */
export async function undeclareYear(ctx: WriteContext, year: number): Promise<void> {
  await beginChange(ctx);
  if (getOfficialCalendar().years.includes(year)) throw refuseOfficialYear(year);
  const before = await repo.deleteYear(ctx.tx, ctx.regionCode, year);
  if (!before) throw new AppError('NOT_FOUND');
  const removed = await repo.deleteDeclaredOverrides(ctx.tx, ctx.regionCode, year);
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'calendar.year.undeclare',
    subjectType: 'calendar_year',
    subjectId: String(year),
    before: { year: before, overrides: removed.map(presentOverride) },
  });
}
