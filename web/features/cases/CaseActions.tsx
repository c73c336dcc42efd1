/**
 * What the signed-in user can do on a case now. For each open task of their role and section: 签收 first when
 * nobody has it; then, by the kind of task, 同意/退回/不同意 with a written opinion, 要求补正 (the clock stops),
 * 启动特别程序 (not counted, 第四十五条), 申请延期 (第四十二条, once); the leader's 延期审批 and the later
 * 承诺核查. On the case itself: 收到补正材料, 结束特别程序, 撤回 — as the case's abilities say.
 * Every action sends the version it read; a 409 reloads the case.
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Checkbox, Form, Input, Select, Space, Tag } from 'antd';
import { CheckOutlined, CloseOutlined, DeleteOutlined, PauseCircleOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SPECIAL_PROCEDURES, SPECIAL_PROCEDURE_LABELS, type SpecialProcedure } from '../../../common/process';
import { api, ApiError, errorMessage } from '../../api/client';
import type {
  CaseDetail,
  CompleteTaskBody,
  CorrectionBody,
  DecideExtensionBody,
  EndSpecialBody,
  ExtensionBody,
  ReceiveCorrectionBody,
  SpecialBody,
  TaskOutcome,
  TaskView,
  VerifyBody,
  WithdrawBody,
} from '../../api/cases.types';
import { FormModal } from '../../components/FormModal';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import { canWorkOnTask, isClaimedByOther, stageOf } from './cases.format';
import { useRefreshCases } from './cases.queries';
import { taskName } from './InboxPage';

type Dialog =
  | { kind: 'complete'; task: TaskView; outcome: TaskOutcome }
  | { kind: 'correction'; task: TaskView }
  | { kind: 'special'; task: TaskView }
  | { kind: 'extension'; task: TaskView }
  | { kind: 'extensionDecision'; task: TaskView; approve: boolean }
  | { kind: 'verify'; task: TaskView; confirmed: boolean }
  | { kind: 'receive' }
  | { kind: 'endSpecial' }
  | { kind: 'withdraw' };

interface OpinionForm {
  opinion: string;
}
interface CorrectionForm {
  items: { name: string; note: string }[];
  opinion: string;
}
interface SpecialForm {
  procedure: SpecialProcedure;
  note: string;
}
interface ReasonForm {
  reason: string;
}
interface ReceiveForm {
  materialIds: string[];
  note: string;
}
interface NoteForm {
  note: string;
}

/** What a stage task offers: its outcomes and whether the clock tools apply. */
function stageChoices(c: CaseDetail, task: TaskView) {
  const found = stageOf(c, task.key);
  const type = found?.stage.type ?? 'review';
  const first = (found?.stepIndex ?? 0) === 0;
  const afterDecision = type === 'certificate' || type === 'delivery';
  const outcomes: TaskOutcome[] = ['approve'];
  if (!first && !afterDecision) outcomes.push('return');
  if (!afterDecision && type !== 'special') outcomes.push('reject');
  const beforeDecision = type === 'review' || type === 'inspection';
  return {
    type,
    outcomes,
    isDecision: type === 'decision',
    // A stopped clock allows only a definition's own special stage to be finished.
    blockedBySuspension: c.phase === 'suspended' && type !== 'special',
    canCorrect: beforeDecision && c.phase === 'in_progress',
    canSpecial: (beforeDecision || type === 'decision') && c.phase === 'in_progress',
    canExtend: (beforeDecision || type === 'decision') && (c.phase === 'in_progress' || c.phase === 'suspended'),
  };
}

function lastEventData(c: CaseDetail, type: string): Record<string, unknown> | null {
  return [...c.events].reverse().find((e) => e.type === type)?.data ?? null;
}

