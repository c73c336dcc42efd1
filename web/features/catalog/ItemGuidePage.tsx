/**
 * 办事指南 of one item: everything an applicant needs before coming (or applying online), laid out to read
 * on a phone: facts, conditions, materials with their form, copies and source, fees, the flow and the law.
 */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumb, Card, Descriptions, Grid, Skeleton, Steps, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { ItemDetail, MaterialView } from '../../api/types';
import { ProcessDiagram } from '../../components/ProcessDiagram';
import { ErrorState } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { usePublicOrg } from '../org/org.queries';
import { ApplyOnlineButton } from '../applicant/ApplyOnlineButton';
import { usePublicItem } from './catalog.queries';
import { legalLimitText, maxVisitsText, promisedLimitText, templateUrl } from './format';

function Paragraphs({ text, empty }: { text: string; empty: string }) {
  if (!text.trim()) return <span className="ow-muted">{empty}</span>;
  return (
    <div className="ow-paragraphs">
      {text
        .split(/\n+/)
        .filter((line) => line.trim())
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </div>
  );
}

function RequirementTag({ material }: { material: MaterialView }) {
  const { t } = useTranslation('portal');
  return material.requirement === 'required' ? (
    <Tag color="red">{t('guide.material.required')}</Tag>
  ) : (
    <Tag color="orange">{t('guide.material.conditional')}</Tag>
  );
}

function MaterialExtras({ material }: { material: MaterialView }) {
  const { t } = useTranslation('portal');
  return (
    <>
      {material.reusableCertificate && (
        <Tag color="green" className="ow-tag-wrap">
          {t('guide.material.reusable', { name: material.reusableCertificate })}
        </Tag>
      )}
      {material.templateFileSha256 && (
        <a href={templateUrl(material.templateFileSha256)} download={material.templateFileName ?? undefined} className="ow-template-link">
          {t('guide.material.template', { name: material.templateFileName ?? t('guide.material.templateDefault') })}
        </a>
      )}
    </>
  );
}

function MaterialsTable({ materials }: { materials: MaterialView[] }) {
  const { t } = useTranslation('portal');
  const labels = useLabels();
  const columns: TableColumnsType<MaterialView> = [
    { title: t('guide.material.index'), key: 'index', width: 56, render: (_, __, i) => i + 1 },
    {
      title: t('guide.material.name'),
      dataIndex: 'name',
      render: (_, m) => (
        <div>
          <div className="ow-material-name">{m.name}</div>
          {m.notes && <div className="ow-muted ow-small">{m.notes}</div>}
          <MaterialExtras material={m} />
        </div>
      ),
    },
    { title: t('guide.material.form'), dataIndex: 'form', width: 120, render: (_, m) => labels.materialForm(m.form) },
    { title: t('guide.material.copies'), dataIndex: 'copies', width: 72, render: (_, m) => m.copies },
    {
      title: t('guide.material.requirement'),
      key: 'requirement',
      width: 200,
      render: (_, m) => (
        <div>
          <RequirementTag material={m} />
          {m.requirement === 'conditional' && m.condition && <div className="ow-small">{m.condition}</div>}
        </div>
      ),
    },
    { title: t('guide.material.source'), dataIndex: 'sourceNote', width: 160, render: (_, m) => m.sourceNote || '—' },
  ];
  return <Table<MaterialView> rowKey="id" columns={columns} dataSource={materials} pagination={false} size="middle" bordered />;
}

function MaterialsList({ materials }: { materials: MaterialView[] }) {
  const { t } = useTranslation('portal');
  const labels = useLabels();
  return (
    <ol className="ow-material-list">
      {materials.map((m) => (
        <li key={m.id} className="ow-material-list__item">
          <div className="ow-material-name">{m.name}</div>
          <div className="ow-material-list__facts">
            <RequirementTag material={m} />
            <span>{labels.materialForm(m.form)}</span>
            <span>{t('guide.material.copiesCount', { count: m.copies })}</span>
          </div>
          {m.requirement === 'conditional' && m.condition && (
            <div className="ow-small">
              {t('guide.material.conditionLabel')}
              {m.condition}
            </div>
          )}
          {m.sourceNote && (
            <div className="ow-small ow-muted">
              {t('guide.material.sourceLabel')}
              {m.sourceNote}
            </div>
          )}
          {m.notes && <div className="ow-small ow-muted">{m.notes}</div>}
          <MaterialExtras material={m} />
        </li>
      ))}
    </ol>
  );
}

function Guide({ item }: { item: ItemDetail }) {
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation();
  const labels = useLabels();
  const screens = Grid.useBreakpoint();
  const isWide = screens.md ?? false;
  const org = usePublicOrg();
  const bureauName = org.data?.bureau?.name;

  useEffect(() => {
    document.title = `${item.name} · ${t('guide.title')} · ${tc('app.name')}`;
  }, [item.name, t, tc]);

  const cardSize = isWide ? 'default' : 'small';
  const implementer = item.scope === 'bureau' ? (bureauName ?? '—') : item.executingUnit.name;
  const facts = [
    { key: 'name', label: t('guide.fields.name'), children: item.name },
    { key: 'code', label: t('guide.fields.code'), children: item.code },
    { key: 'type', label: t('guide.fields.type'), children: labels.itemType(item.type) },
    { key: 'implementer', label: t('guide.fields.implementer'), children: implementer },
    ...(item.scope === 'bureau' ? [{ key: 'section', label: t('guide.fields.section'), children: item.executingUnit.name }] : []),
    {
      key: 'origin',
      label: t('guide.fields.origin'),
      children: item.originDepartment ? (
        <>
          {item.originDepartment.name}
          {item.originDepartmentSuccessor && (
            <span className="ow-muted">{t('guide.fields.successor', { name: item.originDepartmentSuccessor })}</span>
          )}
        </>
      ) : (
        '—'
      ),
    },
    { key: 'class', label: t('guide.fields.processingClass'), children: labels.processingClass(item.processingClass) },
    { key: 'audience', label: t('guide.fields.audience'), children: tc(`audience.${item.audience}`) },
    { key: 'legal', label: t('guide.fields.legalLimit'), children: legalLimitText(tc, item.legalLimit) },
    { key: 'promised', label: t('guide.fields.promisedLimit'), children: promisedLimitText(tc, item) },
    { key: 'visits', label: t('guide.fields.maxVisits'), children: maxVisitsText(tc, item.maxVisits) },
    { key: 'online', label: t('guide.fields.online'), children: item.isOnline ? t('guide.onlineYes') : t('guide.onlineNo') },
    { key: 'zone', label: t('guide.fields.zone'), children: item.zone?.name ?? '—' },
    { key: 'result', label: t('guide.fields.result'), children: item.resultName || '—' },
  ];

  return (
    <article className="ow-guide">
      <header className="ow-guide__head">
        <h1 className="ow-page__title">{item.name}</h1>
        <div className="ow-guide__tags">
          <Tag color="blue">{labels.itemType(item.type)}</Tag>
          <Tag>{item.code}</Tag>
          {item.isOnline && <Tag color="processing">{tc('tag.online')}</Tag>}
          {item.isFree && <Tag color="success">{tc('tag.free')}</Tag>}
        </div>
        <dl className="ow-key-facts">
          <div>
            <dt>{t('guide.fields.promisedLimit')}</dt>
            <dd>{promisedLimitText(tc, item)}</dd>
          </div>
          <div>
            <dt>{t('guide.fields.legalLimit')}</dt>
            <dd>{legalLimitText(tc, item.legalLimit)}</dd>
          </div>
          <div>
            <dt>{t('guide.fields.maxVisits')}</dt>
            <dd>{maxVisitsText(tc, item.maxVisits)}</dd>
          </div>
          <div>
            <dt>{t('guide.fields.online')}</dt>
            <dd>{item.isOnline ? t('guide.onlineYes') : t('guide.onlineNo')}</dd>
          </div>
        </dl>
        <ApplyOnlineButton code={item.code} isOnline={item.isOnline} />
      </header>

      <Card size={cardSize} title={<h2 className="ow-card-title">{t('guide.sections.basic')}</h2>} className="ow-guide__card">
        <Descriptions column={isWide ? 2 : 1} bordered size="small" items={facts} styles={{ label: { width: isWide ? 150 : 110 } }} />
      </Card>

      <Card size={cardSize} title={<h2 className="ow-card-title">{t('guide.sections.conditions')}</h2>} className="ow-guide__card">
        <Paragraphs text={item.conditions} empty={t('guide.noConditions')} />
      </Card>

      <Card
        size={cardSize}
        title={<h2 className="ow-card-title">{t('guide.sections.materials', { count: item.materials.length })}</h2>}
        className="ow-guide__card"
      >
        {isWide ? <MaterialsTable materials={item.materials} /> : <MaterialsList materials={item.materials} />}
      </Card>

      <Card size={cardSize} title={<h2 className="ow-card-title">{t('guide.sections.fees')}</h2>} className="ow-guide__card">
        {item.fees.length === 0 ? (
          <p className="ow-free">{t('guide.noFees')}</p>
        ) : (
          <ul className="ow-fee-list">
            {item.fees.map((fee, i) => (
              <li key={i}>
                <strong>{fee.name}</strong>：{fee.amount}
                <div className="ow-small ow-muted">
                  {t('guide.feeBasis')}
                  {fee.basis}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card size={cardSize} title={<h2 className="ow-card-title">{t('guide.sections.flow')}</h2>} className="ow-guide__card">
        <Steps
          direction={isWide && item.flow.length <= 5 ? 'horizontal' : 'vertical'}
          labelPlacement={isWide ? 'vertical' : 'horizontal'}
          size="small"
          current={-1}
          items={item.flow.map((step) => ({
            title: labels.lang === 'en' ? step.nameEn : step.name,
            description: step.description,
            status: 'process' as const,
          }))}
        />
        <p className="ow-small ow-muted ow-flow-note">{t('guide.flowNote', { visits: maxVisitsText(tc, item.maxVisits) })}</p>
        <ProcessDiagram xmlUrl={`/api/public/items/${encodeURIComponent(item.code)}/process.bpmn`} />
      </Card>

      <Card size={cardSize} title={<h2 className="ow-card-title">{t('guide.sections.legalBasis')}</h2>} className="ow-guide__card">
        <Paragraphs text={item.legalBasis} empty={t('guide.noLegalBasis')} />
      </Card>

      <p className="ow-small ow-muted">
        {t('guide.updatedAt', { date: new Date(item.updatedAt).toLocaleDateString(labels.lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' }) })}
      </p>
    </article>
  );
}

export default function ItemGuidePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation('portal');
  const { t: tc } = useTranslation();
  const item = usePublicItem(code);
  return (
    <div className="ow-container ow-page">
      <Breadcrumb
        className="ow-breadcrumb"
        items={[
          { title: <Link to="/">{tc('nav.home')}</Link> },
          { title: <Link to="/items">{tc('nav.items')}</Link> },
          { title: item.data?.name ?? code },
        ]}
      />
      {item.isPending && <Skeleton active paragraph={{ rows: 12 }} />}
      {item.isError && (
        <ErrorState
          error={item.error}
          onRetry={() => void item.refetch()}
          title={item.error instanceof ApiError && item.error.status === 404 ? t('guide.notFound') : undefined}
        />
      )}
      {item.data && <Guide item={item.data} />}
      {item.isError && (
        <p>
          <Link to="/items">{t('guide.backToList')}</Link>
        </p>
      )}
    </div>
  );
}
