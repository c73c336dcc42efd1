/**
 * The console's frame: a collapsible side menu built from the account's abilities, a header with the account,
 * the language switch, a link to the portal and sign-out.
 */
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Grid, Layout, Menu, Result, Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  InboxOutlined,
  KeyOutlined,
  LogoutOutlined,
  LikeOutlined,
  QrcodeOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import type { Permission } from '../../api/types';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useLabels } from '../../i18n/labels';
import { ME_KEY, useSession } from './session';
// The 好差评 menu labels; the page itself is a lazy chunk.
import '../../features/evaluations/evaluations-i18n';

interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
  /** Shown when the account holds any of these. */
  anyOf?: Permission[];
}

export function Forbidden({ notFound = false }: { notFound?: boolean }) {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  return (
    <Result
      status={notFound ? '404' : '403'}
      title={notFound ? t('layout.notFound') : t('layout.forbidden')}
      subTitle={notFound ? undefined : t('layout.forbiddenHint')}
      extra={
        <Button type="primary" onClick={() => void navigate('/staff')}>
          {t('layout.backToWorkbench')}
        </Button>
      }
    />
  );
}

export function ConsoleLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation('cases');
  const { t: tcert } = useTranslation('certificates');
  const { t: treg } = useTranslation('registration');
  const { t: tev } = useTranslation('evaluations');
  const { me, can } = useSession();
  const labels = useLabels();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  // useBreakpoint answers after the first render; read the media queries directly until then (no flash).
  const isWide = screens.lg ?? window.matchMedia('(min-width: 992px)').matches;
  const isPhone = !(screens.md ?? window.matchMedia('(min-width: 768px)').matches);
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  // Until the user toggles, the menu is open on wide screens and folded on tablets and phones.
  const isCollapsed = collapsed ?? !isWide;

  const entries: MenuEntry[] = [
    { path: '/staff', label: t('menu.workbench'), icon: <DashboardOutlined /> },
    { path: '/staff/queue', label: t('menu.queue'), icon: <NotificationOutlined />, permission: 'queue.window' },
    { path: '/staff/intake', label: tc('menu.intake'), icon: <SolutionOutlined />, permission: 'cases.intake' },
    { path: '/staff/tasks', label: tc('menu.tasks'), icon: <InboxOutlined />, permission: 'tasks.work' },
    { path: '/staff/cases', label: tc('menu.cases'), icon: <FileSearchOutlined />, anyOf: ['cases.intake', 'tasks.work', 'cases.supervise'] },
    { path: '/staff/overdue', label: tc('menu.overdue'), icon: <AlertOutlined />, permission: 'cases.supervise' },
    { path: '/staff/certificates', label: tcert('staff.menu'), icon: <SafetyCertificateOutlined />, permission: 'certificates.read' },
    { path: '/staff/evaluations', label: tev('staff.menu'), icon: <LikeOutlined />, anyOf: ['evaluations.read', 'complaints.read'] },
    { path: '/staff/visit-code', label: tev('staff.visitCode'), icon: <QrcodeOutlined />, permission: 'evaluations.window' },
    { path: '/staff/hall', label: t('menu.hall'), icon: <BankOutlined />, permission: 'hall.read' },
    { path: '/staff/enterprises', label: treg('page.menu'), icon: <ShopOutlined />, permission: 'registrations.read' },
    { path: '/staff/catalog', label: t('menu.catalog'), icon: <ProfileOutlined />, permission: 'catalog.read' },
    { path: '/staff/org', label: t('menu.org'), icon: <ApartmentOutlined />, permission: 'org.read' },
    { path: '/staff/accounts', label: t('menu.accounts'), icon: <TeamOutlined />, permission: 'accounts.manage' },
    { path: '/staff/calendar', label: tc('menu.calendar'), icon: <CalendarOutlined /> },
    { path: '/staff/audit', label: t('menu.audit'), icon: <AuditOutlined />, permission: 'audit.read' },
    { path: '/staff/password', label: t('menu.password'), icon: <KeyOutlined /> },
  ];
  const visible = entries.filter((e) => (!e.permission || can(e.permission)) && (!e.anyOf || e.anyOf.some((p) => can(p))));
  const selected =
    [...visible].sort((a, b) => b.path.length - a.path.length).find((e) => location.pathname === e.path || location.pathname.startsWith(`${e.path}/`))
      ?.path ?? '/staff';
  const items: MenuProps['items'] = visible.map((e) => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{e.label}</Link> }));

  const logout = useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    onSuccess: () => {
      queryClient.setQueryData(ME_KEY, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] === 'staff' && q.queryKey[1] !== 'me' });
      void navigate('/staff/login', { replace: true });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const roleText = me.account.roles.map((r) => labels.role(r)).join('、');

  return (
    <Layout className="ow-console">
      <Layout.Sider
        collapsible
        collapsed={isCollapsed}
        onCollapse={(value) => setCollapsed(value)}
        collapsedWidth={isPhone ? 0 : 64}
        trigger={null}
        width={208}
        style={isPhone && !isCollapsed ? { position: 'fixed', height: '100vh', zIndex: 20 } : undefined}
        aria-label={t('layout.sideMenu')}
      >
        <div className="ow-console-brand">
          <span className="ow-brand__mark" aria-hidden="true" style={{ width: 30, height: 30, fontSize: 15 }}>
            威
          </span>
          {!isCollapsed && <span>{t('title')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          items={items}
          onClick={() => {
            if (isPhone) setCollapsed(true);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="ow-console-header">
          <Tooltip title={isCollapsed ? t('layout.expandMenu') : t('layout.collapseMenu')}>
            <Button
              type="text"
              aria-label={isCollapsed ? t('layout.expandMenu') : t('layout.collapseMenu')}
              aria-expanded={!isCollapsed}
              icon={isCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!isCollapsed)}
            />
          </Tooltip>
          <div className="ow-console-header__right">
            <span className="ow-console-user" title={`${me.account.displayName}（${roleText}）`}>
              <strong>{me.account.displayName}</strong>
              {!isPhone && <span className="ow-muted"> · {roleText}</span>}
            </span>
            <LanguageSwitch />
            {!isPhone && <Link to="/">{t('layout.portal')}</Link>}
            <Button icon={<LogoutOutlined />} aria-label={t('layout.logout')} onClick={() => logout.mutate()} loading={logout.isPending}>
              {isPhone ? null : t('layout.logout')}
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="ow-console-content">
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
