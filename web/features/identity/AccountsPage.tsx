/**
 * 账号管理: find accounts (by name, role, kind, status), create staff accounts with their roles and where they
 * work, change roles, status and scope, clear a lockout, reset a password. ID numbers and phones arrive
 * masked from the server (个人信息保护法).
 */
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ROLES, STAFF_ROLES, type Role } from '../../../common/roles';
import { api, ApiError } from '../../api/client';
import type { AccountListQuery, AccountView, CreateStaffBody, Page, ResetPasswordBody, UpdateAccountBody } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { useStaffOrg, useStaffUnits } from '../catalog/catalog.staff-queries';
import { formatInstant } from './identity.queries';

const ACCOUNTS_KEY = ['staff', 'accounts'] as const;
const MOBILE = /^1[3-9]\d{9}$/;

interface CreateForm {
  username: string;
  displayName: string;
  roles: Role[];
  initialPassword: string;
  phone: string;
  email: string;
  orgUnitId?: string;
  townshipCode?: string;
  windowId?: string;
}

interface EditForm {
  displayName: string;
  roles: Role[];
  status: 'active' | 'disabled';
  newPhone: string;
  email: string;
  orgUnitId?: string;
  townshipCode?: string;
  windowId?: string;
  unlock: boolean;
}

interface ResetForm {
  newPassword: string;
  confirmPassword: string;
}

function isLocked(account: AccountView): boolean {
  return account.lockedUntil !== null && new Date(account.lockedUntil).getTime() > Date.now();
}

