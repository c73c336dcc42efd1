/** Queries of the working-day calendar (工作日历). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CalendarDay, CalendarOverride, CalendarYear } from '../../api/cases.types';

export const CALENDAR_KEY = ['calendar'] as const;
const YEARS_KEY = [...CALENDAR_KEY, 'years'] as const;

/** Years whose holiday arrangements are known, with their source. */
export function useCalendarYears() {
  return useQuery({
    queryKey: YEARS_KEY,
    queryFn: ({ signal }) => api.get<CalendarYear[]>('/api/calendar/years', undefined, signal),
    staleTime: 60_000,
  });
}

/**
 * Every day from `from` to `to` (inclusive, within one year); only asked for while the year is known — also when
 * a refresh comes just after the year was undeclared (the years in the cache are already without it).
 */
export function useCalendarDays(from: string, to: string, enabled: boolean) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...CALENDAR_KEY, 'days', from, to],
    queryFn: ({ signal }) => {
      const years = queryClient.getQueryData<CalendarYear[]>(YEARS_KEY);
      if (years && !years.some((y) => y.year === Number(from.slice(0, 4)))) return Promise.resolve([]);
      return api.get<CalendarDay[]>('/api/calendar/days', { from, to }, signal);
    },
    enabled,
    staleTime: 60_000,
  });
}

/** The local overrides of a year (administrators only). */
export function useCalendarOverrides(year: number, enabled: boolean) {
  return useQuery({
    queryKey: [...CALENDAR_KEY, 'overrides', year],
    queryFn: ({ signal }) => api.get<CalendarOverride[]>('/api/calendar/overrides', { year }, signal),
    enabled,
    staleTime: 60_000,
  });
}

/**
 * After a change the calendar, and every working-day computation cached from it, is stale. The known years come
 * first, so that the days of a year that just became unknown are not asked for again.
 */
export function useRefreshCalendar() {
  const queryClient = useQueryClient();
  return () =>
    void queryClient
      .invalidateQueries({ queryKey: YEARS_KEY })
      .then(() => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY, predicate: (q) => q.queryKey[1] !== 'years' }));
}

/** A year just undeclared leaves the cached list at once (before the refresh asks for its days again). */
export function useForgetYear() {
  const queryClient = useQueryClient();
  return (year: number) => queryClient.setQueryData<CalendarYear[]>(YEARS_KEY, (years) => years?.filter((y) => y.year !== year));
}
