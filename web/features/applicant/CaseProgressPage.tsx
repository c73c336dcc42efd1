/**
 * 办理进度 of one of the applicant's cases, laid out for a phone: what it is, the promised completion date and
 * the working days left (the clock is the server's: running, stopped with its reason, or ended), what the
 * applicant should do now, the notices as PDFs, the materials with their status, and the public timeline.
 * Actions follow the case's abilities: send corrected materials (补正) and withdraw (撤回).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Form, Input, Modal, Skeleton, Tag, Timeline } from 'antd';
import { FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SPECIAL_PROCEDURE_LABELS, type SpecialProcedure } from '../../../common/process';
import { ApiError, errorMessage } from '../../api/client';
import type { MyCaseDetail, MyCaseEvent, MyCaseMaterial, MyCaseMaterialStatus } from '../../api/applicant.types';
import { ErrorState } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import type { Lang } from '../../i18n/language';
import { ApplicantGate } from './ApplicantGate';
import { DecisionTag, PhaseTag, WarningTag } from './CaseBits';
import { FileSlot, type AttachedFile } from './FileSlot';
import { caseDocumentUrl, materialFileUrl, useMyCase, useSendCorrection, useWithdraw, type CaseDocumentKind } from './applicant.api';
import { formatDay, formatMoment } from './applicant.format';
import { CaseRating } from '../evaluations/CaseRating';
import './applicant.css';

/** Why the clock stopped, in words: 补正 or one of the special procedures (行政许可法 Art. 45). */
export function suspensionReasonText(reason: string, lang: Lang, correctionText: string): string {
  if (reason === 'correction') return correctionText;
  const special = SPECIAL_PROCEDURE_LABELS[reason as SpecialProcedure] as { zh: string; en: string } | undefined;
  return special ? special[lang] : reason;
}

