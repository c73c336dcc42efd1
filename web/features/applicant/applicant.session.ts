/**
 * Who is signed in, as the public portal sees it: GET /api/auth/me, where a 401 is an answer (nobody), not an
 * error. The header, the sign-in page and every page of the applicant's own area read this one query.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { MeResponse } from '../../api/types';

export const PORTAL_ME_KEY = ['portal', 'me'] as const;
/** Every query of the applicant's own data starts with this key; signing out drops them all. */
export const APPLICANT_KEY = ['applicant'] as const;

export function usePortalMe() {
  return useQuery({
    queryKey: PORTAL_ME_KEY,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<MeResponse>('/api/auth/me', undefined, signal);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/**
 * After signing in or out: the portal learns the new account and every cached answer that belonged to the
 * previous one is dropped (the staff console's own copy of "me" included, so /staff asks again).
 */
export function switchAccount(queryClient: QueryClient, me: MeResponse | null): void {
  queryClient.removeQueries({ queryKey: APPLICANT_KEY });
  queryClient.removeQueries({ queryKey: ['staff'] });
  queryClient.setQueryData(PORTAL_ME_KEY, me);
}

/** Whether the account is an applicant's (citizen or enterprise) rather than staff. */
export function isApplicant(me: MeResponse | null | undefined): me is MeResponse {
  return !!me && me.account.kind === 'applicant';
}

/** A path inside the portal to return to after signing in; anything else (another site, //host) is refused. */
export function safeNext(value: string | null | undefined, fallback = '/my/cases'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value.startsWith('/login') || value.startsWith('/register')) return fallback;
  return value;
}

/** /login with the page to come back to. */
export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}
