/**
 * What the certificate pages ask of the server: the public lookup and file check (anyone), the registry
 * (staff with certificates.read), revocation and reissue (certificates.manage), and the holder's own list.
 */
import './certificates-i18n';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, saveBlob } from '../../api/client';
import type { ItemSummary, Page } from '../../api/types';
import type {
  Certificate,
  CertificateListQuery,
  CertificateVerification,
  CertificateWithHistory,
  PublicCertificate,
  ReissueBody,
  RevokeBody,
} from '../../api/certificates.types';
import { APPLICANT_KEY } from '../applicant/applicant.session';
import { compactNumber } from './certificates.format';

export const PUBLIC_CERTIFICATE_KEY = ['public', 'certificate'] as const;
export const STAFF_CERTIFICATES_KEY = ['staff', 'certificates'] as const;
export const MY_CERTIFICATES_KEY = [...APPLICANT_KEY, 'certificates'] as const;

/** Largest file the server checks (certificates.routes.ts VERIFY_MAX_BYTES). */
export const VERIFY_MAX_BYTES = 15 * 1024 * 1024;

/**
 * GET /api/public/certificates/:number. Rate-limited on the server, so the answer is kept for a minute and a
 * hyphenated and a compact number share one entry.
 */
export function usePublicCertificate(raw: string | undefined, version?: number) {
  const number = raw ? compactNumber(raw) : '';
  return useQuery({
    queryKey: [...PUBLIC_CERTIFICATE_KEY, number, version ?? 0],
    queryFn: ({ signal }) => api.get<PublicCertificate>(`/api/public/certificates/${encodeURIComponent(number)}`, version ? { v: version } : undefined, signal),
    enabled: number !== '',
    staleTime: 60_000,
  });
}

/** POST /api/public/certificates/verify: one multipart part `file`. */
export function useVerifyFile() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<CertificateVerification>('/api/public/certificates/verify', form);
    },
  });
}

export function useCertificateList(query: CertificateListQuery) {
  return useQuery({
    queryKey: [...STAFF_CERTIFICATES_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<Page<Certificate>>('/api/certificates', query, signal),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useCertificate(number: string | undefined) {
  return useQuery({
    queryKey: [...STAFF_CERTIFICATES_KEY, 'detail', number],
    queryFn: ({ signal }) => api.get<CertificateWithHistory>(`/api/certificates/${encodeURIComponent(number ?? '')}`, undefined, signal),
    enabled: Boolean(number),
    staleTime: 0,
  });
}

/** Items for the registry's item filter (name, code or pinyin initials). */
export function useItemOptions(q: string) {
  return useQuery({
    queryKey: ['staff', 'catalog', 'certificate-filter', q],
    queryFn: ({ signal }) => api.get<Page<ItemSummary>>('/api/catalog/items', { q: q || undefined, limit: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** After a change: the registry's lists and pages, and what the public page cached, are read again. */
function useCertificateChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: STAFF_CERTIFICATES_KEY });
    void queryClient.invalidateQueries({ queryKey: PUBLIC_CERTIFICATE_KEY });
  };
}

export function useRevokeCertificate(number: string) {
  const changed = useCertificateChanged();
  return useMutation({
    mutationFn: (body: RevokeBody) => api.post<Certificate>(`/api/certificates/${encodeURIComponent(number)}/revoke`, body),
    onSettled: changed,
  });
}

export function useReissueCertificate(number: string) {
  const changed = useCertificateChanged();
  return useMutation({
    mutationFn: (body: ReissueBody) => api.post<Certificate>(`/api/certificates/${encodeURIComponent(number)}/reissue`, body),
    onSettled: changed,
  });
}

/** GET /api/my/certificates: the signed-in applicant's certificates (newest version of each). */
export function useMyCertificates() {
  return useQuery({
    queryKey: MY_CERTIFICATES_KEY,
    queryFn: ({ signal }) => api.get<Certificate[]>('/api/my/certificates', undefined, signal),
    staleTime: 15_000,
  });
}

export function certificatePdfUrl(number: string, version?: number): string {
  return `/api/certificates/${encodeURIComponent(number)}/pdf${version ? `?version=${version}` : ''}`;
}

/** Downloads the signed PDF under the name the server gives it (食品经营许可证-130533-26-XK099-00001-K-v1.pdf). */
export async function downloadCertificatePdf(c: Pick<Certificate, 'number' | 'displayNumber' | 'version' | 'title'>, version?: number): Promise<void> {
  const { blob, fileName } = await api.download(certificatePdfUrl(c.number, version));
  saveBlob(blob, fileName ?? `${c.title}-${c.displayNumber}-v${version ?? c.version}.pdf`);
}
