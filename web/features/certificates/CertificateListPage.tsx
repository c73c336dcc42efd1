/**
 * 证照管理: the certificate registry within the account's scope (county-wide staff all of it, a regulator the
 * certificates of their department's items), searched by number, holder, title or ID number and filtered by
 * status and item; every filter lives in the URL.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Card, Input, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Certificate, CertificateListQuery, CertificateStatus } from '../../api/certificates.types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { CertificateStatusTag } from './CertificateBits';
import { useCertificateList, useItemOptions } from './certificates.api';
import { compactNumber, isNumberShaped } from './certificates.format';
import './certificates.css';

const STATUSES: CertificateStatus[] = ['valid', 'changed', 'revoked', 'expired'];
const PAGE_SIZE = 20;

function isStatus(value: string | null): value is CertificateStatus {
  return STATUSES.includes(value as CertificateStatus);
}

function useColumns(): TableColumnsType<Certificate> {
  const { t } = useTranslation('certificates');
  return [
    {
      title: t('staff.column.number'),
      dataIndex: 'displayNumber',
      width: 230,
      render: (v: string, c) => (
        <Link className="ow-cert-mono ow-cert-nowrap" to={`/staff/certificates/${c.number}`}>
          {v}
        </Link>
      ),
    },
    { title: t('staff.column.title'), dataIndex: 'title', width: 180 },
    {
      title: t('staff.column.holder'),
      key: 'holder',
      width: 200,
      render: (_, c) => (
        <>
          {c.holderName}
          {/* As the server answers it: a person's ID number masked unless the account may read it in full. */}
          <div className="ow-small ow-muted ow-cert-mono">{c.holderIdNumber}</div>
        </>
      ),
    },
    { title: t('staff.column.item'), dataIndex: 'itemName', width: 170, responsive: ['lg'], render: (v: string, c) => <span title={c.itemCode}>{v}</span> },
    { title: t('staff.column.issuedOn'), dataIndex: 'issuedOn', width: 120, responsive: ['md'], render: (v: string) => <span className="ow-cert-nowrap">{v}</span> },
    {
      title: t('staff.column.validUntil'),
      dataIndex: 'validUntil',
      width: 120,
      responsive: ['xl'],
      render: (v: string | null) => <span className="ow-cert-nowrap">{v ?? t('field.longTerm')}</span>,
    },
    { title: t('staff.column.version'), dataIndex: 'version', width: 70, responsive: ['xl'], align: 'center' },
    {
      title: t('staff.column.status'),
      key: 'status',
      width: 90,
      render: (_, c) => <CertificateStatusTag status={c.status} />,
    },
  ];
}

/** The item filter: a searchable select over the catalogue (name, code or pinyin initials). */
function ItemFilter({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation('certificates');
  const [search, setSearch] = useState('');
  const items = useItemOptions(search);
  return (
    <Select
      showSearch
      allowClear
      style={{ width: 240 }}
      aria-label={t('staff.item')}
      placeholder={t('staff.itemPlaceholder')}
      value={value}
      filterOption={false}
      onSearch={setSearch}
      onChange={(v?: string) => onChange(v)}
      loading={items.isFetching}
      options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.code}）` }))}
    />
  );
}

export function CertificateListPage() {
  const { t } = useTranslation('certificates');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const q = params.get('q') ?? '';
  const [qInput, setQInput] = useState(q);
  useEffect(() => setQInput(q), [q]);
  const status = params.get('status');
  const itemId = params.get('itemId') ?? undefined;
  const query: CertificateListQuery = {
    q: q || undefined,
    status: isStatus(status) ? status : undefined,
    itemId,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useCertificateList(query);
  const columns = useColumns();

  const set = (changes: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('staff.listTitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="ow-toolbar" role="search" aria-label={t('staff.filters')} style={{ marginBottom: 0 }}>
          <Input.Search
            aria-label={t('staff.search')}
            placeholder={t('staff.searchPlaceholder')}
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
            onSearch={(v) => {
              const value = v.trim();
              // A whole certificate number opens the certificate directly.
              if (isNumberShaped(compactNumber(value))) void navigate(`/staff/certificates/${compactNumber(value)}`);
              else set({ q: value || null });
            }}
            allowClear
            style={{ width: 340 }}
            maxLength={60}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            aria-label={t('staff.status')}
            placeholder={t('staff.status')}
            value={isStatus(status) ? status : undefined}
            onChange={(v?: string) => set({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
          <ItemFilter value={itemId} onChange={(v) => set({ itemId: v })} />
          {[...params.keys()].some((k) => k !== 'page') && (
            <a
              href="#clear"
              onClick={(e) => {
                e.preventDefault();
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('staff.clearFilters')}
            </a>
          )}
        </div>
      </Card>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          <Table<Certificate>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('staff.empty') }}
            onRow={(c) => ({ onDoubleClick: () => void navigate(`/staff/certificates/${c.number}`) })}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('staff.total', { count: total }),
              onChange: (p) => set({ page: p > 1 ? String(p) : null }),
            }}
          />
        </Card>
      )}
    </>
  );
}
