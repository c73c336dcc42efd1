/**
 * Who is signed in to the staff console. GET /api/auth/me answers the account and its abilities (permission
 * names); menus and buttons follow the abilities, never role names, so the server's policy stays the one rule.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { MeResponse, Permission } from '../../api/types';

export const ME_KEY = ['staff', 'me'] as const;

/** The signed-in account, or null when nobody is (a 401 is an answer here, not an error). */
export function useMeQuery() {
  return useQuery({
    queryKey: ME_KEY,
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
 * Why the user is on the login page (e.g. the server's SESSION_EXPIRED message). A small store rather than
 * router state: the 401 that explains it may arrive just before or just after the page has switched.
 */
let loginNotice: string | null = null;
const noticeListeners = new Set<() => void>();

function setLoginNotice(value: string | null): void {
  loginNotice = value;
  for (const listener of noticeListeners) listener();
}

/** Several requests may fail at once; the first one's message is kept until the notice is cleared. */
export function rememberLoginNotice(message: string): void {
  if (loginNotice === null) setLoginNotice(message);
}

export function clearLoginNotice(): void {
  if (loginNotice !== null) setLoginNotice(null);
}

export function useLoginNotice(): string | null {
  return useSyncExternalStore(
    (listener) => {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    () => loginNotice,
  );
}

export interface Session {
  me: MeResponse;
  can: (permission: Permission) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ me, children }: { me: MeResponse; children: ReactNode }) {
  const abilities = new Set(me.abilities);
  return <SessionContext.Provider value={{ me, can: (p) => abilities.has(p) }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
