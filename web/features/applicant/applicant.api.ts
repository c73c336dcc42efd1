/**
 * What the applicant's pages ask of the server: their cases, notifications, the online application, the
 * correction, withdrawal, and file uploads with progress (fetch cannot report upload progress; XHR can).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, NETWORK_ERROR } from '../../api/client';
import type { Page } from '../../api/types';
import type {
  MyCaseDetail,
  MyCaseSummary,
  NotificationPage,
  OnlineApplicationBody,
  ReceiveCorrectionBody,
  StoredFile,
  UpdateApplicationBody,
  WithdrawBody,
} from '../../api/applicant.types';
import { acceptLanguageOf, currentLanguage } from '../../i18n/language';
import { APPLICANT_KEY } from './applicant.session';

export const CASES_KEY = [...APPLICANT_KEY, 'cases'] as const;
export const NOTIFICATIONS_KEY = [...APPLICANT_KEY, 'notifications'] as const;
/** The case as the server words it (its timeline texts) in the UI language: each language its own entry. */
const caseKey = (id: string) => [...APPLICANT_KEY, 'case', id, currentLanguage()] as const;

export function useMyCases(query: { phase?: string; limit: number; offset: number }) {
  return useQuery({
    queryKey: [...CASES_KEY, query],
    queryFn: ({ signal }) => api.get<Page<MyCaseSummary>>('/api/cases', { ...query, order: 'recent' }, signal),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

export function useMyCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: ({ signal }) => api.get<MyCaseDetail>(`/api/cases/${encodeURIComponent(id)}`, undefined, signal),
    staleTime: 10_000,
  });
}

export function useNotifications(limit = 50) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, limit],
    queryFn: ({ signal }) => api.get<NotificationPage>('/api/my/notifications', { limit }, signal),
    staleTime: 15_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/api/my/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** Keeps the case's cached detail and the lists in step after a change the server answered with the case. */
function useCaseSaved() {
  const queryClient = useQueryClient();
  return (detail: MyCaseDetail) => {
    queryClient.setQueryData(caseKey(detail.id), detail);
    void queryClient.invalidateQueries({ queryKey: CASES_KEY });
    void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  };
}

/** A 409 means the case moved on meanwhile (the window acted, another tab saved): read it again. */
function useReloadOnConflict(id: string) {
  const queryClient = useQueryClient();
  return (error: unknown) => {
    if (error instanceof ApiError && error.isConflict) void queryClient.invalidateQueries({ queryKey: [...APPLICANT_KEY, 'case', id] });
  };
}

export function useApplyOnline() {
  const saved = useCaseSaved();
  return useMutation({
    mutationFn: (body: OnlineApplicationBody) => api.post<MyCaseDetail>('/api/my/applications', body),
    onSuccess: saved,
  });
}

export function useUpdateApplication(id: string) {
  const saved = useCaseSaved();
  const reloadOnConflict = useReloadOnConflict(id);
  return useMutation({
    mutationFn: (body: UpdateApplicationBody) => api.put<MyCaseDetail>(`/api/my/applications/${encodeURIComponent(id)}`, body),
    onSuccess: saved,
    onError: reloadOnConflict,
  });
}

export function useSendCorrection(id: string) {
  const saved = useCaseSaved();
  const reloadOnConflict = useReloadOnConflict(id);
  return useMutation({
    mutationFn: (body: ReceiveCorrectionBody) => api.post<MyCaseDetail>(`/api/cases/${encodeURIComponent(id)}/correction`, body),
    onSuccess: saved,
    onError: reloadOnConflict,
  });
}

export function useWithdraw(id: string) {
  const saved = useCaseSaved();
  const reloadOnConflict = useReloadOnConflict(id);
  return useMutation({
    mutationFn: (body: WithdrawBody) => api.post<MyCaseDetail>(`/api/cases/${encodeURIComponent(id)}/withdraw`, body),
    onSuccess: saved,
    onError: reloadOnConflict,
  });
}

/** The PDF of one of the case's notices; the server answers it inline, so a plain link opens it. */
export type CaseDocumentKind = 'acceptance-notice' | 'time-limit-card' | 'correction-notice' | 'refusal-notice';

export function caseDocumentUrl(caseId: string, kind: CaseDocumentKind): string {
  return `/api/cases/${encodeURIComponent(caseId)}/documents/${kind}`;
}

export function materialFileUrl(caseId: string, materialId: string): string {
  return `/api/cases/${encodeURIComponent(caseId)}/materials/${encodeURIComponent(materialId)}/file`;
}

// ------------------------------------------------------------------------------------------ uploads

/** Largest file the server takes for a material (cases.routes.ts MATERIAL_MAX_BYTES). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** What the file picker offers; the server decides by the bytes (PDF, PNG, JPEG, Word, Excel). */
export const UPLOAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,application/pdf,image/jpeg,image/png';
const ACCEPTED_EXTENSIONS = /\.(pdf|jpe?g|png|docx?|xlsx?)$/i;

export type UploadProblem = 'type' | 'size' | 'empty';

/** Checks a chosen file before sending it, so that a phone does not upload 30 MB to be told no. */
export function checkUpload(file: File): UploadProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > MAX_UPLOAD_BYTES) return 'size';
  if (!ACCEPTED_EXTENSIONS.test(file.name)) return 'type';
  return null;
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    const parsed = JSON.parse(xhr.responseText) as { error?: { code?: string; message?: string; fields?: { path: string; message: string }[] } };
    if (parsed.error?.code) {
      const fieldMessage = parsed.error.fields?.[0]?.message;
      return new ApiError(xhr.status, parsed.error.code, fieldMessage ?? parsed.error.message ?? '', parsed.error.fields ?? []);
    }
  } catch {
    // Not JSON: a proxy's page. Fall through.
  }
  return new ApiError(xhr.status, `HTTP_${xhr.status}`, xhr.statusText || `HTTP ${xhr.status}`);
}

/**
 * POST /api/files with one multipart part `file`, reporting progress as a fraction 0…1. The server stores
 * the bytes once by their SHA-256 and answers it; the application refers to the file by that hash.
 */
export function uploadFile(file: Blob, fileName: string, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<StoredFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', acceptLanguageOf(currentLanguage()));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as StoredFile);
      } else reject(errorOf(xhr));
    };
    xhr.onerror = () => {
      const message = currentLanguage() === 'en' ? 'Network error: the server could not be reached.' : '网络连接失败，请检查网络后重试。';
      reject(new ApiError(0, NETWORK_ERROR, message));
    };
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.send(form);
  });
}

async function sha256Hex(blob: Blob): Promise<string | null> {
  // SubtleCrypto exists only on secure pages (https or localhost).
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The hash of a file already attached to a case material. The case view says only that a file is there
 * (hasFile), while resubmitting an application has to name every file again, or the server marks the material
 * missing; so the file is fetched and hashed here (or, on a page without SubtleCrypto, stored again — the
 * server keeps one copy per hash).
 */
export async function recoverStoredFile(caseId: string, materialId: string, fileName: string): Promise<{ sha256: string; fileName: string }> {
  const { blob } = await api.download(materialFileUrl(caseId, materialId));
  const sha256 = await sha256Hex(blob);
  if (sha256) return { sha256, fileName };
  const stored = await uploadFile(blob, fileName, () => {});
  return { sha256: stored.sha256, fileName };
}
