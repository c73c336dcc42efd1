/**
 * 办件查询: the cases within the account's scope, searched by number, applicant, item or ID number and filtered
 * by phase, warning and acceptance date (all in the URL); and 超期督办 for supervisors: running cases past their
 * promised date, or due within two working days.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Card, DatePicker, Input, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseListQuery, CaseSummary } from '../../api/cases.types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { ToggleButtons } from '../../components/ToggleButtons';
import { DueDate, PhaseTag, WarningTag } from './CaseBits';
import { CASE_NUMBER, CASE_PHASES } from './cases.format';
import { useCaseList, useDueSoonLine, useOverdueCases } from './cases.queries';
import './cases.css';

function useCaseColumns(): TableColumnsType<CaseSummary> {
  const { t } = useTranslation('cases');
  const soonLine = useDueSoonLine();
  return [
    {
      title: t('list.number'),
      dataIndex: 'number',
      width: 190,
      render: (v: string, c) => (
        <Link className="ow-mono ow-nowrap" to={`/staff/cases/${c.id}`}>
          {v}
        </Link>
      ),
    },
    { title: t('list.item'), dataIndex: 'itemName', width: 180, render: (v: string, c) => <span title={c.itemCode}>{v}</span> },
    {
      title: t('list.applicant'),
      key: 'applicant',
      width: 190,
      responsive: ['md'],
      render: (_, c) => (
        <>
          {c.applicantName}
          <div className="ow-small ow-muted ow-mono">{c.applicantIdMasked}</div>
        </>
      ),
    },
    { title: t('list.phase'), key: 'phase', width: 120, render: (_, c) => <PhaseTag phase={c.phase} /> },
    { title: t('list.acceptedOn'), dataIndex: 'acceptedOn', width: 110, responsive: ['xxl'], render: (v: string | null) => v ?? '—' },
    {
      title: t('list.dueDate'),
      key: 'due',
      width: 170,
      render: (_, c) => (c.phase === 'in_progress' ? <DueDate date={c.dueDate} soonLine={soonLine.data} /> : (c.dueDate ?? '—')),
    },
    { title: t('list.warning'), key: 'warning', width: 110, responsive: ['xl'], render: (_, c) => <WarningTag warning={c.warning} /> },
    { title: t('list.channel'), key: 'channel', width: 110, responsive: ['xxl'], render: (_, c) => t(`channel.${c.channel as 'window'}`, { defaultValue: c.channel }) },
  ];
}

export function CaseListPage() {
  const { t } = useTranslation('cases');
  const { t: tc } = useTranslation('console');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const pageSize = 20;
  const q = params.get('q') ?? '';
  const [qInput, setQInput] = useState(q);
  useEffect(() => setQInput(q), [q]);
  const query: CaseListQuery = {
    q: q || undefined,
    phase: params.get('phase') ?? undefined,
    warning: params.get('warning') ?? undefined,
    acceptedFrom: params.get('from') ?? undefined,
    acceptedTo: params.get('to') ?? undefined,
    order: params.get('order') === 'due' ? 'due' : 'recent',
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
  const list = useCaseList(query);
  const columns = useCaseColumns();

  const set = (changes: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const phases = (params.get('phase') ?? '').split(',').filter(Boolean);
  const from = params.get('from');
  const to = params.get('to');

  return (
    <>
      <PageHeader title={t('list.title')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="ow-toolbar" role="search" aria-label={t('list.filters')} style={{ marginBottom: 0 }}>
          <Input.Search
            aria-label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
            onSearch={(v) => {
              const value = v.trim();
              // A full case number opens the case directly.
              if (CASE_NUMBER.test(value)) void navigate(`/staff/cases/number/${value}`);
              else set({ q: value || null });
            }}
            allowClear
            style={{ width: 320 }}
            maxLength={60}
          />
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            style={{ width: 260 }}
            aria-label={t('list.phase')}
            placeholder={t('list.phase')}
            value={phases}
            onChange={(v: string[]) => set({ phase: v.join(',') || null })}
            options={CASE_PHASES.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            aria-label={t('list.warning')}
            placeholder={t('list.warning')}
            value={params.get('warning') ?? undefined}
            onChange={(v?: string) => set({ warning: v })}
            options={(['none', 'yellow', 'red'] as const).map((w) => ({ value: w, label: t(`warning.${w}`) }))}
          />
          <DatePicker.RangePicker
            aria-label={t('list.acceptedRange')}
            placeholder={[t('list.acceptedFrom'), t('list.acceptedTo')]}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            allowEmpty={[true, true]}
            onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD') ?? null, to: range?.[1]?.format('YYYY-MM-DD') ?? null })}
          />
          <ToggleButtons<'recent' | 'due'>
            size="middle"
            label={t('list.order')}
            value={query.order === 'due' ? 'due' : 'recent'}
            options={[
              { value: 'recent', label: t('list.orderRecent') },
              { value: 'due', label: t('list.orderDue') },
            ]}
            onChange={(v) => set({ order: v === 'due' ? 'due' : null })}
          />
          {[...params.keys()].some((k) => k !== 'page') && (
            <a
              href="#clear"
              onClick={(e) => {
                e.preventDefault();
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {tc('common.clearFilters')}
            </a>
          )}
        </div>
      </Card>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          <Table<CaseSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 960 }}
            locale={{ emptyText: t('list.empty') }}
            onRow={(c) => ({ onDoubleClick: () => void navigate(`/staff/cases/${c.id}`) })}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p) => set({ page: p > 1 ? String(p) : null }),
            }}
          />
        </Card>
      )}
    </>
  );
}

export function OverduePage() {
  const { t } = useTranslation('cases');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const mode: 'overdue' | 'dueSoon' = params.get('within') === '2' ? 'dueSoon' : 'overdue';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const pageSize = 20;
  const list = useOverdueCases(mode === 'dueSoon' ? 2 : 0, pageSize, (page - 1) * pageSize);
  const columns = useCaseColumns();
  return (
    <>
      <PageHeader
        title={t('overdue.title')}
        extra={
          <ToggleButtons<'overdue' | 'dueSoon'>
            size="middle"
            label={t('overdue.modeLabel')}
            value={mode}
            options={[
              { value: 'overdue', label: t('overdue.overdue') },
              { value: 'dueSoon', label: t('overdue.dueSoon') },
            ]}
            onChange={(v) => setParams(v === 'dueSoon' ? new URLSearchParams({ within: '2' }) : new URLSearchParams(), { replace: true })}
          />
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('overdue.hint')} />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Card size="small">
          <Table<CaseSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 960 }}
            locale={{ emptyText: t(`overdue.empty.${mode}`) }}
            onRow={(c) => ({ onDoubleClick: () => void navigate(`/staff/cases/${c.id}`) })}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p) => {
                const next = new URLSearchParams(params);
                if (p > 1) next.set('page', String(p));
                else next.delete('page');
                setParams(next, { replace: true });
              },
            }}
          />
        </Card>
      )}
    </>
  );
}
