/**
 * 市场主体: the county's register of market entities (一照一码) for the bureau's staff and, read-only, for the
 * regulators the registration is shared with (tax, statistics); each entity's registration file with its
 * history and licence; and a credit-code checker (GB 32100 with the GB 11714 check inside).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Drawer, Form, Input, Row, Table, Tag, Timeline } from 'antd';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type { EnterpriseDetail, EnterpriseView, UsccCheck } from '../../api/registration.types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { ToggleButtons } from '../../components/ToggleButtons';
import './registration-i18n';

type StatusFilter = 'all' | 'active' | 'cancelled';

const FIELD_KEYS = ['enterpriseName', 'entityType', 'legalRepName', 'legalRepIdNumber', 'registeredCapital', 'townshipCode', 'address', 'businessScope'] as const;

function EnterpriseDrawer({ uscc, onClose }: { uscc: string | null; onClose: () => void }) {
  const { t } = useTranslation('registration');
  const detail = useQuery({
    queryKey: ['staff', 'registrations', 'detail', uscc],
    queryFn: ({ signal }) => api.get<EnterpriseDetail>(`/api/registrations/${uscc ?? ''}`, undefined, signal),
    enabled: Boolean(uscc),
  });
  const e = detail.data;
  const fieldLabel = (field: string) => ((FIELD_KEYS as readonly string[]).includes(field) ? t(`field.${field as (typeof FIELD_KEYS)[number]}`) : field);
  return (
    <Drawer open={Boolean(uscc)} onClose={onClose} width={640} title={e ? e.name : t('page.detail')}>
      {detail.isError && <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />}
      {e && (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'uscc', label: t('page.col.uscc'), children: <span className="ow-mono">{e.uscc}</span> },
              { key: 'status', label: t('page.col.status'), children: <Tag color={e.status === 'active' ? 'green' : 'default'}>{t(`page.status.${e.status}`)}</Tag> },
              { key: 'type', label: t('page.col.type'), children: e.entityType },
              { key: 'rep', label: t('page.col.legalRep'), children: `${e.legalRepName}（${e.legalRepIdNumber}）` },
              { key: 'capital', label: t('page.col.capital'), children: e.registeredCapital === null ? t('page.none') : t('page.capitalValue', { value: e.registeredCapital }) },
              { key: 'address', label: t('field.address'), children: `${e.townshipName}${e.address}` },
              { key: 'scope', label: t('field.businessScope'), children: e.businessScope },
              { key: 'established', label: t('page.col.established'), children: e.establishedOn + (e.cancelledOn ? ` — ${e.cancelledOn}` : '') },
              {
                key: 'licence',
                label: t('page.licence'),
                children: e.licenceNumber ? (
                  <a href={`/api/certificates/${e.licenceNumber}/pdf`} target="_blank" rel="noopener">
                    {t('page.openLicence')}
                  </a>
                ) : (
                  t('page.none')
                ),
              },
              { key: 'shared', label: t('page.sharedWith'), children: e.sharedWith.join('、') || t('page.none') },
            ]}
          />
          <h3 style={{ marginTop: 16 }}>{t('page.history')}</h3>
          <Timeline
            items={e.history.map((h, i) => ({
              key: i,
              color: h.kind === 'cancel' ? 'gray' : h.kind === 'establish' ? 'green' : 'blue',
              children: (
                <div>
                  <strong>{t(`page.historyKind.${h.kind}`)}</strong> {h.on}
                  {h.caseId && (
                    <>
                      {' · '}
                      <Link to={`/staff/cases/${h.caseId}`}>{h.caseNumber ?? t('page.openCase')}</Link>
                    </>
                  )}
                  {h.licenceVersion !== null && <span className="ow-muted"> · {t('page.licenceVersion', { version: h.licenceVersion })}</span>}
                  {h.changes.map((c, j) => (
                    <div key={j} className="ow-small">
                      {t('page.change', { field: fieldLabel(c.field), before: c.before ?? t('page.none'), after: c.after ?? t('page.none') })}
                    </div>
                  ))}
                  {h.note && <div className="ow-small ow-muted">{h.note}</div>}
                </div>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

/** A form that asks GET /api/uscc/{code} and shows the parts. */
function UsccChecker() {
  const { t } = useTranslation('registration');
  const [code, setCode] = useState('');
  const check = useMutation({ mutationFn: (value: string) => api.get<UsccCheck>(`/api/uscc/${encodeURIComponent(value)}`) });
  const r = check.data;
  return (
    <Card size="small" title={t('checker.title')}>
      <Form
        layout="inline"
        onFinish={() => {
          const value = code.replace(/\s/g, '');
          if (/^[0-9A-Za-z]+$/.test(value)) check.mutate(value);
        }}
      >
        <Form.Item style={{ flex: 1 }}>
          <Input className="ow-mono" maxLength={18} value={code} placeholder={t('checker.placeholder')} aria-label={t('checker.placeholder')} onChange={(e) => setCode(e.target.value.toUpperCase())} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={check.isPending}>
            {t('checker.check')}
          </Button>
        </Form.Item>
      </Form>
      {check.isError && <ErrorState error={check.error} />}
      {r && (
        <div role="status" style={{ marginTop: 12 }}>
          <Alert type={r.valid ? 'success' : 'error'} showIcon message={r.valid ? t('checker.valid') : `${t('checker.invalid')}：${r.message ?? r.reason ?? ''}`} />
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 8 }}
            items={(['authority', 'category', 'division', 'orgCode', 'check'] as const).map((k) => ({ key: k, label: t(`checker.parts.${k}`), children: <span className="ow-mono">{r.parts[k] || '—'}</span> }))}
          />
        </div>
      )}
    </Card>
  );
}

