/** Queries of the approval-case screens: cases, inboxes, an item's process, and the working-day helpers. */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { ItemSummary, Page } from '../../api/types';
import type { CaseDetail, CaseListQuery, CaseSummary, InboxItem, InboxView, ItemProcess } from '../../api/cases.types';
import { todayInShanghai } from './cases.format';

export const CASES_KEY = ['staff', 'cases'] as const;
export const TASKS_KEY = ['staff', 'tasks'] as const;

/** One case by id (办件详情). */
export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: [...CASES_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<CaseDetail>(`/api/cases/${id ?? ''}`, undefined, signal),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

/** One case by its number, e.g. 130533-20261128-0001. */
export function useCaseByNumber(number: string | undefined) {
  return useQuery({
    queryKey: [...CASES_KEY, 'by-number', number],
    queryFn: ({ signal }) => api.get<CaseDetail>(`/api/cases/by-number/${encodeURIComponent(number ?? '')}`, undefined, signal),
    enabled: Boolean(number),
    staleTime: 0,
  });
}

export function useCaseList(query: CaseListQuery, enabled = true) {
  return useQuery({
    queryKey: [...CASES_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<Page<CaseSummary>>('/api/cases', query, signal),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 10_000,
  });
}

/** 超期督办: running cases past their due date (within 0) or due within `within` working days. */
export function useOverdueCases(within: number, limit: number, offset: number) {
  return useQuery({
    queryKey: [...CASES_KEY, 'overdue', within, limit, offset],
    queryFn: ({ signal }) => api.get<Page<CaseSummary>>('/api/cases/overdue', { within, limit, offset }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    staleTime: 10_000,
  });
}

/** The inbox (待办), refreshed every 30 s while the page is open. */
export function useInbox(view: InboxView, limit: number, offset: number) {
  return useQuery({
    queryKey: [...TASKS_KEY, view, limit, offset],
    queryFn: ({ signal }) => api.get<Page<InboxItem>>('/api/tasks', { view, limit, offset }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}

/** Active items matching a search (name, code or pinyin initials) for the intake picker. */
export function useItemSearch(q: string) {
  return useQuery({
    queryKey: ['staff', 'catalog', 'intake-search', q],
    queryFn: ({ signal }) => api.get<Page<ItemSummary>>('/api/catalog/items', { q: q || undefined, status: 'active', limit: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** An item's current process definition (for 承诺办理 and the steps). */
export function useItemProcess(itemId: string | undefined) {
  return useQuery({
    queryKey: ['staff', 'catalog', 'process', itemId],
    queryFn: ({ signal }) => api.get<ItemProcess>(`/api/catalog/items/${itemId ?? ''}/process`, undefined, signal),
    enabled: Boolean(itemId),
    staleTime: 5 * 60_000,
  });
}

/**
 * The date two working days from today (the orange "due soon" line of inboxes and lists). When the calendar
 * does not know the year it runs into, the answer is null and nothing is coloured orange.
 */
export function useDueSoonLine(days = 2) {
  const today = todayInShanghai();
  return useQuery({
    queryKey: ['calendar', 'add', today, days],
    queryFn: async ({ signal }) => {
      try {
        return (await api.get<{ date: string }>('/api/calendar/add-working-days', { from: today, days }, signal)).date;
      } catch (err) {
        if (err instanceof ApiError && err.status === 400) return null;
        throw err;
      }
    },
    staleTime: 60 * 60_000,
  });
}

/** Drops every cached case and inbox, so that lists and pages show a change at once. */
export function useRefreshCases() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: CASES_KEY });
    void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
  };
}
