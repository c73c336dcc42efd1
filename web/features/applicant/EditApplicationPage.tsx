/**
 * Continue an application (/my/cases/:id/edit): a draft, or one the window sent back with a one-time notice
 * (待补齐材料). Anything else has left the applicant's hands and opens as its progress page.
 */
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../api/types';
import type { MyCaseDetail } from '../../api/applicant.types';
import { ErrorState } from '../../components/States';
import { usePublicItem } from '../catalog/catalog.queries';
import { ApplicantGate } from './ApplicantGate';
import { ApplicationForm } from './ApplicationForm';
import { needsApplicant } from './CaseBits';
import { useMyCase } from './applicant.api';
import './applicant.css';

function WithItem({ c, me }: { c: MyCaseDetail; me: MeResponse }) {
  const item = usePublicItem(c.itemCode);
  if (item.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;
  return <ApplicationForm key={c.id} item={item.data} me={me} existing={c} />;
}

function EditApplication({ id, me }: { id: string; me: MeResponse }) {
  const { t } = useTranslation('applicant');
  const { t: tc } = useTranslation();
  const location = useLocation();
  const query = useMyCase(id);
  const draftSaved = (location.state as { draftSaved?: boolean } | null)?.draftSaved === true;
  // Judged on the first answer only: once this page submits the case, the form itself moves on to the result.
  const [firstPhase, setFirstPhase] = useState<MyCaseDetail['phase'] | null>(null);
  if (query.data && firstPhase === null) setFirstPhase(query.data.phase);

  useEffect(() => {
    document.title = `${t('apply.title')} · ${tc('app.name')}`;
  }, [t, tc]);

  if (firstPhase !== null && !needsApplicant(firstPhase)) return <Navigate to={`/my/cases/${id}`} replace />;
  return (
    <div className="ow-container ow-page ow-applicant">
      <nav className="ow-back" aria-label={t('progress.breadcrumb')}>
        <Link to="/my/cases">← {t('list.title')}</Link>
      </nav>
      {draftSaved && <Alert type="success" showIcon role="status" className="ow-next" message={t('apply.draftSavedNumber', { number: query.data?.number ?? '' })} />}
      {query.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} title={t('progress.notFound')} />}
      {query.data && <WithItem c={query.data} me={me} />}
    </div>
  );
}

export default function EditApplicationPage() {
  const { id = '' } = useParams();
  return <ApplicantGate>{(me) => <EditApplication id={id} me={me} />}</ApplicantGate>;
}
