/**
 * 窗口叫号 (/staff/queue): the clerk's calling panel. The ticket being served in large type (number, masked
 * name, item, 预约 or 取号, how long it waited and has been served), the five actions — 下一位 (finishes the
 * current ticket and calls the next), 重呼, 过号, 办结, 转移 — each on one key, and the zone's queue and the
 * window's day. Refreshes every few seconds; a refused action (409) shows the server's reason.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { App as AntApp, Alert, Button, Card, Descriptions, Form, Radio, Select, Space, Statistic, Tag } from 'antd';
import { CheckOutlined, ForwardOutlined, SoundOutlined, StepForwardOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { TICKET_CHANNEL_LABELS, TICKET_STATE_LABELS } from '../../../common/hall';
import { errorMessage } from '../../api/client';
import type { QueueTicket, WindowState } from '../../api/hall-staff.types';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading } from '../../components/States';
import { shanghaiClock, useWindowAction, useWindowState, WINDOW_REFRESH_MS, type WindowAction } from './hall.staff-api';
import './hall-staff.css';

type Command = 'next' | 'recall' | 'skip' | 'complete' | 'transfer';

/** One key per action, pressed without modifiers (the clerk's other hand is on the mouse or the ID reader). */
const KEYS: Record<string, Command> = { KeyN: 'next', KeyR: 'recall', KeyS: 'skip', KeyC: 'complete', KeyT: 'transfer' };
const KEY_OF: Record<Command, string> = { next: 'N', recall: 'R', skip: 'S', complete: 'C', transfer: 'T' };

interface TransferForm {
  target: 'zone' | 'window';
  zoneCode?: string;
  windowId?: string;
}