export function CaseActions({ c, onReload }: { c: CaseDetail; onReload: () => void }) {
  const { t } = useTranslation('cases');
  const labels = useLabels();
  const { me, can } = useSession();
  const { message } = AntApp.useApp();
  const refresh = useRefreshCases();
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const mine = c.tasks.filter((task) => canWorkOnTask(me.account, task));
  const others = c.tasks.filter((task) => isClaimedByOther(me.account, task));
  const extensionUsed = c.tasks.some((task) => task.kind === 'extension_approval') || c.clock.extensionDays > 0;
  const { abilities } = c;
  const hasCaseActions = abilities.receiveCorrection || abilities.endSpecial || abilities.withdraw || abilities.continueIntake;

  const saved = () => {
    void message.success(t('case.actions.done'));
    setDialog(null);
    refresh();
    onReload();
  };
  /** A stale version (someone else acted first): say so, close the dialog and show the case as it is now. */
  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409) {
      if (err.isConflict) {
        void message.warning(t('common.conflict'));
        setDialog(null);
      }
      refresh();
      onReload();
    }
  };

  const claim = useMutation({
    mutationFn: (task: TaskView) => api.post<TaskView>(`/api/tasks/${task.id}/claim`, { version: task.version }),
    onSuccess: () => {
      void message.success(t('case.actions.claimed'));
      refresh();
      onReload();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) void message.warning(t('case.actions.claimConflict'));
      else void message.error(errorMessage(err));
      refresh();
      onReload();
    },
  });

  if (mine.length === 0 && others.length === 0 && !hasCaseActions) {
    return can('tasks.work') ? (
      <Card size="small" title={t('case.actions.title')}>
        <p className="ow-muted" style={{ margin: 0 }}>
          {t('case.actions.none')}
        </p>
      </Card>
    ) : null;
  }

  /** 同意/退回/不同意; at the decision step 准予许可/不予许可. */
  const outcomeLabel = (task: TaskView, outcome: TaskOutcome): string => {
    if (outcome !== 'return' && stageChoices(c, task).isDecision) return t(outcome === 'approve' ? 'case.actions.approveDecision' : 'case.actions.rejectDecision');
    return t(`case.actions.${outcome}`);
  };

  const taskButtons = (task: TaskView) => {
    if (task.assignee === null) {
      return (
        <>
          <Button type="primary" icon={<CheckOutlined />} loading={claim.isPending && claim.variables.id === task.id} onClick={() => claim.mutate(task)}>
            {t('case.actions.claim')}
          </Button>
          <span className="ow-muted ow-small">{t('case.actions.claimFirst')}</span>
        </>
      );
    }
    switch (task.kind) {
      case 'extension_approval':
        return (
          <>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog({ kind: 'extensionDecision', task, approve: true })}>
              {t('case.actions.approveExtension')}
            </Button>
            <Button danger icon={<CloseOutlined />} onClick={() => setDialog({ kind: 'extensionDecision', task, approve: false })}>
              {t('case.actions.denyExtension')}
            </Button>
          </>
        );
      case 'verification':
        return (
          <>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog({ kind: 'verify', task, confirmed: true })}>
              {t('case.actions.confirm')}
            </Button>
            <Button danger icon={<CloseOutlined />} onClick={() => setDialog({ kind: 'verify', task, confirmed: false })}>
              {t('case.actions.fail')}
            </Button>
          </>
        );
      case 'acceptance':
        return (
          <>
            <Link to={`/staff/intake?case=${encodeURIComponent(c.number)}`}>
              <Button type="primary">{t('case.actions.continueIntake')}</Button>
            </Link>
            <span className="ow-muted ow-small">{t('case.actions.acceptanceTask')}</span>
          </>
        );
      default: {
        const choice = stageChoices(c, task);
        if (choice.blockedBySuspension) {
          return (
            <>
              <span className="ow-muted">{t('case.actions.suspendedHint')}</span>
              {choice.canExtend && !extensionUsed && <Button onClick={() => setDialog({ kind: 'extension', task })}>{t('case.actions.extension')}</Button>}
            </>
          );
        }
        return (
          <>
            {choice.outcomes.map((outcome) => (
              <Button
                key={outcome}
                type={outcome === 'approve' ? 'primary' : 'default'}
                danger={outcome === 'reject'}
                icon={outcome === 'approve' ? <CheckOutlined /> : outcome === 'return' ? <RollbackOutlined /> : <CloseOutlined />}
                onClick={() => setDialog({ kind: 'complete', task, outcome })}
              >
                {outcomeLabel(task, outcome)}
              </Button>
            ))}
            {choice.canCorrect && <Button onClick={() => setDialog({ kind: 'correction', task })}>{t('case.actions.correction')}</Button>}
            {choice.canSpecial && (
              <Button icon={<PauseCircleOutlined />} onClick={() => setDialog({ kind: 'special', task })}>
                {t('case.actions.special')}
              </Button>
            )}
            {choice.canExtend && !extensionUsed && <Button onClick={() => setDialog({ kind: 'extension', task })}>{t('case.actions.extension')}</Button>}
          </>
        );
      }
    }
  };

  const current = dialog && 'task' in dialog ? dialog.task : null;
  const currentName = current ? taskName(current, labels.lang) : '';
  const extensionReason = String(lastEventData(c, 'extension_requested')?.reason ?? '');

  return (
    <Card size="small" title={t('case.actions.title')} className="ow-actions-card">
      {mine.map((task) => (
        <div key={task.id} className="ow-task-card">
          <div className="ow-task-card__head">
            <span className="ow-task-card__name">{taskName(task, labels.lang)}</span>
            <span className="ow-small">
              {task.unitName && <Tag>{task.unitName}</Tag>}
              {task.dueDate && t('case.actions.due', { date: task.dueDate })}
            </span>
          </div>
          <Space wrap>{taskButtons(task)}</Space>
        </div>
      ))}
      {others.map((task) => (
        <p key={task.id} className="ow-muted">
          {taskName(task, labels.lang)}：{t('case.actions.handledBy', { name: task.assignee?.name ?? '' })}
        </p>
      ))}
      {hasCaseActions && (
        <div className="ow-toolbar" style={{ marginBottom: 0 }}>
          <span className="ow-small ow-muted">{t('case.actions.caseLevel')}：</span>
          {abilities.continueIntake && !mine.some((task) => task.kind === 'acceptance') && (
            <Link to={`/staff/intake?case=${encodeURIComponent(c.number)}`}>
              <Button type="primary">{t('case.actions.continueIntake')}</Button>
            </Link>
          )}
          {abilities.receiveCorrection && (
            <Button type="primary" onClick={() => setDialog({ kind: 'receive' })}>
              {t('case.actions.receiveCorrection')}
            </Button>
          )}
          {abilities.endSpecial && <Button onClick={() => setDialog({ kind: 'endSpecial' })}>{t('case.actions.endSpecial')}</Button>}
          {abilities.withdraw && (
            <Button danger onClick={() => setDialog({ kind: 'withdraw' })}>
              {t('case.actions.withdraw')}
            </Button>
          )}
        </div>
      )}

      {/* 同意 / 退回 / 不同意, and the decision's 准予 / 不予 */}
      <FormModal<OpinionForm>
        name="complete-task"
        open={dialog?.kind === 'complete'}
        title={dialog?.kind === 'complete' ? t('case.actions.completeTitle', { task: currentName, outcome: outcomeLabel(dialog.task, dialog.outcome) }) : ''}
        okText={dialog?.kind === 'complete' ? outcomeLabel(dialog.task, dialog.outcome) : undefined}
        initialValues={{ opinion: '' }}
        intro={
          dialog?.kind === 'complete' && dialog.outcome !== 'approve' ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={
                dialog.outcome === 'return'
                  ? t('case.actions.returnHint')
                  : stageChoices(c, dialog.task).isDecision
                    ? t('case.actions.decisionRejectHint')
                    : t('case.actions.rejectHint')
              }
            />
          ) : undefined
        }
        onClose={() => setDialog(null)}
        onSaved={saved}
        onError={failed}
        onSubmit={(v) => {
          if (dialog?.kind !== 'complete') return Promise.resolve();
          const body: CompleteTaskBody = { version: dialog.task.version, outcome: dialog.outcome, opinion: v.opinion.trim() };
          return api.post<CaseDetail>(`/api/tasks/${dialog.task.id}/complete`, body);
        }}
      >
        <OpinionField label={t('case.actions.opinion')} placeholder={t('case.actions.opinionPlaceholder')} />
      </FormModal>

      {/* 要求补正 */}
      <CorrectionModal
        open={dialog?.kind === 'correction'}
        c={c}
        onClose={() => setDialog(null)}
        onSaved={saved}
        onError={failed}
        onSubmit={(v) => {
          if (dialog?.kind !== 'correction') return Promise.resolve();
          const body: CorrectionBody = { version: dialog.task.version, opinion: v.opinion.trim(), items: v.items.map((i) => ({ name: i.name.trim(), note: i.note.trim() })) };
          return api.post<CaseDetail>(`/api/tasks/${dialog.task.id}/correction`, body);
        }}
      />

      {/* 启动特别程序 */}
      <FormModal<SpecialForm>
        name="start-special"
        open={dialog?.kind === 'special'}
        title={t('case.actions.specialTitle')}
        okText={t('case.actions.specialOk')}
        initialValues={{ procedure: 'testing', note: '' }}
        intro={<Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('case.actions.specialIntro')} />}
        onClose={() => setDialog(null)}
        onSaved={saved}
        onError={failed}
        onSubmit={(v) => {
          if (dialog?.kind !== 'special') return Promise.resolve();
          const body: SpecialBody = { version: dialog.task.version, procedure: v.procedure, note: v.note.trim() };
          return api.post<CaseDetail>(`/api/tasks/${dialog.task.id}/special`, body);
        }}
      >
        <Form.Item name="procedure" label={t('case.actions.procedure')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={SPECIAL_PROCEDURES.map((p) => ({ value: p, label: SPECIAL_PROCEDURE_LABELS[p][labels.lang] }))} />
        </Form.Item>
        <Form.Item name="note" label={t('case.actions.specialNote')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('case.actions.specialNotePlaceholder')} />
        </Form.Item>
      </FormModal>

      {/* 申请延期 */}
      <FormModal<ReasonForm>
        name="request-extension"
        open={dialog?.kind === 'extension'}
        title={t('case.actions.extensionTitle')}
        okText={t('case.actions.extensionOk')}
        initialValues={{ reason: '' }}
        intro={<Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('case.actions.extensionIntro')} />}
        onClose={() => setDialog(null)}
        onSaved={saved}
        onError={failed}
        onSubmit={(v) => {
          if (dialog?.kind !== 'extension') return Promise.resolve();
          const body: ExtensionBody = { version: dialog.task.version, reason: v.reason.trim() };
          return api.post<CaseDetail>(`/api/tasks/${dialog.task.id}/extension`, body);
        }}
      >
        <Form.Item
          name="reason"
          label={t('case.actions.extensionReason')}
          extra={t('case.actions.extensionReasonHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </FormModal>

      {/* 延期审批 (局领导) */}
      <FormModal<OpinionForm>
        name="decide-extension"
        open={dialog?.kind === 'extensionDecision'}
        title={dialog?.kind === 'extensionDecision' ? `${currentName} · ${dialog.approve ? t('case.actions.approveExtension') : t('case.actions.denyExtension')}` : ''}
        okText={dialog?.kind === 'extensionDecision' ? (dialog.approve ? t('case.actions.approveExtension') : t('case.actions.denyExtension')) : undefined}
        initialValues={{ opinion: '' }}
        intro={
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('case.actions.extensionDecisionIntro', { reason: extensionReason || '—' })}
            description={t('case.actions.extensionIntro')}
          />
        }
        onClose={() => setDialog(null)}
        onSaved={saved}
        onError={failed}
        onSubmit={(v) => {
          if (dialog?.kind !== 'extensionDecision') return Promise.resolve();
          const body: DecideExtensionBody = { version: dialog.task.version, approve: dialog.approve, opinion: v.opinion.trim() };
          return api.post<CaseDetail>(`/api/tasks/${dialog.task.id}/extension-decision`, body);
        }}
      >
        <OpinionField label={t('case.actions.opinion')} />
      </FormModal>

      {/* 承诺核查 */}
      <FormModal<OpinionForm>
        name="verify-commitment"
        open={dialog?.kind === 'verify'}
        title={dialog?.kind === 'verify' ? `${currentName} · ${dialog.confirmed ? t('case.actions.confirm') : t('case.actions.fail')}` : ''}
        okText={dialog?.kind === 'verify' ? (dialog.confirmed ? t('case.actions.confirm') : t('case.actions.fail')) : undefined}
        initialValues={{ opinion: '' }}
        intro={<Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('case.actions.verificationIntro')} />}
        onClose={() => setDialog(null)}
        onSaved={saved}
        onError={failed}
        onSubmit={(v) => {
          if (dialog?.kind !== 'verify') return Promise.resolve();
          const body: VerifyBody = { version: dialog.task.version, confirmed: dialog.confirmed, opinion: v.opinion.trim() };
          return api.post<CaseDetail>(`/api/tasks/${dialog.task.id}/verification`, body);
        }}
      >
        <OpinionField label={t('case.actions.opinion')} />
      </FormModal>

      {/* 收到补正材料 */}
      <ReceiveCorrectionModal
        open={dialog?.kind === 'receive'}
        c={c}
        onClose={() => setDialog(null)}
        onSaved={saved}
        onError={failed}
        onSubmit={(v) => {
          const body: ReceiveCorrectionBody = {
            version: c.version,
            materials: v.materialIds.map((itemMaterialId) => ({ itemMaterialId, status: 'received' as const, note: '' })),
            note: (v.note ?? '').trim(),
          };
          return api.post<CaseDetail>(`/api/cases/${c.id}/correction`, body);
        }}
      />

      {/* 结束特别程序 */}
      <FormModal<NoteForm>
        name="end-special"
        open={dialog?.kind === 'endSpecial'}
        title={t('case.actions.endSpecialTitle')}
        okText={t('case.actions.endSpecialOk')}
        initialValues={{ note: '' }}
        onClose={() => setDialog(null)}
        onSaved={saved}
        onError={failed}
        onSubmit={(v) => {
          const body: EndSpecialBody = { version: c.version, note: v.note.trim() };
          return api.post<CaseDetail>(`/api/cases/${c.id}/special/end`, body);
        }}
      >
        <Form.Item name="note" label={t('case.actions.endSpecialNote')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </FormModal>

      {/* 撤回 */}
      <FormModal<ReasonForm>
        name="withdraw-case"
        open={dialog?.kind === 'withdraw'}
        title={t('case.actions.withdrawTitle')}
        okText={t('case.actions.withdrawOk')}
        initialValues={{ reason: '' }}
        intro={<Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('case.actions.withdrawIntro')} />}
        onClose={() => setDialog(null)}
        onSaved={saved}
        onError={failed}
        onSubmit={(v) => {
          const body: WithdrawBody = { version: c.version, reason: v.reason.trim() };
          return api.post<CaseDetail>(`/api/cases/${c.id}/withdraw`, body);
        }}
      >
        <Form.Item name="reason" label={t('case.actions.withdrawReason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

function OpinionField({ label, placeholder }: { label: string; placeholder?: string }) {
  const { t } = useTranslation('cases');
  return (
    <Form.Item name="opinion" label={label} rules={[{ required: true, whitespace: true, message: t('case.actions.opinionRequired') }]}>
      <Input.TextArea rows={4} maxLength={2000} showCount placeholder={placeholder} autoFocus />
    </Form.Item>
  );
}

interface ModalProps<T> {
  open: boolean;
  c: CaseDetail;
  onClose: () => void;
  onSaved: () => void;
  onError: (err: unknown) => void;
  onSubmit: (values: T) => Promise<unknown>;
}

/** 要求补正: every material to supplement or correct, at once, with quick picks from the case's materials. */
function CorrectionModal({ open, c, onClose, onSaved, onError, onSubmit }: ModalProps<CorrectionForm>) {
  const { t } = useTranslation('cases');
  return (
    <FormModal<CorrectionForm>
      name="request-correction"
      open={open}
      width={720}
      title={t('case.actions.correctionTitle')}
      okText={t('case.actions.correctionOk')}
      initialValues={{ items: [], opinion: '' }}
      intro={<Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('case.actions.correctionIntro')} />}
      onClose={onClose}
      onSaved={onSaved}
      onError={onError}
      onSubmit={onSubmit}
    >
      {(form) => (
        <>
          <Form.List
            name="items"
            rules={[
              {
                validator: async (_, items: unknown[] | undefined) => {
                  if (!items || items.length === 0) throw new Error(t('case.actions.itemsRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                <div className="ow-small" style={{ marginBottom: 6 }}>
                  {t('case.actions.quickPick')}
                </div>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: 12 }}>
                  {c.materials.map((m) => (
                    <Button
                      key={m.id}
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => {
                        const items = (form.getFieldValue('items') as CorrectionForm['items'] | undefined) ?? [];
                        if (!items.some((i) => i.name === m.name)) add({ name: m.name, note: '' });
                      }}
                    >
                      {m.name}
                    </Button>
                  ))}
                </div>
                <div className="ow-small" style={{ fontWeight: 600, marginBottom: 6 }}>
                  {t('case.actions.correctionItems')}
                </div>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" style={{ display: 'flex', marginBottom: 4 }} wrap>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('case.actions.itemName')} aria-label={`${t('case.actions.itemName')} ${index + 1}`} maxLength={120} style={{ width: 240 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'note']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={t('case.actions.itemNotePlaceholder')} aria-label={`${t('case.actions.itemNote')} ${index + 1}`} maxLength={300} style={{ width: 330 }} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('case.actions.removeItem', { n: index + 1 })} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', note: '' })} style={{ marginBottom: 8 }}>
                  {t('case.actions.addItem')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
          {/* Outside the list: a Form.Item inside Form.List's render would be named items.opinion. */}
          <Form.Item name="opinion" label={t('case.actions.correctionOpinion')} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginTop: 12 }}>
            <Input.TextArea rows={2} maxLength={2000} showCount />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

/** 收到补正材料: which of the case's materials came in, and a note; the clock runs again. */
function ReceiveCorrectionModal({ open, c, onClose, onSaved, onError, onSubmit }: ModalProps<ReceiveForm>) {
  const { t } = useTranslation('cases');
  const requested = useMemo(() => {
    const last = [...c.events].reverse().find((e) => e.type === 'correction_requested');
    const items = (last?.data.items as { name: string }[] | undefined) ?? [];
    return new Set(items.map((i) => i.name));
  }, [c.events]);
  const choosable = c.materials.filter((m) => m.itemMaterialId);
  const preselected = choosable.filter((m) => requested.has(m.name) || m.status === 'missing' || m.status === 'defective').map((m) => m.itemMaterialId ?? '');
  return (
    <FormModal<ReceiveForm>
      name="receive-correction"
      open={open}
      title={t('case.actions.receiveTitle')}
      okText={t('case.actions.receiveOk')}
      initialValues={{ materialIds: preselected, note: '' }}
      intro={<Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('case.actions.receiveIntro')} />}
      onClose={onClose}
      onSaved={onSaved}
      onError={onError}
      onSubmit={onSubmit}
    >
      <Form.Item name="materialIds" label={t('case.actions.receiveMaterials')}>
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={choosable.map((m) => ({ value: m.itemMaterialId ?? '', label: m.name }))} />
      </Form.Item>
      <Form.Item name="note" label={t('case.actions.receiveNote')}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
