/**
 * 审计日志: the append-only log, newest first, filtered by action prefix, subject and time; each entry's
 * before/after summary expands; 校验哈希链 checks that no entry was changed or removed.
 */
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import type { AuditEvent, AuditListQuery, AuditVerification, Page } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import { formatInstant } from '../identity/identity.queries';

const PAGE_SIZE = 50;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Before/after as a table of the fields that changed (or all fields when there is only one side). */
function SummaryView({ event }: { event: AuditEvent }) {
  const { t } = useTranslation('console');
  const before = isRecord(event.summary.before) ? event.summary.before : null;
  const after = isRecord(event.summary.after) ? event.summary.after : null;
  const detail = event.summary.detail;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const rows = keys
    .map((key) => ({ key, before: show(before?.[key]), after: show(after?.[key]) }))
    .filter((r) => !before || !after || r.before !== r.after);
  const hasSides = before !== null || after !== null;
  return (
    <div className="ow-audit-summary">
      {!hasSides ? null : rows.length > 0 ? (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('audit.field'), dataIndex: 'key', width: 180 },
            ...(before ? [{ title: t('audit.before'), dataIndex: 'before', render: (v: string) => <span className="ow-audit-value">{v}</span> }] : []),
            ...(after ? [{ title: t('audit.after'), dataIndex: 'after', render: (v: string) => <span className="ow-audit-value">{v}</span> }] : []),
          ]}
        />
      ) : (
        <p className="ow-muted">{t('audit.noChanges')}</p>
      )}
      {detail !== null && detail !== undefined && <pre className="ow-json-summary">{JSON.stringify(detail, null, 2)}</pre>}
      <p className="ow-small ow-muted" style={{ marginTop: 8, marginBottom: 0, wordBreak: 'break-all' }}>
        {t('audit.chainInfo', { chain: event.chain, seq: event.chainSeq, id: event.id })} · {t('audit.requestId')}: {event.requestId ?? '—'} · {t('audit.hash')}: {event.hash}
      </p>
    </div>
  );
}

function VerifyResult({ result }: { result: AuditVerification }) {
  const { t } = useTranslation('console');
  if (result.ok) {
    return <Alert type="success" showIcon role="status" style={{ marginBottom: 12 }} message={t('audit.verifyOk', { entries: result.entries, chains: result.chains })} />;
  }
  const b = result.firstBreak;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      message={t('audit.verifyBroken')}
      description={b ? t('audit.firstBreak', { id: b.id, chain: b.chain, seq: b.chainSeq, reason: t(`audit.reasons.${b.reason}`) }) : undefined}
    />
  );
}

export function AuditPage() {
  const { t } = useTranslation('console');
  const labels = useLabels();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [inputs, setInputs] = useState({ action: params.get('action') ?? '', subjectType: params.get('subjectType') ?? '', subjectId: params.get('subjectId') ?? '' });
  useEffect(() => {
    setInputs({ action: params.get('action') ?? '', subjectType: params.get('subjectType') ?? '', subjectId: params.get('subjectId') ?? '' });
  }, [params]);
  const from = params.get('from');
  const to = params.get('to');

  const query: AuditListQuery = {
    action: params.get('action') ?? undefined,
    subjectType: params.get('subjectType') ?? undefined,
    subjectId: params.get('subjectId') ?? undefined,
    from: from ?? undefined,
    to: to ?? undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const events = useQuery({
    queryKey: ['staff', 'audit', query],
    queryFn: ({ signal }) => api.get<Page<AuditEvent>>('/api/audit/events', query, signal),
  });
  const verify = useMutation({ mutationFn: () => api.get<AuditVerification>('/api/audit/verify') });

  const set = (changes: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const applyInputs = () => set({ action: inputs.action.trim(), subjectType: inputs.subjectType.trim(), subjectId: inputs.subjectId.trim() });

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => formatInstant(v, labels.lang) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 140 },
    {
      title: t('audit.role'),
      dataIndex: 'actorRole',
      width: 130,
      render: (v: string) => (v === 'system' || v === 'public' || v === 'anonymous' || v === 'account' ? t(`audit.pseudoRoles.${v}`) : labels.role(v)),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => (
        <>
          <Tag>{v}</Tag>
          <span className="ow-small">{t(`audit.actions.${v}`, { defaultValue: '' })}</span>
        </>
      ),
    },
    { title: t('audit.subject'), key: 'subject', width: 300, render: (_, e) => <span className="ow-small" style={{ wordBreak: 'break-all' }}>{e.subjectType}：{e.subjectId}</span> },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, responsive: ['lg'], render: (v: string | null) => v ?? '—' },
  ];

  const range: [Dayjs, Dayjs] | null = from && to ? [dayjs(from), dayjs(to)] : null;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          can('audit.verify') && (
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
              {t('audit.verify')}
            </Button>
          )
        }
      />
      {verify.data && <VerifyResult result={verify.data} />}
      {verify.isError && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errorMessage(verify.error)} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <form
          className="ow-toolbar"
          role="search"
          aria-label={t('audit.filters')}
          onSubmit={(e) => {
            e.preventDefault();
            applyInputs();
          }}
        >
          <Input
            aria-label={t('audit.actionPrefix')}
            placeholder={t('audit.actionPlaceholder')}
            value={inputs.action}
            onChange={(e) => setInputs((s) => ({ ...s, action: e.target.value }))}
            style={{ width: 220 }}
            allowClear
            maxLength={60}
          />
          <Input
            aria-label={t('audit.subjectType')}
            placeholder={t('audit.subjectTypePlaceholder')}
            value={inputs.subjectType}
            onChange={(e) => setInputs((s) => ({ ...s, subjectType: e.target.value }))}
            style={{ width: 160 }}
            allowClear
            maxLength={40}
          />
          <Input
            aria-label={t('audit.subjectId')}
            placeholder={t('audit.subjectId')}
            value={inputs.subjectId}
            onChange={(e) => setInputs((s) => ({ ...s, subjectId: e.target.value }))}
            style={{ width: 260 }}
            allowClear
            maxLength={80}
          />
          <DatePicker.RangePicker
            showTime
            aria-label={t('audit.timeRange')}
            placeholder={[t('audit.from'), t('audit.to')]}
            value={range}
            onChange={(values) => {
              const [start, end] = values ?? [];
              set({ from: start ? start.toISOString() : null, to: end ? end.toISOString() : null });
            }}
          />
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          {[...params.keys()].some((k) => k !== 'page') && (
            <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </form>
        <p className="ow-small ow-muted" style={{ margin: 0 }}>
          {t('audit.timezoneNote')}
        </p>
      </Card>
      {events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <Card size="small">
          <Table<AuditEvent>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={events.data?.items ?? []}
            loading={events.isFetching}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('audit.empty') }}
            expandable={{ expandedRowRender: (e) => <SummaryView event={e} />, rowExpandable: () => true }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: events.data?.total ?? 0,
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
