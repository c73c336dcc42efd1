/**
 * 事项目录 for staff: every item with suspended ones, searchable and filterable (filters in the URL), with
 * create, export and import for those who manage the catalogue.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Grid, Input, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ITEM_TYPES, LIFE_EVENTS, PROCESSING_CLASSES } from '../../../common/catalog';
import { api, errorMessage, saveBlob } from '../../api/client';
import type { ItemListQuery, ItemSummary } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import { useCatalogFacets } from './catalog.queries';
import { useStaffItems, useStaffUnits } from './catalog.staff-queries';
import { promisedLimitText } from './format';
import { CatalogImportDialog } from './CatalogImportDialog';

const FILTERS = ['scope', 'type', 'departmentId', 'unitId', 'zoneId', 'lifeEvent', 'processingClass', 'status', 'isOnline'] as const;
type Filter = (typeof FILTERS)[number];

export function CatalogAdminPage() {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const labels = useLabels();
  const { can } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const [importOpen, setImportOpen] = useState(false);
  const screens = Grid.useBreakpoint();
  const units = useStaffUnits();
  const facets = useCatalogFacets();

  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const pageSize = [20, 50, 100].includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const q = params.get('q') ?? '';
  const [qInput, setQInput] = useState(q);
  useEffect(() => setQInput(q), [q]);

  const query: ItemListQuery = { q: q || undefined, limit: pageSize, offset: (page - 1) * pageSize };
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) query[f] = v;
  }
  const items = useStaffItems(query);

  const set = (changes: Partial<Record<Filter | 'q' | 'page' | 'size', string | null | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const exportCatalog = useMutation({
    mutationFn: () => api.download('/api/catalog/export'),
    onSuccess: ({ blob, fileName }) => {
      saveBlob(blob, fileName ?? 'catalog.json');
      void message.success(t('catalog.exported'));
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const departments = useMemo(() => (units.data ?? []).filter((u) => u.kind === 'department'), [units.data]);
  const executing = useMemo(
    () => (units.data ?? []).filter((u) => u.kind === 'section' || u.kind === 'centre' || u.kind === 'bureau' || u.kind === 'center_unit'),
    [units.data],
  );

  const columns: TableColumnsType<ItemSummary> = [
    { title: t('catalog.fields.code'), dataIndex: 'code', width: 110, responsive: ['sm'], render: (code: string, item) => <Link to={`/staff/catalog/${item.id}`}>{code}</Link> },
    {
      title: t('catalog.fields.name'),
      dataIndex: 'name',
      render: (name: string, item) => (
        <>
          <Link to={`/staff/catalog/${item.id}`} style={{ fontWeight: 500 }}>
            {name}
          </Link>
          {!screens.sm && <div className="ow-small ow-muted">{item.code}</div>}
        </>
      ),
    },
    { title: t('catalog.fields.type'), dataIndex: 'type', width: 120, responsive: ['md'], render: (_, i) => labels.itemType(i.type) },
    {
      title: t('catalog.fields.units'),
      key: 'units',
      width: 240,
      responsive: ['lg'],
      render: (_, i) => (
        <span className="ow-small">
          {i.originDepartment ? `${i.originDepartment.name} → ` : ''}
          {i.executingUnit.name}
        </span>
      ),
    },
    { title: t('catalog.fields.processingClass'), key: 'class', width: 90, responsive: ['xxl'], render: (_, i) => labels.processingClass(i.processingClass) },
    { title: t('catalog.fields.promisedLimit'), key: 'limit', width: 140, responsive: ['md'], render: (_, i) => promisedLimitText(tc, i) },
    { title: t('catalog.fields.materials'), dataIndex: 'materialCount', width: 70, responsive: ['xxl'], align: 'right' },
    {
      title: t('catalog.fields.status'),
      key: 'status',
      width: 130,
      render: (_, i) => (
        <>
          <Tag color={i.status === 'active' ? 'green' : 'default'}>{t(`catalog.status.${i.status}`)}</Tag>
          {i.isOnline && <Tag color="processing">{tc('tag.online')}</Tag>}
        </>
      ),
    },
  ];

  const selectProps = { allowClear: true, style: { width: 180 } } as const;

  return (
    <>
      <PageHeader
        title={t('catalog.title')}
        extra={
          can('catalog.manage') && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/staff/catalog/new')}>
                {t('catalog.create')}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => exportCatalog.mutate()} loading={exportCatalog.isPending}>
                {t('catalog.export')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                {t('catalog.import')}
              </Button>
            </>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="ow-toolbar" role="search" aria-label={t('catalog.filtersLabel')}>
          <Input.Search
            aria-label={t('catalog.search')}
            placeholder={t('catalog.searchPlaceholder')}
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || null })}
            allowClear
            style={{ width: 280 }}
            maxLength={60}
          />
          <Select
            {...selectProps}
            aria-label={t('catalog.fields.scope')}
            placeholder={t('catalog.fields.scope')}
            value={params.get('scope') ?? undefined}
            onChange={(v?: string) => set({ scope: v })}
            options={[
              { value: 'bureau', label: t('catalog.scope.bureau') },
              { value: 'center', label: t('catalog.scope.center') },
            ]}
          />
          <Select
            {...selectProps}
            aria-label={t('catalog.fields.type')}
            placeholder={t('catalog.fields.type')}
            value={params.get('type') ?? undefined}
            onChange={(v?: string) => set({ type: v })}
            options={ITEM_TYPES.map((x) => ({ value: x, label: labels.itemType(x) }))}
          />
          <Select
            {...selectProps}
            showSearch
            optionFilterProp="label"
            aria-label={t('catalog.fields.originDepartment')}
            placeholder={t('catalog.fields.originDepartment')}
            value={params.get('departmentId') ?? undefined}
            onChange={(v?: string) => set({ departmentId: v })}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
            loading={units.isPending}
          />
          <Select
            {...selectProps}
            showSearch
            optionFilterProp="label"
            aria-label={t('catalog.fields.executingUnit')}
            placeholder={t('catalog.fields.executingUnit')}
            value={params.get('unitId') ?? undefined}
            onChange={(v?: string) => set({ unitId: v })}
            options={executing.map((d) => ({ value: d.id, label: d.name }))}
            loading={units.isPending}
          />
          <Select
            {...selectProps}
            aria-label={t('catalog.fields.zone')}
            placeholder={t('catalog.fields.zone')}
            value={params.get('zoneId') ?? undefined}
            onChange={(v?: string) => set({ zoneId: v })}
            options={(facets.data?.zones ?? []).map((z) => ({ value: z.id, label: z.kind === 'hall' ? z.name : `— ${z.name}` }))}
          />
          <Select
            {...selectProps}
            aria-label={t('catalog.fields.lifeEvents')}
            placeholder={t('catalog.fields.lifeEvents')}
            value={params.get('lifeEvent') ?? undefined}
            onChange={(v?: string) => set({ lifeEvent: v })}
            options={LIFE_EVENTS.map((e) => ({ value: e.code, label: labels.lifeEvent(e.code) }))}
          />
          <Select
            {...selectProps}
            aria-label={t('catalog.fields.processingClass')}
            placeholder={t('catalog.fields.processingClass')}
            value={params.get('processingClass') ?? undefined}
            onChange={(v?: string) => set({ processingClass: v })}
            options={PROCESSING_CLASSES.map((p) => ({ value: p, label: labels.processingClass(p) }))}
          />
          <Select
            {...selectProps}
            aria-label={t('catalog.fields.status')}
            placeholder={t('catalog.fields.status')}
            value={params.get('status') ?? undefined}
            onChange={(v?: string) => set({ status: v })}
            options={[
              { value: 'active', label: t('catalog.status.active') },
              { value: 'suspended', label: t('catalog.status.suspended') },
            ]}
          />
          <Select
            {...selectProps}
            aria-label={t('catalog.fields.isOnline')}
            placeholder={t('catalog.fields.isOnline')}
            value={params.get('isOnline') ?? undefined}
            onChange={(v?: string) => set({ isOnline: v })}
            options={[
              { value: 'true', label: t('catalog.online.true') },
              { value: 'false', label: t('catalog.online.false') },
            ]}
          />
          {(FILTERS.some((f) => params.get(f)) || q) && (
            <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </div>
      </Card>
      {items.isError ? (
        <ErrorState error={items.error} onRetry={() => void items.refetch()} />
      ) : (
        <Card size="small">
          <Table<ItemSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items.data?.items ?? []}
            loading={items.isFetching}
            scroll={screens.md ? { x: 960 } : undefined}
            locale={{ emptyText: t('catalog.empty') }}
            onRow={(record) => ({ onDoubleClick: () => void navigate(`/staff/catalog/${record.id}`) })}
            pagination={{
              current: page,
              pageSize,
              total: items.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => set({ page: p > 1 ? String(p) : null, size: size !== 20 ? String(size) : null }),
            }}
          />
        </Card>
      )}
      {can('catalog.manage') && <CatalogImportDialog open={importOpen} onClose={() => setImportOpen(false)} />}
    </>
  );
}