/** The current time, advanced every `everyMs` so that durations on screen keep up. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

function minutesBetween(fromIso: string, to: number): number {
  return Math.max(0, Math.floor((to - new Date(fromIso).getTime()) / 60_000));
}

function CurrentTicket({ ticket, now }: { ticket: QueueTicket; now: number }) {
  const { t, i18n } = useTranslation('hallStaff');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const booked = ticket.channel === 'appointment';
  const calledAt = ticket.calledAt ? new Date(ticket.calledAt).getTime() : now;
  return (
    <div className="ow-queue-current">
      <div className="ow-queue-current__head">
        <span className="ow-queue-number" data-testid="current-number">
          {ticket.number}
        </span>
        <Space size={4} wrap>
          <Tag color={booked ? 'green' : 'blue'} className="ow-queue-channel">
            {booked ? t('queue.booked') : t('queue.walkIn')}
          </Tag>
          <Tag>{TICKET_STATE_LABELS[ticket.state][lang]}</Tag>
        </Space>
      </div>
      <Descriptions
        column={{ xs: 1, sm: 2, lg: 3 }}
        size="small"
        className="ow-queue-facts"
        items={[
          { key: 'name', label: t('queue.name'), children: <strong className="ow-queue-name">{ticket.name || t('queue.noName')}</strong> },
          { key: 'item', label: t('queue.item'), children: ticket.itemName ?? <span className="ow-muted">{t('queue.noItem')}</span> },
          { key: 'channel', label: t('queue.channel'), children: TICKET_CHANNEL_LABELS[ticket.channel][lang] },
          { key: 'issued', label: t('queue.issuedAt'), children: shanghaiClock(ticket.issuedAt) },
          { key: 'waited', label: t('queue.waited'), children: t('minutes', { count: minutesBetween(ticket.issuedAt, calledAt) }) },
          { key: 'serving', label: t('queue.serving'), children: ticket.calledAt ? t('minutes', { count: minutesBetween(ticket.calledAt, now) }) : '—' },
          { key: 'calls', label: t('queue.calls'), children: ticket.callCount },
        ]}
      />
    </div>
  );
}

function ActionButton({
  command,
  icon,
  label,
  onPress,
  disabled,
  loading,
  primary,
  danger,
}: {
  command: Command;
  icon: ReactNode;
  label: string;
  onPress: () => void;
  disabled: boolean;
  loading: boolean;
  primary?: boolean;
  danger?: boolean;
}) {
  return (
    <Button
      size="large"
      type={primary ? 'primary' : 'default'}
      danger={danger}
      icon={icon}
      disabled={disabled}
      loading={loading}
      onClick={onPress}
      aria-keyshortcuts={KEY_OF[command]}
      className="ow-queue-action"
    >
      {label}
      <kbd className="ow-queue-kbd">{KEY_OF[command]}</kbd>
    </Button>
  );
}

function TransferDialog({ state, open, onClose, onDone }: { state: WindowState; open: boolean; onClose: () => void; onDone: (number: string) => void }) {
  const { t } = useTranslation('hallStaff');
  const act = useWindowAction();
  const current = state.current;
  const windowGroups = state.zones
    .map((z) => ({
      label: z.name,
      options: state.windows.filter((w) => w.zoneCode === z.code).map((w) => ({ value: w.id, label: `${w.code} ${w.name}` })),
    }))
    .filter((g) => g.options.length > 0);
  return (
    <FormModal<TransferForm>
      open={open}
      name="transfer"
      title={t('queue.transferTitle', { number: current?.number ?? '' })}
      intro={<p className="ow-muted">{t('queue.transferIntro')}</p>}
      okText={t('queue.transferOk')}
      initialValues={{ target: 'zone' }}
      onClose={onClose}
      onSubmit={async (v) => {
        if (!current) return;
        const body = v.target === 'zone' ? { version: current.version, zoneCode: v.zoneCode } : { version: current.version, windowId: v.windowId };
        await act.mutateAsync({ kind: 'transfer', ticketId: current.id, body });
        onDone(current.number);
      }}
    >
      {(form) => (
        <>
          <Form.Item name="target" label={t('queue.target')}>
            <Radio.Group
              onChange={() => form.setFields([{ name: 'zoneCode', errors: [] }, { name: 'windowId', errors: [] }])}
              options={[
                { value: 'zone', label: t('queue.toZone') },
                { value: 'window', label: t('queue.toWindow') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.target !== b.target}>
            {() =>
              form.getFieldValue('target') === 'window' ? (
                <Form.Item name="windowId" label={t('queue.window')} rules={[{ required: true }]}>
                  <Select showSearch optionFilterProp="label" options={windowGroups} />
                </Form.Item>
              ) : (
                <Form.Item name="zoneCode" label={t('queue.zone')} rules={[{ required: true }]}>
                  <Select options={state.zones.filter((z) => z.code !== state.zone.code).map((z) => ({ value: z.code, label: `${z.prefix} · ${z.name}` }))} />
                </Form.Item>
              )
            }
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export default function QueueWindowPage() {
  const { t } = useTranslation('hallStaff');
  const { message } = AntApp.useApp();
  const query = useWindowState();
  const act = useWindowAction();
  const now = useNow(10_000);
  const [failure, setFailure] = useState<unknown>(null);
  const [transferring, setTransferring] = useState(false);
  const state = query.data;
  const current = state?.current ?? null;

  const run = (action: WindowAction, success: (next: WindowState) => void) => {
    if (act.isPending) return;
    setFailure(null);
    act.mutate(action, { onSuccess: success, onError: setFailure });
  };

  const commands: Record<Command, () => void> = {
    next: () =>
      run({ kind: 'next' }, (next) => {
        if (next.current) void message.success(t('queue.called', { number: next.current.number }));
        else void message.info(t('queue.emptyZone'));
      }),
    recall: () => current && run({ kind: 'recall', ticketId: current.id, version: current.version }, () => void message.success(t('queue.recalled', { number: current.number }))),
    skip: () => current && run({ kind: 'skip', ticketId: current.id, version: current.version }, () => void message.success(t('queue.skipped', { number: current.number }))),
    complete: () => current && run({ kind: 'complete', ticketId: current.id, version: current.version }, () => void message.success(t('queue.completed', { number: current.number }))),
    transfer: () => {
      if (!current) return;
      setFailure(null);
      setTransferring(true);
    },
  };

  // The keys read the latest commands and state through a ref; the listener is installed once.
  const keys = useRef({ commands, blocked: transferring });
  keys.current = { commands, blocked: transferring };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.repeat || keys.current.blocked) return;
      const command = KEYS[e.code];
      if (!command) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], .ant-modal, .ant-select')) return;
      e.preventDefault();
      keys.current.commands[command]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (query.isPending) return <PageLoading />;
  if (!state) {
    return (
      <>
        <PageHeader title={t('queue.title')} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }

  const busy = act.isPending ? act.variables?.kind : undefined;
  const cannotAct = !current || act.isPending;
  return (
    <>
      <PageHeader title={t('queue.title')} extra={<span className="ow-muted ow-small">{t('queue.refreshed', { seconds: WINDOW_REFRESH_MS / 1000, time: shanghaiClock(new Date(query.dataUpdatedAt).toISOString()) })}</span>}>
        <p className="ow-muted" style={{ margin: 0 }}>
          {t('queue.subtitle', { window: `${state.window.code} ${state.window.name}`, zone: state.zone.name })}
        </p>
      </PageHeader>
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      <div className="ow-queue-stats">
        <Card size="small">
          <Statistic title={`${t('queue.waiting')} · ${state.zone.name}`} value={state.waiting} suffix={t('queue.persons')} valueStyle={{ color: state.waiting > 0 ? '#0958d9' : undefined }} />
        </Card>
        <Card size="small">
          <Statistic title={t('queue.servedToday')} value={state.servedToday} suffix={t('queue.persons')} />
        </Card>
        <Card size="small">
          <Statistic title={t('queue.avgService')} value={state.avgServiceMinutes ?? '—'} suffix={state.avgServiceMinutes === null ? undefined : t('queue.minutesUnit')} />
        </Card>
      </div>
      <Card title={t('queue.current')} className="ow-queue-card">
        <div aria-live="polite" aria-atomic="true">
          {current ? (
            <CurrentTicket ticket={current} now={now} />
          ) : (
            <div className="ow-queue-idle">
              <div className="ow-queue-idle__title">{t('queue.none')}</div>
              <div className="ow-muted">{state.waiting > 0 ? t('queue.noneHint') : t('queue.emptyZone')}</div>
            </div>
          )}
        </div>
        {Boolean(failure) && (
          <Alert type="error" showIcon role="alert" className="ow-queue-failure" message={t('queue.failed')} description={errorMessage(failure)} closable onClose={() => setFailure(null)} />
        )}
        <div className="ow-queue-actions" role="group" aria-label={t('queue.actions')}>
          <ActionButton command="next" primary icon={<StepForwardOutlined />} label={t('queue.next')} onPress={commands.next} disabled={act.isPending && busy !== 'next'} loading={busy === 'next'} />
          <ActionButton command="recall" icon={<SoundOutlined />} label={t('queue.recall')} onPress={commands.recall} disabled={cannotAct} loading={busy === 'recall'} />
          <ActionButton command="skip" danger icon={<ForwardOutlined />} label={t('queue.skip')} onPress={commands.skip} disabled={cannotAct} loading={busy === 'skip'} />
          <ActionButton command="complete" icon={<CheckOutlined />} label={t('queue.complete')} onPress={commands.complete} disabled={cannotAct} loading={busy === 'complete'} />
          <ActionButton command="transfer" icon={<SwapOutlined />} label={t('queue.transfer')} onPress={commands.transfer} disabled={cannotAct} loading={busy === 'transfer'} />
        </div>
        <p className="ow-muted ow-small" style={{ margin: '12px 0 0' }}>
          {t('queue.shortcuts')}
        </p>
      </Card>
      <TransferDialog
        state={state}
        open={transferring}
        onClose={() => setTransferring(false)}
        onDone={(number) => void message.success(t('queue.transferred', { number }))}
      />
    </>
  );
}
