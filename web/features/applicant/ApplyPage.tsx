/**
 * 在线申请 of one item (/apply/:code), reached from the guide's 在线申请 button. Signing in comes first (and
 * returns here); an item that cannot be applied for online says so and points to the window. A draft or a
 * returned application of the same item is offered instead of starting again.
 */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Page } from '../../api/types';
import type { MyCaseSummary } from '../../api/applicant.types';
import { ErrorState } from '../../components/States';
import { usePublicItem } from '../catalog/catalog.queries';
import { ApplicantGate } from './ApplicantGate';
import { ApplicationForm } from './ApplicationForm';
import { CASES_KEY } from './applicant.api';
import type { MeResponse } from '../../api/types';
import './applicant.css';

function OpenApplications({ itemId }: { itemId: string }) {
  const { t } = useTranslation('applicant');
  const open = useQuery({
    queryKey: [...CASES_KEY, 'open-of-item', itemId],
    queryFn: ({ signal }) => api.get<Page<MyCaseSummary>>('/api/cases', { itemId, phase: 'draft,awaiting_materials', limit: 5 }, signal),
  });
  if (!open.data?.items.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      className="ow-next"
      message={t('apply.openTitle')}
      description={
        <ul className="ow-todo-list">
          {open.data.items.map((c) => (
            <li key={c.id}>
              <Link to={`/my/cases/${c.id}/edit`}>
                {c.number}（{t(`phase.${c.phase}`)}）
              </Link>
            </li>
          ))}
        </ul>
      }
    />
  );
}

function Apply({ code, me }: { code: string; me: MeResponse }) {
  const { t } = useTranslation('applicant');
  const { t: tc } = useTranslation();
  const item = usePublicItem(code);

  useEffect(() => {
    document.title = `${t('apply.title')}${item.data ? ` · ${item.data.name}` : ''} · ${tc('app.name')}`;
  }, [item.data, t, tc]);

  return (
    <div className="ow-container ow-page ow-applicant">
      <nav className="ow-back" aria-label={t('progress.breadcrumb')}>
        <Link to={`/items/${encodeURIComponent(code)}`}>← {t('apply.backToGuide')}</Link>
      </nav>
      {item.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {item.isError && (
        <ErrorState
          error={item.error}
          onRetry={() => void item.refetch()}
          title={item.error instanceof ApiError && item.error.status === 404 ? t('apply.itemNotFound') : undefined}
        />
      )}
      {item.data && !item.data.isOnline && (
        <Alert
          type="warning"
          showIcon
          message={t('apply.notOnline', { name: item.data.name })}
          description={<Link to={`/items/${encodeURIComponent(code)}`}>{t('apply.readGuide')}</Link>}
        />
      )}
      {item.data?.isOnline && (
        <>
          <OpenApplications itemId={item.data.id} />
          <ApplicationForm item={item.data} me={me} />
        </>
      )}
    </div>
  );
}

export default function ApplyPage() {
  const { code = '' } = useParams();
  return <ApplicantGate>{(me) => <Apply code={code} me={me} />}</ApplicantGate>;
}
