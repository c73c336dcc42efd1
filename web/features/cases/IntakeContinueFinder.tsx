/**
 * Finds the application to continue (补齐材料后继续受理): by its number, or among the applications waiting for
 * materials or for acceptance, searched by applicant, item or ID number.
 */
import { useEffect, useState } from 'react';
import { Button, Descriptions, Input, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client';
import type { CaseDetail, CaseSummary } from '../../api/cases.types';
import { formatInstant } from '../identity/identity.queries';
import { useLabels } from '../../i18n/labels';
import { PhaseTag } from './CaseBits';
import { CASE_NUMBER } from './cases.format';
import { useCaseList } from './cases.queries';

export function ContinueFinder({
  initialNumber,
  picked,
  onPick,
}: {
  initialNumber: string | null;
  picked: CaseDetail | null;
  onPick: (c: CaseDetail | null) => void;
}) {
  const { t } = useTranslation('cases');
  const labels = useLabels();
  const [input, setInput] = useState(initialNumber ?? '');
  const [q, setQ] = useState('');
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useCaseList({ q: q || undefined, phase: 'awaiting_materials,submitted', order: 'recent', limit: 8 }, !picked);

  const open = async (key: { id?: string; number?: string }) => {
    setLoading(key.id ?? key.number ?? '');
    setError(null);
    try {
      const c = key.id
        ? await api.get<CaseDetail>(`/api/cases/${key.id}`)
        : await api.get<CaseDetail>(`/api/cases/by-number/${encodeURIComponent(key.number ?? '')}`);
      onPick(c);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? t('intake.continue.none') : errorMessage(err));
    } finally {
      setLoading(null);
    }
  };

  useEffect(() => {
    if (initialNumber && CASE_NUMBER.test(initialNumber)) void open({ number: initialNumber });
    // Only the number the page was opened with.
  }, []);

  if (picked) {
    return (
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        extra={
          <Button icon={<SwapOutlined />} onClick={() => onPick(null)}>
            {t('intake.continue.change')}
          </Button>
        }
        title={<span className="ow-case-number">{picked.number}</span>}
        items={[
          { key: 'phase', label: t('case.phase'), children: <PhaseTag phase={picked.phase} /> },
          { key: 'item', label: t('case.item'), children: `${picked.itemCode} ${picked.itemName}` },
          { key: 'applicant', label: t('case.applicant'), children: `${picked.applicant.name}（${picked.applicant.idNumber}）` },
          { key: 'phone', label: t('case.phone'), children: picked.applicant.phone || '—' },
          { key: 'created', label: t('case.createdAt'), children: formatInstant(picked.createdAt, labels.lang) },
          { key: 'first', label: t('case.firstResponder'), children: picked.firstResponder?.name ?? '—' },
        ]}
      />
    );
  }

  const columns: TableColumnsType<CaseSummary> = [
    { title: t('list.number'), dataIndex: 'number', width: 190, render: (v: string) => <span className="ow-mono">{v}</span> },
    { title: t('list.item'), dataIndex: 'itemName' },
    { title: t('list.applicant'), key: 'applicant', render: (_, c) => `${c.applicantName}（${c.applicantIdMasked}）` },
    { title: t('list.phase'), dataIndex: 'phase', width: 150, render: (_, c) => <PhaseTag phase={c.phase} /> },
    {
      title: '',
      key: 'pick',
      width: 90,
      render: (_, c) => (
        <Button size="small" type="primary" loading={loading === c.id} onClick={() => void open({ id: c.id })} aria-label={`${t('intake.continue.choose')} ${c.number}`}>
          {t('intake.continue.choose')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Input.Search
        size="large"
        autoFocus
        aria-label={t('intake.continue.label')}
        placeholder={t('intake.continue.placeholder')}
        enterButton={t('intake.continue.find')}
        value={input}
        maxLength={60}
        loading={loading !== null && CASE_NUMBER.test(loading)}
        onChange={(e) => setInput(e.target.value)}
        onSearch={(v) => {
          const value = v.trim();
          if (CASE_NUMBER.test(value)) void open({ number: value });
          else setQ(value);
        }}
      />
      {error && (
        <p role="alert" className="ow-error-text">
          {error}
        </p>
      )}
      <h3 className="ow-subtitle">{t('intake.continue.candidates')}</h3>
      <Table<CaseSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: list.isError ? errorMessage(list.error) : t('intake.continue.none') }}
        onRow={(c) => ({ onDoubleClick: () => void open({ id: c.id }) })}
      />
    </>
  );
}