function ClockPanel({ c }: { c: MyCaseDetail }) {
  const { t } = useTranslation('applicant');
  const { lang } = useLabels();
  const { clock } = c;
  const facts: { label: string; value: string }[] = [];
  if (clock.acceptedOn) facts.push({ label: t('clock.acceptedOn'), value: formatDay(clock.acceptedOn, lang) });
  const isOpen = c.phase !== 'refused' && c.phase !== 'withdrawn';
  if (clock.promisedDays > 0 && clock.acceptedOn) facts.push({ label: t('clock.promised'), value: t('clock.days', { count: clock.promisedDays }) });
  if (clock.suspendedDays > 0) facts.push({ label: t('clock.suspendedDays'), value: t('clock.days', { count: clock.suspendedDays }) });
  if (clock.extensionDays > 0) facts.push({ label: t('clock.extensionDays'), value: t('clock.days', { count: clock.extensionDays }) });

  let headline: ReactNode;
  switch (clock.status) {
    case 'running': {
      const left = clock.remainingDays;
      headline = (
        <>
          <div className="ow-clock__label">{t('clock.dueLabel')}</div>
          <div className="ow-clock__date">{formatDay(clock.dueDate, lang)}</div>
          {left !== null && (
            <div className={`ow-clock__left ow-clock__left--${clock.warning}`}>
              {left > 0 ? t('clock.left', { count: left }) : left === 0 ? t('clock.dueToday') : t('clock.overdue', { count: -left })}
            </div>
          )}
        </>
      );
      break;
    }
    case 'suspended':
      headline = (
        <>
          <div className="ow-clock__label">{t('clock.suspendedLabel')}</div>
          <div className="ow-clock__date ow-clock__date--paused">{t('clock.suspended')}</div>
          {clock.suspension && (
            <div className="ow-clock__reason">
              {t('clock.suspendedBecause', {
                reason: suspensionReasonText(clock.suspension.reason, lang, t('clock.reasonCorrection')),
                since: formatDay(clock.suspension.since, lang),
              })}
            </div>
          )}
          {clock.dueDate && <div className="ow-small ow-muted">{t('clock.suspendedDue', { date: formatDay(clock.dueDate, lang) })}</div>}
        </>
      );
      break;
    case 'ended':
      headline = (
        <>
          <div className="ow-clock__label">{c.phase === 'withdrawn' ? t('phase.withdrawn') : t('clock.endedLabel')}</div>
          <div className="ow-clock__date">{formatMoment(c.closedAt, lang)}</div>
          {c.dueDate && <div className="ow-small ow-muted">{t('clock.promisedWas', { date: formatDay(c.dueDate, lang) })}</div>}
        </>
      );
      break;
    case 'not_started':
      headline = (
        <>
          <div className="ow-clock__label">{t('clock.notStartedLabel')}</div>
          <div className="ow-clock__text">{t(`clock.notStarted.${c.phase === 'draft' || c.phase === 'awaiting_materials' || c.phase === 'refused' || c.phase === 'withdrawn' ? c.phase : 'submitted'}`)}</div>
          {clock.promisedDays > 0 && isOpen && <div className="ow-small ow-muted">{t('clock.willPromise', { count: clock.promisedDays })}</div>}
        </>
      );
      break;
  }
  return (
    <section className={`ow-panel ow-clock ow-clock--${clock.status} ow-clock--warn-${clock.warning}`} aria-labelledby="clock-title">
      <h2 id="clock-title" className="ow-visually-hidden">
        {t('clock.title')}
      </h2>
      {headline}
      {facts.length > 0 && (
        <dl className="ow-facts">
          {facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The notices that exist for the case now (cases.documents.ts decides the same way). */
function documentsOf(c: MyCaseDetail): CaseDocumentKind[] {
  const kinds: CaseDocumentKind[] = [];
  if (c.acceptedOn && c.materials.some((m) => m.status === 'received')) kinds.push('acceptance-notice');
  if (c.acceptedOn && c.clock.promisedDays > 0) kinds.push('time-limit-card');
  const isCorrection = c.phase === 'suspended' && c.clock.suspension?.reason === 'correction';
  const isOneTimeNotice = c.phase === 'awaiting_materials' && c.materials.some((m) => m.status === 'missing' || m.status === 'defective');
  if (isCorrection || isOneTimeNotice) kinds.push('correction-notice');
  if (c.phase === 'refused' && c.refusalReason) kinds.push('refusal-notice');
  return kinds;
}

function DocumentsPanel({ c }: { c: MyCaseDetail }) {
  const { t } = useTranslation('applicant');
  const kinds = documentsOf(c);
  if (kinds.length === 0) return null;
  return (
    <section className="ow-panel" aria-labelledby="docs-title">
      <h2 id="docs-title" className="ow-subtitle">
        {t('docs.title')}
      </h2>
      <ul className="ow-doc-list">
        {kinds.map((kind) => (
          <li key={kind}>
            <a href={caseDocumentUrl(c.id, kind)} target="_blank" rel="noopener" className="ow-doc-link">
              <FilePdfOutlined aria-hidden /> {t(`docs.${kind}`)}
              <span className="ow-muted ow-small"> PDF</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

const MATERIAL_STATUS_COLOURS: Record<MyCaseMaterialStatus, string> = {
  received: 'green',
  missing: 'red',
  defective: 'orange',
  not_applicable: 'default',
};

function MaterialsPanel({ c }: { c: MyCaseDetail }) {
  const { t } = useTranslation('applicant');
  // Online, a file is "received" by the bureau only once the window accepts; before that it is uploaded.
  const isBeforeAcceptance = c.channel === 'online' && !c.acceptedOn;
  return (
    <section className="ow-panel" aria-labelledby="materials-title">
      <h2 id="materials-title" className="ow-subtitle">
        {t('materials.title', { count: c.materials.length })}
      </h2>
      <ol className="ow-case-materials">
        {c.materials.map((m) => (
          <li key={m.id} className={`ow-case-material ow-case-material--${m.status}`}>
            <div className="ow-case-material__head">
              <span className="ow-case-material__name">{m.name}</span>
              <Tag color={MATERIAL_STATUS_COLOURS[m.status]}>{m.status === 'received' && isBeforeAcceptance ? t('materials.uploaded') : t(`materials.status.${m.status}`)}</Tag>
            </div>
            {m.note && <div className="ow-case-material__note">{m.note}</div>}
            {m.hasFile && (
              <a href={materialFileUrl(c.id, m.id)} target="_blank" rel="noopener" className="ow-small">
                <PaperClipOutlined aria-hidden /> {m.fileName ?? t('materials.file')}
              </a>
            )}
            {m.certificateNumber && <div className="ow-small ow-muted">{t('materials.certificate', { number: m.certificateNumber })}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}

const EVENT_COLOURS: Record<string, string> = {
  accepted: 'green',
  decided: 'green',
  closed: 'green',
  refused: 'red',
  refusal_reason: 'red',
  materials_requested: 'orange',
  correction_requested: 'orange',
  suspended: 'orange',
  withdrawn: 'gray',
  withdraw_reason: 'gray',
};

function TimelinePanel({ events }: { events: MyCaseEvent[] }) {
  const { t } = useTranslation('applicant');
  const { lang } = useLabels();
  const oldestFirst = [...events].sort((a, b) => (a.at === b.at ? a.id - b.id : a.at.localeCompare(b.at)));
  // "Completed the materials" means something only after a one-time notice; the server also records it when
  // a draft is first submitted.
  const told = oldestFirst.findIndex((e) => e.type === 'materials_requested');
  const newestFirst = oldestFirst.filter((e, i) => e.type !== 'materials_completed' || (told >= 0 && i > told)).reverse();
  return (
    <section className="ow-panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="ow-subtitle">
        {t('timeline.title')}
      </h2>
      {newestFirst.length === 0 ? (
        <p className="ow-muted">{t('timeline.empty')}</p>
      ) : (
        <Timeline
          className="ow-timeline"
          items={newestFirst.map((e) => ({
            key: e.id,
            color: EVENT_COLOURS[e.type] ?? 'blue',
            children: (
              <div className="ow-timeline__item">
                <time className="ow-timeline__time" dateTime={e.at}>
                  {formatMoment(e.at, lang)}
                </time>
                <div className="ow-timeline__text">{e.text}</div>
              </div>
            ),
          }))}
        />
      )}
    </section>
  );
}

/** The latest 补正 request: the materials the reviewer listed, at once (一次告知). */
function correctionItemsOf(c: MyCaseDetail): { name: string; note: string }[] {
  const request = [...c.events].reverse().find((e) => e.type === 'correction_requested');
  const items = request?.data.items;
  return Array.isArray(items) ? items.filter((i): i is { name: string; note: string } => typeof i === 'object' && i !== null && 'name' in i) : [];
}

function CorrectionPanel({ c, onSent }: { c: MyCaseDetail; onSent: () => void }) {
  const { t } = useTranslation('applicant');
  const send = useSendCorrection(c.id);
  const requested = correctionItemsOf(c);
  const listed = (m: MyCaseMaterial) => requested.some((r) => r.name === m.name || r.name.includes(m.name) || m.name.includes(r.name));
  const uploadable = c.materials.filter((m) => m.itemMaterialId);
  const matched = uploadable.filter(listed);
  const [showAll, setShowAll] = useState(matched.length === 0);
  const shown = showAll ? uploadable : matched;
  const [files, setFiles] = useState<Record<string, AttachedFile | null>>({});
  const [busy, setBusy] = useState(0);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const chosen = uploadable.filter((m) => files[m.id]?.sha256);
  const submit = () => {
    setProblem(null);
    if (busy > 0) return setProblem(t('upload.waitForUploads'));
    if (chosen.length === 0 && !note.trim()) return setProblem(t('correction.nothing'));
    send.mutate(
      {
        version: c.version,
        note: note.trim(),
        materials: chosen.map((m) => ({
          itemMaterialId: m.itemMaterialId!,
          status: 'received' as const,
          note: '',
          fileSha256: files[m.id]!.sha256!,
          fileName: files[m.id]!.fileName,
        })),
      },
      { onSuccess: onSent },
    );
  };

  return (
    <section className="ow-panel ow-panel--todo" aria-labelledby="correction-title">
      <h2 id="correction-title" className="ow-subtitle">
        {t('correction.title')}
      </h2>
      <p>{t('correction.lead')}</p>
      {requested.length > 0 && (
        <ul className="ow-todo-list">
          {requested.map((r, i) => (
            <li key={i}>
              <strong>{r.name}</strong>：{r.note}
            </li>
          ))}
        </ul>
      )}
      <p className="ow-small ow-muted">{t('upload.accepted')}</p>
      <ul className="ow-slot-list">
        {shown.map((m) => (
          <li key={m.id} className="ow-slot">
            <div className="ow-slot__name">{m.name}</div>
            <FileSlot
              materialName={m.name}
              value={files[m.id] ?? null}
              onChange={(value) => setFiles((prev) => ({ ...prev, [m.id]: value }))}
              onBusyChange={(isBusy) => setBusy((n) => n + (isBusy ? 1 : -1))}
              disabled={send.isPending}
            />
          </li>
        ))}
      </ul>
      {!showAll && uploadable.length > matched.length && (
        <Button type="link" onClick={() => setShowAll(true)} className="ow-more-link">
          {t('correction.showAll')}
        </Button>
      )}
      <label className="ow-field-label" htmlFor="correction-note">
        {t('correction.note')}
      </label>
      <Input.TextArea id="correction-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
      {(problem || send.isError) && (
        <Alert type="error" showIcon role="alert" className="ow-inline-alert" message={problem ?? conflictAware(send.error, t('conflict'))} />
      )}
      <Button type="primary" size="large" block className="ow-primary-action" onClick={submit} loading={send.isPending}>
        {t('correction.submit')}
      </Button>
    </section>
  );
}

function conflictAware(error: unknown, conflictText: string): string {
  return error instanceof ApiError && error.isConflict ? conflictText : errorMessage(error);
}

function WithdrawAction({ c }: { c: MyCaseDetail }) {
  const { t } = useTranslation('applicant');
  const withdraw = useWithdraw(c.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <section className="ow-panel ow-withdraw" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title" className="ow-subtitle">
        {t('withdraw.title')}
      </h2>
      <p className="ow-small ow-muted">{t('withdraw.lead')}</p>
      <Button danger block size="large" onClick={() => setOpen(true)}>
        {t('withdraw.open')}
      </Button>
      <Modal
        open={open}
        title={t('withdraw.confirmTitle', { name: c.itemName })}
        okText={t('withdraw.confirm')}
        cancelText={t('withdraw.cancel')}
        okButtonProps={{ danger: true, loading: withdraw.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        forceRender
      >
        <p>{t('withdraw.warning')}</p>
        {withdraw.isError && <Alert type="error" showIcon role="alert" className="ow-inline-alert" message={conflictAware(withdraw.error, t('conflict'))} />}
        <Form
          form={form}
          layout="vertical"
          name="withdraw"
          onFinish={(v) =>
            withdraw.mutate({ version: c.version, reason: v.reason.trim() }, { onSuccess: () => setOpen(false) })
          }
        >
          <Form.Item label={t('withdraw.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('withdraw.reasonRequired') }]}>
            <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}

function NextStep({ c }: { c: MyCaseDetail }) {
  const { t } = useTranslation('applicant');
  switch (c.phase) {
    case 'draft':
      return (
        <Alert
          type="info"
          showIcon
          className="ow-next"
          message={t('next.draft')}
          action={
            <Link to={`/my/cases/${c.id}/edit`} className="ow-next__link">
              {t('next.continueDraft')}
            </Link>
          }
        />
      );
    case 'awaiting_materials': {
      const listed = c.materials.filter((m) => m.status === 'missing' || m.status === 'defective');
      return (
        <Alert
          type="warning"
          showIcon
          className="ow-next"
          message={t('next.awaitingMaterials')}
          description={
            <>
              <ul className="ow-todo-list">
                {listed.map((m) => (
                  <li key={m.id}>
                    <strong>{m.name}</strong>（{t(`materials.status.${m.status}`)}）{m.note ? `：${m.note}` : ''}
                  </li>
                ))}
              </ul>
              <Link to={`/my/cases/${c.id}/edit`} className="ow-next__button">
                {t('next.completeMaterials')}
              </Link>
            </>
          }
        />
      );
    }
    case 'refused':
      return <Alert type="error" showIcon className="ow-next" message={t('next.refused')} description={c.refusalReason ?? undefined} />;
    case 'submitted':
    case 'in_progress':
    case 'suspended':
    case 'closed':
    case 'withdrawn':
      return null;
  }
}

function CaseProgress({ id }: { id: string }) {
  const { t } = useTranslation('applicant');
  const { t: tc } = useTranslation();
  const { lang } = useLabels();
  const query = useMyCase(id);
  const c = query.data;
  const [justCorrected, setJustCorrected] = useState(false);

  useEffect(() => {
    if (c) document.title = `${c.itemName} · ${t('progress.title')} · ${tc('app.name')}`;
  }, [c, t, tc]);

  return (
    <div className="ow-container ow-page ow-applicant">
      <nav className="ow-back" aria-label={t('progress.breadcrumb')}>
        <Link to="/my/cases">← {t('list.title')}</Link>
      </nav>
      {query.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} title={t('progress.notFound')} />}
      {c && (
        <>
          <header className="ow-panel ow-case-head">
            <p className="ow-case-head__kicker">{t('progress.title')}</p>
            <h1 className="ow-page__title ow-case-head__title">{c.itemName}</h1>
            <div className="ow-case-head__tags">
              <PhaseTag phase={c.phase} />
              <WarningTag warning={c.phase === 'in_progress' ? c.warning : 'none'} />
              <DecisionTag decision={c.decision} />
            </div>
            <dl className="ow-facts">
              <div className="ow-facts__wide">
                <dt>{t('progress.number')}</dt>
                <dd className="ow-mono">{c.number}</dd>
              </div>
              <div>
                <dt>{t('progress.item')}</dt>
                <dd>
                  <Link to={`/items/${encodeURIComponent(c.itemCode)}`}>{c.itemCode}</Link>
                </dd>
              </div>
              <div>
                <dt>{t('progress.appliedAt')}</dt>
                <dd>{formatMoment(c.createdAt, lang)}</dd>
              </div>
              <div>
                <dt>{t('progress.channel')}</dt>
                <dd>{c.channel === 'online' ? t('progress.online') : t('progress.window')}</dd>
              </div>
            </dl>
          </header>
          <NextStep c={c} />
          {c.phase === 'closed' && <CaseRating caseId={c.id} fromWindow={c.channel === 'window'} />}
          {justCorrected && c.phase === 'in_progress' && (
            <Alert type="success" showIcon role="status" className="ow-next" message={t('correction.sent')} closable onClose={() => setJustCorrected(false)} />
          )}
          {c.abilities.receiveCorrection && <CorrectionPanel key={c.version} c={c} onSent={() => setJustCorrected(true)} />}
          <ClockPanel c={c} />
          <DocumentsPanel c={c} />
          <TimelinePanel events={c.events} />
          <MaterialsPanel c={c} />
          {c.summary && (
            <section className="ow-panel" aria-labelledby="summary-title">
              <h2 id="summary-title" className="ow-subtitle">
                {t('apply.summary')}
              </h2>
              <p className="ow-pre">{c.summary}</p>
            </section>
          )}
          {c.abilities.withdraw && <WithdrawAction c={c} />}
        </>
      )}
    </div>
  );
}

export default function CaseProgressPage() {
  const { id = '' } = useParams();
  return <ApplicantGate>{() => <CaseProgress id={id} />}</ApplicantGate>;
}
