/**
 * 办件详情 at /staff/cases/:id (and /staff/cases/number/:number): who applied for what, where the case stands
 * and how much time is left (限时办结), the process with the open and finished stages, the timeline, materials,
 * opinions, clock stops and the notices to print; above all, what the signed-in user can do on it now.
 */
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Col, Descriptions, Empty, Grid, Row, Space, Table, Tag, Timeline } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseMaterial, CaseSuspension, TaskView } from '../../api/cases.types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import { formatInstant } from '../identity/identity.queries';
import { CaseActions } from './CaseActions';
import { DocumentButtons, PhaseTag, WarningTag } from './CaseBits';
import { documentsFor, materialFileUrl } from './cases.format';
import { useCase, useCaseByNumber } from './cases.queries';
import { taskName } from './InboxPage';
import './cases.css';

// The flowchart (and bpmn-js behind it) loads only when a case page shows it.
const ProcessDiagram = lazy(() => import('../../components/ProcessDiagram').then((m) => ({ default: m.ProcessDiagram })));

export function CasePage() {
  const { id } = useParams();
  const query = useCase(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <CaseView c={query.data} onReload={() => void query.refetch()} />;
}

export function CaseByNumberPage() {
  const { number } = useParams();
  const query = useCaseByNumber(number);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <CaseView c={query.data} onReload={() => void query.refetch()} />;
}

function ClockCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation('cases');
  const clock = c.clock;
  const remaining = clock.remainingDays;
  return (
    <Card size="small" title={t('case.clock.title')} extra={<Tag color={clock.status === 'running' ? 'processing' : clock.status === 'suspended' ? 'gold' : 'default'}>{t(`clockStatus.${clock.status}`)}</Tag>}>
      {clock.status === 'not_started' ? (
        <p className="ow-muted" style={{ margin: 0 }}>
          {t('case.clock.notStarted')}
        </p>
      ) : (
        <dl className="ow-clock">
          <div>
            <dt>{t('case.clock.promisedDate')}</dt>
            <dd>{clock.dueDate ?? (clock.status === 'suspended' ? '—' : clock.promisedDays === 0 ? t('common.instant') : '—')}</dd>
          </div>
          <div>
            <dt>{t('case.clock.remaining')}</dt>
            <dd className={remaining !== null && remaining < 0 ? 'ow-clock__negative' : undefined}>
              {remaining === null ? '—' : remaining < 0 ? t('case.clock.overdueBy', { count: -remaining }) : t('common.workdays', { count: remaining })}
            </dd>
          </div>
          <div>
            <dt>{t('case.clock.promisedDays')}</dt>
            <dd>{clock.promisedDays === 0 ? t('common.instant') : t('common.workdays', { count: clock.promisedDays })}</dd>
          </div>
          <div>
            <dt>{t('case.clock.warning')}</dt>
            <dd>
              <WarningTag warning={clock.warning} />
            </dd>
          </div>
          <div>
            <dt>{t('case.clock.suspendedDays')}</dt>
            <dd>{t('common.workdays', { count: clock.suspendedDays })}</dd>
          </div>
          <div>
            <dt>{t('case.clock.extensionDays')}</dt>
            <dd>{t('common.workdays', { count: clock.extensionDays })}</dd>
          </div>
          {clock.suspension && (
            <div className="ow-clock__wide" style={{ background: '#fffbe6' }}>
              <dt>{t('case.clock.suspension')}</dt>
              <dd style={{ fontSize: 14 }}>
                {t('case.clock.suspensionSince', { reason: t(`suspensionReason.${clock.suspension.reason as 'correction'}`, { defaultValue: clock.suspension.reason }), since: clock.suspension.since })}
                <div className="ow-small ow-muted" style={{ fontWeight: 'normal' }}>
                  {t('case.clock.whileSuspended')}
                </div>
              </dd>
            </div>
          )}
          {clock.acceptedOn && (
            <div className="ow-clock__wide">
              <dt>{t('case.acceptedOn')}</dt>
              <dd style={{ fontSize: 14 }}>{clock.acceptedOn}</dd>
            </div>
          )}
        </dl>
      )}
    </Card>
  );
}

function InfoCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation('cases');
  const labels = useLabels();
  const items = [
    { key: 'item', label: t('case.item'), children: `${c.itemCode} ${c.itemName}` },
    { key: 'phase', label: t('case.phase'), children: <PhaseTag phase={c.phase} /> },
    {
      key: 'applicant',
      label: t('case.applicant'),
      children: (
        <span>
          {c.applicant.name} <Tag>{t(`applicantKind.${c.applicant.kind}`)}</Tag>
        </span>
      ),
    },
    { key: 'id', label: t('case.idNumber'), children: <span className="ow-mono">{c.applicant.idNumber}</span> },
    { key: 'phone', label: t('case.phone'), children: c.applicant.phone || '—' },
    { key: 'address', label: t('case.address'), children: c.applicant.address || '—' },
    ...(c.contact ? [{ key: 'contact', label: t('case.contact'), children: `${c.contact.name} ${c.contact.phone}` }] : []),
    { key: 'channel', label: t('case.channel'), children: t(`channel.${c.channel as 'window'}`, { defaultValue: c.channel }) },
    { key: 'first', label: t('case.firstResponder'), children: c.firstResponder?.name ?? '—' },
    { key: 'window', label: t('case.window'), children: c.window?.name ?? '—' },
    { key: 'acceptedBy', label: t('case.acceptedBy'), children: c.acceptedBy?.name ?? '—' },
    { key: 'unit', label: t('case.executingUnit'), children: c.executingUnit.name },
    ...(c.township ? [{ key: 'township', label: t('case.township'), children: c.township.name }] : []),
    { key: 'created', label: t('case.createdAt'), children: formatInstant(c.createdAt, labels.lang) },
    ...(c.commitment ? [{ key: 'commitment', label: t('case.commitment'), children: <Tag color="purple">{t('case.commitmentYes')}</Tag> }] : []),
    ...(c.decision ? [{ key: 'decision', label: t('case.decision'), children: <Tag color={c.decision === 'approved' ? 'green' : 'red'}>{t(`decision.${c.decision}`)}</Tag> }] : []),
    ...(c.closedAt ? [{ key: 'closed', label: t('case.closedAt'), children: formatInstant(c.closedAt, labels.lang) }] : []),
    ...(c.bundle ? [{ key: 'bundle', label: t('case.bundle'), children: `${c.bundle.number} ${c.bundle.name}` }] : []),
    ...(c.summary ? [{ key: 'summary', label: t('case.summary'), children: c.summary }] : []),
    ...(c.refusalReason ? [{ key: 'refusal', label: t('case.refusalReason'), children: c.refusalReason }] : []),
  ];
  return (
    <Card size="small" title={t('case.info')}>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} items={items} />
    </Card>
  );
}

/** The steps of the case's process as a list, with what is open and done (beside or instead of the chart). */
function StepList({ c }: { c: CaseDetail }) {
  const { t } = useTranslation('cases');
  const labels = useLabels();
  const open = new Set(c.openStageIds);
  const done = new Set(c.completedStageIds);
  return (
    <ol className="ow-steps" aria-label={t('case.flow.steps')}>
      {c.definition.body.steps.map((step, i) => (
        <li key={step.id}>
          {i > 0 && <span aria-hidden="true">→</span>}
          {step.stages.map((stage) => {
            const state = open.has(stage.id) ? 'open' : done.has(stage.id) ? 'done' : 'todo';
            return (
              <span key={stage.id} className={`ow-stage ow-stage--${state}`}>
                {labels.lang === 'en' ? stage.nameEn : stage.name}
                <span className="ow-stage__meta">
                  {stage.type === 'special' ? t('case.flow.special') : t('common.workdays', { count: stage.limitDays })} · {t(`case.flow.${state}`)}
                </span>
              </span>
            );
          })}
        </li>
      ))}
    </ol>
  );
}

function FlowCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation('cases');
  const xmlUrl = `/api/processes/${encodeURIComponent(c.definition.key)}/versions/${c.definition.version}/bpmn`;
  return (
    <Card size="small" title={t('case.flow.title')} extra={<span className="ow-small ow-muted">{t('case.flow.version', { version: c.definition.version })}</span>}>
      <div className="ow-diagram-box">
        <Suspense fallback={<p className="ow-muted">{t('case.flow.diagramLoading')}</p>}>
          <ProcessDiagram xmlUrl={xmlUrl} openStageIds={c.openStageIds} completedStageIds={c.completedStageIds} />
        </Suspense>
      </div>
      <StepList c={c} />
    </Card>
  );
}

function TimelineCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation('cases');
  const labels = useLabels();
  const { t: tcert } = useTranslation('certificates');
  const { can } = useSession();
  return (
    <Card size="small" title={t('case.timeline.title')}>
      {c.events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.timeline.empty')} />
      ) : (
        <Timeline
          items={c.events.map((e) => ({
            key: e.id,
            color: e.type === 'refused' || e.type === 'extension_denied' ? 'red' : e.type === 'suspended' || e.type === 'correction_requested' ? 'orange' : e.type === 'closed' || e.type === 'decided' ? 'green' : 'blue',
            children: (
              <>
                <div className="ow-timeline-text">{e.text}</div>
                {e.type === 'certificate_issued' && typeof e.data.number === 'string' && can('certificates.read') && (
                  <Link to={`/staff/certificates/${e.data.number}`}>{tcert('staff.openCertificate')}</Link>
                )}
                <div className="ow-timeline-meta">
                  {formatInstant(e.at, labels.lang)} · {e.actorName || t('case.timeline.system')}
                </div>
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function MaterialsCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation('cases');
  const columns: TableColumnsType<CaseMaterial> = [
    { title: t('case.materials.name'), dataIndex: 'name' },
    {
      title: t('case.materials.required'),
      dataIndex: 'required',
      width: 80,
      render: (r: boolean) => <Tag color={r ? 'red' : 'default'}>{r ? t('intake.required') : t('intake.conditional')}</Tag>,
    },
    {
      title: t('case.materials.status'),
      dataIndex: 'status',
      width: 90,
      render: (_, m) => <Tag color={m.status === 'received' ? 'green' : m.status === 'missing' ? 'orange' : m.status === 'defective' ? 'red' : 'default'}>{t(`materialStatus.${m.status}`)}</Tag>,
    },
    {
      title: t('case.materials.note'),
      key: 'note',
      width: 160,
      responsive: ['md'],
      render: (_, m) => (
        <>
          {m.note || (m.certificateNumber ? null : '—')}
          {m.certificateNumber && <div className="ow-small">{t('case.materials.certificate', { number: m.certificateNumber })}</div>}
        </>
      ),
    },
    {
      title: t('case.materials.file'),
      key: 'file',
      width: 180,
      render: (_, m) =>
        m.hasFile ? (
          <a href={materialFileUrl(c.id, m.id)} target="_blank" rel="noopener" aria-label={t('case.materials.downloadOf', { name: m.name })}>
            {m.fileName ?? t('case.materials.download')}
          </a>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card size="small" title={t('case.materials.title')}>
      <Table<CaseMaterial> rowKey="id" size="small" columns={columns} dataSource={c.materials} pagination={false} scroll={{ x: 600 }} locale={{ emptyText: t('case.materials.empty') }} />
    </Card>
  );
}

function OpinionsCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation('cases');
  const labels = useLabels();
  const done = c.tasks.filter((task) => task.status === 'completed').sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
  const outcomeTag = (task: TaskView) => {
    const o = task.outcome ?? 'done';
    const color = o === 'approve' ? 'green' : o === 'return' ? 'orange' : o === 'reject' ? 'red' : 'default';
    const decisionStage = task.kind === 'stage' && c.definition.body.steps.some((s) => s.stages.some((st) => st.id === task.key && st.type === 'decision'));
    const decided = o === 'approve' || o === 'reject';
    const text = !decided
      ? t(`outcome.${o as 'done'}`, { defaultValue: o })
      : decisionStage
        ? t(`decisionOutcome.${o}`)
        : task.kind === 'extension_approval'
          ? t(`extensionOutcome.${o}`)
          : task.kind === 'verification'
            ? t(`verificationOutcome.${o}`)
            : t(`outcome.${o}`);
    return <Tag color={color}>{text}</Tag>;
  };
  const columns: TableColumnsType<TaskView> = [
    { title: t('case.opinions.stage'), key: 'stage', width: 140, render: (_, task) => <strong>{taskName(task, labels.lang)}</strong> },
    { title: t('case.opinions.outcome'), key: 'outcome', width: 100, render: (_, task) => outcomeTag(task) },
    { title: t('case.opinions.opinion'), dataIndex: 'opinion', render: (v: string | null) => <span className="ow-timeline-text">{v || '—'}</span> },
    {
      title: t('case.opinions.handler'),
      key: 'by',
      width: 200,
      render: (_, task) => (
        <>
          {task.completedBy?.name ?? '—'}
          <div className="ow-small ow-muted">{formatInstant(task.completedAt, labels.lang)}</div>
        </>
      ),
    },
  ];
  return (
    <Card size="small" title={t('case.opinions.title')}>
      <Table<TaskView> rowKey="id" size="small" columns={columns} dataSource={done} pagination={false} scroll={{ x: 600 }} locale={{ emptyText: t('case.opinions.empty') }} />
    </Card>
  );
}

function SuspensionsCard({ c }: { c: CaseDetail }) {
  const { t } = useTranslation('cases');
  const columns: TableColumnsType<CaseSuspension & { key: number }> = [
    { title: t('case.suspensions.reason'), key: 'reason', width: 130, render: (_, s) => t(`suspensionReason.${s.reason as 'correction'}`, { defaultValue: s.reason }) },
    { title: t('case.suspensions.from'), dataIndex: 'startedOn', width: 110 },
    { title: t('case.suspensions.to'), key: 'to', width: 110, render: (_, s) => s.endedOn ?? <Tag color="gold">{t('case.suspensions.ongoing')}</Tag> },
    { title: t('case.suspensions.days'), key: 'days', width: 120, render: (_, s) => (s.workingDays === null ? '—' : t('common.workdays', { count: s.workingDays })) },
    { title: t('case.suspensions.note'), dataIndex: 'note', render: (v: string) => v || '—' },
  ];
  return (
    <Card size="small" title={t('case.suspensions.title')}>
      <Table
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={c.suspensions.map((s, key) => ({ ...s, key }))}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: t('case.suspensions.empty') }}
      />
    </Card>
  );
}

export function CaseView({ c, onReload }: { c: CaseDetail; onReload: () => void }) {
  const { t } = useTranslation('cases');
  const navigate = useNavigate();
  // Two columns from 1200 px; below (tablets), the clock and the notices follow the actions at the top.
  const isWide = Grid.useBreakpoint().xl ?? window.matchMedia('(min-width: 1200px)').matches;
  const clockAndNotices = (
    <>
      <ClockCard c={c} />
      <Card size="small" title={t('documents.title')}>
        <DocumentButtons caseId={c.id} kinds={documentsFor(c)} />
      </Card>
    </>
  );
  return (
    <div className="ow-case-page">
      <PageHeader
        title={`${c.number} · ${c.itemName}`}
        extra={
          <Space wrap>
            <PhaseTag phase={c.phase} />
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
              {t('case.back')}
            </Button>
          </Space>
        }
      >
        <p className="ow-muted" style={{ margin: 0 }}>
          {c.applicant.name} · {c.executingUnit.name}
        </p>
      </PageHeader>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <CaseActions c={c} onReload={onReload} />
          {!isWide && clockAndNotices}
          <InfoCard c={c} />
          <FlowCard c={c} />
          <OpinionsCard c={c} />
          <MaterialsCard c={c} />
          <SuspensionsCard c={c} />
        </Col>
        <Col xs={24} xl={8}>
          {isWide && clockAndNotices}
          <TimelineCard c={c} />
        </Col>
      </Row>
    </div>
  );
}
