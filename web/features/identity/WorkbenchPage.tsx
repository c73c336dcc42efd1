/** 工作台: who is signed in, with which roles, where they work, and what they may do here. */
import { Link } from 'react-router';
import { Card, Col, Descriptions, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import { formatInstant } from './identity.queries';

const SHORTCUTS: { permission: Permission; path: string; key: 'catalog' | 'org' | 'accounts' | 'audit' }[] = [
  { permission: 'catalog.read', path: '/staff/catalog', key: 'catalog' },
  { permission: 'org.read', path: '/staff/org', key: 'org' },
  { permission: 'accounts.manage', path: '/staff/accounts', key: 'accounts' },
  { permission: 'audit.read', path: '/staff/audit', key: 'audit' },
];

export function WorkbenchPage() {
  const { t } = useTranslation('console');
  const { me, can } = useSession();
  const labels = useLabels();
  const a = me.account;
  const shortcuts = SHORTCUTS.filter((s) => can(s.permission));
  return (
    <>
      <PageHeader title={t('workbench.title')}>
        <p className="ow-muted" style={{ margin: 0 }}>
          {t('workbench.greeting', { name: a.displayName })}
        </p>
      </PageHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('workbench.whoAmI')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'name', label: t('account.displayName'), children: a.displayName },
                { key: 'username', label: t('account.username'), children: a.username },
                {
                  key: 'roles',
                  label: t('account.roles'),
                  children: a.roles.map((r) => (
                    <Tag key={r} color="blue">
                      {labels.role(r)}
                    </Tag>
                  )),
                },
                { key: 'unit', label: t('account.orgUnit'), children: a.orgUnitName ?? '—' },
                { key: 'township', label: t('account.township'), children: a.townshipName ?? '—' },
                { key: 'window', label: t('account.window'), children: a.windowName ?? '—' },
                { key: 'phone', label: t('account.phone'), children: a.phoneMasked ?? '—' },
                { key: 'last', label: t('account.lastLoginAt'), children: formatInstant(a.lastLoginAt, labels.lang) },
              ]}
            />
            <p className="ow-small ow-muted" style={{ marginBottom: 0 }}>
              {t('workbench.idle', { minutes: me.idleTimeoutMinutes })}
            </p>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('workbench.abilities')}>
            {me.abilities.length === 0 ? (
              <p className="ow-muted">{t('workbench.noAbilities')}</p>
            ) : (
              <ul className="ow-plain-list">
                {me.abilities.map((p) => (
                  <li key={p} style={{ padding: '3px 0' }}>
                    <Tag>{p}</Tag>
                    {/* A permission added on the server before its label here shows by name. */}
                    {t(`permission.${p}`, { defaultValue: p })}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {shortcuts.length > 0 && (
            <Card title={t('workbench.shortcuts')} style={{ marginTop: 16 }}>
              <div className="ow-tiles">
                {shortcuts.map((s) => (
                  <Link key={s.path} to={s.path} className="ow-tile">
                    <span className="ow-tile__title">{t(`menu.${s.key}`)}</span>
                    <span className="ow-tile__count">{t(`workbench.shortcutHint.${s.key}`)}</span>
                  </Link>
                ))}
              </div>
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
