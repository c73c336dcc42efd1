import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  CalendarRangeError,
  type CalendarOverride,
  type DayKind,
  getOfficialCalendar,
  isCalendarDate,
  toShanghaiDate,
  WorkingCalendar,
} from './calendar';

const calendar = new WorkingCalendar();

/** Deterministic pseudo-random numbers (mulberry32), so that a failing property run can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** A deliberately naive oracle: the library's raw JSON and a day-by-day walk with Date arithmetic. */
const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
function naiveIsWorkingDay(date: string): boolean {
  if (raw.holidays[date]) return false;
  if (raw.workdays[date]) return true;
  const wd = new Date(msOf(date)).getUTCDay();
  return wd !== 0 && wd !== 6;
}
function naiveAdd(from: string, n: number): string {
  let t = msOf(from);
  let left = n;
  while (left > 0) {
    t += DAY_MS;
    if (naiveIsWorkingDay(isoOf(t))) left--;
  }
  return isoOf(t);
}

function catchRange(fn: () => unknown): CalendarRangeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CalendarRangeError) return err;
    throw err;
  }
  throw new Error('expected a CalendarRangeError');
}

describe('official data', () => {
  it('covers exactly the years the library publishes, 2004–2026, read from its JSON export', () => {
    const official = getOfficialCalendar();
    expect(official.years).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(official.sourceNote).toMatch(/^chinese-days@\d+\.\d+\.\d+/);
    expect(calendar.knownRange()).toEqual({ from: '2004-01-01', to: '2026-12-31', years: official.years });
  });

  it('agrees with the library\'s own isWorkday on every day of every covered year', () => {
    const mismatches: string[] = [];
    for (let t = msOf('2004-01-01'); t <= msOf('2026-12-31'); t += DAY_MS) {
      const date = isoOf(t);
      if (calendar.isWorkingDay(date) !== chineseDays.isWorkday(date)) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('dayInfo', () => {
  const cases: [date: string, kind: DayKind, name?: string][] = [
    // 2026 (国办发明电〔2025〕7号)
    ['2026-01-01', 'holiday', '元旦'],
    ['2026-01-04', 'makeup_workday', '元旦'], // Sunday
    ['2026-02-13', 'workday'],
    ['2026-02-14', 'makeup_workday', '春节'], // Saturday
    ['2026-02-15', 'holiday', '春节'],
    ['2026-02-21', 'holiday', '春节'], // Saturday inside the holiday
    ['2026-02-23', 'holiday', '春节'], // Monday
    ['2026-02-24', 'workday'],
    ['2026-02-28', 'makeup_workday', '春节'], // Saturday
    ['2026-03-01', 'weekend'],
    ['2026-05-09', 'makeup_workday', '劳动节'],
    ['2026-09-20', 'makeup_workday', '国庆节'], // Sunday
    ['2026-09-25', 'holiday', '中秋'], // Friday
    ['2026-10-01', 'holiday', '国庆节'],
    ['2026-10-07', 'holiday', '国庆节'],
    ['2026-10-08', 'workday'],
    ['2026-10-10', 'makeup_workday', '国庆节'], // Saturday
    ['2026-10-11', 'weekend'],
    // 2025
    ['2025-01-26', 'makeup_workday', '春节'],
    ['2025-01-28', 'holiday', '春节'],
    ['2025-02-04', 'holiday', '春节'],
    ['2025-02-08', 'makeup_workday', '春节'],
    ['2025-04-27', 'makeup_workday', '劳动节'],
    ['2025-05-05', 'holiday', '劳动节'],
    ['2025-06-02', 'holiday', '端午'],
    ['2025-09-28', 'makeup_workday', '国庆节'],
    ['2025-10-06', 'holiday', '中秋'],
    ['2025-10-08', 'holiday', '国庆节'],
    ['2025-10-11', 'makeup_workday', '国庆节'],
    // 2024
    ['2024-02-04', 'makeup_workday', '春节'],
    ['2024-02-09', 'workday'], // 除夕 was not a holiday in 2024
    ['2024-02-17', 'holiday', '春节'],
    ['2024-02-18', 'makeup_workday', '春节'],
    ['2024-04-07', 'makeup_workday', '清明'],
    ['2024-05-11', 'makeup_workday', '劳动节'],
    ['2024-06-10', 'holiday', '端午'],
    ['2024-09-14', 'makeup_workday', '中秋'],
    ['2024-09-29', 'makeup_workday', '国庆节'],
    ['2024-10-12', 'makeup_workday', '国庆节'],
    ['2024-02-29', 'workday'], // leap day
    // Earlier years: 2020's Spring Festival extended to 2 February; 2015's 70th anniversary day.
    ['2020-02-02', 'holiday', '春节'],
    ['2020-02-03', 'workday'],
    ['2015-09-03', 'holiday', '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日'],
  ];

  it.each(cases)('%s is %s %s', (date, kind, name) => {
    const info = calendar.dayInfo(date);
    expect(info).toEqual({ date, kind, isWorkingDay: kind === 'workday' || kind === 'makeup_workday', source: 'official', ...(name ? { name } : {}) });
    expect(calendar.isWorkingDay(date)).toBe(info.isWorkingDay);
  });
});

describe('addWorkingDays (行政许可法 Art. 82: the day of acceptance is not counted)', () => {
  const cases: [from: string, n: number, expected: string, why: string][] = [
    ['2026-02-10', 20, '2026-03-16', '20-day limit across Spring Festival 2026, with both make-up Saturdays'],
    ['2026-09-28', 20, '2026-10-30', '20-day limit across National Day 2026, with the 10 October make-up Saturday'],
    ['2026-09-30', 1, '2026-10-08', 'the first working day after the National Day holiday'],
    ['2026-09-24', 1, '2026-09-28', 'Mid-Autumn Friday and the weekend are off'],
    ['2026-02-13', 1, '2026-02-14', 'Friday → make-up Saturday'],
    ['2026-02-14', 1, '2026-02-24', 'make-up Saturday → after the holiday'],
    ['2026-02-20', 1, '2026-02-24', 'accepted on a holiday (online): counted from the next working day'],
    ['2026-02-15', 0, '2026-02-15', 'n = 0 is the date itself, whatever it is'],
    ['2026-03-02', 0, '2026-03-02', 'n = 0 on a working day'],
    ['2026-09-19', 1, '2026-09-20', 'Saturday → make-up Sunday'],
    ['2025-12-31', 1, '2026-01-04', 'across the year: 元旦 2026 off, Sunday 4 January worked'],
    ['2025-01-24', 5, '2025-02-07', 'Spring Festival 2025 with the 26 January make-up Sunday'],
    ['2025-09-30', 1, '2025-10-09', 'National Day and Mid-Autumn 2025 together, 1–8 October'],
    ['2025-09-26', 1, '2025-09-28', 'Friday → make-up Sunday 28 September 2025'],
    ['2024-02-08', 3, '2024-02-19', 'Spring Festival 2024 with the 18 February make-up Sunday'],
    ['2024-09-27', 2, '2024-09-30', 'make-up Sunday 29 September 2024'],
    ['2026-12-28', 3, '2026-12-31', 'up to the last known day, without touching 2027'],
    ['2026-01-05', 60, '2026-04-03', '60 working days, ending just before 清明'],
  ];

  it.each(cases)('%s + %i → %s (%s)', (from, n, expected) => {
    expect(calendar.addWorkingDays(from, n)).toBe(expected);
    expect(naiveAdd(from, n)).toBe(expected);
    expect(calendar.countWorkingDays(from, expected)).toBe(n);
  });

  it('gives the next working day', () => {
    expect(calendar.nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    expect(calendar.nextWorkingDay('2026-10-09')).toBe('2026-10-10');
    expect(calendar.workingDayOnOrAfter('2026-10-03')).toBe('2026-10-08');
    expect(calendar.workingDayOnOrAfter('2026-10-10')).toBe('2026-10-10');
  });

  it('refuses a negative or fractional number of days and text that is not a date', () => {
    expect(() => calendar.addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
    for (const bad of ['2026-02-29', '2026-2-1', '2026/03/02', '', 'yesterday', '2026-13-01', '２０２６-03-02']) {
      expect(() => calendar.addWorkingDays(bad, 1), bad).toThrow(TypeError);
      expect(isCalendarDate(bad), bad).toBe(false);
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });
});

describe('countWorkingDays', () => {
  const cases: [from: string, to: string, expected: number][] = [
    ['2026-02-10', '2026-03-16', 20],
    ['2026-09-28', '2026-10-30', 20],
    ['2026-09-30', '2026-10-08', 1],
    ['2026-09-30', '2026-10-07', 0],
    ['2026-10-01', '2026-10-07', 0],
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-16', '2026-02-10', 0], // backwards
    ['2025-12-31', '2026-12-31', 248], // all of 2026: 261 weekdays − 19 weekday holidays + 6 make-up days
    ['2024-12-31', '2025-12-31', 248],
    ['2004-01-01', '2026-12-31', calendar.countWorkingDays('2004-01-01', '2025-12-31') + 248],
  ];
  it.each(cases)('(%s, %s] has %i working days', (from, to, expected) => {
    expect(calendar.countWorkingDays(from, to)).toBe(expected);
  });
});

describe('unknown years are an error, never a guess', () => {
  it('refuses to compute into 2027 until it is declared, naming the year', () => {
    expect(calendar.isKnown('2027-01-04')).toBe(false);
    expect(calendar.isKnown('2026-12-31')).toBe(true);
    const add = catchRange(() => calendar.addWorkingDays('2026-12-28', 5));
    expect(add.year).toBe(2027);
    expect(add.date).toBe('2027-01-01');
    expect(catchRange(() => calendar.addWorkingDays('2026-12-31', 1)).year).toBe(2027);
    expect(catchRange(() => calendar.dayInfo('2027-03-01')).date).toBe('2027-03-01');
    expect(catchRange(() => calendar.isWorkingDay('2027-03-01')).year).toBe(2027);
    expect(catchRange(() => calendar.countWorkingDays('2026-12-01', '2027-01-10')).year).toBe(2027);
    expect(catchRange(() => calendar.countWorkingDays('2027-01-10', '2026-12-01')).year).toBe(2027);
    expect(catchRange(() => calendar.addWorkingDays('2027-01-04', 0)).year).toBe(2027);
    expect(catchRange(() => calendar.listDays('2026-12-20', '2027-01-05')).year).toBe(2027);
  });

  it('refuses years before the data starts', () => {
    expect(calendar.isKnown('2003-12-31')).toBe(false);
    expect(catchRange(() => calendar.addWorkingDays('2003-12-31', 1)).year).toBe(2003);
    expect(catchRange(() => calendar.countWorkingDays('2003-12-31', '2004-01-10')).year).toBe(2003);
  });

  // Test data standing in for an administrator's entry, not the real 2027 arrangement.
  const entered2027: CalendarOverride[] = [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-02-06', kind: 'holiday', name: '春节' },
    { date: '2027-02-08', kind: 'holiday', name: '春节' },
    { date: '2027-02-09', kind: 'holiday', name: '春节' },
    { date: '2027-02-20', kind: 'workday', name: '春节' },
  ];

  it('computes into a declared year with its entered arrangements', () => {
    const withOverridesOnly = new WorkingCalendar({ overrides: entered2027 });
    expect(withOverridesOnly.isKnown('2027-01-04')).toBe(false);
    expect(() => withOverridesOnly.addWorkingDays('2026-12-31', 1)).toThrow(CalendarRangeError);

    const declared = new WorkingCalendar({ overrides: entered2027, declaredYears: [2027] });
    expect(declared.knownRange().to).toBe('2027-12-31');
    expect(declared.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04'); // 1 January (Friday) off, weekend off
    expect(declared.addWorkingDays('2027-02-05', 1)).toBe('2027-02-10');
    expect(declared.dayInfo('2027-02-20')).toEqual({ date: '2027-02-20', isWorkingDay: true, kind: 'makeup_workday', name: '春节', source: 'local' });
    expect(declared.dayInfo('2027-03-01')).toEqual({ date: '2027-03-01', isWorkingDay: true, kind: 'workday', source: 'official' });
    expect(declared.countWorkingDays('2026-12-31', '2027-01-08')).toBe(5);
    expect(() => declared.addWorkingDays('2027-12-31', 1)).toThrow(CalendarRangeError);
  });

  it('refuses to cross a gap between known years', () => {
    const gap = new WorkingCalendar({ declaredYears: [2028] });
    expect(gap.knownRange().years.slice(-2)).toEqual([2026, 2028]);
    expect(gap.dayInfo('2028-03-01').kind).toBe('workday');
    expect(catchRange(() => gap.addWorkingDays('2026-12-31', 1)).year).toBe(2027);
    expect(catchRange(() => gap.countWorkingDays('2026-12-01', '2028-01-10')).year).toBe(2027);
    expect(gap.addWorkingDays('2028-01-03', 5)).toBe('2028-01-10');
  });
});

describe('local overrides win over official data', () => {
  const local = new WorkingCalendar({
    overrides: [
      { date: '2026-03-10', kind: 'holiday', name: '县城集中停电，大厅闭厅' }, // Tuesday
      { date: '2026-03-14', kind: 'workday', name: '无休日集中办理' }, // Saturday
      { date: '2026-10-07', kind: 'workday', name: '值班受理' }, // official holiday
      { date: '2026-10-10', kind: 'holiday', name: '县庆' }, // official make-up Saturday
      { date: '2026-03-16', kind: 'workday', name: '重复声明' }, // already a working Monday
    ],
  });

  it.each([
    ['2026-03-10', 'holiday', false],
    ['2026-03-14', 'makeup_workday', true],
    ['2026-10-07', 'makeup_workday', true],
    ['2026-10-10', 'holiday', false],
    ['2026-03-16', 'workday', true],
  ] as const)('%s becomes %s', (date, kind, working) => {
    const info = local.dayInfo(date);
    expect(info.kind).toBe(kind);
    expect(info.isWorkingDay).toBe(working);
    expect(info.source).toBe('local');
    expect(info.name).toBeTruthy();
  });

  it('moves deadlines accordingly', () => {
    expect(local.addWorkingDays('2026-03-09', 1)).toBe('2026-03-11');
    expect(local.addWorkingDays('2026-03-13', 1)).toBe('2026-03-14');
    expect(local.addWorkingDays('2026-02-10', 20)).toBe('2026-03-16'); // the closure and the Saturday cancel out
    expect(calendar.addWorkingDays('2026-03-09', 5)).toBe('2026-03-16');
    expect(local.addWorkingDays('2026-03-09', 5)).toBe('2026-03-16');
    expect(local.addWorkingDays('2026-09-30', 1)).toBe('2026-10-07');
    expect(local.addWorkingDays('2026-10-09', 1)).toBe('2026-10-12');
    expect(local.countWorkingDays('2026-03-01', '2026-03-31')).toBe(calendar.countWorkingDays('2026-03-01', '2026-03-31'));
  });

  it('leaves other calendars untouched', () => {
    expect(calendar.dayInfo('2026-03-10').kind).toBe('workday');
  });
});

describe('listDays', () => {
  it('lists each day inclusive, for drawing a month', () => {
    const days = calendar.listDays('2026-09-28', '2026-10-11');
    expect(days).toHaveLength(14);
    expect(days.map((d) => (d.isWorkingDay ? '班' : '休')).join('')).toBe('班班班休休休休休休休班班班休');
    expect(calendar.listDays('2026-10-11', '2026-09-28')).toEqual([]);
  });
});

describe('properties over random dates (seeded)', () => {
  const next = random(20260927);
  const from0 = msOf('2004-01-01');
  const span = (msOf('2025-12-31') - from0) / DAY_MS;
  const samples = Array.from({ length: 3000 }, () => ({ from: isoOf(from0 + Math.floor(next() * span) * DAY_MS), n: Math.floor(next() * 250) }));

  it('countWorkingDays(from, addWorkingDays(from, n)) = n, and the result is a working day after from', () => {
    for (const { from, n } of samples) {
      const to = calendar.addWorkingDays(from, n);
      expect(calendar.countWorkingDays(from, to), `${from} + ${n}`).toBe(n);
      if (n > 0) {
        expect(calendar.isWorkingDay(to), `${from} + ${n} = ${to}`).toBe(true);
        expect(to > from).toBe(true);
        // The day before the result leaves one working day still to go.
        expect(calendar.countWorkingDays(from, isoOf(msOf(to) - DAY_MS))).toBe(n - 1);
      }
    }
  });

  it('agrees with a day-by-day walk over the raw data', () => {
    for (const { from, n } of samples.slice(0, 400)) expect(calendar.addWorkingDays(from, n), `${from} + ${n}`).toBe(naiveAdd(from, n));
  });

  it('counts additively: (a, c] = (a, b] + (b, c]', () => {
    for (let k = 0; k + 2 < samples.length; k += 3) {
      const [a, b, c] = [samples[k]!.from, samples[k + 1]!.from, samples[k + 2]!.from].sort();
      expect(calendar.countWorkingDays(a!, c!)).toBe(calendar.countWorkingDays(a!, b!) + calendar.countWorkingDays(b!, c!));
    }
  });
});

describe('toShanghaiDate', () => {
  it.each([
    ['2026-09-30T15:59:59.999Z', '2026-09-30'],
    ['2026-09-30T16:00:00.000Z', '2026-10-01'],
    ['2025-12-31T16:00:00Z', '2026-01-01'],
    ['2024-02-28T16:30:00Z', '2024-02-29'],
    ['2026-10-01T00:00:00+08:00', '2026-10-01'],
    ['2026-10-01T23:59:59+08:00', '2026-10-01'],
    ['2004-01-01T00:00:00+08:00', '2004-01-01'],
  ])('%s is %s in Asia/Shanghai', (instant, date) => {
    expect(toShanghaiDate(new Date(instant))).toBe(date);
    // Cross-check with the platform's time-zone database.
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(instant))).toBe(date);
  });

  it('refuses an invalid instant', () => {
    expect(() => toShanghaiDate(new Date('nonsense'))).toThrow(TypeError);
  });
});
