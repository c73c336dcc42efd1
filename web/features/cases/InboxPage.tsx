/**
 * 待办: the tasks of my role and section — those I claimed, those I may claim, or all — with the step's due date
 * in colour (red overdue, orange within two working days). 签收 takes a task with its version (409 when someone
 * was faster); 办理 opens the case. Refreshes every 30 s.
 */
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client';
import type { InboxItem, InboxView, TaskView } from '../../api/cases.types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { ToggleButtons } from '../../components/ToggleButtons';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import { formatInstant } from '../identity/identity.queries';
import { DueDate } from './CaseBits';
import { useDueSoonLine, useInbox, useRefreshCases } from './cases.queries';
import './cases.css';

const VIEWS: InboxView[] = ['mine', 'available', 'all'];

/** The task's name in the UI language. */
export function taskName(task: Pick<TaskView, 'name' | 'nameEn'>, lang: 'zh' | 'en'): string {
  return lang === 'en' ? task.nameEn || task.name : task.name;
}

export function InboxPage() {
  const { t } = useTranslation('cases');
  const { t: tc } = useTranslation('console');
  const labels = useLabels();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const view: InboxView = VIEWS.find((v) => v === params.get('view')) ?? 'all';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const pageSize = 20;
  const inbox = useInbox(view, pageSize, (page - 1) * pageSize);
  const soonLine = useDueSoonLine();
  const refresh = useRefreshCases();

  const claim = useMutation({
    mutationFn: (task: TaskView) => api.post<TaskView>(`/api/tasks/${task.id}/claim`, { version: task.version }),
    onSuccess: () => {
      void message.success(t('tasks.claimed'));
      refresh();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) void message.warning(t('tasks.claimConflict'));
      else void message.error(errorMessage(err));
      refresh();
    },
  });

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<InboxItem> = [
    { title: t('tasks.due'), key: 'due', width: 125, render: (_, r) => <DueDate date={r.task.dueDate} soonLine={soonLine.data} /> },
    {
      title: t('tasks.number'),
      key: 'number',
      width: 185,
      render: (_, r) => (
        <Link className="ow-mono ow-nowrap" to={`/staff/cases/${r.case.id}`}>
          {r.case.number}
        </Link>
      ),
    },
    { title: t('tasks.item'), key: 'item', render: (_, r) => <span title={r.case.itemCode}>{r.case.itemName}</span> },
    {
      title: t('tasks.applicant'),
      key: 'applicant',
      width: 180,
      responsive: ['lg'],
      render: (_, r) => (
        <>
          {r.case.applicantName}
          <div className="ow-small ow-muted ow-mono">{r.case.applicantIdMasked}</div>
        </>
      ),
    },
    { title: t('tasks.task'), key: 'task', width: 120, render: (_, r) => <strong>{taskName(r.task, labels.lang)}</strong> },
    { title: t('tasks.unit'), key: 'unit', width: 120, responsive: ['xxl'], render: (_, r) => r.task.unitName ?? '—' },
    {
      title: t('tasks.assignee'),
      key: 'assignee',
      width: 110,
      responsive: ['md'],
      render: (_, r) =>
        r.task.assignee ? (
          r.task.assignee.id === me.account.id ? <Tag color="blue">{t('tasks.me')}</Tag> : r.task.assignee.name
        ) : (
          <Tag>{t('tasks.unassigned')}</Tag>
        ),
    },
    {
      title: tc('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, r) => (
        <Space size={4}>
          {!r.task.assignee && (
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              loading={claim.isPending && claim.variables.id === r.task.id}
              onClick={() => claim.mutate(r.task)}
              aria-label={t('tasks.claimOf', { number: r.case.number, task: taskName(r.task, labels.lang) })}
            >
              {t('tasks.claim')}
            </Button>
          )}
          <Button
            size="small"
            icon={<RightOutlined />}
            onClick={() => void navigate(`/staff/cases/${r.case.id}`)}
            aria-label={t('tasks.handleOf', { number: r.case.number })}
          >
            {t('tasks.handle')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="ow-case-list-page">
      <PageHeader
        title={t('tasks.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void inbox.refetch()} loading={inbox.isFetching}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="ow-toolbar" style={{ marginBottom: 0, justifyContent: 'space-between' }}>
          <ToggleButtons<InboxView>
            size="middle"
            label={t('tasks.viewLabel')}
            value={view}
            options={VIEWS.map((v) => ({ value: v, label: t(`tasks.view.${v}`) }))}
            onChange={(v) => set({ view: v === 'all' ? null : v })}
          />
          <div className="ow-legend-inline">
            <span style={{ color: '#cf1322' }}>■ {t('tasks.legendOverdue')}</span>
            <span style={{ color: '#d46b08' }}>■ {t('tasks.legendSoon')}</span>
            {inbox.dataUpdatedAt > 0 && (
              <span className="ow-muted" aria-live="off">
                {t('tasks.autoRefresh', { time: formatInstant(new Date(inbox.dataUpdatedAt).toISOString(), labels.lang).slice(-8) })}
              </span>
            )}
          </div>
        </div>
      </Card>
      {inbox.isError ? (
        <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : (
        <Card size="small">
          <Table<InboxItem>
            rowKey={(r) => r.task.id}
            size="middle"
            columns={columns}
            dataSource={inbox.data?.items ?? []}
            loading={inbox.isPending}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t(`tasks.empty.${view}`) }}
            onRow={(r) => ({ onDoubleClick: () => void navigate(`/staff/cases/${r.case.id}`) })}
            pagination={{
              current: page,
              pageSize,
              total: inbox.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              showTotal: (total) => tc('common.total', { count: total }),
              onChange: (p) => set({ page: p > 1 ? String(p) : null }),
            }}
          />
        </Card>
      )}
    </div>
  );
}
