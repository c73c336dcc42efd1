/**
 * The staff console (/staff): sign-in, then a layout whose menu follows the account's abilities. Loaded on
 * demand; the public portal never downloads it.
 */
import './console-i18n';
import { lazy, Suspense, useEffect, useRef, type ReactElement } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { onUnauthorized } from '../../api/client';
import type { Permission } from '../../api/types';
import { ErrorState, PageLoading } from '../../components/States';
import { LoginPage } from '../../features/identity/LoginPage';
import { ForcedPasswordChange, ChangePasswordPage } from '../../features/identity/ChangePasswordPage';
import { WorkbenchPage } from '../../features/identity/WorkbenchPage';
import { AccountsPage } from '../../features/identity/AccountsPage';
import { CatalogAdminPage } from '../../features/catalog/CatalogAdminPage';
import { CatalogItemPage } from '../../features/catalog/CatalogItemPage';
import { ItemEditorPage } from '../../features/catalog/ItemEditorPage';
import { OrgAdminPage } from '../../features/org/OrgAdminPage';
import { AuditPage } from '../../features/audit/AuditPage';
import { IntakePage } from '../../features/cases/IntakePage';
import { InboxPage } from '../../features/cases/InboxPage';
import { CaseByNumberPage, CasePage } from '../../features/cases/CasePage';
import { CaseListPage, OverduePage } from '../../features/cases/CaseListPage';
import { CalendarPage } from '../../features/calendar/CalendarPage';
import { EnterprisesPage } from '../../features/registration/EnterprisesPage';
import { CertificateListPage } from '../../features/certificates/CertificateListPage';
import { CertificateDetailPage } from '../../features/certificates/CertificateDetailPage';
import { ConsoleLayout, Forbidden } from './ConsoleLayout';

// 好差评: its own chunk, loaded when visited.
const EvaluationsPage = lazy(() => import('../../features/evaluations/EvaluationsPage'));
const VisitCodePage = lazy(() => import('../../features/evaluations/VisitCodePage'));
// 服务大厅: the window's calling panel and the hall management, each its own chunk.
const QueueWindowPage = lazy(() => import('../../features/hall/QueueWindowPage'));
const HallAdminPage = lazy(() => import('../../features/hall/HallAdminPage'));
import { ME_KEY, rememberLoginNotice, SessionProvider, useMeQuery, useSession } from './session';

/** Where the login page sends the user back to after signing in. */
export interface LoginState {
  from?: string;
}

function Guard({ permission, children }: { permission: Permission; children: ReactElement }) {
  const { can } = useSession();
  return can(permission) ? children : <Forbidden />;
}

function AnyOf({ permissions, children }: { permissions: Permission[]; children: ReactElement }) {
  const { can } = useSession();
  return permissions.some((p) => can(p)) ? children : <Forbidden />;
}

function SignedIn() {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const state: LoginState = { from: location.pathname + location.search };
    return <Navigate to="/staff/login" replace state={state} />;
  }
  if (me.data.account.mustChangePassword) {
    return (
      <SessionProvider me={me.data}>
        <ForcedPasswordChange />
      </SessionProvider>
    );
  }
  return (
    <SessionProvider me={me.data}>
      <ConsoleLayout>
        <Routes>
          <Route index element={<WorkbenchPage />} />
          <Route path="catalog" element={<Guard permission="catalog.read"><CatalogAdminPage /></Guard>} />
          <Route path="catalog/new" element={<Guard permission="catalog.manage"><ItemEditorPage /></Guard>} />
          <Route path="catalog/:id" element={<Guard permission="catalog.read"><CatalogItemPage /></Guard>} />
          <Route path="catalog/:id/edit" element={<Guard permission="catalog.manage"><ItemEditorPage /></Guard>} />
          <Route path="org" element={<Guard permission="org.read"><OrgAdminPage /></Guard>} />
          <Route path="accounts" element={<Guard permission="accounts.manage"><AccountsPage /></Guard>} />
          <Route path="audit" element={<Guard permission="audit.read"><AuditPage /></Guard>} />
          <Route path="intake" element={<Guard permission="cases.intake"><IntakePage /></Guard>} />
          <Route path="tasks" element={<Guard permission="tasks.work"><InboxPage /></Guard>} />
          <Route path="cases" element={<CaseListPage />} />
          <Route path="cases/number/:number" element={<CaseByNumberPage />} />
          <Route path="cases/:id" element={<CasePage />} />
          <Route path="overdue" element={<Guard permission="cases.supervise"><OverduePage /></Guard>} />
          <Route path="calendar" element={<CalendarPage />} />
          <Route path="enterprises" element={<Guard permission="registrations.read"><EnterprisesPage /></Guard>} />
          <Route path="certificates" element={<Guard permission="certificates.read"><CertificateListPage /></Guard>} />
          <Route path="certificates/:number" element={<Guard permission="certificates.read"><CertificateDetailPage /></Guard>} />
          <Route path="evaluations" element={<AnyOf permissions={['evaluations.read', 'complaints.read']}><Suspense fallback={<PageLoading />}><EvaluationsPage /></Suspense></AnyOf>} />
          <Route path="visit-code" element={<Guard permission="evaluations.window"><Suspense fallback={<PageLoading />}><VisitCodePage /></Suspense></Guard>} />
          <Route path="queue" element={<Guard permission="queue.window"><Suspense fallback={<PageLoading />}><QueueWindowPage /></Suspense></Guard>} />
          <Route path="hall" element={<Guard permission="hall.read"><Suspense fallback={<PageLoading />}><HallAdminPage /></Suspense></Guard>} />
          <Route path="password" element={<ChangePasswordPage />} />
          <Route path="*" element={<Forbidden notFound />} />
        </Routes>
      </ConsoleLayout>
    </SessionProvider>
  );
}

function ConsoleRoutes() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const here = useRef(location);
  here.current = location;

  // A 401 anywhere (session expired, signed out elsewhere, password reset) sends the user to the login page,
  // which says why (the server's message, e.g. SESSION_EXPIRED) and returns to this page after sign-in.
  useEffect(
    () =>
      onUnauthorized((error) => {
        rememberLoginNotice(error.message);
        const current = here.current;
        if (current.pathname.startsWith('/staff/login')) return;
        queryClient.setQueryData(ME_KEY, null);
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] === 'staff' && q.queryKey[1] !== 'me' });
        const state: LoginState = { from: current.pathname + current.search };
        void navigate('/staff/login', { replace: true, state });
      }),
    [navigate, queryClient],
  );

  return (
    <Routes>
      <Route path="login" element={<LoginPage />} />
      <Route path="*" element={<SignedIn />} />
    </Routes>
  );
}

export default function ConsoleApp() {
  return (
    <AntApp component={false}>
      <ConsoleRoutes />
    </AntApp>
  );
}
