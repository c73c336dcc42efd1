/**
 * The door of the applicant's own pages: nobody signed in → the sign-in page, coming back here afterwards;
 * a staff account → pointed to the console; an applicant → the page. A 401 on the way (the session ended)
 * sends the applicant to sign in again.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, onUnauthorized } from '../../api/client';
import type { MeResponse } from '../../api/types';
import { ErrorState, PageLoading } from '../../components/States';
import { isApplicant, loginPath, PORTAL_ME_KEY, switchAccount, usePortalMe } from './applicant.session';
import './applicant.css';

/** Signs out and goes home (or wherever `to` says). */
export function useSignOut(to = '/') {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    onSettled: () => {
      // Leave first, so that the page being left does not send the signed-out visitor to the sign-in page;
      // then, whatever the answer (an expired session answers 401), the portal forgets the account.
      void navigate(to, { replace: true });
      switchAccount(queryClient, null);
    },
  });
}

/** Shown when a staff account reaches the applicant's pages. */
export function StaffNotice({ me }: { me: MeResponse }) {
  const { t } = useTranslation('applicant');
  const signOut = useSignOut('/login');
  return (
    <Alert
      type="info"
      showIcon
      className="ow-staff-notice"
      message={t('staff.title', { name: me.account.displayName })}
      description={
        <>
          <p>{t('staff.text')}</p>
          <div className="ow-actions-row">
            <Button type="primary" href="/staff">
              {t('staff.toConsole')}
            </Button>
            <Button onClick={() => signOut.mutate()} loading={signOut.isPending}>
              {t('signOut')}
            </Button>
          </div>
        </>
      }
    />
  );
}

export function ApplicantGate({ children }: { children: (me: MeResponse) => ReactNode }) {
  const { t } = useTranslation('applicant');
  const queryClient = useQueryClient();
  const { pathname, search } = useLocation();
  const me = usePortalMe();
  const [expired, setExpired] = useState(false);

  useEffect(
    () =>
      onUnauthorized(() => {
        setExpired(true);
        queryClient.setQueryData(PORTAL_ME_KEY, null);
      }),
    [queryClient],
  );

  if (me.isPending) return <PageLoading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} title={errorMessage(me.error)} />;
  if (!me.data) return <Navigate to={loginPath(pathname + search)} replace state={expired ? { expired: true } : null} />;
  if (!isApplicant(me.data)) {
    return (
      <div className="ow-container ow-page ow-applicant">
        <h1 className="ow-page__title">{t('staff.heading')}</h1>
        <StaffNotice me={me.data} />
      </div>
    );
  }
  return <>{children(me.data)}</>;
}