export function EnterprisesPage() {
  const { t } = useTranslation('registration');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const pageSize = 20;
  const list = useQuery({
    queryKey: ['staff', 'registrations', q, status, page],
    queryFn: ({ signal }) =>
      api.get<Page<EnterpriseView>>('/api/registrations', { q: q || undefined, status: status === 'all' ? undefined : status, limit: pageSize, offset: (page - 1) * pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <PageHeader title={t('page.title')}>
        <p className="ow-muted" style={{ margin: 0 }}>
          {t('page.intro')}
        </p>
      </PageHeader>
      {/* The register takes the full width below 1600px: its seven columns wrap into slivers beside the checker. */}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={16}>
          <Card size="small">
            <div className="ow-toolbar">
              <Input.Search
                allowClear
                placeholder={t('page.search')}
                aria-label={t('page.search')}
                style={{ maxWidth: 360 }}
                onSearch={(v) => {
                  setQ(v.trim());
                  setPage(1);
                }}
              />
              <ToggleButtons<StatusFilter>
                size="middle"
                label={t('page.col.status')}
                value={status}
                options={(['all', 'active', 'cancelled'] as const).map((s) => ({ value: s, label: t(`page.status.${s}`) }))}
                onChange={(s) => {
                  setStatus(s);
                  setPage(1);
                }}
              />
            </div>
            {list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : (
              <Table<EnterpriseView>
                rowKey="uscc"
                size="small"
                loading={list.isFetching}
                dataSource={list.data?.items ?? []}
                onRow={(row) => ({ onClick: () => setOpen(row.uscc), style: { cursor: 'pointer' } })}
                pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: setPage, showTotal: (count) => t('page.total', { count }), showSizeChanger: false }}
                columns={[
                  { title: t('page.col.uscc'), dataIndex: 'uscc', render: (v: string) => <span className="ow-mono">{v}</span> },
                  {
                    title: t('page.col.name'),
                    dataIndex: 'name',
                    render: (v: string, row) => (
                      <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(row.uscc)}>
                        {v}
                      </Button>
                    ),
                  },
                  { title: t('page.col.type'), dataIndex: 'entityType' },
                  { title: t('page.col.legalRep'), dataIndex: 'legalRepName' },
                  { title: t('page.col.township'), dataIndex: 'townshipName' },
                  { title: t('page.col.established'), dataIndex: 'establishedOn' },
                  { title: t('page.col.status'), dataIndex: 'status', render: (s: 'active' | 'cancelled') => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`page.status.${s}`)}</Tag> },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xxl={8}>
          <UsccChecker />
        </Col>
      </Row>
      <EnterpriseDrawer uscc={open} onClose={() => setOpen(null)} />
    </div>
  );
}
