/**
 * What the 好差评 pages ask of the server: the applicant's ratings and complaints, the window code, and the
 * console's lists, statistics, rectification actions and complaint handling.
 */
import './evaluations-i18n';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type {
  Complaint,
  Evaluation,
  EvaluationSettings,
  EvaluationStats,
  MyComplaintBody,
  MyEvaluationBody,
  PublicVisit,
  Rectification,
  VisitEvaluationBody,
  VisitToken,
} from '../../api/evaluations.types';
import { APPLICANT_KEY } from '../applicant/applicant.session';

const MY_EVALUATIONS_KEY = [...APPLICANT_KEY, 'evaluations'] as const;
const MY_COMPLAINTS_KEY = [...APPLICANT_KEY, 'complaints'] as const;
export const STAFF_EVALUATIONS_KEY = ['staff', 'evaluations'] as const;

type Query = Record<string, string | number | boolean | undefined>;

// ─── applicant ───

export function useMyEvaluations(caseId: string) {
  return useQuery({
    queryKey: [...MY_EVALUATIONS_KEY, caseId],
    queryFn: ({ signal }) => api.get<Page<Evaluation>>('/api/my/evaluations', { caseId }, signal),
  });
}

export function useRate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MyEvaluationBody) => api.post<Evaluation>('/api/my/evaluations', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MY_EVALUATIONS_KEY }),
  });
}

export function useMyComplaints() {
  return useQuery({
    queryKey: MY_COMPLAINTS_KEY,
    queryFn: ({ signal }) => api.get<Page<Complaint>>('/api/my/complaints', { limit: 100 }, signal),
  });
}

export function useSubmitComplaint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MyComplaintBody) => api.post<Complaint>('/api/my/complaints', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MY_COMPLAINTS_KEY }),
  });
}

// ─── window code ───

export function usePublicVisit(token: string) {
  return useQuery({
    queryKey: ['public', 'visit', token],
    queryFn: ({ signal }) => api.get<PublicVisit>(`/api/public/evaluations/visits/${encodeURIComponent(token)}`, undefined, signal),
    retry: false,
  });
}

export function useRateVisit(token: string) {
  return useMutation({ mutationFn: (body: VisitEvaluationBody) => api.post<Evaluation>(`/api/public/evaluations/visits/${encodeURIComponent(token)}`, body) });
}

export function useIssueVisitToken() {
  return useMutation({ mutationFn: (caseId: string | null) => api.post<VisitToken>('/api/evaluations/visit-tokens', { caseId }) });
}

// ─── staff ───

export function useStats(query: Query) {
  return useQuery({
    queryKey: [...STAFF_EVALUATIONS_KEY, 'stats', query],
    queryFn: ({ signal }) => api.get<EvaluationStats>('/api/evaluations/stats', query, signal),
  });
}

export function useEvaluations(query: Query) {
  return useQuery({
    queryKey: [...STAFF_EVALUATIONS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<Page<Evaluation>>('/api/evaluations', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRectifications(query: Query) {
  return useQuery({
    queryKey: [...STAFF_EVALUATIONS_KEY, 'rectifications', query],
    queryFn: ({ signal }) => api.get<Page<Rectification>>('/api/rectifications', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRectification(id: string | null) {
  return useQuery({
    queryKey: [...STAFF_EVALUATIONS_KEY, 'rectification', id],
    queryFn: ({ signal }) => api.get<Rectification>(`/api/rectifications/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

export type RectificationAction = 'verify' | 'start' | 'callback' | 'close' | 'review-request' | 'review-decision';

export function useRectificationAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: RectificationAction; body: Record<string, unknown> }) =>
      api.post<Rectification>(`/api/rectifications/${encodeURIComponent(id)}/${action}`, body),
    onSuccess: (r) => {
      queryClient.setQueryData([...STAFF_EVALUATIONS_KEY, 'rectification', id], r);
      void queryClient.invalidateQueries({ queryKey: STAFF_EVALUATIONS_KEY });
    },
  });
}

export function useComplaints(query: Query) {
  return useQuery({
    queryKey: [...STAFF_EVALUATIONS_KEY, 'complaints', query],
    queryFn: ({ signal }) => api.get<Page<Complaint>>('/api/complaints', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComplaintAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: 'assign' | 'reply' | 'close'; body: Record<string, unknown> }) =>
      api.post<Complaint>(`/api/complaints/${encodeURIComponent(id)}/${action}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...STAFF_EVALUATIONS_KEY, 'complaints'] }),
  });
}

export function useSettings() {
  return useQuery({
    queryKey: [...STAFF_EVALUATIONS_KEY, 'settings'],
    queryFn: ({ signal }) => api.get<EvaluationSettings>('/api/evaluations/settings', undefined, signal),
  });
}

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EvaluationSettings) => api.put<EvaluationSettings>('/api/evaluations/settings', body),
    onSuccess: (s) => queryClient.setQueryData([...STAFF_EVALUATIONS_KEY, 'settings'], s),
  });
}
