/**
 * The outcome of an intake, always in view at the bottom of the page: 受理 (only when every required material is
 * received), 当场办结 (即办件), 出具一次性告知单 (when something is missing or wrong), 不予受理 (with a reason),
 * and the 承诺办理 box when the item's process allows it. Alt+S / Alt+J / Alt+G / Alt+B press the buttons,
 * Alt+A ticks every required material.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Modal, Space, Tooltip } from 'antd';
import { CheckCircleOutlined, FileExclamationOutlined, StopOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';

export type IntakeChoice = 'accept' | 'decide_now' | 'request_materials' | 'refuse';

const SHORTCUTS: Record<string, IntakeChoice | 'all_received'> = {
  KeyS: 'accept',
  KeyJ: 'decide_now',
  KeyG: 'request_materials',
  KeyB: 'refuse',
  KeyA: 'all_received',
};

export interface IntakeOutcomeBarProps {
  /** No item chosen yet: nothing can be decided. */
  ready: boolean;
  /** Names of required materials not received (受理 is blocked while any remain). */
  missingRequired: string[];
  /** Something is marked missing or defective (the one-time notice needs that). */
  hasDeficiency: boolean;
  /** 即办件: may be decided on the spot. */
  isInstant: boolean;
  allowsCommitment: boolean;
  /** A township clerk forwards instead of accepting. */
  canAccept?: boolean;
  busy: IntakeChoice | null;
  onChoose: (choice: Exclude<IntakeChoice, 'refuse'>) => void;
  /** Refusal with its reason; rejects with the server's error (shown in the dialog). */
  onRefuse: (reason: string) => Promise<unknown>;
  onAllReceived: () => void;
}

function Kbd({ k }: { k: string }) {
  return <kbd className="ow-kbd">Alt+{k}</kbd>;
}

export function IntakeOutcomeBar({
  ready,
  missingRequired,
  hasDeficiency,
  isInstant,
  allowsCommitment,
  canAccept = true,
  busy,
  onChoose,
  onRefuse,
  onAllReceived,
}: IntakeOutcomeBarProps) {
  const { t } = useTranslation('cases');
  const [refusing, setRefusing] = useState(false);
  const canAcceptNow = ready && canAccept && missingRequired.length === 0;
  const canNotify = ready && hasDeficiency;

  const handlers = useRef<Record<IntakeChoice | 'all_received', () => void>>({
    accept: () => undefined,
    decide_now: () => undefined,
    request_materials: () => undefined,
    refuse: () => undefined,
    all_received: () => undefined,
  });
  handlers.current = {
    accept: () => canAcceptNow && !busy && onChoose('accept'),
    decide_now: () => canAcceptNow && isInstant && !busy && onChoose('decide_now'),
    request_materials: () => canNotify && !busy && onChoose('request_materials'),
    refuse: () => ready && !busy && setRefusing(true),
    all_received: () => ready && onAllReceived(),
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const action = SHORTCUTS[e.code];
      if (!action) return;
      e.preventDefault();
      handlers.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  let hint: string | null = null;
  if (!ready) hint = t('intake.chooseItemFirst');
  else if (!canAccept) hint = t('intake.townshipNoAccept');
  else if (missingRequired.length > 0) hint = t('intake.acceptBlocked', { names: missingRequired.join('、') });
  else if (isInstant) hint = t('intake.decideNowHint');

  return (
    <div className="ow-sticky-actions ow-intake-outcomes" role="group" aria-label={t('intake.outcomes')}>
      {allowsCommitment && ready && (
        <Form.Item name="commitment" valuePropName="checked" style={{ marginBottom: 8 }} extra={t('intake.commitmentHint')}>
          <Checkbox>{t('intake.commitment')}</Checkbox>
        </Form.Item>
      )}
      <Space wrap size={8}>
        <Tooltip title={!canAcceptNow ? hint : undefined}>
          <Button
            type="primary"
            size="large"
            icon={<CheckCircleOutlined />}
            disabled={!canAcceptNow || (busy !== null && busy !== 'accept')}
            loading={busy === 'accept'}
            onClick={() => onChoose('accept')}
            aria-keyshortcuts="Alt+S"
          >
            {t('intake.accept')}
            <Kbd k="S" />
          </Button>
        </Tooltip>
        {isInstant && (
          <Button
            size="large"
            icon={<ThunderboltOutlined />}
            disabled={!canAcceptNow || (busy !== null && busy !== 'decide_now')}
            loading={busy === 'decide_now'}
            onClick={() => onChoose('decide_now')}
            aria-keyshortcuts="Alt+J"
          >
            {t('intake.decideNow')}
            <Kbd k="J" />
          </Button>
        )}
        <Tooltip title={ready && !hasDeficiency ? t('intake.requestBlocked') : undefined}>
          <Button
            size="large"
            icon={<FileExclamationOutlined />}
            disabled={!canNotify || (busy !== null && busy !== 'request_materials')}
            loading={busy === 'request_materials'}
            onClick={() => onChoose('request_materials')}
            aria-keyshortcuts="Alt+G"
          >
            {t('intake.requestMaterials')}
            <Kbd k="G" />
          </Button>
        </Tooltip>
        <Button
          size="large"
          danger
          icon={<StopOutlined />}
          disabled={!ready || (busy !== null && busy !== 'refuse')}
          loading={busy === 'refuse'}
          onClick={() => setRefusing(true)}
          aria-keyshortcuts="Alt+B"
        >
          {t('intake.refuse')}
          <Kbd k="B" />
        </Button>
      </Space>
      {hint && (
        <p className="ow-intake-hint" aria-live="polite">
          {hint}
        </p>
      )}
      <RefuseDialog open={refusing} onClose={() => setRefusing(false)} onRefuse={onRefuse} />
    </div>
  );
}

function RefuseDialog({ open, onClose, onRefuse }: { open: boolean; onClose: () => void; onRefuse: (reason: string) => Promise<unknown> }) {
  const { t } = useTranslation('cases');
  const [form] = Form.useForm<{ refusalReason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);
  const submit = async ({ refusalReason }: { refusalReason: string }) => {
    setSaving(true);
    setError(null);
    try {
      await onRefuse(refusalReason.trim());
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('intake.refuseTitle')}
      okText={t('intake.refuseOk')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('intake.refuseIntro')} />
      {Boolean(error) && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={errorMessage(error)} />}
      <Form form={form} layout="vertical" name="refuse" onFinish={(v) => void submit(v)} disabled={saving}>
        <Form.Item
          label={t('intake.refuseReason')}
          name="refusalReason"
          extra={t('intake.refuseReasonHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
