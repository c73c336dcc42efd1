/**
 * 我的办件: the applicant's own cases (GET /api/cases answers only theirs) as cards that read on a phone —
 * phase, promised completion date, deadline warning, what to do next — and their notifications (消息) with
 * the unread count, each marked read when opened.
 */
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Badge, Button, Pagination, Skeleton } from 'antd';
import { BellOutlined, CalendarOutlined, FileAddOutlined, RightOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../api/types';
import type { MyCaseSummary, MyNotification } from '../../api/applicant.types';
import { EmptyState, ErrorState } from '../../components/States';
import { ToggleButtons } from '../../components/ToggleButtons';
import { useLabels } from '../../i18n/labels';
import { ApplicantGate, useSignOut } from './ApplicantGate';
import { DecisionTag, needsApplicant, PhaseTag, WarningTag } from './CaseBits';
import { useMarkRead, useMyCases, useNotifications } from './applicant.api';
import { formatDay, formatMoment } from './applicant.format';
import './applicant.css';

type View = 'cases' | 'messages';
type Filter = 'all' | 'active' | 'done';
const FILTER_PHASES: Record<Filter, string | undefined> = {
  all: undefined,
  active: 'draft,submitted,awaiting_materials,in_progress,suspended',
  done: 'closed,refused,withdrawn',
};
const PAGE_SIZE = 10;

function CaseCard({ c }: { c: MyCaseSummary }) {
  const { t } = useTranslation('applicant');
  const { lang } = useLabels();
  const to = needsApplicant(c.phase) ? `/my/cases/${c.id}/edit` : `/my/cases/${c.id}`;
  let dateLine: string;
  switch (c.phase) {
    case 'in_progress':
    case 'suspended':
      dateLine = t('list.due', { date: formatDay(c.dueDate, lang) });
      break;
    case 'closed':
    case 'refused':
    case 'withdrawn':
      dateLine = t('list.closedAt', { date: formatMoment(c.closedAt ?? c.createdAt, lang) });
      break;
    case 'draft':
    case 'submitted':
    case 'awaiting_materials':
      dateLine = t('list.createdAt', { date: formatMoment(c.createdAt, lang) });
      break;
  }
  return (
    <li className={`ow-case-card ow-case-card--${c.warning}`}>
      <div className="ow-case-card__head">
        <Link to={`/my/cases/${c.id}`} className="ow-case-card__name">
          {c.itemName}
        </Link>
        <span className="ow-case-card__tags">
          <PhaseTag phase={c.phase} />
          <WarningTag warning={c.phase === 'in_progress' ? c.warning : 'none'} />
          <DecisionTag decision={c.decision} />
        </span>
      </div>
      <div className="ow-case-card__meta">
        <span className="ow-mono">{c.number}</span>
        <span>{dateLine}</span>
      </div>
      {needsApplicant(c.phase) ? (
        <Link to={to} className="ow-case-card__action is-todo">
          {c.phase === 'draft' ? t('list.continueDraft') : t('list.completeMaterials')} <RightOutlined aria-hidden />
        </Link>
      ) : (
        <Link to={to} className="ow-case-card__action" aria-label={t('list.progressOf', { name: c.itemName, number: c.number })}>
          {t('list.progress')} <RightOutlined aria-hidden />
        </Link>
      )}
    </li>
  );
}

function CaseList() {
  const { t } = useTranslation('applicant');
  const [params, setParams] = useSearchParams();
  const filter = (['all', 'active', 'done'] as const).find((f) => f === params.get('filter')) ?? 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const cases = useMyCases({ phase: FILTER_PHASES[filter], limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  const set = (values: Record<string, string | null>) => {
    const nextParams = new URLSearchParams(params);
    for (const [key, value] of Object.entries(values)) {
      if (value === null) nextParams.delete(key);
      else nextParams.set(key, value);
    }
    setParams(nextParams, { replace: true });
  };

  return (
    <section aria-labelledby="my-cases-title">
      <h2 id="my-cases-title" className="ow-visually-hidden">
        {t('list.title')}
      </h2>
      <ToggleButtons<Filter>
        size="small"
        className="ow-filter-switch"
        label={t('list.filterLabel')}
        value={filter}
        onChange={(value) => set({ filter: value === 'all' ? null : value, page: null })}
        options={[
          { value: 'all', label: t('list.filter.all') },
          { value: 'active', label: t('list.filter.active') },
          { value: 'done', label: t('list.filter.done') },
        ]}
      />
      {cases.isPending && <Skeleton active paragraph={{ rows: 5 }} />}
      {cases.isError && <ErrorState error={cases.error} onRetry={() => void cases.refetch()} />}
      {cases.data && cases.data.items.length === 0 && (
        <EmptyState description={filter === 'all' ? t('list.empty') : t('list.emptyFiltered')}>
          <Link to="/items?isOnline=true">{t('list.findItems')}</Link>
        </EmptyState>
      )}
      {cases.data && cases.data.items.length > 0 && (
        <>
          <p className="ow-muted ow-small" aria-live="polite">
            {t('list.total', { count: cases.data.total })}
          </p>
          <ul className="ow-case-list" aria-busy={cases.isFetching}>
            {cases.data.items.map((c) => (
              <CaseCard key={c.id} c={c} />
            ))}
          </ul>
          {cases.data.total > PAGE_SIZE && (
            <Pagination
              className="ow-pagination"
              simple
              current={page}
              pageSize={PAGE_SIZE}
              total={cases.data.total}
              onChange={(p) => set({ page: p === 1 ? null : String(p) })}
            />
          )}
        </>
      )}
    </section>
  );
}

function NotificationItem({ n }: { n: MyNotification }) {
  const { t } = useTranslation('applicant');
  const { lang } = useLabels();
  const markRead = useMarkRead();
  const isUnread = !n.readAt;
  return (
    <li className={`ow-notice${isUnread ? ' is-unread' : ''}`}>
      <div className="ow-notice__head">
        {isUnread && <Badge status="processing" text={<span className="ow-visually-hidden">{t('messages.unread')}</span>} />}
        <span className="ow-notice__title">{n.title}</span>
      </div>
      <p className="ow-notice__body">{n.body}</p>
      <div className="ow-notice__foot">
        <span className="ow-muted ow-small">{formatMoment(n.createdAt, lang)}</span>
        <span className="ow-notice__actions">
          {n.caseId && (
            <Link to={`/my/cases/${n.caseId}`} onClick={() => isUnread && markRead.mutate(n.id)}>
              {t('messages.openCase')}
            </Link>
          )}
          {isUnread && (
            <Button size="small" onClick={() => markRead.mutate(n.id)} loading={markRead.isPending} aria-label={t('messages.markReadOf', { title: n.title })}>
              {t('messages.markRead')}
            </Button>
          )}
        </span>
      </div>
    </li>
  );
}

function Notifications() {
  const { t } = useTranslation('applicant');
  const notifications = useNotifications();
  const markRead = useMarkRead();
  if (notifications.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (notifications.isError) return <ErrorState error={notifications.error} onRetry={() => void notifications.refetch()} />;
  const { items, unread } = notifications.data;
  const unreadItems = items.filter((n) => !n.readAt);
  return (
    <section aria-labelledby="my-messages-title">
      <div className="ow-section-head">
        <h2 id="my-messages-title" className="ow-subtitle">
          {t('messages.title')} <span className="ow-muted ow-small">{t('messages.unreadCount', { count: unread })}</span>
        </h2>
        {unreadItems.length > 1 && (
          <Button
            size="small"
            loading={markRead.isPending}
            onClick={() => {
              void Promise.all(unreadItems.map((n) => markRead.mutateAsync(n.id))).catch(() => {});
            }}
          >
            {t('messages.markAllRead')}
          </Button>
        )}
      </div>
      {items.length === 0 ? (
        <EmptyState description={t('messages.empty')} />
      ) : (
        <ul className="ow-notice-list">
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MyCases({ me }: { me: MeResponse }) {
  const { t } = useTranslation('applicant');
  const { t: tc } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'messages' ? 'messages' : 'cases';
  const notifications = useNotifications();
  const signOut = useSignOut();
  const unread = notifications.data?.unread ?? 0;

  useEffect(() => {
    document.title = `${t('list.title')} · ${tc('app.name')}`;
  }, [t, tc]);

  return (
    <div className="ow-container ow-page ow-applicant">
      <div className="ow-my-head">
        <div>
          <h1 className="ow-page__title">{t('list.title')}</h1>
          <p className="ow-muted ow-my-head__who">
            {t('list.hello', { name: me.account.displayName })}
            <span className="ow-small"> · {me.account.subjectKind === 'enterprise' ? t('register.kind.enterprise') : t('register.kind.person')}</span>
          </p>
          <Link to="/my/certificates" className="ow-my-head__certificates">
            <SafetyCertificateOutlined aria-hidden /> {tc('nav.myCertificates')}
          </Link>
          <Link to="/my/appointments" className="ow-my-head__certificates">
            <CalendarOutlined aria-hidden /> {tc('nav.myAppointments')}
          </Link>
        </div>
        <Button onClick={() => signOut.mutate()} loading={signOut.isPending}>
          {t('signOut')}
        </Button>
      </div>
      <div className="ow-my-tabs">
        <ToggleButtons<View>
          size="middle"
          className="ow-view-switch"
          label={t('list.viewLabel')}
          value={view}
          onChange={(value) => setParams(value === 'messages' ? { view: 'messages' } : {}, { replace: true })}
          options={[
            { value: 'cases', label: t('list.tabCases') },
            { value: 'messages', label: unread > 0 ? t('list.tabMessagesUnread', { count: unread }) : t('list.tabMessages') },
          ]}
        />
        {unread > 0 && view === 'cases' && (
          <button type="button" className="ow-unread-pill" onClick={() => setParams({ view: 'messages' }, { replace: true })}>
            <BellOutlined aria-hidden /> {t('messages.unreadCount', { count: unread })}
          </button>
        )}
      </div>
      {view === 'cases' ? <CaseList /> : <Notifications />}
      <div className="ow-my-apply">
        <FileAddOutlined aria-hidden /> {t('list.applyHint')} <Link to="/items?isOnline=true">{t('list.findItems')}</Link>
      </div>
    </div>
  );
}

export default function MyCasesPage() {
  return <ApplicantGate>{(me) => <MyCases me={me} />}</ApplicantGate>;
}