/** Where the account works: unit, township and window selects (columns of a Row), shared by create and edit. */
function ScopeFields() {
  const { t } = useTranslation('console');
  const units = useStaffUnits();
  const org = useStaffOrg();
  const unitOptions = useMemo(() => {
    const groups: { kind: string; label: string }[] = [
      { kind: 'bureau', label: t('org.kind.bureau') },
      { kind: 'section', label: t('org.kind.section') },
      { kind: 'centre', label: t('org.kind.centre') },
      { kind: 'committee', label: t('org.kind.committee') },
      { kind: 'department', label: t('org.kind.department') },
      { kind: 'center_unit', label: t('org.kind.center_unit') },
      { kind: 'agency', label: t('org.kind.agency') },
    ];
    return groups
      .map((g) => ({ label: g.label, options: (units.data ?? []).filter((u) => u.kind === g.kind).map((u) => ({ value: u.id, label: u.name })) }))
      .filter((g) => g.options.length > 0);
  }, [units.data, t]);
  return (
    <>
      <Col xs={24}>
        <Form.Item label={t('account.orgUnit')} name="orgUnitId" extra={t('accounts.scopeHelp')}>
          <Select allowClear showSearch optionFilterProp="label" loading={units.isPending} options={unitOptions} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={t('account.township')} name="townshipCode">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={org.isPending}
            options={(org.data?.townships ?? []).map((tw) => ({ value: tw.code, label: tw.name }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={t('account.window')} name="windowId">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={org.isPending}
            options={(org.data?.windows ?? []).map((w) => ({ value: w.id, label: `${w.code} ${w.name}` }))}
          />
        </Form.Item>
      </Col>
    </>
  );
}

function passwordRules(t: (key: 'form.required' | 'password.rule') => string) {
  return [
    { required: true, message: t('form.required') },
    { min: 8, message: t('password.rule') },
    { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: t('password.rule') },
  ];
}

export function AccountsPage() {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AccountView | null>(null);
  const [resetting, setResetting] = useState<AccountView | null>(null);

  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const pageSize = 20;
  const q = params.get('q') ?? '';
  const [qInput, setQInput] = useState(q);
  useEffect(() => setQInput(q), [q]);
  const query: AccountListQuery = {
    q: q || undefined,
    role: params.get('role') ?? undefined,
    kind: params.get('kind') ?? undefined,
    status: params.get('status') ?? undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const accounts = useQuery({
    queryKey: [...ACCOUNTS_KEY, query],
    queryFn: ({ signal }) => api.get<Page<AccountView>>('/api/accounts', query, signal),
  });
  const set = (changes: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
  const refreshOnConflict = (err: unknown) => {
    if (err instanceof ApiError && err.isConflict) refresh();
  };

  const roleOptions = (roles: readonly Role[]) => roles.map((r) => ({ value: r, label: labels.role(r) }));

  const columns: TableColumnsType<AccountView> = [
    {
      title: t('account.username'),
      dataIndex: 'username',
      width: 150,
      render: (v: string, a) => (
        <>
          <strong>{v}</strong>
          {a.isDemo && <Tag style={{ marginLeft: 6 }}>{t('accounts.demo')}</Tag>}
        </>
      ),
    },
    { title: t('account.displayName'), dataIndex: 'displayName', width: 180 },
    { title: t('account.kind'), dataIndex: 'kind', width: 90, responsive: ['xxl'], render: (k: AccountView['kind']) => t(`accounts.kind.${k}`) },
    {
      title: t('account.roles'),
      dataIndex: 'roles',
      width: 150,
      render: (roles: Role[]) => roles.map((r) => <Tag key={r} color="blue">{labels.role(r)}</Tag>),
    },
    {
      title: t('accounts.scope'),
      key: 'scope',
      responsive: ['xl'],
      width: 200,
      render: (_, a) => <span className="ow-small">{[a.orgUnitName, a.townshipName, a.windowName].filter(Boolean).join(' / ') || '—'}</span>,
    },
    { title: t('account.phone'), dataIndex: 'phoneMasked', width: 120, responsive: ['xxl'], render: (v: string | null) => v ?? '—' },
    {
      title: t('account.status'),
      key: 'status',
      width: 130,
      render: (_, a) => (
        <>
          <Tag color={a.status === 'active' ? 'green' : 'default'}>{t(`accounts.status.${a.status}`)}</Tag>
          {isLocked(a) && <Tag color="red">{t('accounts.locked')}</Tag>}
          {a.mustChangePassword && <Tag color="orange">{t('accounts.mustChange')}</Tag>}
        </>
      ),
    },
    { title: t('account.lastLoginAt'), dataIndex: 'lastLoginAt', width: 170, responsive: ['xl'], render: (v: string | null) => formatInstant(v, labels.lang) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, a) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(a)} aria-label={t('accounts.editOf', { name: a.username })}>
            {t('common.edit')}
          </Button>
          <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(a)} aria-label={t('accounts.resetOf', { name: a.username })}>
            {t('accounts.reset')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('accounts.create')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="ow-toolbar" role="search" aria-label={t('accounts.filters')}>
          <Input.Search
            aria-label={t('accounts.search')}
            placeholder={t('accounts.searchPlaceholder')}
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || null })}
            allowClear
            style={{ width: 260 }}
            maxLength={64}
          />
          <Select
            allowClear
            style={{ width: 170 }}
            aria-label={t('account.roles')}
            placeholder={t('account.roles')}
            value={params.get('role') ?? undefined}
            onChange={(v?: string) => set({ role: v })}
            options={roleOptions(ROLES)}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            aria-label={t('account.kind')}
            placeholder={t('account.kind')}
            value={params.get('kind') ?? undefined}
            onChange={(v?: string) => set({ kind: v })}
            options={[
              { value: 'staff', label: t('accounts.kind.staff') },
              { value: 'applicant', label: t('accounts.kind.applicant') },
            ]}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            aria-label={t('account.status')}
            placeholder={t('account.status')}
            value={params.get('status') ?? undefined}
            onChange={(v?: string) => set({ status: v })}
            options={[
              { value: 'active', label: t('accounts.status.active') },
              { value: 'disabled', label: t('accounts.status.disabled') },
            ]}
          />
        </div>
      </Card>
      {accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <Card size="small">
          <Table<AccountView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={accounts.data?.items ?? []}
            loading={accounts.isFetching}
            scroll={{ x: 1010 }}
            locale={{ emptyText: t('accounts.empty') }}
            pagination={{
              current: page,
              pageSize,
              total: accounts.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p) => set({ page: p > 1 ? String(p) : null }),
            }}
          />
        </Card>
      )}

      <FormModal<CreateForm>
        name="create-account"
        open={creating}
        title={t('accounts.create')}
        okText={t('accounts.createOk')}
        width={760}
        rename={{ password: 'initialPassword' }}
        initialValues={{ username: '', displayName: '', roles: [], initialPassword: '', phone: '', email: '' }}
        onClose={() => setCreating(false)}
        onSaved={refresh}
        intro={<Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('accounts.createHint')} />}
        onSubmit={(v) => {
          const body: CreateStaffBody = {
            username: v.username.trim(),
            displayName: v.displayName,
            roles: v.roles.filter((r): r is Exclude<Role, 'applicant'> => r !== 'applicant'),
            password: v.initialPassword,
            ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
            ...(v.email.trim() ? { email: v.email.trim() } : {}),
            orgUnitId: v.orgUnitId ?? null,
            townshipCode: v.townshipCode ?? null,
            windowId: v.windowId ?? null,
          };
          return api.post<AccountView>('/api/accounts', body);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('account.username')}
              name="username"
              extra={t('accounts.usernameHelp')}
              rules={[{ required: true, message: t('form.required') }, { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('accounts.usernameHelp') }]}
            >
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('account.displayName')} name="displayName" rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('account.roles')} name="roles" rules={[{ required: true, type: 'array', min: 1, message: t('accounts.rolesRequired') }]}>
              <Select mode="multiple" optionFilterProp="label" options={roleOptions(STAFF_ROLES)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('accounts.initialPassword')} name="initialPassword" extra={t('accounts.initialPasswordHelp')} rules={passwordRules(t)}>
              <Input.Password maxLength={128} autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('account.phone')} name="phone" rules={[{ pattern: MOBILE, message: t('accounts.phoneFormat') }]}>
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('account.email')} name="email" rules={[{ type: 'email', message: t('accounts.emailFormat') }, { max: 120 }]}>
              <Input maxLength={120} inputMode="email" />
            </Form.Item>
          </Col>
          <ScopeFields />
        </Row>
      </FormModal>

      <FormModal<EditForm>
        name="edit-account"
        open={editing !== null}
        title={t('accounts.editTitle', { name: editing?.username ?? '' })}
        width={620}
        rename={{ phone: 'newPhone' }}
        initialValues={{
          displayName: editing?.displayName ?? '',
          roles: editing?.roles ?? [],
          status: editing?.status ?? 'active',
          newPhone: '',
          email: editing?.email ?? '',
          orgUnitId: editing?.orgUnitId ?? undefined,
          townshipCode: editing?.townshipCode ?? undefined,
          windowId: editing?.windowId ?? undefined,
          unlock: false,
        }}
        onClose={() => setEditing(null)}
        onSaved={refresh}
        onError={refreshOnConflict}
        onSubmit={(v) => {
          if (!editing) return Promise.resolve();
          const body: UpdateAccountBody = {
            version: editing.version,
            displayName: v.displayName,
            roles: v.roles,
            status: v.status,
            email: v.email.trim() || null,
            ...(v.newPhone.trim() ? { phone: v.newPhone.trim() } : {}),
            ...(editing.kind === 'staff' ? { orgUnitId: v.orgUnitId ?? null, townshipCode: v.townshipCode ?? null, windowId: v.windowId ?? null } : {}),
            ...(v.unlock ? { unlock: true } : {}),
          };
          return api.patch<AccountView>(`/api/accounts/${editing.id}`, body);
        }}
      >
        {editing && (
          <>
            <Form.Item label={t('account.displayName')} name="displayName" rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item label={t('account.roles')} name="roles" rules={[{ required: true, type: 'array', min: 1, message: t('accounts.rolesRequired') }]}>
              <Select mode="multiple" optionFilterProp="label" options={roleOptions(editing.kind === 'staff' ? STAFF_ROLES : ['applicant'])} />
            </Form.Item>
            <Form.Item label={t('account.status')} name="status" rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'active', label: t('accounts.status.active') },
                  { value: 'disabled', label: t('accounts.status.disabled') },
                ]}
              />
            </Form.Item>
            <Form.Item
              label={t('accounts.newPhone')}
              name="newPhone"
              extra={t('accounts.newPhoneHelp', { current: editing.phoneMasked ?? '—' })}
              rules={[{ pattern: MOBILE, message: t('accounts.phoneFormat') }]}
            >
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
            <Form.Item label={t('account.email')} name="email" rules={[{ type: 'email', message: t('accounts.emailFormat') }, { max: 120 }]}>
              <Input maxLength={120} inputMode="email" />
            </Form.Item>
            {editing.kind === 'staff' && (
              <Row gutter={16}>
                <ScopeFields />
              </Row>
            )}
            {isLocked(editing) && (
              <Form.Item name="unlock" valuePropName="checked" extra={t('accounts.lockedUntil', { at: formatInstant(editing.lockedUntil, labels.lang) })}>
                <Checkbox>{t('accounts.unlock')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
      </FormModal>

      <FormModal<ResetForm>
        name="reset-password"
        open={resetting !== null}
        title={t('accounts.resetTitle', { name: resetting?.username ?? '' })}
        okText={t('accounts.reset')}
        rename={{ password: 'newPassword' }}
        initialValues={{ newPassword: '', confirmPassword: '' }}
        onClose={() => setResetting(null)}
        onSaved={refresh}
        onError={refreshOnConflict}
        intro={<Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('accounts.resetHint')} />}
        onSubmit={(v) => {
          if (!resetting) return Promise.resolve();
          const body: ResetPasswordBody = { version: resetting.version, password: v.newPassword };
          return api.post<AccountView>(`/api/accounts/${resetting.id}/reset-password`, body);
        }}
      >
        <Form.Item label={t('password.new')} name="newPassword" extra={t('password.rule')} rules={passwordRules(t)}>
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('password.confirm')}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('form.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
      </FormModal>
    </>
  );
}
