/**
 * The working-day calendar. Legal time limits are counted in working days (行政许可法 Art. 82): official
 * public holidays are off, make-up working days (调休, e.g. a Saturday declared a workday) are on, ordinary
 * weekends are off, and the day of acceptance is not counted. A date outside the known calendar is an
 * explicit error (CalendarRangeError), never a guess.
 *
 * Dates are `YYYY-MM-DD` strings meaning local dates in Asia/Shanghai. Pure: no database, no clock.
 */
import { createRequire } from 'node:module';

/** A `YYYY-MM-DD` local date in Asia/Shanghai. */
export type CalendarDate = string;

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  date: CalendarDate;
  isWorkingDay: boolean;
  /** 'makeup_workday' = 调休上班: a weekend (or holiday) that is a working day. */
  kind: DayKind;
  /** The holiday's (or the override's) name: 春节, 国庆节, 县城停电闭厅… */
  name?: string;
  /** 'official' = the State Council arrangement shipped with the library, or the ordinary five-day week; 'local' = entered by an administrator. */
  source: 'official' | 'local';
}

/** A day entered by an administrator: a county's local closure, or an official arrangement for a year the library lacks. */
export interface CalendarOverride {
  date: CalendarDate;
  kind: 'workday' | 'holiday';
  name: string;
}

/** Official arrangements: date → name, for the years in `years` (every day of those years is covered). */
export interface OfficialCalendar {
  years: readonly number[];
  holidays: ReadonlyMap<CalendarDate, string>;
  workdays: ReadonlyMap<CalendarDate, string>;
  /** Where the data comes from, e.g. chinese-days@1.5.7. */
  sourceNote: string;
}

/** A computation touched a date whose year has no known holiday arrangements. */
export class CalendarRangeError extends Error {
  readonly date: CalendarDate;
  readonly year: number;
  constructor(date: CalendarDate) {
    const year = Number(date.slice(0, 4));
    super(`No holiday arrangements are known for ${year} (date ${date}); enter or declare that year in the working calendar.`);
    this.name = 'CalendarRangeError';
    this.date = date;
    this.year = year;
  }
}

// ── Date arithmetic on day numbers (days since 1970-01-01), without Date objects on the hot path ──────────

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function dayNumberOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The inverse of dayNumberOf (civil_from_days). */
function dateOfDayNumber(z: number): CalendarDate {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** Parses `YYYY-MM-DD` strictly; NaN when the text is not a real date. */
function parseDayNumber(date: string): number {
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') return NaN;
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (!(m >= 1 && m <= 12 && d >= 1)) return NaN;
  const max = m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]!;
  if (d > max) return NaN;
  return dayNumberOf(y, m, d);
}

function requireDayNumber(date: string): number {
  const n = parseDayNumber(date);
  if (Number.isNaN(n)) throw new TypeError(`Not a date (YYYY-MM-DD): ${String(date)}`);
  return n;
}

/** Whether `value` is a real date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  return !Number.isNaN(parseDayNumber(value));
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * The local date in Asia/Shanghai of an instant. China has kept UTC+8 without daylight saving since 1992, and
 * the calendar starts in 2004, so a fixed offset is exact here.
 */
export function toShanghaiDate(instant: Date): CalendarDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new TypeError('Invalid instant');
  return dateOfDayNumber(Math.floor((t + SHANGHAI_OFFSET_MS) / 86_400_000));
}

// ── The official data ───────────────────────────────────────────────────────────────────────────────────

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** "Spring Festival,春节,4" → 春节 (the library stores English name, Chinese name, length). */
function chineseName(entry: string): string {
  const parts = entry.split(',');
  return (parts[1] ?? parts[0] ?? entry).trim();
}

let officialCalendar: OfficialCalendar | undefined;

/**
 * The State Council arrangements shipped in chinese-days' JSON export. The years covered are exactly those
 * that have holidays in the data (each published year has at least 元旦); no year is assumed.
 */
export function getOfficialCalendar(): OfficialCalendar {
  if (officialCalendar) return officialCalendar;
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
  const version = (require('chinese-days/package.json') as { version: string }).version;
  const holidays = new Map<CalendarDate, string>();
  const workdays = new Map<CalendarDate, string>();
  const years = new Set<number>();
  for (const [date, entry] of Object.entries(data.holidays)) {
    if (!isCalendarDate(date)) throw new Error(`chinese-days: bad holiday date ${date}`);
    holidays.set(date, chineseName(entry));
    years.add(Number(date.slice(0, 4)));
  }
  for (const [date, entry] of Object.entries(data.workdays)) {
    if (!isCalendarDate(date)) throw new Error(`chinese-days: bad workday date ${date}`);
    if (!years.has(Number(date.slice(0, 4)))) throw new Error(`chinese-days: workday ${date} in a year without holidays`);
    workdays.set(date, chineseName(entry));
  }
  officialCalendar = {
    years: [...years].sort((a, b) => a - b),
    holidays,
    workdays,
    sourceNote: `chinese-days@${version}（国务院办公厅部分节假日安排的通知）`,
  };
  return officialCalendar;
}

