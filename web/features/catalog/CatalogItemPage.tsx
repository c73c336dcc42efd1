/** One item for staff: every field, the materials with their templates, and the way to edit it. */
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Descriptions, Skeleton, Space, Steps, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ItemDetail, MaterialView } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import { formatInstant } from '../identity/identity.queries';
import { useStaffItem } from './catalog.staff-queries';
import { legalLimitText, maxVisitsText, promisedLimitText, templateUrl } from './format';
import { TemplateUpload } from './TemplateUpload';

function Detail({ item }: { item: ItemDetail }) {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const labels = useLabels();
  const { can } = useSession();
  const canManage = can('catalog.manage');

  const columns: TableColumnsType<MaterialView> = [
    { title: '#', key: 'i', width: 48, render: (_, __, i) => i + 1 },
    {
      title: t('material.name'),
      dataIndex: 'name',
      render: (_, m) => (
        <>
          <div style={{ fontWeight: 500 }}>{m.name}</div>
          {m.notes && <div className="ow-small ow-muted">{m.notes}</div>}
          {m.reusableCertificate && <Tag color="green">{t('material.reusableTag', { name: m.reusableCertificate })}</Tag>}
        </>
      ),
    },
    { title: t('material.form'), key: 'form', width: 110, render: (_, m) => labels.materialForm(m.form) },
    { title: t('material.copies'), dataIndex: 'copies', width: 64 },
    {
      title: t('material.requirement'),
      key: 'req',
      width: 180,
      render: (_, m) => (
        <>
          <Tag color={m.requirement === 'required' ? 'red' : 'orange'}>{t(`material.requirements.${m.requirement}`)}</Tag>
          {m.condition && <div className="ow-small">{m.condition}</div>}
        </>
      ),
    },
    { title: t('material.sourceNote'), dataIndex: 'sourceNote', width: 130, render: (v: string) => v || '—' },
    {
      title: t('material.template'),
      key: 'template',
      width: 190,
      render: (_, m) => (
        <Space direction="vertical" size={4}>
          {m.templateFileSha256 ? (
            <a href={templateUrl(m.templateFileSha256)} download={m.templateFileName ?? undefined}>
              {m.templateFileName ?? t('material.templateFile')}
            </a>
          ) : (
            <span className="ow-muted">{t('material.noTemplate')}</span>
          )}
          {canManage && <TemplateUpload itemId={item.id} materialId={m.id} hasTemplate={Boolean(m.templateFileSha256)} />}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Card title={t('editor.sections.basic')} style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'code', label: t('catalog.fields.code'), children: item.code },
            { key: 'name', label: t('catalog.fields.name'), children: item.name },
            { key: 'type', label: t('catalog.fields.type'), children: labels.itemType(item.type) },
            { key: 'scope', label: t('catalog.fields.scope'), children: t(`catalog.scope.${item.scope}`) },
            {
              key: 'origin',
              label: t('catalog.fields.originDepartment'),
              children: item.originDepartment
                ? `${item.originDepartment.name}${item.originDepartmentSuccessor ? t('catalog.successor', { name: item.originDepartmentSuccessor }) : ''}`
                : '—',
            },
            { key: 'unit', label: t('catalog.fields.executingUnit'), children: item.executingUnit.name },
            { key: 'zone', label: t('catalog.fields.zone'), children: item.zone?.name ?? '—' },
            { key: 'class', label: t('catalog.fields.processingClass'), children: labels.processingClass(item.processingClass) },
            { key: 'audience', label: t('catalog.fields.audience'), children: tc(`audience.${item.audience}`) },
            { key: 'legal', label: t('catalog.fields.legalLimit'), children: legalLimitText(tc, item.legalLimit) },
            { key: 'promised', label: t('catalog.fields.promisedLimit'), children: promisedLimitText(tc, item) },
            { key: 'visits', label: t('catalog.fields.maxVisits'), children: maxVisitsText(tc, item.maxVisits) },
            { key: 'online', label: t('catalog.fields.isOnline'), children: item.isOnline ? tc('yes') : tc('no') },
            { key: 'result', label: t('catalog.fields.resultName'), children: item.resultName || '—' },
            {
              key: 'status',
              label: t('catalog.fields.status'),
              children: <Tag color={item.status === 'active' ? 'green' : 'default'}>{t(`catalog.status.${item.status}`)}</Tag>,
            },
            {
              key: 'life',
              label: t('catalog.fields.lifeEvents'),
              span: 'filled',
              children: item.lifeEvents.map((e) => <Tag key={e}>{labels.lifeEvent(e)}</Tag>),
            },
            {
              key: 'fees',
              label: t('catalog.fields.fees'),
              span: 'filled',
              children:
                item.fees.length === 0
                  ? t('catalog.noFees')
                  : item.fees.map((f, i) => (
                      <div key={i}>
                        {f.name}：{f.amount}（{f.basis}）
                      </div>
                    )),
            },
            { key: 'conditions', label: t('catalog.fields.conditions'), span: 'filled', children: <div style={{ whiteSpace: 'pre-wrap' }}>{item.conditions || '—'}</div> },
            { key: 'basis', label: t('catalog.fields.legalBasis'), span: 'filled', children: <div style={{ whiteSpace: 'pre-wrap' }}>{item.legalBasis || '—'}</div> },
            { key: 'source', label: t('catalog.fields.source'), children: item.source || '—' },
            { key: 'version', label: t('catalog.fields.version'), children: item.version },
            { key: 'updated', label: t('catalog.fields.updatedAt'), children: formatInstant(item.updatedAt, labels.lang) },
          ]}
        />
      </Card>
      <Card title={t('editor.sections.materials', { count: item.materials.length })} style={{ marginBottom: 16 }}>
        <Table<MaterialView> rowKey="id" size="small" columns={columns} dataSource={item.materials} pagination={false} scroll={{ x: 1000 }} />
      </Card>
      <Card title={t('catalog.flow')}>
        <Steps
          size="small"
          current={-1}
          items={item.flow.map((s) => ({ title: labels.lang === 'en' ? s.nameEn : s.name, description: s.description, status: 'process' as const }))}
        />
      </Card>
    </>
  );
}

export function CatalogItemPage() {
  const { id } = useParams();
  const { t } = useTranslation('console');
  const { can } = useSession();
  const navigate = useNavigate();
  const item = useStaffItem(id);
  return (
    <>
      <PageHeader
        title={item.data ? item.data.name : t('catalog.detailTitle')}
        extra={
          item.data && (
            <>
              {can('catalog.manage') && (
                <Button type="primary" icon={<EditOutlined />} onClick={() => void navigate(`/staff/catalog/${item.data.id}/edit`)}>
                  {t('common.edit')}
                </Button>
              )}
              {item.data.status === 'active' && (
                <a href={`/items/${item.data.code}`} target="_blank" rel="noreferrer">
                  <ExportOutlined /> {t('catalog.publicGuide')}
                </a>
              )}
            </>
          )
        }
      >
        <Link to="/staff/catalog">← {t('catalog.backToList')}</Link>
      </PageHeader>
      {item.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {item.isError && <ErrorState error={item.error} onRetry={() => void item.refetch()} />}
      {item.data && <Detail item={item.data} />}
    </>
  );
}
