/**
 * What the console's hall pages ask of the server: the window's calling panel (叫号) and the centre's management
 * of the hall (the day, the windows' figures, opening hours, closures, the appointment rules).
 */
import './hall-staff-i18n';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Closure,
  ClosureBody,
  HallDay,
  HallPerformance,
  HallSettings,
  HallZone,
  OpeningRule,
  OpeningRuleBody,
  OpeningRulePatch,
  TransferBody,
  WindowState,
} from '../../api/hall-staff.types';

export const WINDOW_KEY = ['staff', 'queue', 'window'] as const;
const HALL_KEY = ['staff', 'hall'] as const;

/** How often the calling panel asks again: other windows call from the same queue, the kiosk adds to it. */
export const WINDOW_REFRESH_MS = 4000;

/** Today in Asia/Shanghai as YYYY-MM-DD, whatever the browser's own time zone. */
export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** HH:MM of an instant in Asia/Shanghai. */
export function shanghaiClock(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

// ─── the window ───

export function useWindowState() {
  return useQuery({
    queryKey: WINDOW_KEY,
    queryFn: ({ signal }) => api.get<WindowState>('/api/queue/window', undefined, signal),
    // A window that is not set up answers 409 each time: stop asking until the clerk retries.
    refetchInterval: (query) => (query.state.status === 'error' ? false : WINDOW_REFRESH_MS),
    refetchIntervalInBackground: false,
    retry: false,
  });
}

export type WindowAction =
  | { kind: 'next' }
  | { kind: 'recall' | 'skip' | 'complete'; ticketId: string; version: number }
  | { kind: 'transfer'; ticketId: string; body: TransferBody };

function sendWindowAction(action: WindowAction): Promise<WindowState> {
  switch (action.kind) {
    case 'next':
      return api.post<WindowState>('/api/queue/window/next');
    case 'recall':
    case 'skip':
    case 'complete':
      return api.post<WindowState>(`/api/queue/tickets/${encodeURIComponent(action.ticketId)}/${action.kind}`, { version: action.version });
    case 'transfer':
      return api.post<WindowState>(`/api/queue/tickets/${encodeURIComponent(action.ticketId)}/transfer`, action.body);
  }
}

/** Every action answers the window's new state, which replaces the one shown. */
export function useWindowAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendWindowAction,
    onSuccess: (state) => queryClient.setQueryData(WINDOW_KEY, state),
    // A 409 (someone else moved the ticket, or it is no longer at this window): show what is true now.
    onError: () => queryClient.invalidateQueries({ queryKey: WINDOW_KEY }),
  });
}

// ─── the centre ───

export function useHallZones() {
  return useQuery({
    queryKey: [...HALL_KEY, 'zones'],
    queryFn: ({ signal }) => api.get<HallZone[]>('/api/public/hall/zones', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useHallDay(date: string, live: boolean) {
  return useQuery({
    queryKey: [...HALL_KEY, 'day', date],
    queryFn: ({ signal }) => api.get<HallDay>('/api/hall/day', { date }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 30_000 : false,
  });
}

export function usePerformance(from: string, to: string) {
  return useQuery({
    queryKey: [...HALL_KEY, 'performance', from, to],
    queryFn: ({ signal }) => api.get<HallPerformance>('/api/hall/performance', { from, to }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useHallSettings() {
  return useQuery({
    queryKey: [...HALL_KEY, 'settings'],
    queryFn: ({ signal }) => api.get<HallSettings>('/api/hall/settings', undefined, signal),
  });
}

export function useSaveHallSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: HallSettings) => api.put<HallSettings>('/api/hall/settings', body),
    onSuccess: (s) => queryClient.setQueryData([...HALL_KEY, 'settings'], s),
  });
}

const RULES_KEY = [...HALL_KEY, 'rules'] as const;

export function useOpeningRules() {
  return useQuery({
    queryKey: RULES_KEY,
    queryFn: ({ signal }) => api.get<OpeningRule[]>('/api/hall/rules', undefined, signal),
  });
}

export function useAddRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OpeningRuleBody) => api.post<OpeningRule>('/api/hall/rules', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  });
}

export function usePatchRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: OpeningRulePatch }) => api.patch<OpeningRule>(`/api/hall/rules/${encodeURIComponent(id)}`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  });
}

const CLOSURES_KEY = [...HALL_KEY, 'closures'] as const;

export function useClosures() {
  return useQuery({
    queryKey: CLOSURES_KEY,
    queryFn: ({ signal }) => api.get<Closure[]>('/api/hall/closures', undefined, signal),
  });
}

export function useAddClosure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClosureBody) => api.post<Closure>('/api/hall/closures', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CLOSURES_KEY }),
  });
}

export function useRemoveClosure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (c: Pick<Closure, 'zoneCode' | 'date'>) => api.delete<void>(`/api/hall/closures/${encodeURIComponent(c.zoneCode)}/${encodeURIComponent(c.date)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CLOSURES_KEY }),
  });
}