// ── The calendar ────────────────────────────────────────────────────────────────────────────────────────

const KIND_UNKNOWN = 0;
const KIND_WORKDAY = 1;
const KIND_WEEKEND = 2;
const KIND_HOLIDAY = 3;
const KIND_MAKEUP = 4;
const KIND_NAMES: Record<number, DayKind> = { 1: 'workday', 2: 'weekend', 3: 'holiday', 4: 'makeup_workday' };

export interface WorkingCalendarInput {
  /** Defaults to the library's data (getOfficialCalendar()). */
  official?: OfficialCalendar;
  /** Local overrides; they win over official data. Overrides in years that are not known are ignored: they make no year known. */
  overrides?: readonly CalendarOverride[];
  /** Years an administrator has declared complete (e.g. 2027 entered from the State Council's notice). */
  declaredYears?: readonly number[];
}

/**
 * The working days of the known years (library years ∪ declared years), precomputed once: every lookup,
 * addWorkingDays and countWorkingDays is O(1) after parsing the date. Immutable; build a new one on change.
 */
export class WorkingCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly sortedYears: readonly number[];
  /** Day number of the first day of the first known year; index i ↔ day number base + i. */
  private readonly base: number;
  private readonly kinds: Uint8Array;
  /** 1 where the kind comes from a local override. */
  private readonly local: Uint8Array;
  private readonly names: Map<number, string>;
  /** workBefore[i] = working days among indices < i. */
  private readonly workBefore: Int32Array;
  /** unknownBefore[i] = days of unknown years among indices < i (known years may have gaps). */
  private readonly unknownBefore: Int32Array;
  /** The indices of the working days, ascending. */
  private readonly workIndex: Int32Array;

  constructor(input: WorkingCalendarInput = {}) {
    const official = input.official ?? getOfficialCalendar();
    const years = new Set<number>([...official.years, ...(input.declaredYears ?? [])]);
    for (const y of years) if (!Number.isInteger(y) || y < 1 || y > 9999) throw new RangeError(`Bad year ${y}`);
    this.years = years;
    this.sortedYears = [...years].sort((a, b) => a - b);
    const first = this.sortedYears[0];
    const last = this.sortedYears[this.sortedYears.length - 1];
    this.base = first === undefined ? 0 : dayNumberOf(first, 1, 1);
    const length = first === undefined || last === undefined ? 0 : dayNumberOf(last + 1, 1, 1) - this.base;
    this.kinds = new Uint8Array(length);
    this.local = new Uint8Array(length);
    this.names = new Map();

    if (first !== undefined && last !== undefined) {
      for (let year = first; year <= last; year++) {
        if (!years.has(year)) continue;
        const start = dayNumberOf(year, 1, 1);
        const end = dayNumberOf(year + 1, 1, 1);
        for (let n = start; n < end; n++) {
          const wd = weekdayOf(n);
          this.kinds[n - this.base] = wd === 0 || wd === 6 ? KIND_WEEKEND : KIND_WORKDAY;
        }
      }
    }
    for (const [date, name] of official.holidays) {
      const i = requireDayNumber(date) - this.base;
      if (i < 0 || i >= length || this.kinds[i] === KIND_UNKNOWN) continue;
      this.kinds[i] = KIND_HOLIDAY;
      this.names.set(i, name);
    }
    for (const [date, name] of official.workdays) {
      const i = requireDayNumber(date) - this.base;
      if (i < 0 || i >= length || this.kinds[i] === KIND_UNKNOWN || this.kinds[i] === KIND_HOLIDAY) continue;
      this.kinds[i] = this.kinds[i] === KIND_WEEKEND ? KIND_MAKEUP : KIND_WORKDAY;
      this.names.set(i, name);
    }
    for (const o of input.overrides ?? []) {
      const i = requireDayNumber(o.date) - this.base;
      if (i < 0 || i >= length || this.kinds[i] === KIND_UNKNOWN) continue;
      const wd = weekdayOf(this.base + i);
      const offByDefault = wd === 0 || wd === 6 || this.kinds[i] === KIND_HOLIDAY;
      if (o.kind === 'holiday') this.kinds[i] = KIND_HOLIDAY;
      else this.kinds[i] = offByDefault ? KIND_MAKEUP : KIND_WORKDAY;
      this.local[i] = 1;
      this.names.set(i, o.name);
    }

    this.workBefore = new Int32Array(length + 1);
    this.unknownBefore = new Int32Array(length + 1);
    let work = 0;
    for (let i = 0; i < length; i++) {
      const k = this.kinds[i]!;
      if (k === KIND_WORKDAY || k === KIND_MAKEUP) work++;
      this.workBefore[i + 1] = work;
      this.unknownBefore[i + 1] = this.unknownBefore[i]! + (k === KIND_UNKNOWN ? 1 : 0);
    }
    this.workIndex = new Int32Array(work);
    for (let i = 0, w = 0; i < length; i++) {
      const k = this.kinds[i]!;
      if (k === KIND_WORKDAY || k === KIND_MAKEUP) this.workIndex[w++] = i;
    }
  }

  /** Whether the date's year has known arrangements. Throws TypeError for text that is not a date. */
  isKnown(date: CalendarDate): boolean {
    requireDayNumber(date);
    return this.years.has(Number(date.slice(0, 4)));
  }

  /** The known years, ascending; there may be gaps (e.g. 2028 declared before 2027). */
  knownYears(): number[] {
    return [...this.sortedYears];
  }

  /** The first and last known dates and the known years (gaps possible). */
  knownRange(): { from: CalendarDate; to: CalendarDate; years: number[] } {
    const first = this.sortedYears[0];
    const last = this.sortedYears[this.sortedYears.length - 1];
    if (first === undefined || last === undefined) throw new CalendarRangeError('0000-01-01');
    return { from: `${first}-01-01`, to: `${last}-12-31`, years: this.knownYears() };
  }

  /** Index of a known date; throws CalendarRangeError for a date of an unknown year. */
  private indexOf(date: CalendarDate): number {
    const i = requireDayNumber(date) - this.base;
    if (i < 0 || i >= this.kinds.length || this.kinds[i] === KIND_UNKNOWN) throw new CalendarRangeError(date);
    return i;
  }

  /** The first day of an unknown year after index i (inside the span, or the year after the last known one). */
  private firstUnknownAfter(i: number): CalendarDate {
    const fromYear = Number(dateOfDayNumber(this.base + i).slice(0, 4));
    let year = fromYear + 1;
    while (this.years.has(year)) year++;
    return `${year}-01-01`;
  }

  dayInfo(date: CalendarDate): DayInfo {
    return this.infoAt(this.indexOf(date));
  }

  private infoAt(i: number): DayInfo {
    const kind = KIND_NAMES[this.kinds[i]!]!;
    const info: DayInfo = {
      date: dateOfDayNumber(this.base + i),
      isWorkingDay: kind === 'workday' || kind === 'makeup_workday',
      kind,
      source: this.local[i] ? 'local' : 'official',
    };
    const name = this.names.get(i);
    if (name !== undefined) info.name = name;
    return info;
  }

  /** Every day from `from` to `to` inclusive (empty when to < from). */
  listDays(from: CalendarDate, to: CalendarDate): DayInfo[] {
    const i = this.indexOf(from);
    const j = this.indexOf(to);
    if (j < i) return [];
    if (this.unknownBefore[j + 1]! - this.unknownBefore[i]! > 0) throw new CalendarRangeError(this.firstUnknownAfter(i));
    const days: DayInfo[] = [];
    for (let k = i; k <= j; k++) days.push(this.infoAt(k));
    return days;
  }

  isWorkingDay(date: CalendarDate): boolean {
    const k = this.kinds[this.indexOf(date)];
    return k === KIND_WORKDAY || k === KIND_MAKEUP;
  }

  /**
   * The n-th working day after `from` (n ≥ 0; n = 0 gives `from` itself). 行政许可法 Art. 82: the day of
   * acceptance is not counted, so a limit of n working days from acceptance on `from` ends on
   * addWorkingDays(from, n), whatever kind of day `from` is.
   */
  addWorkingDays(from: CalendarDate, n: number): CalendarDate {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0, got ${n}`);
    const i = this.indexOf(from);
    if (n === 0) return dateOfDayNumber(this.base + i);
    const w = this.workBefore[i + 1]! + n - 1;
    if (w >= this.workIndex.length) throw new CalendarRangeError(this.firstUnknownAfter(i));
    const r = this.workIndex[w]!;
    if (this.unknownBefore[r + 1]! - this.unknownBefore[i + 1]! > 0) throw new CalendarRangeError(this.firstUnknownAfter(i));
    return dateOfDayNumber(this.base + r);
  }

  /** Working days after `from` up to and including `to`; 0 when to ≤ from. Both dates must be known. */
  countWorkingDays(from: CalendarDate, to: CalendarDate): number {
    const i = this.indexOf(from);
    const j = this.indexOf(to);
    if (j <= i) return 0;
    if (this.unknownBefore[j + 1]! - this.unknownBefore[i + 1]! > 0) throw new CalendarRangeError(this.firstUnknownAfter(i));
    return this.workBefore[j + 1]! - this.workBefore[i + 1]!;
  }

  /** The first working day strictly after `date` (= addWorkingDays(date, 1)). */
  nextWorkingDay(date: CalendarDate): CalendarDate {
    return this.addWorkingDays(date, 1);
  }

  /** `date` itself when it is a working day, else the next one (an application filed on a Sunday is received on Monday). */
  workingDayOnOrAfter(date: CalendarDate): CalendarDate {
    const i = this.indexOf(date);
    const k = this.kinds[i];
    return k === KIND_WORKDAY || k === KIND_MAKEUP ? dateOfDayNumber(this.base + i) : this.addWorkingDays(date, 1);
  }
}
