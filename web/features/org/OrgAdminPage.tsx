/**
 * 组织机构 for staff: the bureau's sections and centres, the origin departments, the centre's stationed units
 * (chief representative, authorisation, zone, active), the windows and the township centres.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type {
  CreateWindowBody,
  OrgOverview,
  TownshipView,
  UnitView,
  UpdateTownshipBody,
  UpdateUnitBody,
  UpdateWindowBody,
  WindowView,
} from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading } from '../../components/States';
import { useSession } from '../../surfaces/console/session';
import { useStaffOrg } from '../catalog/catalog.staff-queries';

const TABS = ['bureau', 'departments', 'centerUnits', 'windows', 'townships'] as const;
type Tab = (typeof TABS)[number];

const MOBILE_OR_LANDLINE = /^(1[3-9]\d{9}|0\d{2,3}-\d{7,8})$/;
const LANDLINE = /^0\d{2,3}-\d{7,8}$/;

function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation('console');
  return <Tag color={active ? 'green' : 'default'}>{active ? t('org.active') : t('org.inactive')}</Tag>;
}

function zoneOptions(org: OrgOverview) {
  return org.zones
    .filter((z) => z.kind === 'hall')
    .map((hall) => ({
      label: hall.name,
      options: [{ value: hall.id, label: hall.name }, ...org.zones.filter((z) => z.parentId === hall.id).map((z) => ({ value: z.id, label: `${hall.name} / ${z.name}` }))],
    }));
}

interface UnitForm {
  chiefRepresentative: string;
  chiefRepresentativePhone: string;
  authorization: string;
  zoneId?: string;
  active: boolean;
}

interface WindowForm {
  code: string;
  name: string;
  zoneId?: string;
  kind: 'comprehensive' | 'dedicated';
  unitId?: string;
  active: boolean;
}

interface TownshipForm {
  centreName: string;
  centreAddress: string;
  centrePhone: string;
}

function Overview({ org }: { org: OrgOverview }) {
  const { t } = useTranslation('console');
  const { me, can } = useSession();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'bureau';
  const [editingUnit, setEditingUnit] = useState<UnitView | null>(null);
  const [editingWindow, setEditingWindow] = useState<WindowView | 'new' | null>(null);
  const [editingTownship, setEditingTownship] = useState<TownshipView | null>(null);

  const canManage = can('org.manage');
  // org.township.manage: administrators (no township of their own) edit every township, township staff their own.
  const canEditTownship = (code: string) => can('org.township.manage') && (me.account.townshipCode === null || me.account.townshipCode === code);
  const zoneName = (id: string | null) => org.zones.find((z) => z.id === id)?.name ?? '—';
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['staff', 'org'] });
    await queryClient.invalidateQueries({ queryKey: ['public', 'org'] });
  };

  const bureauUnits = [...(org.bureau ? [org.bureau] : []), ...org.sections, ...org.centres, ...(org.committee ? [org.committee] : [])];
  const bureauColumns: TableColumnsType<UnitView> = [
    { title: t('org.fields.name'), dataIndex: 'name', render: (v: string, u) => <span style={{ fontWeight: u.kind === 'bureau' ? 600 : 400 }}>{v}</span> },
    { title: t('org.fields.kind'), dataIndex: 'kind', width: 140, render: (k: UnitView['kind']) => t(`org.kind.${k}`) },
    { title: t('org.fields.code'), dataIndex: 'code', width: 140, responsive: ['md'] },
    { title: t('org.fields.items'), dataIndex: 'itemCount', width: 90, align: 'right' },
    { title: t('org.fields.duties'), dataIndex: 'duties', responsive: ['lg'], render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>{v || '—'}</Typography.Paragraph> },
    { title: t('org.fields.active'), dataIndex: 'active', width: 90, render: (a: boolean) => <ActiveTag active={a} /> },
  ];

  const departmentColumns: TableColumnsType<UnitView> = [
    { title: t('org.fields.name'), dataIndex: 'name' },
    { title: t('org.fields.code'), dataIndex: 'code', width: 140, responsive: ['md'] },
    { title: t('org.fields.successor'), dataIndex: 'successorName', render: (v: string | null) => v ?? '—' },
    { title: t('org.fields.transferred'), dataIndex: 'itemCount', width: 110, align: 'right' },
    { title: t('org.fields.active'), dataIndex: 'active', width: 90, render: (a: boolean) => <ActiveTag active={a} /> },
  ];

  const centerColumns: TableColumnsType<UnitView> = [
    { title: t('org.fields.name'), dataIndex: 'name' },
    { title: t('org.fields.category'), dataIndex: 'category', width: 110, render: (c: UnitView['category']) => (c ? t(`org.category.${c}`) : '—') },
    { title: t('org.fields.zone'), dataIndex: 'zoneId', width: 110, render: (z: string | null) => zoneName(z) },
    { title: t('org.fields.chief'), dataIndex: 'chiefRepresentative', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('org.fields.chiefPhone'), dataIndex: 'chiefRepresentativePhone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('org.fields.items'), dataIndex: 'itemCount', width: 80, align: 'right' },
    { title: t('org.fields.active'), dataIndex: 'active', width: 90, render: (a: boolean) => <ActiveTag active={a} /> },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, u: UnitView) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditingUnit(u)} aria-label={t('org.editUnitOf', { name: u.name })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const windowColumns: TableColumnsType<WindowView> = [
    { title: t('org.fields.windowCode'), dataIndex: 'code', width: 90 },
    { title: t('org.fields.name'), dataIndex: 'name' },
    { title: t('org.fields.zone'), dataIndex: 'zoneName', width: 160 },
    { title: t('org.fields.windowKind'), dataIndex: 'kind', width: 120, render: (k: WindowView['kind']) => t(`org.windowKind.${k}`) },
    { title: t('org.fields.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    { title: t('org.fields.active'), dataIndex: 'active', width: 90, render: (a: boolean) => <ActiveTag active={a} /> },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, w: WindowView) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditingWindow(w)} aria-label={t('org.editWindowOf', { code: w.code })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const townshipColumns: TableColumnsType<TownshipView> = [
    { title: t('org.fields.township'), dataIndex: 'name', width: 140, render: (v: string, tw) => `${v}（${tw.kind}）` },
    { title: t('org.fields.divisionCode'), dataIndex: 'code', width: 120, responsive: ['lg'] },
    { title: t('org.fields.centreName'), dataIndex: 'centreName' },
    { title: t('org.fields.centreAddress'), dataIndex: 'centreAddress', responsive: ['md'] },
    { title: t('org.fields.centrePhone'), dataIndex: 'centrePhone', width: 140 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, tw: TownshipView) =>
        canEditTownship(tw.code) ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditingTownship(tw)} aria-label={t('org.editTownshipOf', { name: tw.name })}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  const tableProps = { size: 'small' as const, pagination: false as const, scroll: { x: 860 } };
  const centerUnitsOptions = [...org.centerUnits, ...org.sections, ...org.centres].map((u) => ({ value: u.id, label: u.name }));
  const windowBeingEdited = editingWindow && editingWindow !== 'new' ? editingWindow : null;

  return (
    <>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(new URLSearchParams({ tab: key }), { replace: true })}
          items={[
            {
              key: 'bureau',
              label: t('org.tabs.bureau'),
              children: <Table<UnitView> rowKey="id" columns={bureauColumns} dataSource={bureauUnits} {...tableProps} />,
            },
            {
              key: 'departments',
              label: t('org.tabs.departments', { count: org.departments.length }),
              children: <Table<UnitView> rowKey="id" columns={departmentColumns} dataSource={org.departments} {...tableProps} />,
            },
            {
              key: 'centerUnits',
              label: t('org.tabs.centerUnits', { count: org.centerUnits.length }),
              children: (
                <Table<UnitView>
                  rowKey="id"
                  columns={centerColumns}
                  dataSource={org.centerUnits}
                  {...tableProps}
                  expandable={{
                    expandedRowRender: (u) => (
                      <div className="ow-small">
                        <strong>{t('org.fields.authorization')}：</strong>
                        {u.authorization ?? '—'}
                      </div>
                    ),
                  }}
                />
              ),
            },
            {
              key: 'windows',
              label: t('org.tabs.windows', { count: org.windows.length }),
              children: (
                <>
                  {canManage && (
                    <div className="ow-toolbar">
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditingWindow('new')}>
                        {t('org.newWindow')}
                      </Button>
                    </div>
                  )}
                  <Table<WindowView> rowKey="id" columns={windowColumns} dataSource={org.windows} {...tableProps} />
                </>
              ),
            },
            {
              key: 'townships',
              label: t('org.tabs.townships', { count: org.townships.length }),
              children: <Table<TownshipView> rowKey="code" columns={townshipColumns} dataSource={org.townships} {...tableProps} />,
            },
          ]}
        />
      </Card>

      <FormModal<UnitForm>
        name="edit-unit"
        open={editingUnit !== null}
        title={t('org.editUnit', { name: editingUnit?.name ?? '' })}
        initialValues={{
          chiefRepresentative: editingUnit?.chiefRepresentative ?? '',
          chiefRepresentativePhone: editingUnit?.chiefRepresentativePhone ?? '',
          authorization: editingUnit?.authorization ?? '',
          zoneId: editingUnit?.zoneId ?? undefined,
          active: editingUnit?.active ?? true,
        }}
        onClose={() => setEditingUnit(null)}
        onSaved={() => void refresh()}
        onSubmit={(v) => {
          const body: UpdateUnitBody = {
            chiefRepresentative: v.chiefRepresentative.trim() || null,
            chiefRepresentativePhone: v.chiefRepresentativePhone.trim() || null,
            authorization: v.authorization.trim() || null,
            zoneId: v.zoneId ?? null,
            active: v.active,
          };
          return api.patch<UnitView>(`/api/org/units/${editingUnit?.id ?? ''}`, body);
        }}
      >
        <Form.Item label={t('org.fields.chief')} name="chiefRepresentative" rules={[{ max: 20 }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label={t('org.fields.chiefPhone')} name="chiefRepresentativePhone" rules={[{ pattern: MOBILE_OR_LANDLINE, message: t('org.phoneFormat') }]}>
          <Input maxLength={16} placeholder="13900000000 / 0319-1234567" />
        </Form.Item>
        <Form.Item label={t('org.fields.zone')} name="zoneId">
          <Select allowClear options={zoneOptions(org)} />
        </Form.Item>
        <Form.Item label={t('org.fields.authorization')} name="authorization" rules={[{ max: 600 }]} extra={t('org.authorizationHelp')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={600} showCount />
        </Form.Item>
        <Form.Item label={t('org.fields.active')} name="active" valuePropName="checked">
          <Switch checkedChildren={t('org.active')} unCheckedChildren={t('org.inactive')} />
        </Form.Item>
      </FormModal>

      <FormModal<WindowForm>
        name="edit-window"
        open={editingWindow !== null}
        title={windowBeingEdited ? t('org.editWindow', { code: windowBeingEdited.code }) : t('org.newWindow')}
        initialValues={{
          code: windowBeingEdited?.code ?? '',
          name: windowBeingEdited?.name ?? '',
          zoneId: windowBeingEdited?.zoneId,
          kind: windowBeingEdited?.kind ?? 'comprehensive',
          unitId: windowBeingEdited?.unitId ?? undefined,
          active: windowBeingEdited?.active ?? true,
        }}
        onClose={() => setEditingWindow(null)}
        onSaved={() => void refresh()}
        onSubmit={(v) => {
          if (windowBeingEdited) {
            const body: UpdateWindowBody = { name: v.name, zoneId: v.zoneId, kind: v.kind, unitId: v.unitId ?? null, active: v.active };
            return api.patch<WindowView>(`/api/org/windows/${windowBeingEdited.id}`, body);
          }
          const body: CreateWindowBody = { code: v.code.trim().toUpperCase(), name: v.name, zoneId: v.zoneId ?? '', kind: v.kind, unitId: v.unitId ?? null };
          return api.post<WindowView>('/api/org/windows', body);
        }}
      >
        <Form.Item
          label={t('org.fields.windowCode')}
          name="code"
          extra={windowBeingEdited ? undefined : t('org.windowCodeHelp')}
          rules={[{ required: true, message: t('form.required') }, { pattern: /^[A-Za-z]\d{2}$/, message: t('org.windowCodeFormat') }]}
        >
          <Input maxLength={3} disabled={Boolean(windowBeingEdited)} />
        </Form.Item>
        <Form.Item label={t('org.fields.name')} name="name" rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label={t('org.fields.zone')} name="zoneId" rules={[{ required: true, message: t('form.required') }]}>
          <Select options={zoneOptions(org)} />
        </Form.Item>
        <Form.Item label={t('org.fields.windowKind')} name="kind" rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'comprehensive', label: t('org.windowKind.comprehensive') },
              { value: 'dedicated', label: t('org.windowKind.dedicated') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('org.fields.unit')} name="unitId">
          <Select allowClear showSearch optionFilterProp="label" options={centerUnitsOptions} />
        </Form.Item>
        {windowBeingEdited && (
          <Form.Item label={t('org.fields.active')} name="active" valuePropName="checked">
            <Switch checkedChildren={t('org.active')} unCheckedChildren={t('org.inactive')} />
          </Form.Item>
        )}
      </FormModal>

      <FormModal<TownshipForm>
        name="edit-township"
        open={editingTownship !== null}
        title={t('org.editTownship', { name: editingTownship?.name ?? '' })}
        initialValues={{
          centreName: editingTownship?.centreName ?? '',
          centreAddress: editingTownship?.centreAddress ?? '',
          centrePhone: editingTownship?.centrePhone ?? '',
        }}
        onClose={() => setEditingTownship(null)}
        onSaved={() => void refresh()}
        onSubmit={(v) => {
          const body: UpdateTownshipBody = { centreName: v.centreName, centreAddress: v.centreAddress, centrePhone: v.centrePhone.trim() };
          return api.patch<TownshipView>(`/api/org/townships/${editingTownship?.code ?? ''}`, body);
        }}
      >
        <Form.Item label={t('org.fields.centreName')} name="centreName" rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label={t('org.fields.centreAddress')} name="centreAddress" rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 120 }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item label={t('org.fields.centrePhone')} name="centrePhone" rules={[{ required: true, message: t('form.required') }, { pattern: LANDLINE, message: t('org.landlineFormat') }]}>
          <Input maxLength={13} placeholder="0319-6123456" />
        </Form.Item>
      </FormModal>
    </>
  );
}

export function OrgAdminPage() {
  const { t } = useTranslation('console');
  const org = useStaffOrg();
  return (
    <>
      <PageHeader title={t('org.title')}>{org.data && <p className="ow-muted" style={{ margin: 0 }}>{org.data.region.name}</p>}</PageHeader>
      {org.isPending && <PageLoading />}
      {org.isError && <ErrorState error={org.error} onRetry={() => void org.refetch()} />}
      {org.data && <Overview org={org.data} />}
    </>
  );
}
